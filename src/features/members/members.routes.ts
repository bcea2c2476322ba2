import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { anyMember, canAdminister } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, noContent } from '../../http/types.ts';
import { invitationRoutes } from './invitations.routes.ts';
import { memberListSchema, memberSchema, memberUpdateSchema } from './members.schema.ts';
import { memberService } from './members.service.ts';

/** Members of the organisation, and the invitations that bring new ones in. */
export function memberRoutes(app: ApiApp, ctx: AppContext): void {
  const members = memberService(ctx);
  const tags = ['members'];

  app.get(
    '/api/v1/members',
    {
      config: { access: { roles: anyMember } },
      schema: {
        tags,
        summary: "List the organisation's members",
        response: { 200: memberListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { data: await members.list(actor.organisationId) };
    },
  );

  app.patch(
    '/api/v1/members/:id',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: "Change a member's role (admins; the last admin cannot be demoted)",
        params: idParams,
        body: memberUpdateSchema,
        response: { 200: memberSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return members.changeRole(actor.organisationId, request.params.id, request.body.role, actor);
    },
  );

  app.delete(
    '/api/v1/members/:id',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Remove a member from the organisation (admins; the last admin cannot be removed)',
        params: idParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await members.remove(actor.organisationId, request.params.id, actor);
      return reply.code(204).send(null);
    },
  );

  invitationRoutes(app, ctx);
}
