import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';

/** A reset is stored by the SHA-256 (hex) of its link's token: a database leak gives no link. */
export function resetTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface AccountRecord {
  userId: string;
  name: string;
  email: string;
  /** The organisation whose outbox carries the account's emails (its first membership). */
  organisationId: string | null;
}

export async function findAccountByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<AccountRecord | undefined> {
  const user = await db
    .selectFrom('user')
    .select(['id', 'name', 'email'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) return undefined;
  const membership = await db
    .selectFrom('member')
    .select('organizationId')
    .where('userId', '=', user.id)
    .orderBy('createdAt', 'asc')
    .executeTakeFirst();
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    organisationId: membership?.organizationId ?? null,
  };
}

export async function insertPasswordReset(
  db: Kysely<Database>,
  reset: { userId: string; organisationId: string; expiresAt: Date },
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto('password_reset')
    .values({
      id,
      user_id: reset.userId,
      organisation_id: reset.organisationId,
      token_hash: null,
      expires_at: reset.expiresAt.toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** How many resets an account asked for since `since` (the per-account limit). */
export async function countRecentResets(db: Kysely<Database>, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('password_reset')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mints the link's token as its email is sent; undefined when the reset was used or has expired. */
export async function mintPasswordResetToken(
  db: Kysely<Database>,
  organisationId: string,
  resetId: string,
  now: Date,
): Promise<string | undefined> {
  const token = randomBytes(32).toString('base64url');
  const result = await db
    .updateTable('password_reset')
    .set({ token_hash: resetTokenHash(token) })
    .where('id', '=', resetId)
    .where('organisation_id', '=', organisationId)
    .where('used_at', 'is', null)
    .where('token_hash', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? token : undefined;
}

/** Forgets a minted token whose email then did not go. */
export async function withdrawPasswordResetTokens(db: Kysely<Database>, resetIds: string[]): Promise<void> {
  if (resetIds.length === 0) return;
  await db.updateTable('password_reset').set({ token_hash: null }).where('id', 'in', resetIds).execute();
}

export interface UsableReset {
  id: string;
  userId: string;
  organisationId: string;
}

export async function findUsableReset(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<UsableReset | undefined> {
  const row = await db
    .selectFrom('password_reset')
    .select(['id', 'user_id', 'organisation_id'])
    .where('token_hash', '=', resetTokenHash(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id, organisationId: row.organisation_id } : undefined;
}

/** Uses a reset, and retires the account's other open ones; false when another request used it first. */
export async function useReset(db: Kysely<Database>, reset: UsableReset, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('password_reset')
    .set({ used_at: now.toISOString() })
    .where('id', '=', reset.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db
    .updateTable('password_reset')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', reset.userId)
    .where('used_at', 'is', null)
    .execute();
  return true;
}

export async function setPasswordHash(
  db: Kysely<Database>,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('account')
    .set({ password: passwordHash, updatedAt: now.toISOString() })
    .where('userId', '=', userId)
    .where('providerId', '=', 'credential')
    .execute();
}

/** Ends every sign-in session of the account (better-auth reads sessions from this table). */
export async function deleteSessionsOf(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await sql`delete from "session" where "userId" = ${userId}`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export async function setUserName(
  db: Kysely<Database>,
  userId: string,
  name: string,
  now: Date,
): Promise<void> {
  await db.updateTable('user').set({ name, updatedAt: now.toISOString() }).where('id', '=', userId).execute();
}

/** Every organisation the account belongs to (an account change is audited in each). */
export async function organisationsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('member').select('organizationId').where('userId', '=', userId).execute();
  return rows.map((r) => r.organizationId);
}

/** The account's email address now; undefined when the account is gone. */
export async function currentEmailOf(db: Kysely<Database>, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('user').select('email').where('id', '=', userId).executeTakeFirst();
  return row?.email;
}

export async function emailTaken(db: Kysely<Database>, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('user')
    .select('id')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}
