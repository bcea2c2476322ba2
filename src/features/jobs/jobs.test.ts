import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import type { ApiApp } from '../../http/types.ts';
import { createJobRunner, type JobRunner } from '../../jobs/job-runner.ts';
import { abortableSleep } from '../../jobs/outbox-worker.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findJob } from './jobs.repository.ts';
import { defineJobHandler, jobQueued, jobRegistry, startJob } from './jobs.service.ts';

// A test kind: counts `n` steps, each writing one audit row keyed by the job and the step, so a step
// done twice would show as two rows. A test can hold the first runner to reach a step (a worker stuck or
// killed there).
const holds = new Map<string, { at: number; release: Promise<void> }>();

const countJob = defineJobHandler({
  kind: 'test.count',
  input: z.object({
    n: z.number().int(),
    failAt: z.number().int().optional(),
    fail: z.enum(['app', 'error']).optional(),
  }),
  async run(run) {
    await run.setTotal(run.input.n);
    let sum = 0;
    for (let i = 0; i < run.input.n; i++) {
      const hold = holds.get(run.job.id);
      if (hold && hold.at === i) {
        holds.delete(run.job.id);
        await hold.release;
      }
      if (run.input.failAt === i) {
        if (run.input.fail === 'app')
          throw new AppError('conflict', 'The role was deleted meanwhile: nothing more to do');
        throw new Error('connection reset');
      }
      const value = await run.step(`item:${i}`, async (tx) => {
        await recordAudit(
          tx,
          run.job.organisationId,
          'system',
          { action: 'test.step', subjectType: 'job', subjectId: `${run.job.id}:${i}` },
          run.ctx.now(),
        );
        return { i };
      });
      sum += value.i;
    }
    return { sum, steps: run.steps().size };
  },
});

function holdAt(jobId: string, at: number): () => void {
  let release!: () => void;
  holds.set(jobId, { at, release: new Promise<void>((r) => (release = r)) });
  return () => release();
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function stepRows(ctx: AppContext, jobId: string): Promise<Map<string, number>> {
  const rows = await ctx.kysely
    .selectFrom('audit_event')
    .select(['subject_id'])
    .where('action', '=', 'test.step')
    .where('subject_id', 'like', `${jobId}:%`)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.subject_id!, (counts.get(r.subject_id!) ?? 0) + 1);
  return counts;
}

async function start(ctx: AppContext, organisationId: string, input: unknown, dedupeKey?: string) {
  return ctx.kysely.transaction().execute((tx) =>
    startJob(tx, ctx.now(), {
      organisationId,
      kind: 'test.count',
      input,
      createdBy: 'system',
      ...(dedupeKey && { dedupeKey }),
    }),
  );
}

/** A context whose clock is its own, as another process's would be. */
const withClock = (ctx: AppContext, at: () => number): AppContext => ({ ...ctx, now: () => new Date(at()) });

describe('job registry', () => {
  it('refuses two handlers for one kind', () => {
    expect(() => jobRegistry([countJob, countJob])).toThrow(/Two job handlers for the kind test.count/);
  });
});

