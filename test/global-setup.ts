import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../src/db/migrate.ts';
import { type PostgresCluster, startThrowawayPostgres } from './support/postgres-cluster.ts';

let cluster: PostgresCluster | undefined;
let template: { adminUrl: string; name: string } | undefined;

/** A migrated PostgreSQL database that each test database is copied from (faster than migrating each). */
async function createTemplate(adminUrl: string): Promise<string> {
  const name = `followspot_template_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }),
  });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  template = { adminUrl, name };
  return name;
}

/**
 * PostgreSQL for the integration tests: TEST_POSTGRES_URL if given (CI starts its own cluster),
 * else a throwaway cluster when PostgreSQL is installed. In CI a missing PostgreSQL is a failure.
 */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.TEST_POSTGRES_URL;
  if (!url && process.env.TEST_DATABASES !== 'sqlite') {
    cluster = await startThrowawayPostgres();
    url = cluster?.url;
  }
  if (!url && process.env.CI === 'true') {
    throw new Error(
      'CI=true but no PostgreSQL: set TEST_POSTGRES_URL or install PostgreSQL; no suite may be skipped in CI',
    );
  }
  if (!url) console.warn('\n[followspot] PostgreSQL not found: database tests run on SQLite only.\n');
  project.provide('postgresUrl', url ?? '');
  project.provide('postgresTemplate', url ? await createTemplate(url) : '');
}

export async function teardown(): Promise<void> {
  if (template && !cluster) {
    const admin = new pg.Client({ connectionString: template.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${template.name} with (force)`);
    await admin.end();
  }
  cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** A migrated database to copy test databases from ('' without PostgreSQL). */
    postgresTemplate: string;
  }
}
