// The rows of each CSV export, read in keyset batches so an export of any size holds one batch in
// memory. Reads across applications, candidates, roles, venues and scorecards: exports own no table.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export const exportBatchSize = 1_000;

export interface ApplicationExportRow {
  application_id: string;
  candidate_id: string;
  candidate_name: string;
  candidate_email: string;
  role_id: string;
  role_title: string;
  venue_name: string;
  stage: string;
  outcome: string | null;
  applied_at: string;
  decision_due_date: string | null;
  decided_at: string | null;
  told_at: string | null;
  told_via: string | null;
  scorecards_submitted: number;
}

export async function applicationExportBatch(
  db: Kysely<Database>,
  organisationId: string,
  after: string | undefined,
): Promise<ApplicationExportRow[]> {
  let query = db
    .selectFrom('application as a')
    .innerJoin('candidate as c', (j) =>
      j.onRef('c.id', '=', 'a.candidate_id').on('c.organisation_id', '=', organisationId),
    )
    .innerJoin('role as r', (j) =>
      j.onRef('r.id', '=', 'a.role_id').on('r.organisation_id', '=', organisationId),
    )
    .innerJoin('venue as v', (j) =>
      j.onRef('v.id', '=', 'r.venue_id').on('v.organisation_id', '=', organisationId),
    )
    .where('a.organisation_id', '=', organisationId)
    .select((eb) => [
      'a.id as application_id',
      'c.id as candidate_id',
      'c.name as candidate_name',
      'c.email as candidate_email',
      'r.id as role_id',
      'r.title as role_title',
      'v.name as venue_name',
      'a.stage',
      'a.outcome',
      'a.created_at as applied_at',
      'a.decision_due_date',
      'a.decided_at',
      'a.told_at',
      'a.told_via',
      eb
        .selectFrom('scorecard as s')
        .where('s.organisation_id', '=', organisationId)
        .whereRef('s.application_id', '=', 'a.id')
        .where('s.status', '=', 'submitted')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('scorecards_submitted'),
    ])
    .orderBy('a.id')
    .limit(exportBatchSize);
  if (after) query = query.where('a.id', '>', after);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, scorecards_submitted: Number(r.scorecards_submitted ?? 0) }));
}

export interface CandidateExportRow {
  candidate_id: string;
  name: string;
  email: string;
  phone: string | null;
  location: string | null;
  source: string | null;
  created_at: string;
}

export async function candidateExportBatch(
  db: Kysely<Database>,
  organisationId: string,
  after: string | undefined,
): Promise<CandidateExportRow[]> {
  let query = db
    .selectFrom('candidate')
    .where('organisation_id', '=', organisationId)
    .select(['id as candidate_id', 'name', 'email', 'phone', 'location', 'source', 'created_at'])
    .orderBy('id')
    .limit(exportBatchSize);
  if (after) query = query.where('id', '>', after);
  return query.execute();
}

export interface ScorecardExportRow {
  scorecard_id: string;
  application_id: string;
  candidate_name: string;
  role_title: string;
  interviewer_name: string;
  status: string;
  recommendation: string | null;
  submitted_at: string | null;
  criteria_rated: number;
  mean_rating: number | null;
}

/** One row per scorecard: who, what they recommended and the ratings' mean; never private notes. */
export async function scorecardExportBatch(
  db: Kysely<Database>,
  organisationId: string,
  after: string | undefined,
): Promise<ScorecardExportRow[]> {
  let query = db
    .selectFrom('scorecard as s')
    .innerJoin('application as a', (j) =>
      j.onRef('a.id', '=', 's.application_id').on('a.organisation_id', '=', organisationId),
    )
    .innerJoin('candidate as c', (j) =>
      j.onRef('c.id', '=', 'a.candidate_id').on('c.organisation_id', '=', organisationId),
    )
    .innerJoin('role as r', (j) =>
      j.onRef('r.id', '=', 'a.role_id').on('r.organisation_id', '=', organisationId),
    )
    .innerJoin('user as u', 'u.id', 's.interviewer_id')
    .leftJoin('scorecard_rating as sr', (j) =>
      j.onRef('sr.scorecard_id', '=', 's.id').on('sr.rating', 'is not', null),
    )
    .where('s.organisation_id', '=', organisationId)
    .groupBy([
      's.id',
      's.application_id',
      'c.name',
      'r.title',
      'u.name',
      's.status',
      's.recommendation',
      's.submitted_at',
    ])
    .select((eb) => [
      's.id as scorecard_id',
      's.application_id',
      'c.name as candidate_name',
      'r.title as role_title',
      'u.name as interviewer_name',
      's.status',
      's.recommendation',
      's.submitted_at',
      eb.fn.count<number>('sr.rating').as('criteria_rated'),
      eb.fn.avg<number>('sr.rating').as('mean_rating'),
    ])
    .orderBy('s.id')
    .limit(exportBatchSize);
  if (after) query = query.where('s.id', '>', after);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    criteria_rated: Number(r.criteria_rated),
    mean_rating: r.mean_rating === null ? null : Math.round(Number(r.mean_rating) * 100) / 100,
  }));
}

/** How many rows an export will have, for a progress bar. */
export async function exportRowCount(
  db: Kysely<Database>,
  organisationId: string,
  table: 'application' | 'candidate' | 'scorecard',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .where('organisation_id', '=', organisationId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
