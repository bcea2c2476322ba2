import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';

export interface StoredRequest {
  id: string;
  requestHash: string;
  state: 'running' | 'done';
  createdAt: string;
  response: { status: number; contentType: string | null; location: string | null; body: string } | null;
}

export interface KeyScope {
  organisationId: string;
  caller: string;
  key: string;
}

const columns = [
  'id',
  'request_hash',
  'state',
  'created_at',
  'response_status',
  'response_content_type',
  'response_location',
  'response_body',
] as const;

/** Claims the key for a request about to run; undefined when the key is already held. */
export async function claimKey(
  db: Kysely<Database>,
  scope: KeyScope,
  requestHash: string,
  now: Date,
  ttlMs: number,
): Promise<string | undefined> {
  const id = newId(now.getTime());
  const row = await db
    .insertInto('idempotency_key')
    .values({
      id,
      organisation_id: scope.organisationId,
      caller: scope.caller,
      key: scope.key,
      request_hash: requestHash,
      state: 'running',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'caller', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function findKey(db: Kysely<Database>, scope: KeyScope): Promise<StoredRequest | undefined> {
  const row = await db
    .selectFrom('idempotency_key')
    .select(columns)
    .where('organisation_id', '=', scope.organisationId)
    .where('caller', '=', scope.caller)
    .where('key', '=', scope.key)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    requestHash: row.request_hash,
    state: row.state,
    createdAt: row.created_at,
    response:
      row.state === 'done' && row.response_status !== null
        ? {
            status: row.response_status,
            contentType: row.response_content_type,
            location: row.response_location,
            body: row.response_body ?? '',
          }
        : null,
  };
}

export async function storeResponse(
  db: Kysely<Database>,
  id: string,
  response: { status: number; contentType: string | null; location: string | null; body: string },
): Promise<void> {
  await db
    .updateTable('idempotency_key')
    .set({
      state: 'done',
      response_status: response.status,
      response_content_type: response.contentType,
      response_location: response.location,
      response_body: response.body,
    })
    .where('id', '=', id)
    .execute();
}

/** Lets the key be used again: the request failed on our side, or its claim was abandoned. */
export async function releaseKey(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('idempotency_key').where('id', '=', id).execute();
}

/** Forgets keys past their 24 hours (any organisation: they hold nothing anyone may still use). */
export async function deleteExpiredKeys(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_key')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
