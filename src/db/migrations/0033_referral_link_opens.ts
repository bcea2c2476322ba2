import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// When a referral link was first opened (issue #13), beside the count and the last opening it
// already has: the hiring team sees each link's story. Nothing about who opened it is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = sql.raw(columnTypes(dialectOf(db)).timestamp);
  await db.schema.alterTable('referral_link').addColumn('first_viewed_at', ts).execute();
  // Links opened before this migration: the first opening known is the last one.
  await sql`update referral_link set first_viewed_at = last_viewed_at where last_viewed_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('referral_link').dropColumn('first_viewed_at').execute();
}
