import type { Kysely } from 'kysely';
import type { AppAuth } from './auth/lazy-auth.ts';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import type { Database } from './db/schema.ts';

/** What every service is built with: configuration, the database, auth and the clock. */
export interface AppContext {
  config: AppConfig;
  db: Db;
  kysely: Kysely<Database>;
  auth: AppAuth;
  now: () => Date;
}
