// All Kysely of background jobs. Claiming is one statement on both databases, as for the outbox: on
// PostgreSQL the due job is locked with FOR UPDATE SKIP LOCKED, so workers each take a different one;
// on SQLite a single UPDATE … RETURNING holds the write lock from start to end. Every write a worker
// makes while running checks that the lease is still its own (status running, lease_owner = it), so
// a worker that lost its job (lease expired, cancelled) changes nothing.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import { pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { JobTable } from '../../db/schema-jobs.ts';
import type { Page } from '../common.schema.ts';
import type { Job, JobListQuery, JobStatus } from './jobs.schema.ts';

const columns = [
  'id',
  'organisation_id',
  'kind',
  'status',
  'input',
  'dedupe_key',
  'total',
  'done',
  'result',
  'error',
  'attempts',
  'run_after',
  'lease_owner',
  'lease_expires_at',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
  'updated_at',
] as const;
type JobRow = Pick<Selectable<JobTable>, (typeof columns)[number]>;

/** A job as the runner and services see it (the API shows `toJob` of it). */
export interface JobRecord {
  id: string;
  organisationId: string;
  kind: string;
  status: JobStatus;
  input: unknown;
  dedupeKey: string | null;
  total: number;
  done: number;
  result: unknown;
  error: string | null;
  attempts: number;
  leaseOwner: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    kind: row.kind,
    status: row.status as JobStatus,
    input: parseJson(row.input),
    dedupeKey: row.dedupe_key,
    total: Number(row.total),
    done: Number(row.done),
    result: parseJson(row.result),
    error: row.error,
    attempts: Number(row.attempts),
    leaseOwner: row.lease_owner,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    updatedAt: iso(row.updated_at)!,
  };
}

/** The API's view of a job. */
export function toJob(record: JobRecord): Job {
  const [kind, id] = record.createdBy?.split(':') ?? [];
  const progress =
    record.status === 'succeeded' ? 1 : record.total > 0 ? Math.min(1, record.done / record.total) : 0;
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    total: record.total,
    done: record.done,
    progress,
    result: record.result,
    error: record.error,
    attempts: record.attempts,
    createdBy: (kind === 'member' || kind === 'api_key') && id ? { kind, id } : null,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    updatedAt: record.updatedAt,
  };
}

export interface NewJob {
  id: string;
  organisationId: string;
  kind: string;
  input: unknown;
  dedupeKey: string | null;
  total: number;
  createdBy: string | null;
}

