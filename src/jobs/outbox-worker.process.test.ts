// The worker as operators run it: `followspot worker` in its own process, against the test's
// SQLite file or PostgreSQL database, with a real SMTP server that goes away or a worker that is
// killed. Short poll, retry and lease settings keep these quick; nothing here asserts on timings.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/database.ts';
import { enqueueTestMessage, makeHiringScene } from '../../test/support/factories/messages.ts';
import { freePort } from '../../test/support/net.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import type { AppContext } from '../app-context.ts';
import { packageRoot } from '../paths.ts';

const MAIL_FROM = 'Followspot <no-reply@followspot.test>';

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: Worker[] = [];
const servers: TestSmtpServer[] = [];

function startWorker(databaseUrl: string, smtpUrl: string, args: string[] = []): Worker {
  return startFollowspot(databaseUrl, smtpUrl, [
    'worker',
    '--poll-interval',
    '50',
    '--retry-base',
    '100',
    '--retry-max',
    '400',
    '--lease',
    '1500',
    ...args,
  ]);
}

function startFollowspot(databaseUrl: string, smtpUrl: string, args: string[]): Worker {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'followspot.js'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, MAIL_FROM, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const worker = { child, output: () => output, exited };
  children.push(worker);
  return worker;
}

async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 45_000,
  workers: Worker[] = [],
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}\n${workers.map((w) => w.output()).join('\n---\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  for (const w of children.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill('SIGKILL');
      await w.exited;
    }
  }
  for (const s of servers.splice(0)) await s.close();
});

async function enqueueMany(ctx: AppContext, n: number): Promise<string[]> {
  const scene = await makeHiringScene(ctx);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = await enqueueTestMessage(ctx, {
      organisationId: scene.organisationId,
      template: 'experience_survey',
      applicationId: scene.applicationId,
      // Real time here: "now", so the sending window cannot hold these back.
      send: 'now',
    });
    ids.push(m.id);
  }
  return ids;
}

