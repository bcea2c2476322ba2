// `npm run bench`: generates venue groups of 10k and 100k applications (1M with --huge) on SQLite
// and PostgreSQL, serves each from its own process, and measures the key endpoints against a bare
// Fastify hello-world started in the same run: one request at a time (median), then autocannon at
// 50 connections. Prints a table of ratios and writes it to bench/results/latest.md.
// Options: --huge, --sizes=10000,100000, --duration=<s> (default 3), --databases=sqlite,postgres.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DialectName } from '../src/db/database.ts';
import { refreshPlannerStatistics } from '../src/db/maintenance.ts';
import { freshDatabase, type PostgresServer, postgresServer } from './databases.ts';
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

async function measureDatabase(dialect: DialectName, server: PostgresServer | undefined, rows: Row[]) {
  for (const applications of sizes) {
    const database = await freshDatabase(dialect, server);
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
  let postgres: PostgresServer | undefined;
  if (databases.includes('postgres')) {
    postgres = await postgresServer();
    if (!postgres) log('PostgreSQL: no TEST_POSTGRES_URL and no binaries to start one; SQLite only');
  }
  try {
    if (databases.includes('sqlite')) await measureDatabase('sqlite', undefined, rows);
    if (postgres) await measureDatabase('postgres', postgres, rows);
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
