// The job runner: claims background jobs (features/jobs) one at a time under a lease and runs each
// with its kind's handler. Runs inside `followspot serve` (unless --no-worker) and `followspot worker`;
// any number can share one PostgreSQL. A runner that stops (SIGTERM) hands its job back to the queue;
// one that dies (SIGKILL, power cut) leaves its lease to expire, and the next runner resumes the job:
// its steps are keyed, so nothing done is done again.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { AppContext } from '../app-context.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import * as repo from '../features/jobs/jobs.repository.ts';
import {
  type JobRun,
  jobRegistry,
  onJobQueued,
  type RegisteredJobHandler,
} from '../features/jobs/jobs.service.ts';
import { jobHandlers } from './job-handlers.ts';
import { abortableSleep, backoffDelay, type WorkerLogger } from './outbox-worker.ts';

export interface JobRunnerTuning {
  /** How long to wait for a job when there was none (default 1 s; a job started in this process wakes it). */
  pollIntervalMs?: number;
  /** How long a claim stays this runner's without a sign of life (default 60 s). */
  leaseMs?: number;
  /** Starts before a job that keeps failing unexpectedly, or whose runners keep dying, is failed (default 5). */
  maxAttempts?: number;
  /** First delay before retrying after an unexpected error, doubled each time (default 5 s). */
  retryBaseMs?: number;
}

export interface JobRunnerOptions extends JobRunnerTuning {
  ctx: AppContext;
  handlers?: readonly RegisteredJobHandler[];
  workerId?: string;
  logger?: WorkerLogger;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

export type JobOutcome =
  | 'none'
  | 'succeeded'
  | 'failed'
  | 'retrying'
  | 'cancelled'
  /** Another runner holds it now (this one's lease expired). */
  | 'lost'
  /** Handed back to the queue because this runner is stopping. */
  | 'released';

export interface JobRunner {
  readonly id: string;
  start(): void;
  /** Stops the job in progress before its next step (it goes back to the queue) and stops. */
  stop(): Promise<void>;
  /** Claims and runs one job, if one is due. */
  runOnce(): Promise<{ jobId: string | null; outcome: JobOutcome }>;
}

/** This runner no longer holds the job (lease taken over, or the job was cancelled). */
class JobLost extends Error {}
/** The runner is stopping. */
class JobInterrupted extends Error {}

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { ctx } = options;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const handlers = jobRegistry(options.handlers ?? jobHandlers);
  const kinds = [...handlers.keys()];
  const log = options.logger ?? silentLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 5_000;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const db = ctx.kysely;

  let stopping = false;
  let running: Promise<void> | undefined;
  const stop = new AbortController();
  let nap: AbortController | undefined;
  // A wake-up that arrives while the runner is claiming (not napping) must not be lost to the next nap.
  let woken = false;
  let unsubscribe: (() => void) | undefined;

