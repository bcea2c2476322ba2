// A candidate's own contact details from their page, and email changes waiting for the new address.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ContactRow {
  email: string;
  phone: string | null;
}

export async function findContact(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('candidate')
    .select(['email', 'phone'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
}

export async function setContact(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  contact: Partial<ContactRow>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('candidate')
    .set({
      ...(contact.email !== undefined && { email: contact.email }),
      ...(contact.phone !== undefined && { phone: contact.phone }),
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .execute();
}

/** Any other candidate of the organisation already using the address. */
export async function emailTakenByAnother(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  email: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('candidate')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .where('id', '<>', candidateId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A new request replaces the candidate's unconfirmed ones, so only the latest link works. */
export async function replacePendingChange(
  db: Kysely<Database>,
  row: {
    id: string;
    organisationId: string;
    candidateId: string;
    newEmail: string;
    tokenHash: string;
    expiresAt: string;
  },
  now: Date,
): Promise<void> {
  await db
    .deleteFrom('candidate_email_change')
    .where('organisation_id', '=', row.organisationId)
    .where('candidate_id', '=', row.candidateId)
    .where('confirmed_at', 'is', null)
    .execute();
  await db
    .insertInto('candidate_email_change')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      candidate_id: row.candidateId,
      new_email: row.newEmail,
      token_hash: row.tokenHash,
      created_at: now.toISOString(),
      expires_at: row.expiresAt,
      confirmed_at: null,
    })
    .execute();
}

export interface PendingChange {
  id: string;
  organisation_id: string;
  candidate_id: string;
  new_email: string;
  created_at: string;
  expires_at: string;
}

const pendingColumns = [
  'id',
  'organisation_id',
  'candidate_id',
  'new_email',
  'created_at',
  'expires_at',
] as const;

/** The candidate's unconfirmed, unexpired change, for their page. */
export async function findPendingChange(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<PendingChange | undefined> {
  return db
    .selectFrom('candidate_email_change')
    .select(pendingColumns)
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('confirmed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function findChangeByToken(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<PendingChange | undefined> {
  return db
    .selectFrom('candidate_email_change')
    .select(pendingColumns)
    .where('token_hash', '=', tokenHash)
    .where('confirmed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** Marks the change confirmed; false when another request already did (the link works once). */
export async function markConfirmed(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('candidate_email_change')
    .set({ confirmed_at: now.toISOString() })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The worker's new token for a change's link, as its email goes; false when it no longer waits. */
export async function mintEmailChangeToken(
  db: Kysely<Database>,
  organisationId: string,
  changeId: string,
  tokenHash: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('candidate_email_change')
    .set({ token_hash: tokenHash })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', changeId)
    .where('confirmed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
