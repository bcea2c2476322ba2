import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { authenticate, canAdminister, requireRole } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams, security } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type DataRequestRow, listDataRequests, refuseDataRequest } from './data-requests.repository.ts';
import {
  type DataRequest,
  dataRequestListQuery,
  dataRequestListSchema,
  dataRequestRefuseSchema,
} from './data-requests.schema.ts';

function present(row: DataRequestRow, now: Date): DataRequest {
  return {
    id: row.id,
    kind: 'deletion',
    status: row.status as DataRequest['status'],
    candidate:
      row.candidateId && row.candidateName !== null && row.candidateEmail !== null
        ? { id: row.candidateId, name: row.candidateName, email: row.candidateEmail }
        : null,
    requestedAt: row.requestedAt,
    dueAt: row.dueAt,
    closedAt: row.closedAt,
    overdue: row.status === 'open' && row.dueAt < now.toISOString(),
  };
}

/**
 * Candidates' data requests from their page. A deletion request is met by erasing the candidate
 * (DELETE /api/v1/candidates/{id}), which marks it done; or refused with a reason, audited.
 */
export function dataRequestRoutes(app: ApiApp, ctx: AppContext): void {
  const tags = ['data requests'];
  app.get(
    '/api/v1/data-requests',
    {
      schema: {
        tags,
        security,
        summary: "Candidates' requests about their data, soonest due first (admins)",
        querystring: dataRequestListQuery,
        response: { 200: dataRequestListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, canAdminister);
      const rows = await listDataRequests(ctx.kysely, actor.organisationId, request.query.status);
      return { data: rows.map((r) => present(r, ctx.now())) };
    },
  );

  app.post(
    '/api/v1/data-requests/:id/refuse',
    {
      schema: {
        tags,
        security,
        summary: 'Refuse a data request, with the reason (audited)',
        params: idParams,
        body: dataRequestRefuseSchema,
        response: { 200: dataRequestListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, canAdminister);
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        if (!(await refuseDataRequest(tx, actor.organisationId, request.params.id, now))) {
          throw new AppError('not_found', 'No open data request with this id');
        }
        await recordAudit(
          tx,
          actor.organisationId,
          actor,
          {
            action: 'data_request.refused',
            subjectType: 'data_request',
            subjectId: request.params.id,
            detail: { reason: request.body.reason },
          },
          now,
        );
      });
      const rows = await listDataRequests(ctx.kysely, actor.organisationId, undefined);
      return { data: rows.map((r) => present(r, now)) };
    },
  );
}
