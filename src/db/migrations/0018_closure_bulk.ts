import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Close the rest at any stage (issue #11): each queue item has a kind (feedback from scorecards,
// a screening reason, or interviewed without scorecards), the screening message chosen for it and
// its check, the audited note for deciding without scorecards, and when and by whom it was approved.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  // feedback | screening | without_scorecards
  await db.schema
    .alterTable('closure_queue_item')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('feedback'))
    .execute();
  // JSON { reasons: [{ criterionKey, text? }], note? } for screening and without_scorecards items.
  await db.schema.alterTable('closure_queue_item').addColumn('screening', 'text').execute();
  await db.schema.alterTable('closure_queue_item').addColumn('without_scorecards_note', 'text').execute();
  // JSON FeedbackCheck of the screening message (feedback items use the feedback's own check).
  await db.schema.alterTable('closure_queue_item').addColumn('check_result', 'text').execute();
  await db.schema.alterTable('closure_queue_item').addColumn('approved_at', ts).execute();
  await db.schema.alterTable('closure_queue_item').addColumn('approved_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    'approved_by',
    'approved_at',
    'check_result',
    'without_scorecards_note',
    'screening',
    'kind',
  ]) {
    await db.schema.alterTable('closure_queue_item').dropColumn(column).execute();
  }
}
