import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canAdminister, canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import {
  brandingSchema,
  brandingUpdateSchema,
  templateDetailSchema,
  templateKeyParams,
  templateListSchema,
  templatePreviewRequestSchema,
  templatePreviewSchema,
  templateUpdateSchema,
} from './templates.schema.ts';
import { brandingService, templateService } from './templates.service.ts';

export function templateRoutes(app: ApiApp, ctx: AppContext): void {
  const service = templateService(ctx);
  const branding = brandingService(ctx);
  const tags = ['templates'];

  app.get(
    '/api/v1/templates',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'List the email templates',
        response: { 200: templateListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { data: await service.list(actor.organisationId) };
    },
  );

  app.get(
    '/api/v1/templates/:key',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Read a template: its current text, the variables it can use and every saved version',
        params: templateKeyParams,
        response: { 200: templateDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return service.get(actor.organisationId, request.params.key);
    },
  );

  app.put(
    '/api/v1/templates/:key',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Save a new version of a template (admins)',
        description:
          'Subject and body are Liquid (`{{ candidate.firstName }}`); the body is Markdown. An unknown variable is refused with 400 naming it. Earlier versions are kept, and every message records the version it used.',
        params: templateKeyParams,
        body: templateUpdateSchema,
        response: { 200: templateDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return service.update(actor.organisationId, request.params.key, request.body, actor);
    },
  );

  app.post(
    '/api/v1/templates/:key/preview',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Preview a template as it would be sent',
        description:
          'Renders the given (unsaved) subject and body, or the current version, with a real application (the given one, else the newest) or sample data when there is none.',
        params: templateKeyParams,
        body: templatePreviewRequestSchema.nullish(),
        response: { 200: templatePreviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return service.preview(actor.organisationId, request.params.key, request.body ?? {}, actor);
    },
  );

  app.get(
    '/api/v1/settings/branding',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags: ['settings'],
        summary: "The organisation's email branding (admins)",
        response: { 200: brandingSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return branding.get(actor.organisationId);
    },
  );

  app.patch(
    '/api/v1/settings/branding',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags: ['settings'],
        summary: 'Change the logo and colour of emails (admins)',
        body: brandingUpdateSchema,
        response: { 200: brandingSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return branding.update(actor.organisationId, request.body, actor);
    },
  );
}
