import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canAdminister } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import {
  apiKeyCreatedSchema,
  apiKeyCreateSchema,
  apiKeyListSchema,
  apiKeySchema,
} from './api-keys.schema.ts';
import { apiKeyService, presentApiKey } from './api-keys.service.ts';

export function apiKeyRoutes(app: ApiApp, ctx: AppContext): void {
  const keys = apiKeyService(ctx);
  const tags = ['api keys'];

  app.get(
    '/api/v1/api-keys',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: "List the organisation's API keys",
        response: { 200: apiKeyListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { data: (await keys.list(actor.organisationId)).map(presentApiKey) };
    },
  );

  app.post(
    '/api/v1/api-keys',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Create an API key (the token is shown once)',
        body: apiKeyCreateSchema,
        response: { 201: apiKeyCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { apiKey, token } = await keys.create(actor.organisationId, request.body.name, actor);
      return reply.code(201).send({ apiKey: presentApiKey(apiKey), token });
    },
  );

  app.post(
    '/api/v1/api-keys/:id/revoke',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: idParams,
        response: { 200: apiKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentApiKey(await keys.revoke(actor.organisationId, request.params.id, actor));
    },
  );
}
