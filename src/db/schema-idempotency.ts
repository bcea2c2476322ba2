// Table of API idempotency keys (migration 0026); part of the Database interface in schema.ts.
// Timestamps are ISO-8601 strings in UTC.

export interface IdempotencyKeyTable {
  id: string;
  organisation_id: string;
  /** `api_key:<id>` or `member:<user id>`. */
  caller: string;
  key: string;
  /** sha256 of the method, path, query and body: the same key with another request is refused. */
  request_hash: string;
  state: 'running' | 'done';
  response_status: number | null;
  response_content_type: string | null;
  response_location: string | null;
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

export interface IdempotencyTables {
  idempotency_key: IdempotencyKeyTable;
}
