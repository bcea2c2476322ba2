import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ApiKey {
  id: string;
  organisationId: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const columns = [
  'id',
  'organisation_id',
  'name',
  'prefix',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

function toApiKey(row: Pick<Database['api_key'], (typeof columns)[number]>): ApiKey {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function findActiveApiKeyByToken(
  db: Kysely<Database>,
  token: string,
): Promise<ApiKey | undefined> {
  const row = await db
    .selectFrom('api_key')
    .select(columns)
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

/** How stale a key's `last_used_at` may get: it says roughly when, not every request. */
export const lastUsedResolutionMs = 60_000;

/**
 * Records that the key was used, at most once a minute per key: a busy integration's requests read
 * the key but do not all write it. The condition holds across processes too (one write wins).
 */
export async function touchApiKey(
  db: Kysely<Database>,
  key: { id: string; lastUsedAt: string | null },
  now: Date,
): Promise<void> {
  const since = now.getTime() - lastUsedResolutionMs;
  if (key.lastUsedAt !== null && Date.parse(key.lastUsedAt) > since) return;
  await db
    .updateTable('api_key')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', key.id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', new Date(since).toISOString())]),
    )
    .execute();
}

export async function insertApiKey(
  db: Kysely<Database>,
  key: {
    id: string;
    organisationId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    createdBy: string | null;
    createdAt: string;
  },
): Promise<ApiKey> {
  await db
    .insertInto('api_key')
    .values({
      id: key.id,
      organisation_id: key.organisationId,
      name: key.name,
      prefix: key.prefix,
      token_hash: key.tokenHash,
      created_by: key.createdBy,
      created_at: key.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  const row = await db
    .selectFrom('api_key')
    .select(columns)
    .where('id', '=', key.id)
    .executeTakeFirstOrThrow();
  return toApiKey(row);
}

export async function listApiKeys(db: Kysely<Database>, organisationId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_key')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toApiKey);
}

export async function revokeApiKey(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  now: Date,
): Promise<ApiKey | undefined> {
  await db
    .updateTable('api_key')
    .set({ revoked_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('api_key')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}
