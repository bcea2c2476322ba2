import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// The decision clock: the deadline stored on each application (with what reporting needs: when the last
// interview ended, when the decision was made, when the candidate was told), a role's own deadline,
// the organisation's settings and closure days, holding updates (slips), in-app notifications and the
// nudge ledger that makes every reminder exactly-once across workers.
//
// Local dates ('YYYY-MM-DD' in the venue's time zone) are text on both databases: they are compared
// with each other only (never with instants), and text keeps one shape on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);

  // SQLite adds one column per ALTER TABLE.
  const addToApplication = (name: string, type: 'text' | 'integer' | typeof ts, notNullZero = false) =>
    db.schema
      .alterTable('application')
      .addColumn(name, type, (c) => (notNullZero ? c.notNull().defaultTo(0) : c))
      .execute();
  // The end of the latest interview (in the future while one is still to come); null without interviews.
  await addToApplication('last_interview_ended_at', ts);
  // The local date the decision is due by; due at the end of that day in the venue's time zone.
  await addToApplication('decision_due_date', 'text');
  await addToApplication('decision_due_at', ts);
  // From when the hiring manager is reminded (and offered a holding update).
  await addToApplication('decision_remind_at', ts);
  // The date the candidate was last promised in a holding update: the deadline is never before it.
  await addToApplication('decision_promised_date', 'text');
  // How many holding updates (slips) have moved the deadline.
  await addToApplication('decision_slips', 'integer', true);
  await addToApplication('decided_at', ts);
  // When the candidate was told the outcome (set by the decisions feature).
  await addToApplication('told_at', ts);
  await db.schema
    .createIndex('application_decision_due_idx')
    .on('application')
    .columns(['stage', 'decision_due_at'])
    .execute();
  await db.schema
    .createIndex('application_org_due_idx')
    .on('application')
    .columns(['organisation_id', 'decision_due_at'])
    .execute();
  await db.schema
    .createIndex('application_last_interview_idx')
    .on('application')
    .columns(['stage', 'last_interview_ended_at'])
    .execute();

  await db.schema
    .alterTable('role')
    .addColumn('decision_working_days', 'integer', (c) =>
      c.check(sql`decision_working_days is null or decision_working_days between 1 and 30`),
    )
    .execute();

  await db.schema
    .createTable('decision_clock_settings')
    .addColumn('organisation_id', 'text', (c) =>
      c.primaryKey().references('organization.id').onDelete('cascade'),
    )
    .addColumn('working_days', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('automatic_holding_updates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint('decision_clock_settings_days_ck', sql`working_days between 1 and 30`)
    .execute();

  await db.schema
    .createTable('organisation_closure')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addPrimaryKeyConstraint('organisation_closure_pk', ['organisation_id', 'date'])
    .execute();

  await db.schema
    .createTable('decision_slip')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('from_due_date', 'text', (c) => c.notNull())
    .addColumn('to_due_date', 'text', (c) => c.notNull())
    .addColumn('automatic', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decision_slip_uq')
    .on('decision_slip')
    .columns(['application_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link_path', 'text')
    .addColumn('read_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['organisation_id', 'user_id', 'read_at', 'id'])
    .execute();

  // One row per nudge that happened; the unique key makes a second worker's attempt a no-op.
  await db.schema
    .createTable('nudge')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.references('application.id').onDelete('cascade'))
    .addColumn('subject', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('nudge_application_idx')
    .on('nudge')
    .columns(['kind', 'application_id', 'subject'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'nudge',
    'notification',
    'decision_slip',
    'organisation_closure',
    'decision_clock_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const index of [
    'application_decision_due_idx',
    'application_org_due_idx',
    'application_last_interview_idx',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('role').dropColumn('decision_working_days').execute();
  for (const column of [
    'last_interview_ended_at',
    'decision_due_date',
    'decision_due_at',
    'decision_remind_at',
    'decision_promised_date',
    'decision_slips',
    'decided_at',
    'told_at',
  ]) {
    await db.schema.alterTable('application').dropColumn(column).execute();
  }
}
