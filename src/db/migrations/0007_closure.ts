import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Closure (issue #7): the outcome reached, how the candidate was told (`told_via`, with `told_note` for a logged call,
// meeting or withdrawal) next to `told_at` from 0005, and the "close the rest" review queue of a role.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);

  // email | call | meeting | candidate_response | candidate_withdrew
  await db.schema.alterTable('application').addColumn('told_via', 'text').execute();
  await db.schema.alterTable('application').addColumn('told_note', 'text').execute();
  // The decision reached (offer, hired, offer_declined, not_progressing, withdrawn): kept once closed.
  await db.schema.alterTable('application').addColumn('outcome', 'text').execute();

  await db.schema
    .createTable('closure_queue_item')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('role_id', 'text', (c) => c.notNull().references('role.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) =>
      c.notNull().primaryKey().references('application.id').onDelete('cascade'),
    )
    // Why no draft could be composed (e.g. no submitted scorecards); null when one was.
    .addColumn('problem', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('closure_queue_item_role_idx')
    .on('closure_queue_item')
    .columns(['organisation_id', 'role_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('closure_queue_item').execute();
  await db.schema.alterTable('application').dropColumn('outcome').execute();
  await db.schema.alterTable('application').dropColumn('told_note').execute();
  await db.schema.alterTable('application').dropColumn('told_via').execute();
}
