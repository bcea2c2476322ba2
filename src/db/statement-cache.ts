// Kysely's SQLite driver prepares every statement again on each query (about a tenth of the CPU of
// bulk work); this keeps the prepared statements of the most recent SQL texts for reuse.
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept; a query's text repeats whatever its parameters, so a few hundred suffice. */
export const cachedStatements = 500;

/**
 * The database as Kysely's SqliteDialect sees it, with `prepare` answered from a cache (least
 * recently used out). Safe because Kysely runs one query at a time on the one connection and reads
 * each statement to the end (`all`/`run`) before the next; SQLite re-prepares a cached statement
 * itself when the schema changes.
 */
export function withStatementCache(sqlite: SQLiteDatabase, size = cachedStatements): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
