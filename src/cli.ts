import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { Kysely } from 'kysely';
import { progress } from './cli/progress.ts';
import { loadConfig } from './config.ts';
import type { Database } from './db/schema.ts';
import { type ExportKind, exportKinds } from './features/exports/exports.schema.ts';
import type { BounceMailboxWorker } from './jobs/bounce-mailbox-worker.ts';
import type { DecisionClockSweeper } from './jobs/decision-clock-sweep.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import type { OutboxWorker } from './jobs/outbox-worker.ts';
import type { WebhookWorker } from './jobs/webhook-worker.ts';

// Each command imports what it uses when it runs: `feedback check` and `api-key create` start
// without loading the server, the mailer or the web app's paths.
const load = {
  context: () => import('./context.ts'),
  server: () => import('./server.ts'),
  paths: () => import('./paths.ts'),
  maintenance: () => import('./db/maintenance.ts'),
  database: () => import('./db/database.ts'),
  migrate: () => import('./db/migrate.ts'),
  apiKeys: () => import('./features/api-keys/api-keys.service.ts'),
  organisations: () => import('./features/organisations/organisations.repository.ts'),
  demo: () => import('./features/demo/seed-demo.ts'),
  feedbackCli: () => import('./features/feedback/feedback.cli.ts'),
  sweep: () => import('./jobs/decision-clock-sweep.ts'),
  jobRunner: () => import('./jobs/job-runner.ts'),
  logger: () => import('./jobs/logger.ts'),
  outbox: () => import('./jobs/outbox-worker.ts'),
  webhooks: () => import('./jobs/webhook-worker.ts'),
  bounceMailbox: () => import('./jobs/bounce-mailbox-worker.ts'),
  backup: () => import('./db/backup.ts'),
  exports: () => import('./features/exports/exports.service.ts'),
  imports: () => import('./features/imports/imports.cli.ts'),
  rollup: () => import('./features/reputation/rollup.repository.ts'),
};

/** The organisation with this short name, or the command stops saying how to find the right one. */
async function organisationBySlug(db: Kysely<Database>, slug: string) {
  const { findOrganisationBySlug } = await load.organisations();
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) fail(`no organisation with the short name "${slug}" (check Settings, or run seed-demo)`);
  return organisation;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

function whole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more');
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
  .option(
    '--no-worker',
    'do not send email, sweep the decision clock or run background jobs from this process (run `followspot worker` instead)',
  )
  .action(async (opts: { port?: number; host?: string; worker: boolean }) => {
    const { createContext } = await load.context();
    const { buildServer } = await load.server();
    const { webDistDir } = await load.paths();
    const { refreshPlannerStatistics } = await load.maintenance();
    const { startDecisionClockSweeper } = await load.sweep();
    const { startJobRunner } = await load.jobRunner();
    const { startOutboxWorker } = await load.outbox();
    const config = loadConfig(process.env, {
      ...(opts.port !== undefined && { port: opts.port }),
      ...(opts.host && { host: opts.host }),
    });
    const ctx = await createContext(config);
    const webDir = webDistDir();
    const app = await buildServer(ctx, { webDir });
    if (!existsSync(join(webDir, 'index.html')))
      app.log.warn('The web app is not built: run `npm run build` (the API works without it)');
    let worker: OutboxWorker | undefined;
    let sweeper: DecisionClockSweeper | undefined;
    let jobs: JobRunner | undefined;
    let webhooks: WebhookWorker | undefined;
    let bounces: BounceMailboxWorker | undefined;
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      await Promise.all([
        worker?.stop(),
        sweeper?.stop(),
        jobs?.stop(),
        webhooks?.stop(),
        bounces?.stop(),
        app.close(),
      ]);
      await ctx.db.destroy();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    await app.listen({ port: config.port, host: config.host });
    app.log.info(`Followspot is ready at ${config.publicUrl} on ${ctx.db.dialect}`);
    if (opts.worker) {
      worker = startOutboxWorker(ctx, { logger: app.log });
      if (!worker) app.log.warn('SMTP_URL is not set: emails are held in the outbox, readable in the app');
      sweeper = startDecisionClockSweeper(ctx, { logger: app.log });
      jobs = startJobRunner(ctx, { logger: app.log });
      webhooks = (await load.webhooks()).startWebhookWorker(ctx, { logger: app.log });
      bounces = (await load.bounceMailbox()).startBounceMailboxWorker(ctx, { logger: app.log });
    } else {
      // Without a sweeper in this process, the planner's statistics are refreshed once here.
      refreshPlannerStatistics(ctx.kysely).catch((err: unknown) =>
        app.log.warn({ err }, 'refreshing the database planner statistics failed'),
      );
    }
  });

