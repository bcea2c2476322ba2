// Processes (issue 18): `npm start`'s time to answer against a bare Fastify process started the same
// way in the same run, the server's idle RSS on a generated database, and the CPU of the CLI helpers.
// Needs a build (`npm run build`). `node --import tsx bench/processes.ts [--applications=100000]
// [--runs=5]`; writes bench/results/processes.md.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from '../scripts/build-state.js';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { refreshPlannerStatistics } from '../src/db/maintenance.ts';
import { generateOrganisation } from './generate.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const applications = arg('applications', 100_000);
const runs = arg('runs', 5);
const secret = 'bench-secret-bench-secret-bench-secret-01';
const log = (text: string) => process.stderr.write(`${text}\n`);

// The baseline: Fastify's hello-world in plain node, no TypeScript loader.
const hello = `import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a process and polls until `path` answers 200: milliseconds from spawn to the answer. */
async function start(args: string[], env: NodeJS.ProcessEnv, path: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 3_000; i += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      if (response.status === 200) return { child, ms: performance.now() - started };
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not answer ${path} within 15 s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process and of any children it has started. */
function rssMb(pid: number): number {
  let kb = 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  for (const child of children ? children.split(' ') : []) kb += rssMb(Number(child)) * 1024;
  return kb / 1024;
}

/** User + system CPU seconds of one command, by /usr/bin/time. */
function cpuSeconds(args: string[], env: NodeJS.ProcessEnv, input?: string): number {
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
  });
  const [user, system] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (user === undefined || system === undefined || Number.isNaN(user + system))
    throw new Error(`could not time ${args.join(' ')}: ${result.stderr}`);
  return user + system;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  if (!buildIsFresh()) throw new Error('the build is missing or stale: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'followspot-processes-'));
  try {
    const databaseUrl = join(dir, 'bench.sqlite');
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
      databaseUrl,
      secret,
    });
    const ctx = await createContext(config);
    const org = await generateOrganisation(ctx, { applications, onProgress: (t) => log(`  ${t}`) });
    await refreshPlannerStatistics(ctx.kysely);
    await ctx.db.destroy();
    log(`generated ${applications} applications`);

    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      SECRET: secret,
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: 'http://127.0.0.1:3000',
    } as NodeJS.ProcessEnv;
    const helloFile = join(root, 'bench', '.hello-world.mjs');
    writeFileSync(helloFile, hello);
    const helloMs: number[] = [];
    const appMs: number[] = [];
    let helloRss = 0;
    let appRss = 0;
    try {
      for (let i = 0; i < runs; i += 1) {
        // Alternated, so a busy moment of the machine falls on both.
        const h = await start([helloFile], env, '/');
        helloMs.push(h.ms);
        await sleep(2_000);
        helloRss = rssMb(h.child.pid ?? 0);
        await stop(h.child);
        const a = await start([join(root, 'scripts', 'start.js')], env, '/healthz');
        appMs.push(a.ms);
        // Idle: the worker's first sweep and the planner refresh have run; nothing is asked of it.
        await sleep(10_000);
        appRss = rssMb(a.child.pid ?? 0);
        await stop(a.child);
      }
    } finally {
      rmSync(helloFile, { force: true });
    }

    const feedbackFile = join(dir, 'feedback.txt');
    writeFileSync(
      feedbackFile,
      'Thank you for coming in. Your rigging plan was clear; the next step is practice on motor control.\n',
    );
    const cliEnv = { ...env, NODE_ENV: 'production' } as NodeJS.ProcessEnv;
    const bin = join(root, 'bin', 'followspot.js');
    const feedbackCpu = median(
      Array.from({ length: runs }, () => cpuSeconds([bin, 'feedback', 'check', feedbackFile], cliEnv)),
    );
    const apiKeyCpu = median(
      Array.from({ length: runs }, () =>
        cpuSeconds([bin, 'api-key', 'create', '--org', org.slug, '--name', 'bench'], cliEnv),
      ),
    );
    const bareNodeCpu = median(Array.from({ length: runs }, () => cpuSeconds(['-e', '0'], cliEnv)));

    const ratio = median(appMs) / median(helloMs);
    const lines = [
      `Processes (${applications.toLocaleString('en-GB')} applications on SQLite, median of ${runs}; 2 shared cores)`,
      '',
      '| measure | Followspot | baseline | ratio or target | met? |',
      '|---|---:|---:|---|---|',
      `| \`npm start\` (built) to first answer | ${median(appMs).toFixed(0)} ms | ${median(helloMs).toFixed(0)} ms (bare Fastify) | ${ratio.toFixed(1)}× (target ≤ 2×) | ${ratio <= 2 ? 'yes' : '**no**'} |`,
      `| idle RSS after 10 s | ${appRss.toFixed(0)} MB | ${helloRss.toFixed(0)} MB (bare Fastify) | ≤ 150 MB | ${appRss <= 150 ? 'yes' : '**no**'} |`,
      `| \`followspot feedback check\` CPU | ${feedbackCpu.toFixed(2)} s | ${bareNodeCpu.toFixed(2)} s (\`node -e 0\`) | ≤ 0.5 s | ${feedbackCpu <= 0.5 ? 'yes' : '**no**'} |`,
      `| \`followspot api-key create\` CPU | ${apiKeyCpu.toFixed(2)} s | ${bareNodeCpu.toFixed(2)} s (\`node -e 0\`) | ≤ 0.5 s | ${apiKeyCpu <= 0.5 ? 'yes' : '**no**'} |`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'processes.md'), lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
