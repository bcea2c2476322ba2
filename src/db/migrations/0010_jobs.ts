import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Background jobs (features/jobs): long work a person starts (drafting every message of a role,
// sending opportunities to the talent network) runs as a job with progress, claimed by any worker
// under a lease. Each job's steps are keyed in `job_step`, so a job whose worker died is resumed by
// another one without doing a step twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);

  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    // The handler that runs it, e.g. close-the-rest.draft.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // What the handler is given (JSON), written when the job is started.
    .addColumn('input', 'text', (c) => c.notNull())
    // One running job of a kind for one thing (e.g. a role): unique while queued or running.
    .addColumn('dedupe_key', 'text')
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Not claimed before this instant (a retry after an unexpected error waits a little).
    .addColumn('run_after', ts, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', ts)
    // `member:<user id>`, `api_key:<id>` or null for the system.
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('started_at', ts)
    .addColumn('finished_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint(
      'job_status_ck',
      sql`status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`,
    )
    .execute();
  await db.schema.createIndex('job_due_idx').on('job').columns(['status', 'run_after']).execute();
  await db.schema.createIndex('job_org_idx').on('job').columns(['organisation_id', 'id']).execute();
  await db.schema
    .createIndex('job_active_key_idx')
    .on('job')
    .columns(['organisation_id', 'dedupe_key'])
    .unique()
    .where(sql.ref('status'), 'in', sql`('queued', 'running')`)
    .execute();

  await db.schema
    .createTable('job_step')
    .addColumn('job_id', 'text', (c) => c.notNull().references('job.id').onDelete('cascade'))
    // Unique within the job, e.g. `draft:<application id>`.
    .addColumn('key', 'text', (c) => c.notNull())
    // What the step returned (JSON), so a resumed job can build its result from every step.
    .addColumn('result', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('job_step_pk', ['job_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_step').execute();
  await db.schema.dropTable('job').execute();
}