/** Inserts a queued job; false when a job with the same dedupe key is already queued or running. */
export async function insertJob(db: Kysely<Database>, job: NewJob, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .insertInto('job')
    .values({
      id: job.id,
      organisation_id: job.organisationId,
      kind: job.kind,
      status: 'queued',
      input: JSON.stringify(job.input ?? null),
      dedupe_key: job.dedupeKey,
      total: job.total,
      done: 0,
      result: null,
      error: null,
      attempts: 0,
      run_after: at,
      lease_owner: null,
      lease_expires_at: null,
      created_by: job.createdBy,
      created_at: at,
      started_at: null,
      finished_at: null,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'dedupe_key'])
        .where(sql.ref('status'), 'in', sql`('queued', 'running')`)
        .doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findJob(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<JobRecord | undefined> {
  const row = await db
    .selectFrom('job')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The queued or running job with this dedupe key, if any. */
export async function findActiveJobByKey(
  db: Kysely<Database>,
  organisationId: string,
  dedupeKey: string,
): Promise<JobRecord | undefined> {
  const row = await db
    .selectFrom('job')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('dedupe_key', '=', dedupeKey)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The newest job with this dedupe key, whatever its status. */
export async function findLatestJobByKey(
  db: Kysely<Database>,
  organisationId: string,
  dedupeKey: string,
): Promise<JobRecord | undefined> {
  const row = await db
    .selectFrom('job')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('dedupe_key', '=', dedupeKey)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listJobs(
  db: Kysely<Database>,
  organisationId: string,
  query: JobListQuery,
): Promise<Page<JobRecord>> {
  let q = db.selectFrom('job').select(columns).where('organisation_id', '=', organisationId);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return { data: page.rows.map(toRecord), nextCursor: page.nextCursor };
}

/**
 * Takes one due job of these kinds — queued with run_after ≤ now, or running with an expired lease
 * (its worker stopped) — marks it running under this worker's lease and counts the attempt.
 */
export async function claimJob(
  db: Kysely<Database>,
  dialect: DialectName,
  claim: { owner: string; now: Date; leaseMs: number; kinds: readonly string[]; jobId?: string },
): Promise<JobRecord | undefined> {
  if (claim.kinds.length === 0) return undefined;
  const now = claim.now.toISOString();
  const leaseUntil = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
  const kinds = sql.join(claim.kinds.map((k) => sql`${k}`));
  const only = claim.jobId ? sql`and job.id = ${claim.jobId}` : sql``;
  const due = sql`job.kind in (${kinds}) ${only} and (
      (job.status = 'queued' and job.run_after <= ${now})
      or (job.status = 'running' and job.lease_expires_at <= ${now}))`;
  const set = sql`status = 'running', lease_owner = ${claim.owner}, lease_expires_at = ${leaseUntil},
      attempts = job.attempts + 1, updated_at = ${now}, started_at = coalesce(job.started_at, ${now})`;
  const returning = sql.raw(columns.map((c) => `job.${c}`).join(', '));
  const query =
    dialect === 'postgres'
      ? sql<JobRow>`with due as (
          select job.id from job where ${due}
          order by job.run_after, job.id
          limit 1
          for update skip locked)
        update job set ${set}
        from due where job.id = due.id
        returning ${returning}`
      : sql<JobRow>`update job set ${set}
        where job.id in (
          select job.id from job where ${due}
          order by job.run_after, job.id
          limit 1)
        returning ${returning}`;
  const { rows } = await query.execute(db);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** Keeps the job this worker's for another lease; false when it is no longer its own. */
export async function renewJobLease(
  db: Kysely<Database>,
  id: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setJobTotal(
  db: Kysely<Database>,
  id: string,
  owner: string,
  total: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ total, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The steps of a job already done, with what each returned. */
export async function listJobSteps(db: Kysely<Database>, jobId: string): Promise<Map<string, unknown>> {
  const rows = await db
    .selectFrom('job_step')
    .select(['key', 'result'])
    .where('job_id', '=', jobId)
    .execute();
  return new Map(rows.map((r) => [r.key, parseJson(r.result)]));
}

/**
 * Claims a step inside the step's transaction: true when this transaction wrote its key (so it does
 * the work), false when it is done already. On PostgreSQL a concurrent claim of the same key waits for
 * the first transaction and then does nothing.
 */
export async function claimJobStep(
  db: Kysely<Database>,
  jobId: string,
  key: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('job_step')
    .values({ job_id: jobId, key, result: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['job_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function saveJobStepResult(
  db: Kysely<Database>,
  jobId: string,
  key: string,
  result: unknown,
): Promise<void> {
  await db
    .updateTable('job_step')
    .set({ result: result === undefined ? null : JSON.stringify(result) })
    .where('job_id', '=', jobId)
    .where('key', '=', key)
    .execute();
}

/** Counts a step done and renews the lease, in the step's transaction; false when the job is not this worker's. */
export async function countJobStep(
  db: Kysely<Database>,
  id: string,
  owner: string,
  counts: boolean,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set((eb) => ({
      done: counts ? eb('done', '+', 1) : eb.ref('done'),
      lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Finishes a running job of this worker's: succeeded with its result, or failed with why. */
export async function finishJob(
  db: Kysely<Database>,
  id: string,
  owner: string,
  outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: string },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('job')
    .set({
      status: outcome.status,
      // Done with: an import's rows are personal data and go once the job has finished.
      input: 'null',
      result: outcome.status === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
      error: outcome.status === 'failed' ? outcome.error.slice(0, 2000) : null,
      lease_owner: null,
      lease_expires_at: null,
      finished_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Hands a running job back to the queue (shutdown, or a retry at `runAfter`); the attempt is kept. */
export async function releaseJob(
  db: Kysely<Database>,
  id: string,
  owner: string,
  now: Date,
  runAfter: Date = now,
  error: string | null = null,
): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({
      status: 'queued',
      lease_owner: null,
      lease_expires_at: null,
      run_after: runAfter.toISOString(),
      ...(error !== null && { error: error.slice(0, 2000) }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Fails a job whose workers kept stopping (claimed, but not by a handler that could finish it). */
export async function failJob(db: Kysely<Database>, id: string, error: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('job')
    .set({
      status: 'failed',
      input: 'null',
      error: error.slice(0, 2000),
      lease_owner: null,
      lease_expires_at: null,
      finished_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/** Cancels a queued or running job; its runner stops before its next step. */
export async function cancelJob(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('job')
    .set({
      status: 'cancelled',
      input: 'null',
      lease_owner: null,
      lease_expires_at: null,
      finished_at: at,
      updated_at: at,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The status of a job, whoever's it is (the runner asks after losing its lease). */
export async function findJobStatus(db: Kysely<Database>, id: string): Promise<JobStatus | undefined> {
  const row = await db.selectFrom('job').select(['status']).where('id', '=', id).executeTakeFirst();
  return row?.status as JobStatus | undefined;
}
