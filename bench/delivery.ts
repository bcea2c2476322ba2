// `npx tsx bench/delivery.ts`: how fast the outbox worker hands email to an SMTP server, against raw
// pooled nodemailer sending the same messages to the same local server in the same run (all at once
// over its two connections, and one at a time). Options:
// --messages=<n> (default 1000), --runs=<n> (default 3, alternating), --databases=sqlite,postgres
// (default sqlite; PostgreSQL from TEST_POSTGRES_URL or a throwaway cluster). Prints emails/s and
// the ratio; writes bench/results/delivery.md. Not a test; never runs under `npm test`.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import type { AppContext } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DialectName } from '../src/db/database.ts';
import { createOutboxWorker, toOutgoingMail } from '../src/jobs/outbox-worker.ts';
import { createSmtpTransport } from '../src/mail/transport.ts';
import { enqueueTestMessage, makeHiringScene } from '../test/support/factories/messages.ts';
import { startThrowawayPostgres } from '../test/support/postgres-cluster.ts';
import { startTestSmtpServer } from '../test/support/smtp.ts';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const total = Number(args.get('messages') ?? 1000);
const runs = Number(args.get('runs') ?? 3);
const databases = (args.get('databases') ?? 'sqlite').split(',') as DialectName[];
const log = (text: string) => process.stderr.write(`${text}\n`);
const MAIL_FROM = 'Followspot <no-reply@followspot.test>';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function databaseUrl(dialect: DialectName, cleanups: (() => Promise<void> | void)[]) {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'followspot-bench-delivery-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'bench.sqlite');
  }
  let admin = process.env.TEST_POSTGRES_URL;
  if (!admin) {
    const cluster = await startThrowawayPostgres();
    if (!cluster) throw new Error('PostgreSQL not found: set TEST_POSTGRES_URL');
    cleanups.push(() => cluster.stop());
    admin = cluster.url;
  }
  const name = `followspot_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Queues `total` decision emails, as the product writes them (rendered, with a sealed link). */
async function queue(ctx: AppContext): Promise<void> {
  const scene = await makeHiringScene(ctx, { timezone: 'Europe/London' });
  for (let i = 0; i < total; i++) {
    await enqueueTestMessage(ctx, {
      organisationId: scene.organisationId,
      applicationId: scene.applicationId,
      template: 'not_progressing',
      send: 'now',
    });
  }
}

async function main() {
  const smtp = await startTestSmtpServer();
  const rows: string[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    for (const dialect of databases) {
      const rawRates: number[] = [];
      const oneAtATimeRates: number[] = [];
      const workerRates: number[] = [];
      for (let run = 0; run < runs; run++) {
        const url = await databaseUrl(dialect, cleanups);
        const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
          databaseUrl: url,
          publicUrl: 'http://127.0.0.1:3000',
          secret: 'bench-secret-bench-secret-bench-secret-01',
          smtpUrl: smtp.url,
        });
        const ctx = await createContext(config);
        await queue(ctx);
        const messages = await ctx.kysely
          .selectFrom('message')
          .selectAll()
          .where('status', '=', 'queued')
          .execute();

        // Baseline: the same rendered messages through raw pooled nodemailer, all at once.
        const raw = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: 2 });
        smtp.received.length = 0;
        let t = performance.now();
        await Promise.all(
          messages.map((m) =>
            raw.sendMail(toOutgoingMail(m as Parameters<typeof toOutgoingMail>[0], MAIL_FROM) as never),
          ),
        );
        rawRates.push(total / ((performance.now() - t) / 1000));
        // The same, one at a time: what a sender with one email in flight (the worker's promise
        // that a kill repeats at most one email) can reach at best.
        smtp.received.length = 0;
        t = performance.now();
        for (const m of messages) {
          await raw.sendMail(toOutgoingMail(m as Parameters<typeof toOutgoingMail>[0], MAIL_FROM) as never);
        }
        oneAtATimeRates.push(total / ((performance.now() - t) / 1000));
        raw.close();

        // The worker, as `followspot worker` runs it, until the queue is empty.
        smtp.received.length = 0;
        const worker = createOutboxWorker({
          db: ctx.kysely,
          dialect: ctx.db.dialect,
          transport: createSmtpTransport(smtp.url),
          mailFrom: MAIL_FROM,
        });
        t = performance.now();
        let sent = 0;
        while (sent < total) {
          const cycle = await worker.runOnce();
          if (cycle.claimed === 0) break;
          sent += cycle.sent;
        }
        workerRates.push(sent / ((performance.now() - t) / 1000));
        await worker.stop();
        if (sent !== total) throw new Error(`the worker sent ${sent} of ${total}`);
        await ctx.db.destroy();
        log(
          `${dialect} run ${run + 1}: raw ${rawRates.at(-1)!.toFixed(0)}/s, one at a time ${oneAtATimeRates.at(-1)!.toFixed(0)}/s, worker ${workerRates.at(-1)!.toFixed(0)}/s`,
        );
      }
      const r = median(rawRates);
      const o = median(oneAtATimeRates);
      const w = median(workerRates);
      const pct = (x: number, of: number) => `${((x / of) * 100).toFixed(0)}%`;
      rows.push(
        `| ${dialect} | ${total} | ${r.toFixed(0)} | ${o.toFixed(0)} | ${w.toFixed(0)} | ${pct(w, r)} | ${pct(w, o)} |`,
      );
    }
  } finally {
    await smtp.close();
    for (const c of cleanups.reverse()) await c();
  }
  const table = [
    `Delivery, median of ${runs} (load ${loadavg()[0]!.toFixed(1)} on this machine)`,
    '',
    '| Database | Messages | Raw pooled nodemailer, all at once (emails/s) | Raw, one at a time | Outbox worker | Worker ÷ all at once | Worker ÷ one at a time |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'delivery.md'), `${table}\n`);
}

await main();
