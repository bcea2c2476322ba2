import { type Kysely, PostgresAdapter } from 'kysely';
import type { DialectName } from './database.ts';

export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types that differ between the two databases; everything else is spelled the same. */
export function columnTypes(dialect: DialectName) {
  return dialect === 'postgres'
    ? { timestamp: 'timestamptz', date: 'date', json: 'text' }
    : { timestamp: 'text', date: 'text', json: 'text' };
}
