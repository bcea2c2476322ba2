import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations/index.ts';

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the database to the latest schema; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before any schema type applies
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'followspot_migration',
    migrationLockTableName: 'followspot_migration_lock',
    // A migration merged after a later-numbered one still runs: each only adds to the schema.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
