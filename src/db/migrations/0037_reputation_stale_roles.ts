import type { Kysely } from 'kysely';

// Roles whose reputation rollup rows are out of date: a write marks its role here, in its own
// transaction, and the rows are recounted once before the next dashboard read. A bulk change of a
// thousand applications of one role then costs one recount, not a thousand.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reputation_stale_role')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reputation_stale_role_pk', ['organisation_id', 'role_id'])
    .execute();
}
