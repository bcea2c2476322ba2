import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { memberOf } from '../../http/access.ts';
import { anyMember } from '../../http/actor.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { meSchema } from './session.schema.ts';

export function sessionRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/v1/me',
    {
      config: { access: { roles: anyMember, sessionOnly: true } },
      schema: {
        tags: ['session'],
        summary: 'The signed-in member, their organisation and role',
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      const organisation = await findOrganisation(ctx.kysely, actor.organisationId);
      if (!organisation) throw notFound('Organisation');
      return {
        user: { id: actor.userId, name: actor.name, email: actor.email },
        organisation,
        role: actor.role,
      };
    },
  );
}
