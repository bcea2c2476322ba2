import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface RoleKey {
  id: string;
  title: string;
  status: string;
}

/** The organisation's roles, to match a row's role by id or by title (read once per import). */
export async function listRoleKeys(db: Kysely<Database>, organisationId: string): Promise<RoleKey[]> {
  return db
    .selectFrom('role')
    .select(['id', 'title', 'status'])
    .where('organisation_id', '=', organisationId)
    .orderBy('id', 'asc')
    .execute();
}
