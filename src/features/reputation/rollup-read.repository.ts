// The dashboard's reads of the rollup (see rollup.repository.ts): a filter's scope rows summed over
// whole months, and the one live correction (the current month's interviews still to come).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { scorecardOnTimeHours } from './reputation.repository.ts';
import { applications, type Counts, countColumns, hours, type ScorecardCounts } from './rollup.repository.ts';

const asNumber = (v: unknown) => Number(v ?? 0);
const zero = (): Counts => Object.fromEntries(countColumns.map((c) => [c, 0])) as Counts;

export interface RollupFilter {
  venueId?: string;
  roleId?: string;
  hiringManagerId?: string;
}

/** The rows of a filter, as a condition on `column` (a table's scope): one scope's rows, or (a role,
 * or venue and manager together) the role rows that match, found by their venue and manager. */
function inScope(db: Kysely<Database>, column: string, organisationId: string, filter: RollupFilter) {
  const dims =
    filter.roleId !== undefined || (filter.venueId !== undefined && filter.hiringManagerId !== undefined);
  if (!dims) {
    const scope = filter.venueId
      ? `venue:${filter.venueId}`
      : filter.hiringManagerId
        ? `manager:${filter.hiringManagerId}`
        : 'org';
    return sql<boolean>`${sql.ref(column)} = ${scope}`;
  }
  let roles = db
    .selectFrom('reputation_month as r')
    .select('r.scope')
    .where('r.organisation_id', '=', organisationId)
    .where('r.scope', filter.roleId ? '=' : 'like', filter.roleId ? `role:${filter.roleId}` : 'role:_%');
  if (filter.venueId) roles = roles.where('r.venue_id', '=', filter.venueId);
  if (filter.hiringManagerId) roles = roles.where('r.hiring_manager_id', '=', filter.hiringManagerId);
  return sql<boolean>`${sql.ref(column)} in (${roles.distinct()})`;
}

/** Per month of [fromMonth, toMonth): every count summed over the filter's rows. */
export async function rollupMonths(
  db: Kysely<Database>,
  organisationId: string,
  filter: RollupFilter,
  fromMonth: string,
  toMonth: string,
): Promise<{ month: string; counts: Counts }[]> {
  const rows = await db
    .selectFrom('reputation_month')
    .where('reputation_month.organisation_id', '=', organisationId)
    .where(inScope(db, 'reputation_month.scope', organisationId, filter))
    .select([
      'reputation_month.month',
      ...countColumns.map((k) => sql<number>`sum(${sql.ref(`reputation_month.${k}`)})`.as(k)),
    ])
    .where('reputation_month.month', '>=', fromMonth)
    .where('reputation_month.month', '<', toMonth)
    .groupBy('reputation_month.month')
    .orderBy('reputation_month.month')
    .execute();
  return rows.map((r) => {
    const counts = zero();
    const record = r as unknown as Record<string, unknown>;
    for (const k of countColumns) counts[k] = asNumber(record[k]);
    return { month: r.month, counts };
  });
}

/** Decided applications of any month whose candidate is still untold. */
export async function rollupUntold(db: Kysely<Database>, organisationId: string, filter: RollupFilter) {
  const row = await db
    .selectFrom('reputation_month')
    .where('organisation_id', '=', organisationId)
    .where(inScope(db, 'reputation_month.scope', organisationId, filter))
    .select(sql<number>`sum(reputation_month.untold)`.as('n'))
    .executeTakeFirst();
  return asNumber(row?.n);
}

/** The working-days histogram of [fromMonth, toMonth), per month. */
export async function rollupDays(
  db: Kysely<Database>,
  organisationId: string,
  filter: RollupFilter,
  fromMonth: string,
  toMonth: string,
) {
  const rows = await db
    .selectFrom('reputation_month_days as d')
    .where('d.organisation_id', '=', organisationId)
    .where(inScope(db, 'd.scope', organisationId, filter))
    .select(['d.month', 'd.days', sql<number>`sum(d.n)`.as('n')])
    .where('d.month', '>=', fromMonth)
    .where('d.month', '<', toMonth)
    .groupBy(['d.month', 'd.days'])
    .execute();
  return rows
    .map((r) => ({ month: r.month, days: asNumber(r.days), count: asNumber(r.n) }))
    .filter((r) => r.count > 0);
}

/** Scorecards per interviewer over [fromMonth, toMonth), with the interviewer's name. */
export async function rollupInterviewers(
  db: Kysely<Database>,
  organisationId: string,
  filter: RollupFilter,
  fromMonth: string,
  toMonth: string,
) {
  const rows = await db
    .selectFrom('reputation_month_interviewer as i')
    .innerJoin('user', 'user.id', 'i.interviewer_id')
    .where('i.organisation_id', '=', organisationId)
    .where(inScope(db, 'i.scope', organisationId, filter))
    .select([
      'i.interviewer_id',
      'user.name as name',
      sql<number>`sum(i.due)`.as('due'),
      sql<number>`sum(i.submitted)`.as('submitted'),
      sql<number>`sum(i.on_time)`.as('on_time'),
    ])
    .where('i.month', '>=', fromMonth)
    .where('i.month', '<', toMonth)
    .groupBy(['i.interviewer_id', 'user.name'])
    .orderBy('user.name')
    .execute();
  return rows.map((r) => ({
    interviewerId: r.interviewer_id,
    name: r.name,
    due: asNumber(r.due),
    submitted: asNumber(r.submitted),
    onTime: asNumber(r.on_time),
  }));
}

/**
 * Scorecards the rollup counts as owed for interviews of [from, until) that have not ended yet (the
 * current month's later interviews): the dashboard takes them off, as nothing is owed before the end.
 */
export async function scorecardsNotYetDue(
  db: Kysely<Database>,
  organisationId: string,
  filter: RollupFilter,
  from: Date,
  until: Date,
) {
  if (until <= from) return new Map<string, ScorecardCounts>();
  let q = applications(db, organisationId, filter.roleId ? [filter.roleId] : null)
    .innerJoin('interview', 'interview.application_id', 'application.id')
    .innerJoin('interview_interviewer as ii', 'ii.interview_id', 'interview.id')
    .innerJoin('user', 'user.id', 'ii.user_id')
    .leftJoin('scorecard as sc', (j) =>
      j
        .onRef('sc.interview_id', '=', 'interview.id')
        .onRef('sc.interviewer_id', '=', 'ii.user_id')
        .on('sc.organisation_id', '=', organisationId),
    )
    .select([
      'ii.user_id as interviewer_id',
      sql<number>`count(*)`.as('due'),
      sql<number>`sum(case when sc.status = 'submitted' then 1 else 0 end)`.as('submitted'),
      sql<number>`sum(case when sc.status = 'submitted' and ${hours(db, 'sc.submitted_at', 'interview.ends_at')} <= ${scorecardOnTimeHours} then 1 else 0 end)`.as(
        'on_time',
      ),
    ])
    .where('interview.organisation_id', '=', organisationId)
    .where('interview.ends_at', '>=', from.toISOString())
    .where('interview.ends_at', '<', until.toISOString());
  if (filter.venueId) q = q.where('role.venue_id', '=', filter.venueId);
  if (filter.hiringManagerId) q = q.where('role.hiring_manager_id', '=', filter.hiringManagerId);
  const rows = await q.groupBy('ii.user_id').execute();
  return new Map(
    rows.map((r) => [
      r.interviewer_id,
      { due: asNumber(r.due), submitted: asNumber(r.submitted), onTime: asNumber(r.on_time) },
    ]),
  );
}
