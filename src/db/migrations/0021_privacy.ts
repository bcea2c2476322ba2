import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Privacy by default (issue #15): when a candidate was anonymised and whether a legal hold pauses
// retention for them, and each organisation's retention periods (one row, created on first save).
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = sql.raw(columnTypes(dialectOf(db)).timestamp);
  for (const [name, type] of [
    ['anonymised_at', ts],
    ['legal_hold_at', ts],
    ['legal_hold_reason', sql.raw('text')],
  ] as const) {
    await db.schema.alterTable('candidate').addColumn(name, type).execute();
  }

  await db.schema
    .createTable('privacy_settings')
    .addColumn('organisation_id', 'text', (c) =>
      c.primaryKey().references('organization.id').onDelete('cascade'),
    )
    .addColumn('candidate_months', 'integer', (c) => c.notNull().defaultTo(6))
    .addColumn('message_body_days', 'integer', (c) => c.notNull().defaultTo(90))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint('privacy_settings_months_ck', sql`candidate_months between 1 and 72`)
    .addCheckConstraint('privacy_settings_days_ck', sql`message_body_days between 1 and 3650`)
    .execute();

  await db.schema
    .createIndex('candidate_org_anonymised_idx')
    .on('candidate')
    .columns(['organisation_id', 'anonymised_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('candidate_org_anonymised_idx').ifExists().execute();
  await db.schema.dropTable('privacy_settings').execute();
  for (const name of ['legal_hold_reason', 'legal_hold_at', 'anonymised_at']) {
    await db.schema.alterTable('candidate').dropColumn(name).execute();
  }
}
