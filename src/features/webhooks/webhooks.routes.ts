import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canAdminister } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent } from '../../http/types.ts';
import {
  deliveryParams,
  rotateSecretSchema,
  webhookCreateSchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookListQuery,
  webhookPageSchema,
  webhookSchema,
  webhookSettingSchema,
  webhookUpdateSchema,
  webhookWithSecretSchema,
} from './webhooks.schema.ts';
import { webhookService } from './webhooks.service.ts';

export function webhookRoutes(app: ApiApp, ctx: AppContext): void {
  const webhooks = webhookService(ctx);
  const tags = ['webhooks'];
  const access = { roles: canAdminister };

  app.get(
    '/api/v1/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'List webhook endpoints',
        querystring: webhookListQuery,
        response: { 200: webhookPageSchema, ...errorResponses },
      },
    },
    async (request) => webhooks.list(actorOf(request).organisationId, request.query),
  );

  app.post(
    '/api/v1/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a webhook endpoint (the signing secret is shown once)',
        description:
          'Events of the chosen types are POSTed to the URL, signed per the Standard Webhooks specification with the `whsec_…` secret in the answer. Only http(s) URLs; loopback and private addresses are refused unless Settings → Webhooks allows them.',
        body: webhookCreateSchema,
        response: { 201: webhookWithSecretSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await webhooks.create(actor.organisationId, request.body, actor));
    },
  );

  app.get(
    '/api/v1/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Read a webhook endpoint',
        params: idParams,
        response: { 200: webhookSchema, ...errorResponses },
      },
    },
    async (request) => webhooks.get(actorOf(request).organisationId, request.params.id),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change, enable or disable a webhook endpoint',
        params: idParams,
        body: webhookUpdateSchema,
        response: { 200: webhookSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return webhooks.update(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Delete a webhook endpoint and its delivery log',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await webhooks.remove(actor.organisationId, request.params.id, actor);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Rotate the signing secret (the new one is shown once)',
        description:
          'The new secret signs from now on; the previous one also signs (a second signature in `webhook-signature`) until `previousSecretExpiresAt`.',
        params: idParams,
        body: rotateSecretSchema,
        response: { 200: webhookWithSecretSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return webhooks.rotateSecret(actor.organisationId, request.params.id, request.body.overlapHours, actor);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: { access },
      schema: {
        tags,
        summary: "An endpoint's delivery log, newest first",
        description:
          'Each delivery is one event to this endpoint: its status, attempts, the last request sent (headers and body) and the response.',
        params: idParams,
        querystring: webhookListQuery,
        response: { 200: webhookDeliveryPageSchema, ...errorResponses },
      },
    },
    async (request) => webhooks.deliveries(actorOf(request).organisationId, request.params.id, request.query),
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/send-again',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Send a delivery again (same event, same webhook-id)',
        params: deliveryParams,
        response: { 200: webhookDeliverySchema, ...errorResponses },
      },
    },
    async (request) =>
      webhooks.sendAgain(actorOf(request).organisationId, request.params.id, request.params.deliveryId),
  );

  app.get(
    '/api/v1/settings/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: "The organisation's webhook setting",
        response: { 200: webhookSettingSchema, ...errorResponses },
      },
    },
    async (request) => webhooks.setting(actorOf(request).organisationId),
  );

  app.put(
    '/api/v1/settings/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Allow or refuse endpoints on loopback and private addresses',
        body: webhookSettingSchema,
        response: { 200: webhookSettingSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return webhooks.saveSetting(actor.organisationId, request.body, actor);
    },
  );
}
