import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Webhooks (issue #17): endpoints an admin registers (URL, event types, the signing secret encrypted
// with a key derived from SECRET, the previous secret while a rotation overlaps), the organisation's
// webhook setting (whether private addresses are allowed), one event row per change (written in the
// change's transaction) and one delivery row per endpoint and event, which the worker sends with a
// lease and retries with backoff.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organization.id').onDelete('cascade');

  await db.schema
    .createTable('webhook_setting')
    .addColumn('organisation_id', 'text', (c) => org(c).primaryKey())
    .addColumn('allow_private_addresses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_endpoint')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // JSON array of event types.
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('previous_secret_encrypted', 'text')
    .addColumn('previous_secret_expires_at', ts)
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disabled_reason', 'text')
    .addColumn('failing_since', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_endpoint_org_idx')
    .on('webhook_endpoint')
    .columns(['organisation_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', sql.raw(t.json), (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_event_org_idx')
    .on('webhook_event')
    .columns(['organisation_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('endpoint_id', 'text', (c) =>
      c.notNull().references('webhook_endpoint.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull().references('webhook_event.id').onDelete('cascade'))
    // pending | sending | delivered | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', ts)
    .addColumn('request_headers', 'text')
    .addColumn('request_body', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint(
      'webhook_delivery_status_ck',
      sql`status in ('pending', 'sending', 'delivered', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('webhook_delivery_due_idx')
    .on('webhook_delivery')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_delivery_endpoint_idx')
    .on('webhook_delivery')
    .columns(['organisation_id', 'endpoint_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webhook_delivery', 'webhook_event', 'webhook_endpoint', 'webhook_setting']) {
    await db.schema.dropTable(table).execute();
  }
}