program
  .command('worker')
  .description(
    'send the emails in the outbox over SMTP_URL, sweep the decision clock and run background jobs (run any number against one PostgreSQL)',
  )
  .option('--poll-interval <ms>', 'wait between checks when there is nothing to send (default 2000)', whole)
  .option('--batch-size <n>', 'messages claimed at once (default 10)', whole)
  .option(
    '--lease <ms>',
    'how long a claim is held before another worker may take it (default 60000; a send in flight keeps renewing it)',
    whole,
  )
  .option(
    '--retry-base <ms>',
    'first retry delay after a failed attempt, doubled each time (default 30000)',
    whole,
  )
  .option('--retry-max <ms>', 'longest retry delay (default 3600000)', whole)
  .option('--max-attempts <n>', 'attempts before a deferred (4xx) message is failed (default 10)', whole)
  .option(
    '--job-lease <ms>',
    'how long a background job is held without a sign of life before another worker resumes it (default 60000)',
    whole,
  )
  .action(
    async (opts: {
      pollInterval?: number;
      batchSize?: number;
      lease?: number;
      retryBase?: number;
      retryMax?: number;
      maxAttempts?: number;
      jobLease?: number;
    }) => {
      const { createContext } = await load.context();
      const { startDecisionClockSweeper } = await load.sweep();
      const { startJobRunner } = await load.jobRunner();
      const { jsonLogger } = await load.logger();
      const { startOutboxWorker } = await load.outbox();
      const config = loadConfig();
      if (!config.smtpUrl) {
        fail(
          'SMTP_URL is not set, so there is nothing to send with: emails stay held in the outbox until it is',
        );
      }
      const ctx = await createContext(config);
      const logger = jsonLogger(config.logLevel);
      const worker = startOutboxWorker(ctx, {
        logger,
        ...(opts.pollInterval !== undefined && { pollIntervalMs: opts.pollInterval }),
        ...(opts.batchSize !== undefined && { batchSize: opts.batchSize }),
        ...(opts.lease !== undefined && { leaseMs: opts.lease }),
        ...(opts.retryBase !== undefined && { retryBaseMs: opts.retryBase }),
        ...(opts.retryMax !== undefined && { retryMaxMs: opts.retryMax }),
        ...(opts.maxAttempts !== undefined && { maxAttempts: opts.maxAttempts }),
      });
      const sweeper = startDecisionClockSweeper(ctx, { logger });
      const jobs = startJobRunner(ctx, {
        logger,
        ...(opts.jobLease !== undefined && { leaseMs: opts.jobLease }),
      });
      const webhooks = (await load.webhooks()).startWebhookWorker(ctx, { logger });
      const bounces = (await load.bounceMailbox()).startBounceMailboxWorker(ctx, { logger });
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        logger.info({ signal }, 'finishing the message in flight, then stopping');
        await Promise.all([worker?.stop(), sweeper.stop(), jobs.stop(), webhooks.stop(), bounces?.stop()]);
        await ctx.db.destroy();
        process.exit(0);
      };
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGINT', () => void shutdown('SIGINT'));
    },
  );

program
  .command('sweep')
  .description(
    'sweep the decision clock (stage moves, reminders, escalations, holding updates, digests) every minute; safe alongside other workers',
  )
  .option('--once', 'sweep once, print what was done as JSON and exit')
  .action(async (opts: { once?: boolean }) => {
    const { createContext } = await load.context();
    const { runDecisionClockSweep, startDecisionClockSweeper } = await load.sweep();
    const { jsonLogger } = await load.logger();
    const config = loadConfig();
    const ctx = await createContext(config);
    const logger = jsonLogger(config.logLevel);
    if (opts.once) {
      try {
        const result = await runDecisionClockSweep(ctx, { logger });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        if (result.failed > 0) process.exitCode = 1;
      } finally {
        await ctx.db.destroy();
      }
      return;
    }
    const sweeper = startDecisionClockSweeper(ctx, { logger });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      logger.info({ signal }, 'finishing the sweep in progress, then stopping');
      await sweeper.stop();
      await ctx.db.destroy();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  });

