import type { Kysely } from 'kysely';

// An archived framework leaves the role pickers; roles already on it, and their scorecards, keep it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('framework').addColumn('archived_at', 'text').execute();
}
