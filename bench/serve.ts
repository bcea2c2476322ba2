// One server for the benchmark, in its own process so it does not share a CPU with the load
// generator's event loop: BENCH_SERVER=hello is a bare Fastify hello-world (the baseline); app is
// Followspot on DATABASE_URL. Prints {"port":…} once listening.
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { buildServer } from '../src/server.ts';

async function main(): Promise<void> {
  if (process.env.BENCH_SERVER === 'hello') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' ? address?.port : 0 })}\n`);
    return;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const secret = 'bench-secret-bench-secret-bench-secret-01';
  const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', SECRET: secret } as NodeJS.ProcessEnv;
  const config = loadConfig(env, {
    databaseUrl,
    publicUrl: 'http://127.0.0.1:3000',
  });
  // Migrations ran when the data was generated; the planner's statistics were refreshed then too.
  const ctx = await createContext(config, { migrate: false });
  // Limits would refuse the load generator's requests from one address; logging is off in both servers.
  const app = await buildServer(ctx, { logger: false, rateLimits: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' ? address?.port : 0 })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
