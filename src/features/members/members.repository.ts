import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isMemberRole, type MemberRole } from '../../domain/member-roles.ts';
import type { Member } from './members.schema.ts';

export interface Membership {
  memberId: string;
  organisationId: string;
  userId: string;
  role: string;
}

/** The user's membership in their active organisation, else their earliest one. */
export async function findMembershipForUser(
  db: Kysely<Database>,
  userId: string,
  activeOrganisationId: string | null,
): Promise<Membership | undefined> {
  let query = db
    .selectFrom('member')
    .select(['id', 'organizationId', 'userId', 'role'])
    .where('userId', '=', userId);
  if (activeOrganisationId) query = query.where('organizationId', '=', activeOrganisationId);
  const row = await query.orderBy('createdAt', 'asc').executeTakeFirst();
  if (!row) return activeOrganisationId ? findMembershipForUser(db, userId, null) : undefined;
  return { memberId: row.id, organisationId: row.organizationId, userId: row.userId, role: row.role };
}

function membersOf(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('member')
    .innerJoin('user', 'user.id', 'member.userId')
    .select([
      'member.id as id',
      'member.userId as userId',
      'user.name as name',
      'user.email as email',
      'member.role as role',
      'member.createdAt as joinedAt',
    ])
    .where('member.organizationId', '=', organisationId);
}

interface MemberRow {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  joinedAt: string;
}

function toMember(row: MemberRow): Member {
  // Only our code writes memberships, with our three roles; anything else is read as the least power.
  const role: MemberRole = isMemberRole(row.role) ? row.role : 'interviewer';
  return { ...row, role };
}

/** The organisation's members, earliest first. */
export async function listMembers(db: Kysely<Database>, organisationId: string): Promise<Member[]> {
  const rows = await membersOf(db, organisationId)
    .orderBy('member.createdAt', 'asc')
    .orderBy('member.id', 'asc')
    .execute();
  return rows.map(toMember);
}

export async function findMember(
  db: Kysely<Database>,
  organisationId: string,
  memberId: string,
): Promise<Member | undefined> {
  const row = await membersOf(db, organisationId).where('member.id', '=', memberId).executeTakeFirst();
  return row ? toMember(row) : undefined;
}

/** Whether someone with this email is already a member of the organisation. */
export async function isMemberByEmail(
  db: Kysely<Database>,
  organisationId: string,
  email: string,
): Promise<boolean> {
  const row = await membersOf(db, organisationId)
    .where('user.email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function isMemberByUserId(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('member')
    .select('id')
    .where('organizationId', '=', organisationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The organisation's admin memberships, locked on PostgreSQL until the transaction ends, so that two
 * admins demoting or removing each other at once cannot leave the organisation without one.
 * (SQLite runs one write transaction at a time.) Call it inside a transaction.
 */
export async function lockAdminMemberIds(
  tx: Kysely<Database>,
  dialect: DialectName,
  organisationId: string,
): Promise<string[]> {
  const rows = await tx
    .selectFrom('member')
    .select('id')
    .where('organizationId', '=', organisationId)
    .where('role', '=', 'admin')
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .execute();
  return rows.map((r) => r.id);
}

export async function updateMemberRole(
  db: Kysely<Database>,
  organisationId: string,
  memberId: string,
  role: MemberRole,
): Promise<boolean> {
  const result = await db
    .updateTable('member')
    .set({ role })
    .where('organizationId', '=', organisationId)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMember(
  db: Kysely<Database>,
  organisationId: string,
  memberId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('member')
    .where('organizationId', '=', organisationId)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
