import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Messaging: template versions, the transactional outbox and organisation settings (branding).
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  const json = sql.raw(t.json);

  await db.schema
    .createTable('organisation_settings')
    .addColumn('organisation_id', 'text', (c) =>
      c.primaryKey().references('organization.id').onDelete('cascade'),
    )
    .addColumn('logo_url', 'text')
    .addColumn('brand_colour', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('message_template_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_template_version_uq')
    .on('message_template_version')
    .columns(['organisation_id', 'template_key', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('template_version_id', 'text', (c) => c.notNull().references('message_template_version.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'text', (c) => c.references('candidate.id').onDelete('cascade'))
    .addColumn('member_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('application_id', 'text', (c) => c.references('application.id').onDelete('set null'))
    .addColumn('to_email', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text')
    .addColumn('reply_to_email', 'text')
    .addColumn('reply_to_name', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('variables', json, (c) => c.notNull())
    .addColumn('list_unsubscribe', 'text')
    .addColumn('ics', 'text')
    .addColumn('send_after', ts, (c) => c.notNull())
    .addColumn('send_window', json)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', ts)
    .addColumn('smtp_message_id', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('sent_at', ts)
    .addColumn('cancelled_at', ts)
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_idempotency_uq')
    .on('message')
    .columns(['organisation_id', 'idempotency_key'])
    .unique()
    .execute();
  // The worker's claim: due queued messages, and sending ones whose lease has expired.
  await db.schema.createIndex('message_due_idx').on('message').columns(['status', 'send_after']).execute();
  await db.schema
    .createIndex('message_lease_idx')
    .on('message')
    .columns(['status', 'lease_expires_at'])
    .execute();
  await db.schema.createIndex('message_org_idx').on('message').columns(['organisation_id', 'id']).execute();
  await db.schema
    .createIndex('message_candidate_idx')
    .on('message')
    .columns(['candidate_id', 'id'])
    .execute();
  await db.schema
    .createIndex('message_application_idx')
    .on('message')
    .columns(['application_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['message', 'message_template_version', 'organisation_settings']) {
    await db.schema.dropTable(t).execute();
  }
}
