import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Reputation (issue #14): each organisation's survey and public-promise settings, one row per
// application asked to rate its experience (the primary key makes the ask happen once), and the
// indexes the metrics read closed applications and survey answers by.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = sql.raw(columnTypes(dialectOf(db)).timestamp);

  await db.schema
    .createTable('reputation_settings')
    .addColumn('organisation_id', 'text', (c) =>
      c.primaryKey().references('organization.id').onDelete('cascade'),
    )
    .addColumn('survey_working_days', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('promise_published_at', ts)
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint('reputation_settings_days_ck', sql`survey_working_days between 0 and 30`)
    .execute();

  await db.schema
    .createTable('survey_request')
    .addColumn('application_id', 'text', (c) =>
      c.primaryKey().references('application.id').onDelete('cascade'),
    )
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    // sent | skipped (answered another survey in the last six months)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint('survey_request_status_ck', sql`status in ('sent', 'skipped')`)
    .execute();

  for (const [name, table, columns] of [
    ['application_org_told_idx', 'application', ['organisation_id', 'told_at']],
    ['application_told_idx', 'application', ['told_at']],
    ['survey_response_org_created_idx', 'survey_response', ['organisation_id', 'created_at']],
    ['survey_request_org_idx', 'survey_request', ['organisation_id', 'created_at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...columns])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'survey_request_org_idx',
    'survey_response_org_created_idx',
    'application_told_idx',
    'application_org_told_idx',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  await db.schema.dropTable('survey_request').execute();
  await db.schema.dropTable('reputation_settings').execute();
}
