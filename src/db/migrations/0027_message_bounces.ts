import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Bounces (issue #17): one row per provider event about a message that did not arrive, so "told"
// means the email arrived. The provider's own event id is unique: a re-sent notification counts once.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  await db.schema
    .createTable('message_bounce')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('message_id', 'text', (c) => c.notNull().references('message.id').onDelete('cascade'))
    // mailgun | postmark
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_event_id', 'text', (c) => c.notNull())
    // hard | soft | complaint
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('received_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_bounce_event_idx')
    .on('message_bounce')
    .columns(['provider', 'provider_event_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('message_bounce_message_idx')
    .on('message_bounce')
    .columns(['organisation_id', 'message_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_bounce').execute();
}
