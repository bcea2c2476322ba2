import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Candidate feedback (issue #6): one current row per application in `feedback` (the draft, or the
// approved text), and every saved state appended to `feedback_version`. History as separate rows
// keeps "one draft per application" a unique constraint and the current row a plain lookup.
// Structured feedback and the check result are JSON text on both databases.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  const json = sql.raw(t.json);

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('application_id', 'text', (c) =>
      c.notNull().unique().references('application.id').onDelete('cascade'),
    )
    // Bumped on every save: the optimistic lock for edits and approvals, and the history's number.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('structured', json, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('check_result', json, (c) => c.notNull())
    .addColumn('approved_by_type', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', ts)
    .addColumn('override_reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint('feedback_status_ck', sql`status in ('draft', 'approved')`)
    .addCheckConstraint(
      'feedback_approval_ck',
      sql`(status = 'approved') = (approved_at is not null and approved_by is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('feedback_org_application_idx')
    .on('feedback')
    .columns(['organisation_id', 'application_id'])
    .execute();

  await db.schema
    .createTable('feedback_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // composed | edited | approved
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('structured', json, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('check_result', json, (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint('feedback_version_event_ck', sql`event in ('composed', 'edited', 'approved')`)
    .execute();
  await db.schema
    .createIndex('feedback_version_uq')
    .on('feedback_version')
    .columns(['feedback_id', 'version'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback_version').execute();
  await db.schema.dropTable('feedback').execute();
}
