import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent } from '../../http/types.ts';
import {
  roleCreateSchema,
  roleListQuery,
  rolePageSchema,
  roleSchema,
  roleUpdateSchema,
} from './roles.schema.ts';
import { roleService } from './roles.service.ts';

export function roleRoutes(app: ApiApp, ctx: AppContext): void {
  const roles = roleService(ctx);
  const tags = ['roles'];

  app.get(
    '/api/v1/roles',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'List roles',
        querystring: roleListQuery,
        response: { 200: rolePageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return roles.list(actor.organisationId, request.query);
    },
  );

  app.post(
    '/api/v1/roles',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Create a role',
        body: roleCreateSchema,
        response: { 201: roleSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(201).send(await roles.create(actor.organisationId, request.body));
    },
  );

  app.get(
    '/api/v1/roles/:id',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Read a role',
        params: idParams,
        response: { 200: roleSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return roles.get(actor.organisationId, request.params.id);
    },
  );

  app.patch(
    '/api/v1/roles/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Update a role, or mark it filled or archived once every candidate has an outcome',
        params: idParams,
        body: roleUpdateSchema,
        response: { 200: roleSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return roles.update(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.delete(
    '/api/v1/roles/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Delete a role nobody has applied for',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await roles.remove(actor.organisationId, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
