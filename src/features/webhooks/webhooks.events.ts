// Events for integrators: `emitEvent(tx, organisationId, type, data, now)` writes exactly one event row
// and one pending delivery per enabled endpoint subscribed to the type, in the caller's transaction,
// so a change that rolls back emits nothing. The worker (src/jobs/webhook-worker.ts) delivers them.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';

export const webhookEventTypes = [
  'application.created',
  'application.stage_changed',
  'interview.ended',
  'decision.made',
  'candidate.told',
  'application.closed',
  'feedback.approved',
  'network.joined',
  'network.left',
  'referral.received',
  'data_request.received',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export async function emitEvent(
  tx: Kysely<Database>,
  organisationId: string,
  type: WebhookEventType,
  data: object,
  now: Date,
): Promise<string> {
  const at = now.toISOString();
  const eventId = `evt_${newId(now.getTime())}`;
  await tx
    .insertInto('webhook_event')
    .values({
      id: eventId,
      organisation_id: organisationId,
      type,
      payload: JSON.stringify(data),
      created_at: at,
    })
    .execute();
  const endpoints = await tx
    .selectFrom('webhook_endpoint')
    .select(['id', 'event_types'])
    .where('organisation_id', '=', organisationId)
    .where('enabled', '=', 1)
    .execute();
  for (const endpoint of endpoints) {
    const types = JSON.parse(endpoint.event_types) as string[];
    if (!types.includes(type)) continue;
    await tx
      .insertInto('webhook_delivery')
      .values({
        id: newId(now.getTime()),
        organisation_id: organisationId,
        endpoint_id: endpoint.id,
        event_id: eventId,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  return eventId;
}
