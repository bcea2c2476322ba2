import type { Kysely } from 'kysely';

// The roles list counts each role's applications and those still active: with the stage in the
// role's index that count reads only the index (a role of 200 applications: 200 entries, no rows).
// The pipeline still reads the same index in id order.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('application_org_role_idx').execute();
  await db.schema
    .createIndex('application_org_role_idx')
    .on('application')
    .columns(['organisation_id', 'role_id', 'id', 'stage'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('application_org_role_idx').execute();
  await db.schema
    .createIndex('application_org_role_idx')
    .on('application')
    .columns(['organisation_id', 'role_id', 'id'])
    .execute();
}
