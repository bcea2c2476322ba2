import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type DataRequestRow, listDataRequests, refuseDataRequest } from './data-requests.repository.ts';
import type { DataRequest } from './data-requests.schema.ts';

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
 * (the candidates service marks it done); or refused with a reason, audited.
 */
export function dataRequestService(ctx: AppContext) {
  return {
    async list(organisationId: string, status?: DataRequest['status']): Promise<DataRequest[]> {
      const now = ctx.now();
      return (await listDataRequests(ctx.kysely, organisationId, status)).map((r) => present(r, now));
    },
    async refuse(organisationId: string, id: string, reason: string, actor: Actor): Promise<void> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        if (!(await refuseDataRequest(tx, organisationId, id, now))) {
          throw new AppError('not_found', 'No open data request with this id');
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          { action: 'data_request.refused', subjectType: 'data_request', subjectId: id, detail: { reason } },
          now,
        );
      });
    },
  };
}
