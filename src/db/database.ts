import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** A Kysely for better-auth: on PostgreSQL its own small pool with pg's default type parsing. */
  authKysely: Kysely<unknown>;
  /** Connections of our pool (PostgreSQL; SQLite is one connection in the process). */
  poolStats(): { total: number; idle: number; waiting: number };
  destroy(): Promise<void>;
}

// Our pool reads timestamptz and date as ISO strings, as SQLite stores them, so repositories see
// one shape on both databases. Set per pool: better-auth's own pool keeps pg's Date objects.
const isoTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case pg.types.builtins.TIMESTAMPTZ:
        return (v: string) => new Date(v).toISOString();
      case pg.types.builtins.DATE:
        return (v: string) => v;
      case pg.types.builtins.INT8:
        return (v: string) => Number(v);
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
} as pg.CustomTypesConfig;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(url: string, options: { poolSize?: number } = {}): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: isoTypes });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const authPool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection that the server closes (restart, failover) must not crash the process:
    // the pool drops it and the next query opens a new one.
    for (const p of [pool, authPool]) p.on('error', () => {});
    const authKysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: authPool }) });
    return {
      kysely,
      dialect: 'postgres',
      authKysely,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      destroy: async () => {
        await Promise.all([kysely.destroy(), authKysely.destroy()]);
      },
    };
  }
  const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Deleted and overwritten content is zeroed, so erased personal data is not left in free pages.
  sqlite.pragma('secure_delete = ON');
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    kysely,
    dialect: 'sqlite',
    authKysely: kysely as Kysely<unknown>,
    poolStats: () => ({ total: 1, idle: 0, waiting: 0 }),
    destroy: () => kysely.destroy(),
  };
}
