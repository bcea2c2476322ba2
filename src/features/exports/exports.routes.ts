import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { actorOf } from '../../http/access.ts';
import { canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { exportParams } from './exports.schema.ts';
import { exportService } from './exports.service.ts';

export function exportRoutes(app: ApiApp, ctx: AppContext): void {
  const exports = exportService(ctx);

  app.get(
    '/api/v1/exports/:kind',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['exports'],
        summary: 'Download applications (with outcomes), candidates or scorecards as CSV',
        description:
          'Answers `text/csv`: UTF-8 with a byte-order mark, a header row, one row per item; cells starting with =, +, - or @ are made inert for spreadsheets. Audited.',
        params: exportParams,
        response: { 200: z.string().describe('The CSV file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const organisation = await findOrganisation(ctx.kysely, actor.organisationId);
      if (!organisation) throw notFound('Organisation');
      const body = new PassThrough();
      const done = exports.write(actor.organisationId, request.params.kind, actor, body);
      done.catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${exports.fileName(request.params.kind, organisation.slug)}"`,
        )
        .send(body as never);
    },
  );
}
