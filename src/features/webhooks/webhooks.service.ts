// Webhook endpoints as admins manage them: the URL (checked against SSRF rules), the event types, the
// signing secret (shown once, stored encrypted; rotation keeps the previous one signing for an
// overlap), enabling and disabling, the delivery log and "send again".
import type { AppContext } from '../../app-context.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Page } from '../common.schema.ts';
import * as repo from './webhooks.repository.ts';
import type {
  Webhook,
  WebhookCreate,
  WebhookDelivery,
  WebhookListQuery,
  WebhookSetting,
  WebhookUpdate,
  WebhookWithSecret,
} from './webhooks.schema.ts';
import { encryptSecret, newWebhookSecret } from './webhooks.secrets.ts';
import { destinationProblem } from './webhooks.ssrf.ts';

const hourMs = 60 * 60_000;

export function webhookService(ctx: AppContext) {
  async function checkDestination(organisationId: string, url: string): Promise<void> {
    const allowPrivate = await repo.allowsPrivateAddresses(ctx.kysely, organisationId);
    const problem = await destinationProblem(url, allowPrivate);
    if (problem) throw invalidField('url', problem);
  }
  async function load(organisationId: string, id: string): Promise<repo.EndpointRow> {
    return (await repo.findEndpoint(ctx.kysely, organisationId, id)) ?? Promise.reject(notFound('Webhook'));
  }

  return {
    async create(organisationId: string, input: WebhookCreate, actor: Actor): Promise<WebhookWithSecret> {
      await checkDestination(organisationId, input.url);
      const now = ctx.now();
      const id = newId(now.getTime());
      const secret = newWebhookSecret();
      await ctx.kysely.transaction().execute(async (tx) => {
        await repo.insertEndpoint(
          tx,
          organisationId,
          {
            id,
            url: input.url,
            description: input.description ?? null,
            eventTypes: input.eventTypes,
            secretEncrypted: encryptSecret(ctx.config.secret, secret),
          },
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          { action: 'webhook.created', subjectType: 'webhook', subjectId: id, detail: { url: input.url } },
          now,
        );
      });
      return { ...repo.toWebhook(await load(organisationId, id)), secret };
    },
    list(organisationId: string, query: WebhookListQuery): Promise<Page<Webhook>> {
      return repo.listEndpoints(ctx.kysely, organisationId, query);
    },
    async get(organisationId: string, id: string): Promise<Webhook> {
      return repo.toWebhook(await load(organisationId, id));
    },
    /** Enabling again clears an automatic disable and the failure run it followed. */
    async update(organisationId: string, id: string, input: WebhookUpdate, actor: Actor): Promise<Webhook> {
      const before = await load(organisationId, id);
      if (input.url !== undefined && input.url !== before.url)
        await checkDestination(organisationId, input.url);
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        await repo.updateEndpoint(
          tx,
          organisationId,
          id,
          {
            ...(input.url !== undefined && { url: input.url }),
            ...(input.description !== undefined && { description: input.description ?? null }),
            ...(input.eventTypes !== undefined && { event_types: JSON.stringify(input.eventTypes) }),
            ...(input.enabled === true && { enabled: 1, disabled_reason: null, failing_since: null }),
            ...(input.enabled === false && { enabled: 0, disabled_reason: 'Disabled by an admin' }),
          },
          now,
        );
        if (input.enabled === false) {
          await repo.failPendingForEndpoint(tx, organisationId, id, 'The endpoint was disabled', now);
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'webhook.updated',
            subjectType: 'webhook',
            subjectId: id,
            detail: { fields: Object.keys(input) },
          },
          now,
        );
      });
      return repo.toWebhook(await load(organisationId, id));
    },
    async remove(organisationId: string, id: string, actor: Actor): Promise<void> {
      await load(organisationId, id);
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        await repo.deleteEndpoint(tx, organisationId, id);
        await recordAudit(
          tx,
          organisationId,
          actor,
          { action: 'webhook.deleted', subjectType: 'webhook', subjectId: id },
          now,
        );
      });
    },
    /** A new secret signs from now; the current one also signs for `overlapHours`, then stops. */
    async rotateSecret(
      organisationId: string,
      id: string,
      overlapHours: number,
      actor: Actor,
    ): Promise<WebhookWithSecret> {
      const before = await load(organisationId, id);
      const now = ctx.now();
      const secret = newWebhookSecret();
      await ctx.kysely.transaction().execute(async (tx) => {
        await repo.updateEndpoint(
          tx,
          organisationId,
          id,
          {
            secret_encrypted: encryptSecret(ctx.config.secret, secret),
            previous_secret_encrypted: overlapHours > 0 ? before.secret_encrypted : null,
            previous_secret_expires_at:
              overlapHours > 0 ? new Date(now.getTime() + overlapHours * hourMs).toISOString() : null,
          },
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'webhook.secret_rotated',
            subjectType: 'webhook',
            subjectId: id,
            detail: { overlapHours },
          },
          now,
        );
      });
      return { ...repo.toWebhook(await load(organisationId, id)), secret };
    },
    async deliveries(
      organisationId: string,
      id: string,
      query: WebhookListQuery,
    ): Promise<Page<WebhookDelivery>> {
      await load(organisationId, id);
      return repo.listDeliveries(ctx.kysely, organisationId, id, query);
    },
    /** The same event (same webhook-id) goes again, with a fresh run of retries. */
    async sendAgain(organisationId: string, id: string, deliveryId: string): Promise<WebhookDelivery> {
      const endpoint = await load(organisationId, id);
      const delivery = await repo.findDelivery(ctx.kysely, organisationId, id, deliveryId);
      if (!delivery) throw notFound('Delivery');
      if (Number(endpoint.enabled) !== 1) {
        throw new AppError('conflict', 'This endpoint is disabled: enable it before sending again');
      }
      if (delivery.status === 'sending') {
        throw new AppError('conflict', 'This delivery is being sent now: wait for its result');
      }
      await repo.requeueDelivery(ctx.kysely, organisationId, deliveryId, ctx.now());
      return (await repo.findDelivery(ctx.kysely, organisationId, id, deliveryId))!;
    },
    async setting(organisationId: string): Promise<WebhookSetting> {
      return { allowPrivateAddresses: await repo.allowsPrivateAddresses(ctx.kysely, organisationId) };
    },
    async saveSetting(organisationId: string, input: WebhookSetting, actor: Actor): Promise<WebhookSetting> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        await repo.saveSetting(tx, organisationId, input.allowPrivateAddresses, now);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'webhook.setting_changed',
            subjectType: 'organisation',
            subjectId: organisationId,
            detail: { ...input },
          },
          now,
        );
      });
      return input;
    },
  };
}
export type WebhookService = ReturnType<typeof webhookService>;
