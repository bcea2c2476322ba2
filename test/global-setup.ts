import type { TestProject } from 'vitest/node';
import { type PostgresCluster, startThrowawayPostgres } from './support/postgres-cluster.ts';

let cluster: PostgresCluster | undefined;

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
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
