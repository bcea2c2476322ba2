import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isMemberRole, type MemberRole, memberRoles } from '../../domain/member-roles.ts';
import { newId } from '../../ids.ts';

/** An invitation row is keyed by the SHA-256 (hex) of its link's token: a database leak gives no link. */
export function invitationIdForToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface InvitationRecord {
  id: string;
  organisationId: string;
  email: string;
  role: MemberRole;
  /** As stored: pending, accepted, canceled (or better-auth's rejected). Expiry is not applied. */
  status: string;
  expiresAt: string;
  createdAt: string;
  inviterId: string;
  inviterName: string;
}

function invitationsWithInviter(db: Kysely<Database>) {
  return (
    db
      .selectFrom('invitation')
      .innerJoin('user', 'user.id', 'invitation.inviterId')
      .select([
        'invitation.id as id',
        'invitation.organizationId as organisationId',
        'invitation.email as email',
        'invitation.role as role',
        'invitation.status as status',
        'invitation.expiresAt as expiresAt',
        'invitation.createdAt as createdAt',
        'invitation.inviterId as inviterId',
        'user.name as inviterName',
      ])
      // Our invitations always carry one of our roles.
      .where('invitation.role', 'in', memberRoles)
  );
}

type Row = Omit<InvitationRecord, 'role'> & { role: string | null };

function toRecord(row: Row): InvitationRecord {
  return { ...row, role: isMemberRole(row.role) ? row.role : 'interviewer' };
}

export async function insertInvitation(
  db: Kysely<Database>,
  invitation: {
    id: string;
    organisationId: string;
    email: string;
    role: MemberRole;
    expiresAt: Date;
    inviterId: string;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('invitation')
    .values({
      id: invitation.id,
      organizationId: invitation.organisationId,
      email: invitation.email.toLowerCase(),
      role: invitation.role,
      status: 'pending',
      expiresAt: invitation.expiresAt.toISOString(),
      createdAt: now.toISOString(),
      inviterId: invitation.inviterId,
    })
    .execute();
}

/** Cancels the pending invitations for an email (a new one replaces them); returns how many. */
export async function cancelPendingInvitationsFor(
  db: Kysely<Database>,
  organisationId: string,
  email: string,
): Promise<number> {
  const result = await db
    .updateTable('invitation')
    .set({ status: 'canceled' })
    .where('organizationId', '=', organisationId)
    .where('email', '=', email.toLowerCase())
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Invitations still waiting for an answer and not expired, newest first. */
export async function listPendingInvitations(
  db: Kysely<Database>,
  organisationId: string,
  now: Date,
): Promise<InvitationRecord[]> {
  const rows = await invitationsWithInviter(db)
    .where('invitation.organizationId', '=', organisationId)
    .where('invitation.status', '=', 'pending')
    .where('invitation.expiresAt', '>', now.toISOString())
    .orderBy('invitation.createdAt', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function findInvitation(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<InvitationRecord | undefined> {
  const row = await invitationsWithInviter(db)
    .where('invitation.organizationId', '=', organisationId)
    .where('invitation.id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * The invitation whose link holds this token, in whichever organisation, with the organisation's
 * name. With `lock`, the row is locked on PostgreSQL until the transaction ends.
 */
export async function findInvitationByToken(
  db: Kysely<Database>,
  token: string,
  lock: { dialect: DialectName } | undefined = undefined,
): Promise<(InvitationRecord & { organisationName: string; organisationSlug: string }) | undefined> {
  const row = await invitationsWithInviter(db)
    .innerJoin('organization', 'organization.id', 'invitation.organizationId')
    .select(['organization.name as organisationName', 'organization.slug as organisationSlug'])
    // The admin's copy of the link is the invitation's own id; the emailed one was minted at sending.
    .where((eb) =>
      eb.or([
        eb('invitation.id', '=', invitationIdForToken(token)),
        eb(
          'invitation.id',
          'in',
          eb
            .selectFrom('invitation_link')
            .select('invitation_link.invitation_id')
            .where('invitation_link.token_hash', '=', invitationIdForToken(token)),
        ),
      ]),
    )
    .$if(lock?.dialect === 'postgres', (q) => q.forUpdate('invitation'))
    .executeTakeFirst();
  return row
    ? { ...toRecord(row), organisationName: row.organisationName, organisationSlug: row.organisationSlug }
    : undefined;
}

/**
 * A new link to a pending, unexpired invitation, for its email as it is sent; undefined when the
 * invitation can no longer be accepted (then the email must not go).
 */
export async function mintInvitationToken(
  db: Kysely<Database>,
  organisationId: string,
  invitationId: string,
  now: Date,
): Promise<{ token: string; linkId: string } | undefined> {
  const invitation = await db
    .selectFrom('invitation')
    .select('id')
    .where('organizationId', '=', organisationId)
    .where('id', '=', invitationId)
    .where('status', '=', 'pending')
    .where('expiresAt', '>', now.toISOString())
    .executeTakeFirst();
  if (!invitation) return undefined;
  const token = randomBytes(32).toString('base64url');
  const linkId = newId(now.getTime());
  await db
    .insertInto('invitation_link')
    .values({
      id: linkId,
      organisation_id: organisationId,
      invitation_id: invitationId,
      token_hash: invitationIdForToken(token),
      created_at: now.toISOString(),
    })
    .execute();
  return { token, linkId };
}

/** Withdraws links minted for an email that then could not be sent. */
export async function deleteInvitationLinks(db: Kysely<Database>, linkIds: string[]): Promise<void> {
  if (linkIds.length > 0) await db.deleteFrom('invitation_link').where('id', 'in', linkIds).execute();
}

/** Moves an invitation from pending to another status; false when it was no longer pending. */
export async function settleInvitation(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  status: 'accepted' | 'canceled',
): Promise<boolean> {
  const result = await db
    .updateTable('invitation')
    .set({ status })
    .where('organizationId', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
