import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { WebhookDeliveryTable, WebhookEndpointTable } from '../../db/schema-webhooks.ts';
import type { Page } from '../common.schema.ts';
import type { Webhook, WebhookDelivery } from './webhooks.schema.ts';

const endpointColumns = [
  'id',
  'url',
  'description',
  'event_types',
  'secret_encrypted',
  'previous_secret_encrypted',
  'previous_secret_expires_at',
  'enabled',
  'disabled_reason',
  'failing_since',
  'created_at',
  'updated_at',
] as const;
export type EndpointRow = Pick<Selectable<WebhookEndpointTable>, (typeof endpointColumns)[number]>;

export function toWebhook(row: EndpointRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    enabled: Number(row.enabled) === 1,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertEndpoint(
  db: Kysely<Database>,
  organisationId: string,
  row: { id: string; url: string; description: string | null; eventTypes: string[]; secretEncrypted: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('webhook_endpoint')
    .values({
      id: row.id,
      organisation_id: organisationId,
      url: row.url,
      description: row.description,
      event_types: JSON.stringify(row.eventTypes),
      secret_encrypted: row.secretEncrypted,
      previous_secret_encrypted: null,
      previous_secret_expires_at: null,
      enabled: 1,
      disabled_reason: null,
      failing_since: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function findEndpoint(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<EndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoint')
    .select(endpointColumns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listEndpoints(
  db: Kysely<Database>,
  organisationId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<Webhook>> {
  let q = db
    .selectFrom('webhook_endpoint')
    .select(endpointColumns)
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.cursor) q = q.where('id', '>', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(toWebhook),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

export async function updateEndpoint(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  set: Partial<Omit<WebhookEndpointTable, 'id' | 'organisation_id' | 'created_at'>>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('webhook_endpoint')
    .set({ ...set, updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function deleteEndpoint(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('webhook_endpoint')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function allowsPrivateAddresses(db: Kysely<Database>, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_setting')
    .select('allow_private_addresses')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(row?.allow_private_addresses ?? 0) === 1;
}

export async function saveSetting(
  db: Kysely<Database>,
  organisationId: string,
  allowPrivate: boolean,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const value = allowPrivate ? 1 : 0;
  await db
    .insertInto('webhook_setting')
    .values({ organisation_id: organisationId, allow_private_addresses: value, updated_at: at })
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({ allow_private_addresses: value, updated_at: at }),
    )
    .execute();
}

const deliveryColumns = [
  'webhook_delivery.id',
  'webhook_delivery.endpoint_id',
  'webhook_delivery.event_id',
  'webhook_event.type as event_type',
  'webhook_delivery.status',
  'webhook_delivery.attempts',
  'webhook_delivery.next_attempt_at',
  'webhook_delivery.request_headers',
  'webhook_delivery.request_body',
  'webhook_delivery.response_status',
  'webhook_delivery.response_body',
  'webhook_delivery.last_error',
  'webhook_delivery.delivered_at',
  'webhook_delivery.created_at',
] as const;

type DeliveryRow = Pick<
  Selectable<WebhookDeliveryTable>,
  | 'id'
  | 'endpoint_id'
  | 'event_id'
  | 'status'
  | 'attempts'
  | 'next_attempt_at'
  | 'request_headers'
  | 'request_body'
  | 'response_status'
  | 'response_body'
  | 'last_error'
  | 'delivered_at'
  | 'created_at'
> & { event_type: string };

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status as WebhookDelivery['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    request:
      row.request_body === null
        ? null
        : {
            headers: JSON.parse(row.request_headers ?? '{}') as Record<string, string>,
            body: row.request_body,
          },
    response:
      row.response_status === null && row.response_body === null
        ? null
        : {
            status: row.response_status === null ? null : Number(row.response_status),
            body: row.response_body,
          },
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

export async function listDeliveries(
  db: Kysely<Database>,
  organisationId: string,
  endpointId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<WebhookDelivery>> {
  let q = db
    .selectFrom('webhook_delivery')
    .innerJoin('webhook_event', 'webhook_event.id', 'webhook_delivery.event_id')
    .select(deliveryColumns)
    .where('webhook_delivery.organisation_id', '=', organisationId)
    .where('webhook_delivery.endpoint_id', '=', endpointId)
    .orderBy('webhook_delivery.id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) q = q.where('webhook_delivery.id', '<', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(toDelivery),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

export async function findDelivery(
  db: Kysely<Database>,
  organisationId: string,
  endpointId: string,
  id: string,
): Promise<WebhookDelivery | undefined> {
  const row = await db
    .selectFrom('webhook_delivery')
    .innerJoin('webhook_event', 'webhook_event.id', 'webhook_delivery.event_id')
    .select(deliveryColumns)
    .where('webhook_delivery.organisation_id', '=', organisationId)
    .where('webhook_delivery.endpoint_id', '=', endpointId)
    .where('webhook_delivery.id', '=', id)
    .executeTakeFirst();
  return row ? toDelivery(row) : undefined;
}

/** Puts a delivery back in the queue now (send again), keeping its event and so its webhook-id. */
export async function requeueDelivery(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('webhook_delivery')
    .set({
      status: 'pending',
      next_attempt_at: at,
      attempts: 0,
      lease_owner: null,
      lease_expires_at: null,
      updated_at: at,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '!=', 'sending')
    .execute();
}

// ---- The worker's queries (across organisations: each row carries its organisation id) ----

export interface ClaimedDelivery {
  id: string;
  organisation_id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
  created_at: string;
}

export async function claimDueDeliveries(
  db: Kysely<Database>,
  dialect: DialectName,
  claim: { owner: string; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedDelivery[]> {
  const now = claim.now.toISOString();
  const leaseUntil = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
  const due = sql`((webhook_delivery.status = 'pending' and webhook_delivery.next_attempt_at <= ${now})
      or (webhook_delivery.status = 'sending' and webhook_delivery.lease_expires_at <= ${now}))`;
  const set = sql`status = 'sending', lease_owner = ${claim.owner}, lease_expires_at = ${leaseUntil},
      attempts = webhook_delivery.attempts + 1, updated_at = ${now}`;
  const returning = sql`webhook_delivery.id, webhook_delivery.organisation_id, webhook_delivery.endpoint_id,
      webhook_delivery.event_id, webhook_delivery.attempts, webhook_delivery.created_at`;
  const query =
    dialect === 'postgres'
      ? sql<ClaimedDelivery>`with due as (
          select webhook_delivery.id from webhook_delivery where ${due}
          order by webhook_delivery.next_attempt_at, webhook_delivery.id
          limit ${claim.limit}
          for update skip locked)
        update webhook_delivery set ${set}
        from due where webhook_delivery.id = due.id
        returning ${returning}`
      : sql<ClaimedDelivery>`update webhook_delivery set ${set}
        where webhook_delivery.id in (
          select webhook_delivery.id from webhook_delivery where ${due}
          order by webhook_delivery.next_attempt_at, webhook_delivery.id
          limit ${claim.limit})
        returning ${returning}`;
  const { rows } = await query.execute(db);
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function findEventForDelivery(
  db: Kysely<Database>,
  organisationId: string,
  eventId: string,
): Promise<{ id: string; type: string; payload: string; created_at: string } | undefined> {
  return db
    .selectFrom('webhook_event')
    .select(['id', 'type', 'payload', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', eventId)
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Kysely<Database>,
  id: string,
  owner: string,
  outcome: {
    status: 'delivered' | 'pending' | 'failed';
    nextAttemptAt: Date;
    requestHeaders: Record<string, string> | null;
    requestBody: string | null;
    responseStatus: number | null;
    responseBody: string | null;
    error: string | null;
  },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('webhook_delivery')
    .set({
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt.toISOString(),
      lease_owner: null,
      lease_expires_at: null,
      request_headers: outcome.requestHeaders ? JSON.stringify(outcome.requestHeaders) : null,
      request_body: outcome.requestBody,
      response_status: outcome.responseStatus,
      response_body: outcome.responseBody,
      last_error: outcome.error,
      delivered_at: outcome.status === 'delivered' ? at : null,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Endpoint disabled meanwhile: its pending deliveries stop (they can be sent again later). */
export async function failPendingForEndpoint(
  db: Kysely<Database>,
  organisationId: string,
  endpointId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('webhook_delivery')
    .set({ status: 'failed', last_error: reason, updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute();
}
