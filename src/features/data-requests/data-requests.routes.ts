import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canAdminister } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import {
  dataRequestListQuery,
  dataRequestListSchema,
  dataRequestRefuseSchema,
} from './data-requests.schema.ts';
import { dataRequestService } from './data-requests.service.ts';

export function dataRequestRoutes(app: ApiApp, ctx: AppContext): void {
  const requests = dataRequestService(ctx);
  const tags = ['data requests'];
  app.get(
    '/api/v1/data-requests',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: "Candidates' requests about their data, soonest due first (admins)",
        querystring: dataRequestListQuery,
        response: { 200: dataRequestListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { data: await requests.list(actor.organisationId, request.query.status) };
    },
  );

  app.post(
    '/api/v1/data-requests/:id/refuse',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Refuse a data request, with the reason (audited)',
        params: idParams,
        body: dataRequestRefuseSchema,
        response: { 200: dataRequestListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await requests.refuse(actor.organisationId, request.params.id, request.body.reason, actor);
      return { data: await requests.list(actor.organisationId) };
    },
  );
}
