// The benches' databases: a fresh SQLite file or a fresh PostgreSQL database (on TEST_POSTGRES_URL's
// server, or a throwaway cluster when the binaries are there), and how to drop it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DialectName } from '../src/db/database.ts';
import { startThrowawayPostgres } from '../test/support/postgres-cluster.ts';

export interface PostgresServer {
  url: string;
  stop(): void;
}

/** TEST_POSTGRES_URL's server, else a throwaway cluster; undefined when neither is there. */
export async function postgresServer(): Promise<PostgresServer | undefined> {
  if (process.env.TEST_POSTGRES_URL) return { url: process.env.TEST_POSTGRES_URL, stop() {} };
  return startThrowawayPostgres();
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the kind. */
export async function freshDatabase(
  dialect: DialectName,
  server: PostgresServer | undefined,
  prefix = 'followspot-bench-',
): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    return {
      url: join(dir, 'bench.sqlite'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!server) throw new Error('no PostgreSQL: set TEST_POSTGRES_URL or install the PostgreSQL binaries');
  const name = `followspot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
