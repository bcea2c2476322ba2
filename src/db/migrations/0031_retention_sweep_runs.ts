import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// The retention sweep runs once per period (hourly by default) across all workers: the first
// worker to insert a period's key runs it, the others' inserts conflict and they skip it.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = sql.raw(columnTypes(dialectOf(db)).timestamp);
  await db.schema
    .createTable('sweep_run')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sweep_run').execute();
}
