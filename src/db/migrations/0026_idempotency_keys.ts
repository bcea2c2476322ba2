import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Idempotency keys on the API's POST operations (issue #17): one row per organisation, caller and key,
// holding a hash of the request and, once it has run, the response to replay for 24 hours.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  await db.schema
    .createTable('idempotency_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    // `api_key:<id>` or `member:<user id>`: two callers never share a key.
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // running | done
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_content_type', 'text')
    .addColumn('response_location', 'text')
    .addColumn('response_body', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idempotency_key_caller_key_idx')
    .on('idempotency_key')
    .columns(['organisation_id', 'caller', 'key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('idempotency_key_expires_idx')
    .on('idempotency_key')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_key').execute();
}