program
  .command('migrate')
  .description('bring the database (DATABASE_URL) to the latest schema')
  .action(async () => {
    const { openDatabase } = await load.database();
    const { migrateToLatest } = await load.migrate();
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
    const { createContext } = await load.context();
    const { seedDemo } = await load.demo();
    const config = loadConfig();
    const ctx = await createContext(config);
    try {
      const demo = await seedDemo(ctx, { showProgress: true });
      const lines = [
        demo.created
          ? `Created ${demo.organisation.name}: ${demo.counts.venues} venues, ${demo.counts.roles} roles, ${demo.counts.candidates} candidates, ${demo.counts.interviews} interviews, ${demo.counts.scorecards} scorecards, ${demo.counts.networkMembers} talent-network members.`
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
    const { createContext } = await load.context();
    const { apiKeyService } = await load.apiKeys();
    const ctx = await createContext(loadConfig());
    try {
      const organisation = await organisationBySlug(ctx.kysely, opts.org);
      const { apiKey: key, token } = await apiKeyService(ctx).create(organisation.id, opts.name, 'system');
      process.stdout.write(
        `API key "${key.name}" for ${organisation.name}:\n\n  ${token}\n\nSend it as: Authorization: Bearer ${token}\nIt is stored hashed and will not be shown again.\n`,
      );
    } finally {
      await ctx.db.destroy();
    }
  });

program
  .command('export')
  .description(
    'write applications (with outcomes), candidates or scorecards as CSV (stdout, or --output FILE)',
  )
  .argument('<kind>', `what to export: ${exportKinds.join(', ')}`, (value: string) => {
    if (!(exportKinds as readonly string[]).includes(value))
      throw new InvalidArgumentError(`choose one of ${exportKinds.join(', ')}`);
    return value as ExportKind;
  })
  .requiredOption('--org <slug>', "the organisation's short name (slug)")
  .option('--output <file>', 'write to this file instead of standard output')
  .action(async (kind: ExportKind, opts: { org: string; output?: string }) => {
    const { createContext } = await load.context();
    const { exportService } = await load.exports();
    const ctx = await createContext(loadConfig());
    try {
      const organisation = await organisationBySlug(ctx.kysely, opts.org);
      const exports = exportService(ctx);
      const bar = progress(`Exporting ${kind}`, await exports.count(organisation.id, kind));
      if (opts.output && existsSync(opts.output))
        fail(`${opts.output} already exists: choose a new file name`);
      const out = opts.output ? createWriteStream(opts.output, { flags: 'wx' }) : process.stdout;
      await exports.write(organisation.id, kind, 'system', out, (n) => bar.tick(n));
      bar.finish();
      if (opts.output) process.stderr.write(`Wrote ${opts.output}\n`);
    } finally {
      await ctx.db.destroy();
    }
  });

const metrics = program.command('metrics').description("the reputation dashboard's monthly rollup");
metrics
  .command('rebuild')
  .description('recount the rollup from the facts: every organisation, or one with --org')
  .option('--org <slug>', "only this organisation's short name (slug)")
  .action(async (opts: { org?: string }) => {
    const { createContext } = await load.context();
    const { rebuildOrganisation } = await load.rollup();
    const ctx = await createContext(loadConfig());
    try {
      const orgs = opts.org
        ? [await organisationBySlug(ctx.kysely, opts.org)]
        : await ctx.kysely.selectFrom('organization').select(['id', 'slug']).orderBy('slug').execute();
      const bar = progress('Rebuilding the rollup', orgs.length);
      let rows = 0;
      for (const org of orgs) {
        // One transaction per organisation: its dashboard never reads a half-rebuilt rollup.
        const r = await ctx.kysely.transaction().execute((tx) => rebuildOrganisation(tx, org.id));
        rows += r.rows;
        bar.tick();
      }
      bar.finish();
      process.stdout.write(`Rebuilt ${orgs.length} organisation(s): ${rows} rollup rows\n`);
    } finally {
      await ctx.db.destroy();
    }
  });

program
  .command('import')
  .description('import candidates, applications and interviews from a CSV file (see docs/OPERATIONS.md)')
  .argument('<file>', 'the CSV file')
  .requiredOption('--org <slug>', "the organisation's short name (slug)")
  .option('--dry-run', 'check every row and report the bad ones; change nothing')
  .option(
    '--preset <name>',
    'the column names of: followspot (default), followspot-export, greenhouse, workable',
  )
  .option('--mapping <file>', "a JSON file mapping the file's column headers to Followspot fields")
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .action(
    async (file: string, opts: { org: string; dryRun?: boolean; preset?: string; mapping?: string }) => {
      const { runImportCommand } = await load.imports();
      process.exitCode = await runImportCommand(file, opts);
    },
  );

/** A progress bar fed with absolute counts (done of total), created on the first report. */
function pagesProgress(label: string) {
  let bar: ReturnType<typeof progress> | undefined;
  let last = 0;
  return {
    report(done: number, total: number) {
      bar ??= progress(label, total);
      bar.tick(done - last);
      last = done;
    },
    finish: () => bar?.finish(),
  };
}

program
  .command('backup')
  .description(
    'write a consistent copy of the database (SQLite: safe while the app runs; PostgreSQL: pg_dump)',
  )
  .argument('[file]', 'where to write it (default: followspot-backup-<time>.sqlite or .dump)')
  .action(async (file: string | undefined) => {
    const config = loadConfig();
    const { isPostgresUrl } = await load.database();
    const { BackupError, backupDatabase } = await load.backup();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target =
      file ?? `followspot-backup-${stamp}.${isPostgresUrl(config.databaseUrl) ? 'dump' : 'sqlite'}`;
    const pages = pagesProgress('Backing up');
    try {
      const bytes = await backupDatabase(config.databaseUrl, target, pages.report);
      pages.finish();
      process.stdout.write(`Backed up to ${target} (${(bytes / 1_048_576).toFixed(1)} MB).\n`);
    } catch (error) {
      if (error instanceof BackupError) fail(error.message);
      throw error;
    }
  });

program
  .command('restore')
  .description('replace the database with a backup (stop the app first; the current database is kept aside)')
  .argument('<file>', 'a file written by followspot backup')
  .option('--yes', 'confirm: the app is stopped and the current data may be replaced')
  .action(async (file: string, opts: { yes?: boolean }) => {
    const config = loadConfig();
    if (!opts.yes) {
      fail(
        `restore replaces everything in ${config.databaseUrl.replace(/\/\/[^@]*@/, '//…@')} with ${file}. Stop the app (serve and worker), then run again with --yes`,
      );
    }
    const { openDatabase } = await load.database();
    const { migrateToLatest } = await load.migrate();
    const { BackupError, restoreDatabase } = await load.backup();
    const pages = pagesProgress('Restoring');
    try {
      const outcome = await restoreDatabase(config.databaseUrl, file, new Date(), pages.report);
      pages.finish();
      const db = openDatabase(config.databaseUrl);
      try {
        const { applied } = await migrateToLatest(db.kysely);
        const lines = [
          `Restored ${file}.`,
          outcome.previousCopy && `The database it replaced is kept at ${outcome.previousCopy}.`,
          applied.length > 0 && `Brought it up to date: ${applied.join(', ')}.`,
        ];
        process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
      } finally {
        await db.destroy();
      }
    } catch (error) {
      if (error instanceof BackupError) fail(error.message);
      throw error;
    }
  });

const feedback = program.command('feedback').description('helpers for candidate feedback');
feedback
  .command('check')
  .description(
    'check feedback before it is sent: vague, unhelpful, discriminatory or harsh text (exit 0 passes, 1 fails, 2 usage error)',
  )
  .argument('[file]', 'the text to check; "-" or nothing reads standard input')
  .option('--json', 'print the result as JSON')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .action(async (file: string | undefined, opts: { json?: boolean }) => {
    const { runFeedbackCheck } = await load.feedbackCli();
    process.exitCode = await runFeedbackCheck(file, opts, {
      stdin: process.stdin,
      out: process.stdout,
      err: process.stderr,
    });
  });

program
  .parseAsync(process.argv)
  .catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
