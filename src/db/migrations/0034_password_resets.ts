import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Password resets (issue #19): one row per "Forgot password?" request for a known account. The link's
// token is minted as the email is sent (a sealed link) and only its SHA-256 is kept; a reset works once.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  await db.schema
    .createTable('password_reset')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    // The organisation whose outbox carries the email (the account's first membership).
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_reset_user_idx').on('password_reset').column('user_id').execute();
  // A criterion the interview did not cover is marked so (1), not left unrated: the scorecard can be
  // submitted, and the criterion counts for nothing in the assessment.
  await db.schema
    .alterTable('scorecard_rating')
    .addColumn('not_assessed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scorecard_rating').dropColumn('not_assessed').execute();
  await db.schema.dropTable('password_reset').execute();
}
