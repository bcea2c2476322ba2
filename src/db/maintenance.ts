// Keeps the query planner's statistics fresh, so it keeps choosing the composite indexes as an
// organisation grows (a planner without statistics picks the organisation-only index and scans).
import { type Kysely, sql } from 'kysely';
import { dialectOf } from './dialect.ts';

/** How often the sweep refreshes statistics; also once when a worker or server starts. */
export const statisticsIntervalMs = 6 * 60 * 60 * 1000;

/**
 * SQLite: `PRAGMA optimize` analyses only the tables whose statistics are missing or stale, so it is
 * cheap to run often. PostgreSQL: `ANALYZE` samples every table (autovacuum does too, but not right
 * after a migration adds indexes or a bulk load).
 */
export async function refreshPlannerStatistics<DB>(kysely: Kysely<DB>): Promise<void> {
  const db = kysely as unknown as Kysely<unknown>;
  if (dialectOf(db) === 'postgres') await sql`ANALYZE`.execute(db);
  else await sql`PRAGMA optimize`.execute(db);
}
