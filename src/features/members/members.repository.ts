import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

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
