// `npm run bench`: generates venue groups of 10k and 100k applications (1M with --huge) on SQLite
// and PostgreSQL, serves each from its own process, and measures the key endpoints against a bare
// Fastify hello-world started in the same run: one request at a time (median), then autocannon at
// 50 connections. Prints a table of ratios and writes it to bench/results/latest.md.
// Options: --huge, --sizes=10000,100000, --duration=<s> (default 3), --databases=sqlite,postgres.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DialectName } from '../src/db/database.ts';
import { refreshPlannerStatistics } from '../src/db/maintenance.ts';
import { startThrowawayPostgres } from '../test/support/postgres-cluster.ts';
import { type GeneratedOrganisation, generateOrganisation } from './generate.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const sizes = (args.get('sizes') ?? (args.has('huge') ? '10000,100000,1000000' : '10000,100000'))
  .split(',')
  .map(Number);
const duration = Number(args.get('duration') ?? 3);
const databases = (args.get('databases') ?? 'sqlite,postgres').split(',') as DialectName[];
const log = (text: string) => process.stderr.write(`${text}\n`);

interface Endpoint {
  name: string;
  path: (org: GeneratedOrganisation) => string;
  /** The candidate's page is reached by its link, not an API key. */
  anonymous?: boolean;
}

const endpoints: Endpoint[] = [
  { name: 'pipeline', path: (o) => `/api/v1/applications?roleId=${o.roleId}` },
  { name: 'roles list', path: () => '/api/v1/roles' },
  { name: 'application summary', path: (o) => `/api/v1/applications/${o.applicationId}` },
  { name: 'closure report', path: (o) => `/api/v1/roles/${o.roleId}/closure-report` },
  { name: 'candidates list', path: () => '/api/v1/candidates' },
  { name: 'decisions queue', path: () => '/api/v1/applications?view=overdue' },
  { name: 'candidate page', path: (o) => o.candidatePath, anonymous: true },
];

interface Row {
  endpoint: string;
  database: DialectName | '-';
  applications: number;
  medianMs: number;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'serve.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`benchmark server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function medianMs(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[10]!;
}

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, headers, connections: 50, duration, timeout: 10 });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function postgresAdminUrl(): Promise<{ url: string; stop(): void } | undefined> {
  if (process.env.TEST_POSTGRES_URL) return { url: process.env.TEST_POSTGRES_URL, stop() {} };
  return startThrowawayPostgres();
}

/** A fresh database of the kind, and how to drop it. */
async function freshDatabase(dialect: DialectName, adminUrl: string | undefined) {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'followspot-bench-'));
    return {
      url: join(dir, 'bench.sqlite'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!adminUrl) throw new Error('no PostgreSQL');
  const name = `followspot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function measureDatabase(dialect: DialectName, adminUrl: string | undefined, rows: Row[]) {
  for (const applications of sizes) {
    const database = await freshDatabase(dialect, adminUrl);
    try {
      const started = Date.now();
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
        databaseUrl: database.url,
        secret: 'bench-secret-bench-secret-bench-secret-01',
      });
      const ctx = await createContext(config);
      const org = await generateOrganisation(ctx, {
        applications,
        onProgress: (t) => log(`  ${dialect} ${t}`),
      });
      await refreshPlannerStatistics(ctx.kysely);
      await ctx.db.destroy();
      log(`${dialect} ${applications}: generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const server = await startServer({ BENCH_SERVER: 'app', DATABASE_URL: database.url });
      try {
        for (const endpoint of endpoints) {
          const url = server.url + endpoint.path(org);
          const headers: Record<string, string> = endpoint.anonymous
            ? {}
            : { authorization: `Bearer ${org.token}` };
          const median = await medianMs(url, headers);
          const loaded = await load(url, headers);
          rows.push({
            endpoint: endpoint.name,
            database: dialect,
            applications,
            medianMs: median,
            ...loaded,
          });
          log(`  ${endpoint.name}: ${median.toFixed(1)} ms, ${loaded.requestsPerSecond.toFixed(0)} req/s`);
        }
      } finally {
        await stopServer(server.child);
      }
    } finally {
      await database.drop();
    }
  }
}

function table(rows: Row[], hello: Row): string {
  const lines = [
    '| Endpoint | Database | Applications | One request (median ms) | req/s at -c 50 | % of hello-world | p99 ms | Errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    `| hello-world (bare Fastify) | - | - | ${hello.medianMs.toFixed(1)} | ${hello.requestsPerSecond.toFixed(0)} | 100% | ${hello.p99Ms} | ${hello.errors} |`,
  ];
  for (const r of rows) {
    const ratio = (100 * r.requestsPerSecond) / hello.requestsPerSecond;
    lines.push(
      `| ${r.endpoint} | ${r.database} | ${r.applications.toLocaleString('en-GB')} | ${r.medianMs.toFixed(1)} | ${r.requestsPerSecond.toFixed(0)} | ${ratio.toFixed(1)}% | ${r.p99Ms} | ${r.errors} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const helloServer = await startServer({ BENCH_SERVER: 'hello' });
  let hello: Row;
  try {
    const median = await medianMs(helloServer.url, {});
    hello = {
      endpoint: 'hello',
      database: '-',
      applications: 0,
      medianMs: median,
      ...(await load(helloServer.url, {})),
    };
    log(`hello-world: ${hello.requestsPerSecond.toFixed(0)} req/s`);
  } finally {
    await stopServer(helloServer.child);
  }
  let postgres: { url: string; stop(): void } | undefined;
  if (databases.includes('postgres')) {
    postgres = await postgresAdminUrl();
    if (!postgres) log('PostgreSQL: no TEST_POSTGRES_URL and no binaries to start one; SQLite only');
  }
  try {
    if (databases.includes('sqlite')) await measureDatabase('sqlite', undefined, rows);
    if (postgres) await measureDatabase('postgres', postgres.url, rows);
  } finally {
    postgres?.stop();
  }
  const report = [
    '# Benchmark results',
    '',
    `${new Date().toISOString()} · ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}) · Node ${process.version} · ${duration} s of autocannon -c 50 per endpoint`,
    '',
    table(rows, hello),
    '',
  ].join('\n');
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'latest.md'), report);
  process.stdout.write(`${report}\nWritten to bench/results/latest.md\n`);
}

await main();
