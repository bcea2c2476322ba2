import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from './config.ts';
import { createContext } from './context.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { apiKeyService } from './features/api-keys/api-keys.service.ts';
import { seedDemo } from './features/demo/seed-demo.ts';
import { findOrganisationBySlug } from './features/organisations/organisations.repository.ts';
import { webDistDir } from './paths.ts';
import { buildServer } from './server.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

function fail(message: string): never {
  process.stderr.write(`followspot: ${message}\n`);
  process.exit(1);
}

const program = new Command('followspot')
  .description('Followspot: every candidate told on time, with feedback, and kept in the light.')
  .showHelpAfterError();

program
  .command('serve')
  .description('migrate the database, then serve the web app and API')
  .option('-p, --port <port>', 'port to listen on (env PORT, default 3000)', port)
  .option('-H, --host <host>', 'address to bind (env HOST, default 127.0.0.1)')
  .action(async (opts: { port?: number; host?: string }) => {
    const config = loadConfig(process.env, {
      ...(opts.port !== undefined && { port: opts.port }),
      ...(opts.host && { host: opts.host }),
    });
    const ctx = await createContext(config);
    const webDir = webDistDir();
    const app = await buildServer(ctx, { webDir });
    if (!existsSync(join(webDir, 'index.html')))
      app.log.warn('The web app is not built: run `npm run build` (the API works without it)');
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      await app.close();
      await ctx.db.destroy();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    await app.listen({ port: config.port, host: config.host });
    app.log.info(`Followspot is ready at ${config.publicUrl} on ${ctx.db.dialect}`);
  });

program
  .command('migrate')
  .description('bring the database (DATABASE_URL) to the latest schema')
  .action(async () => {
    const config = loadConfig();
    const db = openDatabase(config.databaseUrl);
    try {
      const { applied } = await migrateToLatest(db.kysely);
      process.stdout.write(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
          : 'The database is up to date.\n',
      );
    } finally {
      await db.destroy();
    }
  });

program
  .command('seed-demo')
  .description('create a demo venue group (3 venues, 6 roles, 60 candidates) and print how to sign in')
  .action(async () => {
    const config = loadConfig();
    const ctx = await createContext(config);
    try {
      const demo = await seedDemo(ctx, { showProgress: true });
      const lines = [
        demo.created
          ? `Created ${demo.organisation.name}: ${demo.counts.venues} venues, ${demo.counts.roles} roles, ${demo.counts.candidates} candidates, ${demo.counts.interviews} interviews.`
          : `${demo.organisation.name} is already here: nothing was changed.`,
        '',
        `Start the app (npm start) and sign in at ${config.publicUrl}/sign-in with any of these (password "${demo.password}"):`,
        ...demo.members.map((m) => `  ${m.role.padEnd(12)} ${m.name.padEnd(18)} ${m.email}`),
        '',
      ];
      process.stdout.write(lines.join('\n'));
    } finally {
      await ctx.db.destroy();
    }
  });

const apiKey = program.command('api-key').description('manage API keys for integrators');
apiKey
  .command('create')
  .description('create an API key for an organisation and print it (it is shown only once)')
  .requiredOption('--org <slug>', "the organisation's short name (slug)")
  .option('--name <name>', 'what the key is for', 'Command line')
  .action(async (opts: { org: string; name: string }) => {
    const ctx = await createContext(loadConfig());
    try {
      const organisation = await findOrganisationBySlug(ctx.kysely, opts.org);
      if (!organisation)
        fail(`no organisation with the short name "${opts.org}" (check Settings, or run seed-demo)`);
      const { apiKey: key, token } = await apiKeyService(ctx).create(organisation.id, opts.name, 'system');
      process.stdout.write(
        `API key "${key.name}" for ${organisation.name}:\n\n  ${token}\n\nSend it as: Authorization: Bearer ${token}\nIt is stored hashed and will not be shown again.\n`,
      );
    } finally {
      await ctx.db.destroy();
    }
  });

program
  .parseAsync(process.argv)
  .catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