async function statusCounts(ctx: AppContext, ids: string[]): Promise<Record<string, number>> {
  const rows = await ctx.kysely.selectFrom('message').select(['status']).where('id', 'in', ids).execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

function deliveries(smtp: TestSmtpServer, ids: string[]): Map<string, number> {
  const wanted = new Set(ids.map((id) => `${id}@followspot.test`));
  const counts = new Map<string, number>();
  for (const m of smtp.received)
    if (wanted.has(m.messageId)) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
  return counts;
}

describeEachDatabase(
  'followspot worker (child processes)',
  (get, dialect) => {
    it('waits with backoff while the SMTP server is down, then delivers every message once', async () => {
      const ctx = get().ctx;
      const ids = await enqueueMany(ctx, 30);
      const port = await freePort();
      const worker = startWorker(ctx.config.databaseUrl, `smtp://127.0.0.1:${port}`);

      // The server is down: the worker keeps trying, records why, and fails nothing.
      await waitUntil(
        'the worker has tried and backed off',
        async () => {
          const rows = await ctx.kysely
            .selectFrom('message')
            .select(['attempts', 'last_error'])
            .where('id', 'in', ids)
            .execute();
          return (
            rows.reduce((n, r) => n + r.attempts, 0) >= 3 &&
            rows.some((r) => r.last_error?.startsWith('Cannot reach the mail server'))
          );
        },
        45_000,
        [worker],
      );
      // (A claimed batch is briefly "sending" before it is handed back: count what matters.)
      const during = await statusCounts(ctx, ids);
      expect(during.sent ?? 0).toBe(0);
      expect(during.failed ?? 0).toBe(0);
      expect((during.queued ?? 0) + (during.sending ?? 0)).toBe(30);

      const smtp = await startTestSmtpServer({ port });
      servers.push(smtp);
      await waitUntil(
        'every message is sent',
        async () => (await statusCounts(ctx, ids)).sent === 30,
        45_000,
        [worker],
      );
      const counts = deliveries(smtp, ids);
      expect(counts.size).toBe(30);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);

      // SIGTERM: a graceful stop.
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }, 120_000);

    it('loses nothing when a worker is killed (SIGKILL) in the middle of a batch', async () => {
      const ctx = get().ctx;
      const ids = await enqueueMany(ctx, 60);
      // Slow acceptance, so that the kill lands while messages are claimed and one is in flight.
      const smtp = await startTestSmtpServer({ dataDelayMs: 25 });
      servers.push(smtp);
      const first = startWorker(ctx.config.databaseUrl, smtp.url, ['--batch-size', '10']);
      // Kill while a message is in flight: its data is at the server, which has not yet answered.
      await waitUntil(
        'some messages are delivered and one is in flight',
        async () => smtp.received.length >= 12 && smtp.inFlight() > 0,
        45_000,
        [first],
      );
      first.child.kill('SIGKILL');
      await first.exited;

      const afterKill = await statusCounts(ctx, ids);
      // Killed mid-batch: claimed messages are left "sending" under the dead worker's lease.
      expect(afterKill.sending ?? 0).toBeGreaterThan(0);
      expect(afterKill.sent ?? 0).toBeLessThan(60);

      const second = startWorker(ctx.config.databaseUrl, smtp.url, ['--batch-size', '10']);
      await waitUntil(
        'every message is sent',
        async () => (await statusCounts(ctx, ids)).sent === 60,
        60_000,
        [second],
      );
      const counts = deliveries(smtp, ids);
      // None lost…
      expect(counts.size).toBe(60);
      // …and at most the one in flight in the killed worker was delivered twice.
      const repeated = [...counts.values()].reduce((n, c) => n + (c - 1), 0);
      expect(repeated).toBeLessThanOrEqual(1);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 120_000);

    it('sends from `followspot serve` too, and stops it gracefully', async () => {
      const ctx = get().ctx;
      const ids = await enqueueMany(ctx, 3);
      const smtp = await startTestSmtpServer();
      servers.push(smtp);
      const serve = startFollowspot(ctx.config.databaseUrl, smtp.url, [
        'serve',
        '--port',
        String(await freePort()),
      ]);
      await waitUntil('the server delivers', async () => (await statusCounts(ctx, ids)).sent === 3, 45_000, [
        serve,
      ]);
      expect(deliveries(smtp, ids).size).toBe(3);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    }, 120_000);

    if (dialect === 'postgres') {
      it('two workers on PostgreSQL deliver 1,000 messages, each exactly once', async () => {
        const ctx = get().ctx;
        const scene = await makeHiringScene(ctx);
        const ids: string[] = [];
        for (let batch = 0; batch < 10; batch++) {
          await ctx.kysely.transaction().execute(async (tx) => {
            const { enqueue } = await import('../features/messages/outbox.ts');
            const { templates } = await import('../mail/catalogue.ts');
            for (let i = 0; i < 100; i++) {
              const m = await enqueue(tx, ctx, {
                organisationId: scene.organisationId,
                idempotencyKey: `load:${batch}:${i}`,
                template: 'experience_survey',
                applicationId: scene.applicationId,
                variables: templates.experience_survey.sample,
                send: 'now',
              });
              ids.push(m.id);
            }
          });
        }
        const smtp = await startTestSmtpServer();
        servers.push(smtp);
        const a = startWorker(ctx.config.databaseUrl, smtp.url, ['--batch-size', '20', '--lease', '60000']);
        const b = startWorker(ctx.config.databaseUrl, smtp.url, ['--batch-size', '20', '--lease', '60000']);
        // Which workers hold claims while the queue drains: both should be taking messages.
        const owners = new Set<string>();
        await waitUntil(
          'all 1,000 are sent',
          async () => {
            const claims = await ctx.kysely
              .selectFrom('message')
              .select('lease_owner')
              .distinct()
              .where('status', '=', 'sending')
              .execute();
            for (const c of claims) if (c.lease_owner) owners.add(c.lease_owner);
            return (await statusCounts(ctx, ids)).sent === 1000;
          },
          90_000,
          [a, b],
        );
        expect(owners.size).toBe(2);
        const counts = deliveries(smtp, ids);
        expect(counts.size).toBe(1000);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        expect(smtp.received.filter((m) => m.messageId.endsWith('@followspot.test')).length).toBe(1000);
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        expect(await a.exited).toBe(0);
        expect(await b.exited).toBe(0);
      }, 180_000);
    }
  },
  { sqliteFile: true, smtpUrl: 'smtp://configured.invalid:25' },
);

describe('followspot worker command', () => {
  const run = promisify(execFile);
  const followspot = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [join(packageRoot(), 'bin', 'followspot.js'), ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });

  it('is listed in the help, and serve can run without a worker', async () => {
    expect((await followspot(['--help'])).stdout).toContain('worker');
    const serve = await followspot(['serve', '--help']);
    expect(serve.stdout).toContain('--no-worker');
    const worker = await followspot(['worker', '--help']);
    for (const option of ['--poll-interval', '--batch-size', '--lease', '--retry-base', '--max-attempts']) {
      expect(worker.stdout).toContain(option);
    }
  }, 60_000);

  it('refuses to start without SMTP_URL, saying that emails stay held', async () => {
    const env = { SMTP_URL: '', DATABASE_URL: ':memory:' };
    await expect(followspot(['worker'], env)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('SMTP_URL is not set'),
    });
  }, 60_000);
});