  async function execute(job: repo.JobRecord, handler: RegisteredJobHandler): Promise<JobOutcome> {
    const done = await repo.listJobSteps(db, job.id);
    let lost = false;
    const heartbeat = setInterval(
      () => {
        repo
          .renewJobLease(db, job.id, id, ctx.now(), leaseMs)
          .then((mine) => {
            if (!mine) lost = true;
          })
          .catch((err: unknown) => log.warn({ worker: id, job: job.id, err }, 'job lease not renewed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    const run: JobRun<unknown> = {
      job,
      input: job.input,
      ctx,
      signal: stop.signal,
      async setTotal(total) {
        if (!(await repo.setJobTotal(db, job.id, id, total, ctx.now()))) throw new JobLost();
      },
      async step<T>(
        key: string,
        work: (tx: Kysely<Database>) => Promise<T>,
        stepOptions: { counts?: boolean } = {},
      ): Promise<T> {
        if (done.has(key)) return done.get(key) as T;
        if (lost) throw new JobLost();
        if (stop.signal.aborted) throw new JobInterrupted();
        const outcome = await db.transaction().execute(async (tx) => {
          const now = ctx.now();
          if (!(await repo.claimJobStep(tx, job.id, key, now))) return { skipped: true as const };
          // Stored as JSON, and returned as it will read back after a resume.
          const value = (await work(tx)) ?? null;
          const stored = JSON.parse(JSON.stringify(value)) as T;
          await repo.saveJobStepResult(tx, job.id, key, stored);
          if (!(await repo.countJobStep(tx, job.id, id, stepOptions.counts !== false, now, leaseMs))) {
            throw new JobLost();
          }
          return { skipped: false as const, value: stored };
        });
        if (outcome.skipped) {
          // Done by another runner meanwhile: read what it stored.
          for (const [k, v] of await repo.listJobSteps(db, job.id)) done.set(k, v);
          return done.get(key) as T;
        }
        done.set(key, outcome.value);
        return outcome.value;
      },
      steps: () => done,
    };
    try {
      const result = await handler.execute(run);
      if (await repo.finishJob(db, job.id, id, { status: 'succeeded', result }, ctx.now())) {
        log.info({ worker: id, job: job.id, kind: job.kind }, 'job succeeded');
        return 'succeeded';
      }
      return (await repo.findJobStatus(db, job.id)) === 'cancelled' ? 'cancelled' : 'lost';
    } catch (err) {
      const now = ctx.now();
      if (err instanceof JobLost) {
        return (await repo.findJobStatus(db, job.id)) === 'cancelled' ? 'cancelled' : 'lost';
      }
      if (err instanceof JobInterrupted) {
        await repo.releaseJob(db, job.id, id, now);
        return 'released';
      }
      if (err instanceof AppError) {
        // A person's problem (a role deleted meanwhile, input it cannot use): retrying will not help.
        await repo.finishJob(db, job.id, id, { status: 'failed', error: err.message }, now);
        log.warn({ worker: id, job: job.id, kind: job.kind, error: err.message }, 'job failed');
        return 'failed';
      }
      const message = err instanceof Error ? err.message : String(err);
      log.error({ worker: id, job: job.id, kind: job.kind, err }, 'job stopped by an unexpected error');
      if (job.attempts < maxAttempts) {
        const delay = backoffDelay(job.attempts, retryBaseMs, 10 * retryBaseMs, random);
        await repo.releaseJob(
          db,
          job.id,
          id,
          now,
          new Date(now.getTime() + delay),
          `Interrupted by an error; trying again shortly (${message})`,
        );
        return 'retrying';
      }
      await repo.finishJob(
        db,
        job.id,
        id,
        {
          status: 'failed',
          error: `Stopped after ${job.attempts} attempts by an error on our side (${message}). What was done before the error is kept; start it again to finish the rest.`,
        },
        now,
      );
      return 'failed';
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function runOnce(): Promise<{ jobId: string | null; outcome: JobOutcome }> {
    if (stopping) return { jobId: null, outcome: 'none' };
    const job = await repo.claimJob(db, ctx.db.dialect, { owner: id, now: ctx.now(), leaseMs, kinds });
    if (!job) return { jobId: null, outcome: 'none' };
    if (job.attempts > maxAttempts) {
      await repo.failJob(
        db,
        job.id,
        `Gave up after ${job.attempts - 1} attempts: the worker running it stopped each time. What was done is kept; start it again to finish the rest.`,
        ctx.now(),
      );
      return { jobId: job.id, outcome: 'failed' };
    }
    const handler = handlers.get(job.kind)!;
    return { jobId: job.id, outcome: await execute(job, handler) };
  }

  async function loop(): Promise<void> {
    let streak = 0;
    while (!stopping) {
      let delay = 0;
      woken = false;
      try {
        const { outcome } = await runOnce();
        streak = 0;
        if (outcome === 'none') delay = pollIntervalMs;
      } catch (err) {
        streak += 1;
        delay = backoffDelay(streak, pollIntervalMs, 60_000, random);
        log.error({ worker: id, err }, 'job runner: claiming failed; backing off');
      }
      if (delay > 0 && !stopping && !woken) {
        const wake = new AbortController();
        nap = wake;
        const onStop = () => wake.abort();
        stop.signal.addEventListener('abort', onStop, { once: true });
        try {
          await sleep(delay, wake.signal);
        } finally {
          // One listener per nap on the runner's lifelong signal would pile up (MaxListenersExceededWarning).
          stop.signal.removeEventListener('abort', onStop);
        }
      }
    }
  }

  return {
    id,
    start() {
      if (running) return;
      unsubscribe = onJobQueued(() => {
        woken = true;
        nap?.abort();
      });
      running = loop();
    },
    async stop() {
      stopping = true;
      stop.abort();
      nap?.abort();
      unsubscribe?.();
      if (running) await running;
    },
    runOnce,
  };
}

/** The job runner of an application context, started, with every registered handler. */
export function startJobRunner(
  ctx: AppContext,
  options: JobRunnerTuning & { logger?: WorkerLogger } = {},
): JobRunner {
  const runner = createJobRunner({ ctx, ...options });
  runner.start();
  return runner;
}
