import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canAdminister, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import {
  frameworkArchiveSchema,
  frameworkCopySchema,
  frameworkListQuery,
  frameworkListSchema,
  frameworkReadQuery,
  frameworkSchema,
  frameworkUpdateSchema,
} from './frameworks.schema.ts';
import { frameworkService } from './frameworks.service.ts';
import { requirementsSchema, requirementsUpdateSchema } from './requirements.schema.ts';
import { presentRequirements, requirementsService } from './requirements.service.ts';

export function frameworkRoutes(app: ApiApp, ctx: AppContext): void {
  const frameworks = frameworkService(ctx);
  const requirements = requirementsService(ctx);
  const tags = ['frameworks'];

  app.get(
    '/api/v1/frameworks',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'List frameworks: the built-ins and your organisation’s own',
        querystring: frameworkListQuery,
        response: { 200: frameworkListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { data: await frameworks.list(actor.organisationId, request.query) };
    },
  );

  app.get(
    '/api/v1/frameworks/:id',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: 'Read a framework: criteria, level descriptors, interview kits and training',
        params: idParams,
        querystring: frameworkReadQuery,
        response: { 200: frameworkSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return frameworks.read(actor.organisationId, request.params.id, request.query.version);
    },
  );

  app.post(
    '/api/v1/frameworks/:id/copy',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Copy a framework into your organisation, to edit it',
        params: idParams,
        body: frameworkCopySchema,
        response: { 201: frameworkSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .code(201)
        .send(await frameworks.copy(actor.organisationId, request.params.id, request.body, actor));
    },
  );

  app.put(
    '/api/v1/frameworks/:id',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Edit a framework: changed criteria become a new version, old versions are kept',
        params: idParams,
        body: frameworkUpdateSchema,
        response: { 200: frameworkSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return frameworks.update(actor.organisationId, request.params.id, request.body, actor);
    },
  );

  app.patch(
    '/api/v1/frameworks/:id',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Archive or restore a framework: archived ones are not offered for roles, which keep theirs',
        params: idParams,
        body: frameworkArchiveSchema,
        response: { 200: frameworkSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return frameworks.setArchived(actor.organisationId, request.params.id, request.body.archived, actor);
    },
  );

  app.get(
    '/api/v1/roles/:id/requirements',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: "A role's framework version, and per criterion its weight and required level",
        params: idParams,
        response: { 200: requirementsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentRequirements(await requirements.get(actor.organisationId, request.params.id));
    },
  );

  app.put(
    '/api/v1/roles/:id/requirements',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: "Set a role's framework version, weights and required levels",
        params: idParams,
        body: requirementsUpdateSchema,
        response: { 200: requirementsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentRequirements(
        await requirements.update(actor.organisationId, request.params.id, request.body, actor),
      );
    },
  );
}
