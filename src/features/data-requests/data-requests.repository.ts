import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface DataRequestRow {
  id: string;
  kind: string;
  status: string;
  candidateId: string | null;
  candidateName: string | null;
  candidateEmail: string | null;
  requestedAt: string;
  dueAt: string;
  closedAt: string | null;
}

export async function listDataRequests(
  db: Kysely<Database>,
  organisationId: string,
  status: string | undefined,
): Promise<DataRequestRow[]> {
  let q = db
    .selectFrom('data_request')
    .leftJoin('candidate', 'candidate.id', 'data_request.candidate_id')
    .select([
      'data_request.id',
      'data_request.kind',
      'data_request.status',
      'data_request.candidate_id',
      'candidate.name',
      'candidate.email',
      'candidate.anonymised_at',
      'data_request.requested_at',
      'data_request.due_at',
      'data_request.closed_at',
    ])
    .where('data_request.organisation_id', '=', organisationId);
  if (status) q = q.where('data_request.status', '=', status);
  const rows = await q.orderBy('data_request.due_at', 'asc').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    candidateId: r.candidate_id,
    // Kept as proof after the erasure, with no personal data.
    candidateName: r.anonymised_at ? null : r.name,
    candidateEmail: r.anonymised_at ? null : r.email,
    requestedAt: r.requested_at,
    dueAt: r.due_at,
    closedAt: r.closed_at,
  }));
}

/** Closes a candidate's open deletion requests: call it in the erasure's transaction. */
export async function completeDeletionRequests(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('data_request')
    .set({ status: 'done', closed_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('kind', '=', 'deletion')
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function refuseDataRequest(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('data_request')
    .set({ status: 'refused', closed_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
