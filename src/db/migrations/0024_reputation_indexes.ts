import type { Kysely } from 'kysely';

// The reputation figures (GET /api/v1/metrics) count an organisation's applications decided in a
// period: a range read of this index instead of a scan of every application of the organisation
// (the period of being told has its index since 0017).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('application_org_decided_idx')
    .on('application')
    .columns(['organisation_id', 'decided_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('application_org_decided_idx').execute();
}
