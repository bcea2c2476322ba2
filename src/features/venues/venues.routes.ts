import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canAdminister } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent } from '../../http/types.ts';
import {
  venueCreateSchema,
  venueListQuery,
  venuePageSchema,
  venueSchema,
  venueUpdateSchema,
} from './venues.schema.ts';
import { venueService } from './venues.service.ts';

export function venueRoutes(app: ApiApp, ctx: AppContext): void {
  const venues = venueService(ctx);
  const tags = ['venues'];

  app.get(
    '/api/v1/venues',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'List venues',
        querystring: venueListQuery,
        response: { 200: venuePageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return venues.list(actor.organisationId, request.query);
    },
  );

  app.post(
    '/api/v1/venues',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Create a venue',
        body: venueCreateSchema,
        response: { 201: venueSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await venues.create(actor.organisationId, request.body));
    },
  );

  app.get(
    '/api/v1/venues/:id',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Read a venue',
        params: idParams,
        response: { 200: venueSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return venues.get(actor.organisationId, request.params.id);
    },
  );

  app.patch(
    '/api/v1/venues/:id',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Update or archive a venue',
        params: idParams,
        body: venueUpdateSchema,
        response: { 200: venueSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return venues.update(actor.organisationId, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/v1/venues/:id',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Delete a venue with no roles',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await venues.remove(actor.organisationId, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
