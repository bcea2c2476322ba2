// Background jobs: long work a person starts is written as a job inside the transaction of the request
// that starts it (`startJob(tx, …)`), then run by the job runner (src/jobs/job-runner.ts) in any
// `serve` or `worker` process. A handler, registered by kind, does its work in keyed steps
// (`run.step(key, work)`): each step commits with the job's progress in one transaction, and a step
// already done is never done again, so a job whose worker died is resumed by another from where it was.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Page } from '../common.schema.ts';
import * as repo from './jobs.repository.ts';
import { finishedJobStatuses, type Job, type JobListQuery } from './jobs.schema.ts';

/** What a handler is given while it runs its job. */
export interface JobRun<I> {
  job: repo.JobRecord;
  input: I;
  ctx: AppContext;
  /** Aborted when the process is stopping: the job goes back to the queue and resumes elsewhere. */
  signal: AbortSignal;
  /** How many counted steps the job has; shown as `total` (progress is done / total). */
  setTotal(total: number): Promise<void>;
  /**
   * Runs `work` once for this job and `key`, in one transaction with the job's progress. A key done
   * before (by this worker or one that stopped) is skipped and its stored result returned. `work`'s
   * result is stored as JSON. `counts: false` for steps that are not part of `total`.
   */
  step<T>(
    key: string,
    work: (tx: Kysely<Database>) => Promise<T>,
    options?: { counts?: boolean },
  ): Promise<T>;
  /** Every step done so far with its result (after a resume, the steps of the earlier attempts too). */
  steps(): ReadonlyMap<string, unknown>;
}

/** A kind of job: how its input is read and how it runs. */
export interface JobHandler<I, R> {
  kind: string;
  input: z.ZodType<I>;
  run(run: JobRun<I>): Promise<R>;
}

/** A handler with its types erased, for the runner's registry. */
export interface RegisteredJobHandler {
  kind: string;
  execute(run: JobRun<unknown>): Promise<unknown>;
}

export function defineJobHandler<I, R>(handler: JobHandler<I, R>): RegisteredJobHandler {
  return {
    kind: handler.kind,
    execute: (run) => {
      const parsed = handler.input.safeParse(run.input);
      if (!parsed.success) {
        throw new AppError(
          'validation_failed',
          `This ${handler.kind} job was started with input it cannot use: ${parsed.error.message}`,
        );
      }
      return handler.run({ ...run, input: parsed.data });
    },
  };
}

/** Handlers by kind; a kind registered twice is a programming error. */
export function jobRegistry(handlers: readonly RegisteredJobHandler[]): Map<string, RegisteredJobHandler> {
  const byKind = new Map<string, RegisteredJobHandler>();
  for (const handler of handlers) {
    if (byKind.has(handler.kind)) throw new Error(`Two job handlers for the kind ${handler.kind}`);
    byKind.set(handler.kind, handler);
  }
  return byKind;
}

// In-process wake-ups: a runner in this process starts a job it is told about at once instead of at
// its next poll. Runners in other processes find it at their next poll.
const wakeListeners = new Set<() => void>();

/** Subscribes a runner; returns the unsubscribe. */
export function onJobQueued(listener: () => void): () => void {
  wakeListeners.add(listener);
  return () => wakeListeners.delete(listener);
}

/** Call after the transaction that started a job has committed. */
export function jobQueued(): void {
  for (const listener of wakeListeners) listener();
}

export interface StartJobInput {
  organisationId: string;
  kind: string;
  input: unknown;
  /** While a job with this key is queued or running, starting another returns it instead. */
  dedupeKey?: string;
  /** Known up front (otherwise the handler sets it). */
  total?: number;
  createdBy: Actor | 'system';
}

function createdByOf(actor: Actor | 'system'): string | null {
  if (actor === 'system') return null;
  return actor.kind === 'member' ? `member:${actor.userId}` : `api_key:${actor.apiKeyId}`;
}

/**
 * Writes a queued job inside `tx`, the caller's transaction, so the job exists exactly when the change
 * that asks for it does. Call `jobQueued()` once the transaction has committed.
 */
export async function startJob(
  tx: Kysely<Database>,
  now: Date,
  input: StartJobInput,
): Promise<{ job: repo.JobRecord; created: boolean }> {
  const dedupeKey = input.dedupeKey ?? null;
  if (dedupeKey) {
    const active = await repo.findActiveJobByKey(tx, input.organisationId, dedupeKey);
    if (active) return { job: active, created: false };
  }
  const id = newId(now.getTime());
  const inserted = await repo.insertJob(
    tx,
    {
      id,
      organisationId: input.organisationId,
      kind: input.kind,
      input: input.input,
      dedupeKey,
      total: input.total ?? 0,
      createdBy: createdByOf(input.createdBy),
    },
    now,
  );
  if (!inserted && dedupeKey) {
    // Started by another request at the same moment.
    const active = await repo.findActiveJobByKey(tx, input.organisationId, dedupeKey);
    if (active) return { job: active, created: false };
  }
  const job = await repo.findJob(tx, input.organisationId, id);
  if (!job) throw new Error(`The ${input.kind} job was neither written nor found`);
  return { job, created: true };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function jobService(ctx: AppContext) {
  async function record(organisationId: string, id: string): Promise<repo.JobRecord> {
    const found = await repo.findJob(ctx.kysely, organisationId, id);
    if (!found) throw notFound('Job');
    return found;
  }

  return {
    async get(organisationId: string, id: string): Promise<Job> {
      return repo.toJob(await record(organisationId, id));
    },

    async list(organisationId: string, query: JobListQuery): Promise<Page<Job>> {
      const page = await repo.listJobs(ctx.kysely, organisationId, query);
      return { data: page.data.map(repo.toJob), nextCursor: page.nextCursor };
    },

    /** Stops a queued or running job before its next step; steps already done stay done. */
    async cancel(organisationId: string, id: string, actor: Actor): Promise<Job> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const job = await repo.findJob(tx, organisationId, id);
        if (!job) throw notFound('Job');
        if (!(await repo.cancelJob(tx, organisationId, id, now))) {
          throw new AppError(
            'conflict',
            `This job has already ${job.status === 'cancelled' ? 'been cancelled' : job.status}: there is nothing to stop`,
          );
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'job.cancelled',
            subjectType: 'job',
            subjectId: id,
            detail: { kind: job.kind, done: job.done, total: job.total },
          },
          now,
        );
      });
      return repo.toJob(await record(organisationId, id));
    },

    /**
     * Waits (real time, polling the database) up to `timeoutMs` for the job to finish, so a small job
     * can answer in the request that started it; returns it as it is then.
     */
    async waitFor(organisationId: string, id: string, timeoutMs: number): Promise<repo.JobRecord> {
      const deadline = Date.now() + timeoutMs;
      let interval = 10;
      for (;;) {
        const job = await record(organisationId, id);
        if (finishedJobStatuses.includes(job.status) || Date.now() >= deadline) return job;
        await sleep(Math.min(interval, Math.max(1, deadline - Date.now())));
        interval = Math.min(interval * 2, 200);
      }
    },
  };
}
export type JobService = ReturnType<typeof jobService>;
