import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import { authenticate } from '../../http/actor.ts';
import { type ApiApp, errorResponses, security } from '../../http/types.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { meSchema } from './session.schema.ts';

export function sessionRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['session'],
        security,
        summary: 'The signed-in member, their organisation and role',
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await authenticate(ctx, request);
      if (actor.kind !== 'member')
        throw new AppError('forbidden', 'An API key has no member: use a signed-in session');
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