describeEachDatabase('background jobs', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  let outsider: TestMember;
  let runner: JobRunner;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    manager = await makeMember(get().ctx, { role: 'manager' });
    outsider = await makeMember(get().ctx, { role: 'admin' });
    runner = createJobRunner({ ctx: get().ctx, handlers: [countJob], leaseMs: 5_000 });
  });
  afterAll(async () => app.close());

  it('runs a job step by step, showing its progress on GET /api/v1/jobs/{id}', async () => {
    const ctx = get().ctx;
    const { job } = await start(ctx, manager.organisationId, { n: 5 });
    const release = holdAt(job.id, 2);

    const queued = await app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}`,
      headers: { cookie: manager.cookie },
    });
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toMatchObject({
      status: 'queued',
      kind: 'test.count',
      done: 0,
      progress: 0,
      result: null,
    });

    const running = runner.runOnce();
    await waitUntil(
      'two steps are done',
      async () => (await findJob(ctx.kysely, manager.organisationId, job.id))?.done === 2,
    );
    const midway = await app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}`,
      headers: { cookie: manager.cookie },
    });
    expect(midway.json()).toMatchObject({ status: 'running', total: 5, done: 2, progress: 0.4, attempts: 1 });

    release();
    expect(await running).toEqual({ jobId: job.id, outcome: 'succeeded' });
    const finished = await app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}`,
      headers: { cookie: manager.cookie },
    });
    expect(finished.json()).toMatchObject({
      status: 'succeeded',
      done: 5,
      progress: 1,
      result: { sum: 10, steps: 5 },
      error: null,
    });
    expect(finished.json().finishedAt).not.toBeNull();
    expect([...(await stepRows(ctx, job.id)).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it("is a 404 for another organisation's job, and needs sign-in", async () => {
    const { job } = await start(get().ctx, manager.organisationId, { n: 0 });
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}`,
      headers: { cookie: outsider.cookie },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${job.id}/cancel`,
      headers: { cookie: outsider.cookie },
    });
    expect(cancel.statusCode).toBe(404);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/jobs',
      headers: { cookie: outsider.cookie },
    });
    expect(list.json().data.map((j: { id: string }) => j.id)).not.toContain(job.id);
    const anonymous = await app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}` });
    expect(anonymous.statusCode).toBe(401);
    // Leave nothing queued for the next tests' runner.
    await runner.runOnce();
  });

  it('fails with a message a person can act on, keeping the steps it did', async () => {
    const ctx = get().ctx;
    const { job } = await start(ctx, manager.organisationId, { n: 4, failAt: 2, fail: 'app' });
    expect(await runner.runOnce()).toEqual({ jobId: job.id, outcome: 'failed' });
    const failed = await findJob(ctx.kysely, manager.organisationId, job.id);
    expect(failed).toMatchObject({
      status: 'failed',
      done: 2,
      error: 'The role was deleted meanwhile: nothing more to do',
    });
    expect((await stepRows(ctx, job.id)).size).toBe(2);
  });

  it('retries after an unexpected error, then fails after the attempts run out', async () => {
    const ctx = get().ctx;
    const flaky = createJobRunner({ ctx, handlers: [countJob], maxAttempts: 2, retryBaseMs: 1 });
    const { job } = await start(ctx, manager.organisationId, { n: 3, failAt: 1, fail: 'error' });
    expect(await flaky.runOnce()).toEqual({ jobId: job.id, outcome: 'retrying' });
    const waiting = await findJob(ctx.kysely, manager.organisationId, job.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, done: 1 });
    expect(waiting?.error).toMatch(/connection reset/);
    await new Promise((r) => setTimeout(r, 20));
    expect(await flaky.runOnce()).toEqual({ jobId: job.id, outcome: 'failed' });
    const failed = await findJob(ctx.kysely, manager.organisationId, job.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/^Stopped after 2 attempts by an error on our side \(connection reset\)/);
    // The step done before the first error was not done again by the second attempt.
    expect([...(await stepRows(ctx, job.id)).values()]).toEqual([1]);
  });

  it('resumes the job of a worker that died, doing no step twice', async () => {
    const ctx = get().ctx;
    const t0 = Date.now();
    // The dead worker's clock stands still, so its lease is never renewed past t0 + 1 s; the second
    // worker's clock is 5 s later, when that lease has expired.
    const dead = createJobRunner({
      ctx: withClock(ctx, () => t0),
      handlers: [countJob],
      leaseMs: 1_000,
      workerId: 'dead',
    });
    const next = createJobRunner({
      ctx: withClock(ctx, () => t0 + 5_000),
      handlers: [countJob],
      leaseMs: 1_000,
      workerId: 'next',
    });
    const { job } = await start(
      withClock(ctx, () => t0),
      manager.organisationId,
      { n: 6 },
    );
    const release = holdAt(job.id, 3);
    const stuck = dead.runOnce();
    await waitUntil(
      'three steps are done',
      async () => (await findJob(ctx.kysely, manager.organisationId, job.id))?.done === 3,
    );

    expect(await next.runOnce()).toEqual({ jobId: job.id, outcome: 'succeeded' });
    const resumed = await findJob(ctx.kysely, manager.organisationId, job.id);
    expect(resumed).toMatchObject({
      status: 'succeeded',
      done: 6,
      attempts: 2,
      result: { sum: 15, steps: 6 },
    });

    // The first worker comes back to life: it holds nothing any more and writes nothing.
    release();
    expect((await stuck).outcome).toBe('lost');
    const counts = await stepRows(ctx, job.id);
    expect(counts.size).toBe(6);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await findJob(ctx.kysely, manager.organisationId, job.id))?.done).toBe(6);
  });

  it('stops a cancelled job before its next step', async () => {
    const ctx = get().ctx;
    const { job } = await start(ctx, manager.organisationId, { n: 4 });
    const release = holdAt(job.id, 1);
    const running = runner.runOnce();
    await waitUntil(
      'one step is done',
      async () => (await findJob(ctx.kysely, manager.organisationId, job.id))?.done === 1,
    );
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${job.id}/cancel`,
      headers: { cookie: manager.cookie },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', done: 1 });
    release();
    expect((await running).outcome).toBe('cancelled');
    expect((await stepRows(ctx, job.id)).size).toBe(1);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${job.id}/cancel`,
      headers: { cookie: manager.cookie },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('This job has already been cancelled: there is nothing to stop');
  });

  it('returns the running job for the same key, and starts a new one once it has finished', async () => {
    const ctx = get().ctx;
    const first = await start(ctx, manager.organisationId, { n: 1 }, 'role:r1');
    const second = await start(ctx, manager.organisationId, { n: 1 }, 'role:r1');
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, job: { id: first.job.id } });
    expect((await runner.runOnce()).outcome).toBe('succeeded');
    const third = await start(ctx, manager.organisationId, { n: 1 }, 'role:r1');
    expect(third.created).toBe(true);
    expect(third.job.id).not.toBe(first.job.id);
    expect((await runner.runOnce()).outcome).toBe('succeeded');
  });

  it('naps many times while idle without piling listeners on its stop signal', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => {
      if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning);
    };
    process.on('warning', onWarning);
    let naps = 0;
    const idle = createJobRunner({
      ctx: get().ctx,
      handlers: [countJob],
      pollIntervalMs: 1,
      sleep: (ms, signal) => {
        naps += 1;
        return abortableSleep(ms, signal);
      },
    });
    idle.start();
    try {
      await waitUntil('it has napped 30 times', async () => naps >= 30);
    } finally {
      await idle.stop();
      process.off('warning', onWarning);
    }
    // Node emits the warning on the next tick after the eleventh listener.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
  });

  it('does not lose a wake-up that arrives while it is claiming', async () => {
    const base = get().ctx;
    let claims = 0;
    let claimsAtFirstNap: number | undefined;
    const counting: AppContext = {
      ...base,
      now: () => {
        claims += 1;
        return base.now();
      },
    };
    const runner2 = createJobRunner({
      ctx: counting,
      handlers: [countJob],
      pollIntervalMs: 60_000,
      sleep: (ms, signal) => {
        claimsAtFirstNap ??= claims;
        return abortableSleep(ms, signal);
      },
    });
    runner2.start();
    // The first claim is under way now, so there is no nap to cut short.
    jobQueued();
    try {
      await waitUntil('it naps', async () => claimsAtFirstNap !== undefined);
      expect(claimsAtFirstNap).toBe(2);
    } finally {
      await runner2.stop();
    }
  });

  it('runs in the background when woken, and hands its job back when stopped', async () => {
    const ctx = get().ctx;
    const background = createJobRunner({ ctx, handlers: [countJob], pollIntervalMs: 60_000 });
    background.start();
    try {
      const { job } = await start(ctx, manager.organisationId, { n: 2 });
      jobQueued();
      await waitUntil(
        'the woken runner has finished it',
        async () => (await findJob(ctx.kysely, manager.organisationId, job.id))?.status === 'succeeded',
      );

      const held = await start(ctx, manager.organisationId, { n: 3 });
      const release = holdAt(held.job.id, 1);
      jobQueued();
      await waitUntil(
        'it is running',
        async () => (await findJob(ctx.kysely, manager.organisationId, held.job.id))?.done === 1,
      );
      const stopping = background.stop();
      release();
      await stopping;
      expect(await findJob(ctx.kysely, manager.organisationId, held.job.id)).toMatchObject({
        status: 'queued',
        done: 1,
        leaseOwner: null,
      });
      expect((await runner.runOnce()).outcome).toBe('succeeded');
      expect([...(await stepRows(ctx, held.job.id)).values()]).toEqual([1, 1, 1]);
    } finally {
      await background.stop();
    }
  });
});
