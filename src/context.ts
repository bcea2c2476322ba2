import type { AppContext } from './app-context.ts';
import { lazyAuth } from './auth/lazy-auth.ts';
import type { AppConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

/** Opens the database, brings it to the latest schema and wires auth: what `serve` and tests start from. */
export async function createContext(
  config: AppConfig,
  options: { now?: () => Date; migrate?: boolean } = {},
): Promise<AppContext> {
  const db = openDatabase(config.databaseUrl);
  if (options.migrate !== false) await migrateToLatest(db.kysely);
  return {
    config,
    db,
    kysely: db.kysely,
    auth: lazyAuth(db, config),
    now: options.now ?? (() => new Date()),
  };
}
