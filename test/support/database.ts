import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { AppContext } from '../../src/app-context.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import type { DialectName } from '../../src/db/database.ts';

export interface TestDatabase {
  url: string;
  dialect: DialectName;
  drop(): Promise<void>;
}

/** The databases every repository and service test runs on. */
export function testDialects(): DialectName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabaseOptions {
  /**
   * SQLite in a temporary file instead of :memory:, so that another process (a child worker) can open
   * the same database; the file is deleted by drop(). PostgreSQL databases are always shareable.
   */
  sqliteFile?: boolean;
  /** PostgreSQL: a copy of the migrated template instead of an empty database. */
  migrated?: boolean;
}

/** A fresh, empty database of the given kind, dropped afterwards. */
export async function createTestDatabase(
  dialect: DialectName,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (dialect === 'sqlite' && options.sqliteFile) {
    const dir = mkdtempSync(join(tmpdir(), 'followspot-test-'));
    return {
      url: join(dir, 'test.sqlite'),
      dialect,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (dialect === 'sqlite') return { url: ':memory:', dialect, drop: async () => {} };
  const adminUrl = inject('postgresUrl');
  const name = `followspot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const template = options.migrated ? inject('postgresTemplate') : '';
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestContextOptions extends TestDatabaseOptions {
  now?: () => Date;
  /** SMTP_URL of the context's configuration (unset: messages are held). */
  smtpUrl?: string;
}

/** An AppContext on a fresh migrated database. */
export async function createTestContext(dialect: DialectName, options: TestContextOptions = {}) {
  const database = await createTestDatabase(dialect, {
    sqliteFile: options.sqliteFile ?? false,
    migrated: true,
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
    databaseUrl: database.url,
    publicUrl: 'http://127.0.0.1:3000',
    secret: 'test-secret-test-secret-test-secret-0123',
    ...(options.smtpUrl !== undefined && { smtpUrl: options.smtpUrl }),
  });
  const ctx: AppContext = await createContext(config, options.now ? { now: options.now } : {});
  return {
    ctx,
    dialect,
    async close() {
      await ctx.db.destroy();
      await database.drop();
    },
  };
}

/**
 * Runs a suite once per database (SQLite always, PostgreSQL when available), each on its own
 * fresh database. `get()` returns that run's context inside tests and hooks.
 */
export function describeEachDatabase(
  name: string,
  body: (get: () => Awaited<ReturnType<typeof createTestContext>>, dialect: DialectName) => void,
  options: TestContextOptions = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let current: Awaited<ReturnType<typeof createTestContext>> | undefined;
      beforeAll(async () => {
        current = await createTestContext(dialect, options);
      });
      afterAll(async () => {
        await current?.close();
      });
      body(() => {
        if (!current) throw new Error('test context not ready');
        return current;
      }, dialect);
    });
  }
}
