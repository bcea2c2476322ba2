// The dashboard's monthly rollup (migration 0035): per organisation and UTC month, the counts and
// sums every figure needs, kept for four scopes — the organisation ('org'), each venue
// ('venue:<id>'), each hiring manager ('manager:<id>') and each role ('role:<id>'; 'role:' holds
// referrals whose colleague never applied). Role rows are recomputed from the facts; the coarser
// scopes move by the role's difference, so one change costs one role's facts, not the organisation's.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { type Nation, workingDaysCounter } from '../../domain/calendar.ts';
import { closedOutcomes, organisationClosures, scorecardOnTimeHours } from './reputation.repository.ts';

/** Every count of a rollup row, each attributed to the month of its own date (see `computeRoles`). */
export const countColumns = [
  'decided',
  'decided_told',
  'decided_on_time',
  'decided_with_deadline',
  'decided_held',
  'untold',
  'told',
  'told_on_time',
  'told_with_deadline',
  'unsuccessful',
  'checked_feedback',
  'told_not_hired',
  'joined_network',
  'holding_updates',
  'first_drafts',
  'first_drafts_passed',
  'asked',
  'responses',
  'promoters',
  'detractors',
  'told_sum',
  'useful_sum',
  'respect_sum',
  'reengaged',
  'hires_from_network',
  'referrals',
  'referrals_hired',
] as const;
export type CountColumn = (typeof countColumns)[number];
export type Counts = Record<CountColumn, number>;

const zero = (): Counts => Object.fromEntries(countColumns.map((c) => [c, 0])) as Counts;
const asNumber = (v: unknown) => Number(v ?? 0);

export interface ScorecardCounts {
  due: number;
  submitted: number;
  onTime: number;
}

/** One scope's cells: counts by month, working days to tell (month → days → n), scorecards. */
interface Cells {
  counts: Map<string, Counts>;
  days: Map<string, Map<number, number>>;
  interviewers: Map<string, Map<string, ScorecardCounts>>;
}

interface RoleCells extends Cells {
  venueId: string | null;
  managerId: string | null;
}

const emptyCells = (): Cells => ({ counts: new Map(), days: new Map(), interviewers: new Map() });

function countsOf(cells: Cells, month: string): Counts {
  let c = cells.counts.get(month);
  if (!c) {
    c = zero();
    cells.counts.set(month, c);
  }
  return c;
}

function addDays(cells: Cells, month: string, days: number, n: number) {
  let m = cells.days.get(month);
  if (!m) {
    m = new Map();
    cells.days.set(month, m);
  }
  m.set(days, (m.get(days) ?? 0) + n);
}

function addScorecards(cells: Cells, month: string, interviewerId: string, s: ScorecardCounts) {
  let m = cells.interviewers.get(month);
  if (!m) {
    m = new Map();
    cells.interviewers.set(month, m);
  }
  const c = m.get(interviewerId) ?? { due: 0, submitted: 0, onTime: 0 };
  m.set(interviewerId, {
    due: c.due + s.due,
    submitted: c.submitted + s.submitted,
    onTime: c.onTime + s.onTime,
  });
}

/** Adds `sign` × `from` into `into` (the coarser scopes are sums of their roles). */
function addCells(into: Cells, from: Cells, sign: 1 | -1) {
  for (const [month, c] of from.counts) {
    const t = countsOf(into, month);
    for (const k of countColumns) t[k] += sign * c[k];
  }
  for (const [month, d] of from.days) for (const [days, n] of d) addDays(into, month, days, sign * n);
  for (const [month, byId] of from.interviewers) {
    for (const [id, s] of byId) {
      addScorecards(into, month, id, {
        due: sign * s.due,
        submitted: sign * s.submitted,
        onTime: sign * s.onTime,
      });
    }
  }
}

const isPostgres = (db: Kysely<Database>) => dialectOf(db as unknown as Kysely<unknown>) === 'postgres';

function month(db: Kysely<Database>, column: string) {
  return isPostgres(db)
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')`
    : sql<string>`substr(${sql.ref(column)}, 1, 7)`;
}

function hour(db: Kysely<Database>, column: string) {
  return isPostgres(db)
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`
    : sql<string>`substr(${sql.ref(column)}, 1, 13)`;
}

export function hours(db: Kysely<Database>, later: string, earlier: string) {
  return isPostgres(db)
    ? sql<number>`extract(epoch from (${sql.ref(later)} - ${sql.ref(earlier)})) / 3600.0`
    : sql<number>`(julianday(${sql.ref(later)}) - julianday(${sql.ref(earlier)})) * 24.0`;
}

/** The organisation's applications with their role, optionally of some roles only. */
export function applications(
  db: Kysely<Database>,
  organisationId: string,
  roleIds: readonly string[] | null,
) {
  let q = db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .where('application.organisation_id', '=', organisationId)
    .where('role.organisation_id', '=', organisationId);
  if (roleIds) q = q.where('application.role_id', 'in', roleIds);
  return q;
}

/**
 * Recomputes from the facts the cells of some roles (null: every role, and the referrals of
 * colleagues who never applied under 'role:'), with the same rules the dashboard has always used.
 */
export async function computeRoles(
  db: Kysely<Database>,
  organisationId: string,
  roleIds: readonly string[] | null,
  includeUnapplied: boolean,
): Promise<Map<string, RoleCells>> {
  const out = new Map<string, RoleCells>();
  const roleQuery = db
    .selectFrom('role')
    .select(['id', 'venue_id', 'hiring_manager_id'])
    .where('organisation_id', '=', organisationId);
  const roles =
    roleIds && roleIds.length === 0
      ? []
      : await (roleIds ? roleQuery.where('id', 'in', roleIds) : roleQuery).execute();
  for (const r of roles)
    out.set(r.id, { ...emptyCells(), venueId: r.venue_id, managerId: r.hiring_manager_id });
  if (roleIds && roles.length === 0) {
    if (includeUnapplied) await addReferrals(db, organisationId, [], true, out);
    return out;
  }
  const cell = (roleId: string, m: string) => {
    const r = out.get(roleId);
    return r ? countsOf(r, m) : undefined;
  };

  const decidedMonth = month(db, 'application.decided_at');
  const toldMonth = month(db, 'application.told_at');
  const [
    decided,
    told,
    unsuccessful,
    optIn,
    slips,
    drafts,
    responses,
    asks,
    reengaged,
    scorecards,
    toldHours,
  ] = await Promise.all([
    applications(db, organisationId, roleIds)
      .select([
        'application.role_id',
        decidedMonth.as('month'),
        sql<number>`count(*)`.as('decided'),
        sql<number>`sum(case when application.told_at is not null then 1 else 0 end)`.as('told'),
        sql<number>`sum(case when application.told_at is not null and application.decision_due_at is not null and application.told_at <= application.decision_due_at then 1 else 0 end)`.as(
          'on_time',
        ),
        sql<number>`sum(case when application.told_at is not null and application.decision_due_at is not null then 1 else 0 end)`.as(
          'with_deadline',
        ),
        sql<number>`sum(case when application.decision_slips > 0 then 1 else 0 end)`.as('held'),
        sql<number>`sum(case when application.told_at is null and application.outcome in (${sql.join(closedOutcomes)}) then 1 else 0 end)`.as(
          'untold',
        ),
      ])
      .where('application.decided_at', 'is not', null)
      .groupBy(['application.role_id', decidedMonth])
      .execute(),
    applications(db, organisationId, roleIds)
      .select([
        'application.role_id',
        toldMonth.as('month'),
        sql<number>`count(*)`.as('told'),
        sql<number>`sum(case when application.decision_due_at is not null and application.told_at <= application.decision_due_at then 1 else 0 end)`.as(
          'on_time',
        ),
        sql<number>`sum(case when application.decision_due_at is not null then 1 else 0 end)`.as(
          'with_deadline',
        ),
      ])
      .where('application.told_at', 'is not', null)
      .groupBy(['application.role_id', toldMonth])
      .execute(),
    applications(db, organisationId, roleIds)
      .leftJoin('feedback as f', (j) =>
        j.onRef('f.application_id', '=', 'application.id').on('f.organisation_id', '=', organisationId),
      )
      .select([
        'application.role_id',
        toldMonth.as('month'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when f.status = 'approved' and f.override_reason is null then 1 else 0 end)`.as(
          'checked',
        ),
      ])
      .where('application.outcome', '=', 'not_progressing')
      .where('application.last_interview_ended_at', 'is not', null)
      .where('application.told_at', 'is not', null)
      .groupBy(['application.role_id', toldMonth])
      .execute(),
    applications(db, organisationId, roleIds)
      .leftJoin('network_profile as np', (j) =>
        j
          .onRef('np.candidate_id', '=', 'application.candidate_id')
          .on('np.organisation_id', '=', organisationId),
      )
      .select([
        'application.role_id',
        toldMonth.as('month'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when np.joined_at >= application.created_at then 1 else 0 end)`.as('joined'),
      ])
      .where('application.outcome', 'in', ['not_progressing', 'offer_declined'])
      .where('application.told_at', 'is not', null)
      .groupBy(['application.role_id', toldMonth])
      .execute(),
    applications(db, organisationId, roleIds)
      .innerJoin('decision_slip as ds', 'ds.application_id', 'application.id')
      .select(['application.role_id', month(db, 'ds.created_at').as('month'), sql<number>`count(*)`.as('n')])
      .where('ds.organisation_id', '=', organisationId)
      .groupBy(['application.role_id', month(db, 'ds.created_at')])
      .execute(),
    applications(db, organisationId, roleIds)
      .innerJoin('feedback_version as fv', 'fv.application_id', 'application.id')
      .select([
        'application.role_id',
        month(db, 'fv.created_at').as('month'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when fv.check_result like '%"pass":true%' then 1 else 0 end)`.as('passed'),
      ])
      .where('fv.organisation_id', '=', organisationId)
      .where('fv.version', '=', 1)
      .groupBy(['application.role_id', month(db, 'fv.created_at')])
      .execute(),
    applications(db, organisationId, roleIds)
      .innerJoin('survey_response as sr', 'sr.application_id', 'application.id')
      .select([
        'application.role_id',
        month(db, 'sr.created_at').as('month'),
        sql<number>`count(*)`.as('responses'),
        sql<number>`sum(case when sr.recommend >= 9 then 1 else 0 end)`.as('promoters'),
        sql<number>`sum(case when sr.recommend <= 6 then 1 else 0 end)`.as('detractors'),
        sql<number>`sum(sr.told_when_promised)`.as('told_sum'),
        sql<number>`sum(sr.feedback_useful)`.as('useful_sum'),
        sql<number>`sum(sr.treated_with_respect)`.as('respect_sum'),
      ])
      .where('sr.organisation_id', '=', organisationId)
      .groupBy(['application.role_id', month(db, 'sr.created_at')])
      .execute(),
    applications(db, organisationId, roleIds)
      .innerJoin('survey_request as rq', 'rq.application_id', 'application.id')
      .select(['application.role_id', month(db, 'rq.created_at').as('month'), sql<number>`count(*)`.as('n')])
      .where('rq.organisation_id', '=', organisationId)
      .where('rq.status', '=', 'sent')
      .groupBy(['application.role_id', month(db, 'rq.created_at')])
      .execute(),
    applications(db, organisationId, roleIds)
      .innerJoin('network_profile as np', (j) =>
        j
          .onRef('np.candidate_id', '=', 'application.candidate_id')
          .on('np.organisation_id', '=', organisationId),
      )
      .select([
        'application.role_id',
        month(db, 'application.created_at').as('month'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when application.outcome = 'hired' then 1 else 0 end)`.as('hired'),
      ])
      .whereRef('np.joined_at', '<', 'application.created_at')
      .groupBy(['application.role_id', month(db, 'application.created_at')])
      .execute(),
    applications(db, organisationId, roleIds)
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
        'application.role_id',
        month(db, 'interview.ends_at').as('month'),
        'ii.user_id as interviewer_id',
        sql<number>`count(*)`.as('due'),
        sql<number>`sum(case when sc.status = 'submitted' then 1 else 0 end)`.as('submitted'),
        sql<number>`sum(case when sc.status = 'submitted' and ${hours(db, 'sc.submitted_at', 'interview.ends_at')} <= ${scorecardOnTimeHours} then 1 else 0 end)`.as(
          'on_time',
        ),
      ])
      .where('interview.organisation_id', '=', organisationId)
      .groupBy(['application.role_id', month(db, 'interview.ends_at'), 'ii.user_id'])
      .execute(),
    applications(db, organisationId, roleIds)
      .innerJoin('venue', 'venue.id', 'role.venue_id')
      .select([
        'application.role_id',
        hour(db, 'application.last_interview_ended_at').as('end_hour'),
        hour(db, 'application.told_at').as('told_hour'),
        'venue.region',
        'venue.timezone',
        sql<number>`count(*)`.as('n'),
      ])
      .where('application.told_at', 'is not', null)
      .where('application.last_interview_ended_at', 'is not', null)
      .groupBy([
        'application.role_id',
        hour(db, 'application.last_interview_ended_at'),
        hour(db, 'application.told_at'),
        'venue.region',
        'venue.timezone',
      ])
      .execute(),
  ]);
  for (const r of decided) {
    const c = cell(r.role_id, r.month);
    if (!c) continue;
    c.decided += asNumber(r.decided);
    c.decided_told += asNumber(r.told);
    c.decided_on_time += asNumber(r.on_time);
    c.decided_with_deadline += asNumber(r.with_deadline);
    c.decided_held += asNumber(r.held);
    c.untold += asNumber(r.untold);
  }
  for (const r of told) {
    const c = cell(r.role_id, r.month);
    if (!c) continue;
    c.told += asNumber(r.told);
    c.told_on_time += asNumber(r.on_time);
    c.told_with_deadline += asNumber(r.with_deadline);
  }
  for (const r of unsuccessful) {
    const c = cell(r.role_id, r.month);
    if (!c) continue;
    c.unsuccessful += asNumber(r.n);
    c.checked_feedback += asNumber(r.checked);
  }
  for (const r of optIn) {
    const c = cell(r.role_id, r.month);
    if (!c) continue;
    c.told_not_hired += asNumber(r.n);
    c.joined_network += asNumber(r.joined);
  }
  for (const r of slips) {
    const c = cell(r.role_id, r.month);
    if (c) c.holding_updates += asNumber(r.n);
  }
  for (const r of drafts) {
    const c = cell(r.role_id, r.month);
    if (!c) continue;
    c.first_drafts += asNumber(r.n);
    c.first_drafts_passed += asNumber(r.passed);
  }
  for (const r of responses) {
    const c = cell(r.role_id, r.month);
    if (!c) continue;
    c.responses += asNumber(r.responses);
    c.promoters += asNumber(r.promoters);
    c.detractors += asNumber(r.detractors);
    c.told_sum += asNumber(r.told_sum);
    c.useful_sum += asNumber(r.useful_sum);
    c.respect_sum += asNumber(r.respect_sum);
  }
  for (const r of asks) {
    const c = cell(r.role_id, r.month);
    if (c) c.asked += asNumber(r.n);
  }
  for (const r of reengaged) {
    const c = cell(r.role_id, r.month);
    if (!c) continue;
    c.reengaged += asNumber(r.n);
    c.hires_from_network += asNumber(r.hired);
  }
  for (const r of scorecards) {
    const role = out.get(r.role_id);
    if (!role) continue;
    addScorecards(role, r.month, r.interviewer_id, {
      due: asNumber(r.due),
      submitted: asNumber(r.submitted),
      onTime: asNumber(r.on_time),
    });
  }
  // Working days once per group of the same calendar and hours (the hours fix the local dates).
  if (toldHours.length > 0) {
    const closures = await organisationClosures(db, organisationId);
    const counters = new Map<string, (from: Date, to: Date) => number>();
    for (const r of toldHours) {
      const role = out.get(r.role_id);
      if (!role) continue;
      const key = `${r.region}|${r.timezone}`;
      let count = counters.get(key);
      if (!count) {
        count = workingDaysCounter({ nation: r.region as Nation, timezone: r.timezone, closures });
        counters.set(key, count);
      }
      const days = count(new Date(`${r.end_hour}:00:00.000Z`), new Date(`${r.told_hour}:00:00.000Z`));
      addDays(role, r.told_hour.slice(0, 7), days, asNumber(r.n));
    }
  }
  await addReferrals(db, organisationId, roleIds, includeUnapplied, out);
  return out;
}

/** Referrals by their own month: under the role the colleague applied to, or 'role:' if none. */
async function addReferrals(
  db: Kysely<Database>,
  organisationId: string,
  roleIds: readonly string[] | null,
  includeUnapplied: boolean,
  out: Map<string, RoleCells>,
) {
  const m = month(db, 'referral.created_at');
  let q = db
    .selectFrom('referral')
    .leftJoin('application', (j) =>
      j
        .onRef('application.id', '=', 'referral.application_id')
        .on('application.organisation_id', '=', organisationId),
    )
    .leftJoin('role', 'role.id', 'application.role_id')
    .select([
      'role.id as role_id',
      m.as('month'),
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when application.outcome = 'hired' then 1 else 0 end)`.as('hired'),
    ])
    .where('referral.organisation_id', '=', organisationId);
  if (roleIds && roleIds.length === 0) {
    q = q.where('role.id', 'is', null);
  } else if (roleIds && includeUnapplied) {
    q = q.where((eb) => eb.or([eb('application.role_id', 'in', roleIds), eb('role.id', 'is', null)]));
  } else if (roleIds) {
    q = q.where('application.role_id', 'in', roleIds);
  } else if (!includeUnapplied) {
    q = q.where('role.id', 'is not', null);
  }
  const rows = await q.groupBy(['role.id', m]).execute();
  if (includeUnapplied && !out.has('')) out.set('', { ...emptyCells(), venueId: null, managerId: null });
  for (const r of rows) {
    const role = out.get(r.role_id ?? '');
    if (!role) continue;
    const c = countsOf(role, r.month);
    c.referrals += asNumber(r.n);
    c.referrals_hired += asNumber(r.hired);
  }
}

/** The coarser scopes a role's rows add into. */
function coarseScopes(roleId: string, venueId: string | null, managerId: string | null): string[] {
  const scopes = ['org'];
  if (roleId !== '' && venueId) scopes.push(`venue:${venueId}`);
  if (roleId !== '' && managerId) scopes.push(`manager:${managerId}`);
  return scopes;
}

async function readRoleCells(db: Kysely<Database>, organisationId: string, roleId: string) {
  const scope = `role:${roleId}`;
  const [rows, days, interviewers] = await Promise.all([
    db
      .selectFrom('reputation_month')
      .select(['month', 'venue_id', 'hiring_manager_id', ...countColumns])
      .where('organisation_id', '=', organisationId)
      .where('scope', '=', scope)
      .execute(),
    db
      .selectFrom('reputation_month_days')
      .select(['month', 'days', 'n'])
      .where('organisation_id', '=', organisationId)
      .where('scope', '=', scope)
      .execute(),
    db
      .selectFrom('reputation_month_interviewer')
      .select(['month', 'interviewer_id', 'due', 'submitted', 'on_time'])
      .where('organisation_id', '=', organisationId)
      .where('scope', '=', scope)
      .execute(),
  ]);
  const cells: RoleCells = {
    ...emptyCells(),
    venueId: rows[0]?.venue_id ?? null,
    managerId: rows[0]?.hiring_manager_id ?? null,
  };
  for (const r of rows) {
    const c = countsOf(cells, r.month);
    for (const k of countColumns) c[k] = asNumber(r[k]);
  }
  for (const d of days) addDays(cells, d.month, d.days, asNumber(d.n));
  for (const i of interviewers) {
    addScorecards(cells, i.month, i.interviewer_id, {
      due: asNumber(i.due),
      submitted: asNumber(i.submitted),
      onTime: asNumber(i.on_time),
    });
  }
  return { cells, exists: rows.length + days.length + interviewers.length > 0 };
}

async function deleteScopes(db: Kysely<Database>, organisationId: string, scopes: readonly string[] | null) {
  for (const table of [
    'reputation_month',
    'reputation_month_days',
    'reputation_month_interviewer',
  ] as const) {
    let q = db.deleteFrom(table).where('organisation_id', '=', organisationId);
    if (scopes) q = q.where('scope', 'in', scopes);
    await q.execute();
  }
}

const chunk = 200;

/** Writes cells as new rows (`add`: adds into existing rows instead, for the coarser scopes). */
async function writeCells(
  db: Kysely<Database>,
  organisationId: string,
  scope: string,
  cells: Cells,
  dims: { venueId: string | null; managerId: string | null },
  add: boolean,
) {
  const rows = [...cells.counts].map(([m, c]) => ({
    organisation_id: organisationId,
    scope,
    month: m,
    venue_id: dims.venueId,
    hiring_manager_id: dims.managerId,
    ...c,
  }));
  for (let i = 0; i < rows.length; i += chunk) {
    const q = db.insertInto('reputation_month').values(rows.slice(i, i + chunk));
    await (add
      ? q.onConflict((oc) =>
          oc
            .columns(['organisation_id', 'scope', 'month'])
            .doUpdateSet((eb) =>
              Object.fromEntries(
                countColumns.map((k) => [k, eb(`reputation_month.${k}`, '+', eb.ref(`excluded.${k}`))]),
              ),
            ),
        )
      : q
    ).execute();
  }
  const days = [...cells.days].flatMap(([m, d]) =>
    [...d]
      .filter(([, n]) => n !== 0 || !add)
      .map(([dd, n]) => ({ organisation_id: organisationId, scope, month: m, days: dd, n })),
  );
  for (let i = 0; i < days.length; i += chunk) {
    const q = db.insertInto('reputation_month_days').values(days.slice(i, i + chunk));
    await (add
      ? q.onConflict((oc) =>
          oc
            .columns(['organisation_id', 'scope', 'month', 'days'])
            .doUpdateSet((eb) => ({ n: eb('reputation_month_days.n', '+', eb.ref('excluded.n')) })),
        )
      : q
    ).execute();
  }
  const people = [...cells.interviewers].flatMap(([m, byId]) =>
    [...byId].map(([id, s]) => ({
      organisation_id: organisationId,
      scope,
      month: m,
      interviewer_id: id,
      due: s.due,
      submitted: s.submitted,
      on_time: s.onTime,
    })),
  );
  for (let i = 0; i < people.length; i += chunk) {
    const q = db.insertInto('reputation_month_interviewer').values(people.slice(i, i + chunk));
    await (add
      ? q.onConflict((oc) =>
          oc.columns(['organisation_id', 'scope', 'month', 'interviewer_id']).doUpdateSet((eb) => ({
            due: eb('reputation_month_interviewer.due', '+', eb.ref('excluded.due')),
            submitted: eb('reputation_month_interviewer.submitted', '+', eb.ref('excluded.submitted')),
            on_time: eb('reputation_month_interviewer.on_time', '+', eb.ref('excluded.on_time')),
          })),
        )
      : q
    ).execute();
  }
}

/**
 * Recomputes one role's rows from its facts and moves the organisation's, its venue's and its
 * manager's rows by the difference. `roleId` '' is the referrals of colleagues who never applied.
 */
async function recountRole(db: Kysely<Database>, organisationId: string, roleId: string): Promise<void> {
  // Serialises refreshes of one role (PostgreSQL); SQLite has one writer already.
  if (isPostgres(db)) {
    await sql`select pg_advisory_xact_lock(hashtext(${`reputation:${organisationId}:${roleId}`}))`.execute(
      db,
    );
  }
  const before = await readRoleCells(db, organisationId, roleId);
  const computed = await computeRoles(db, organisationId, roleId === '' ? [] : [roleId], roleId === '');
  const after = computed.get(roleId) ?? {
    ...emptyCells(),
    venueId: before.cells.venueId,
    managerId: before.cells.managerId,
  };
  if (before.exists) await deleteScopes(db, organisationId, [`role:${roleId}`]);
  await writeCells(db, organisationId, `role:${roleId}`, after, after, false);
  const diffs = new Map<string, Cells>();
  const diffOf = (scope: string) => {
    let d = diffs.get(scope);
    if (!d) {
      d = emptyCells();
      diffs.set(scope, d);
    }
    return d;
  };
  for (const s of coarseScopes(roleId, before.cells.venueId, before.cells.managerId))
    addCells(diffOf(s), before.cells, -1);
  for (const s of coarseScopes(roleId, after.venueId, after.managerId)) addCells(diffOf(s), after, 1);
  for (const [scope, d] of diffs)
    await writeCells(db, organisationId, scope, d, { venueId: null, managerId: null }, true);
}

/**
 * Marks a role's rows out of date, in the transaction of the change; they are recounted before the
 * next read (recountStaleRoles). A bulk change of many applications of one role costs one recount.
 */
export async function refreshRole(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<void> {
  await db
    .insertInto('reputation_stale_role')
    // The wall clock, not the context's: the mark is for operators (how long a role has waited), and
    // threading `now` through every write that marks would change nothing the product shows.
    .values({ organisation_id: organisationId, role_id: roleId, marked_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['organisation_id', 'role_id']).doNothing())
    .execute();
}

/** Organisations with roles marked out of date, for the worker's recount between reads. */
export async function organisationsWithStaleRoles(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('reputation_stale_role')
    .select('organisation_id')
    .distinct()
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** Recounts the organisation's roles marked out of date, in one transaction; returns how many. */
export async function recountStaleRoles(db: Kysely<Database>, organisationId: string): Promise<number> {
  const stale = await db
    .selectFrom('reputation_stale_role')
    .select(['role_id'])
    .where('organisation_id', '=', organisationId)
    .orderBy('role_id')
    .execute();
  if (stale.length === 0) return 0;
  await db.transaction().execute(async (tx) => {
    for (const { role_id } of stale) {
      // The mark goes first: a change committed after this point marks the role again.
      await tx
        .deleteFrom('reputation_stale_role')
        .where('organisation_id', '=', organisationId)
        .where('role_id', '=', role_id)
        .execute();
      await recountRole(tx, organisationId, role_id);
    }
  });
  return stale.length;
}

/** Refreshes the role of one application (after a change to it or to anything attached to it). */
export async function refreshApplication(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<void> {
  const row = await db
    .selectFrom('application')
    .select(['role_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (row) await refreshRole(db, organisationId, row.role_id);
}

/** Refreshes the roles a candidate applied to (a network join moves opt-in and re-engagement). */
export async function refreshCandidate(db: Kysely<Database>, organisationId: string, candidateId: string) {
  const rows = await db
    .selectFrom('application')
    .select(['role_id'])
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  for (const r of rows) await refreshRole(db, organisationId, r.role_id);
}

/** Rebuilds every row of an organisation from its facts; `onProgress` hears each phase. */
export async function rebuildOrganisation(
  db: Kysely<Database>,
  organisationId: string,
  onProgress?: (message: string) => void,
): Promise<{ roles: number; rows: number }> {
  // Everything is recounted: marks made before this point are answered by it.
  await db.deleteFrom('reputation_stale_role').where('organisation_id', '=', organisationId).execute();
  const computed = await computeRoles(db, organisationId, null, true);
  onProgress?.(`computed ${computed.size} roles`);
  await deleteScopes(db, organisationId, null);
  const coarse = new Map<string, Cells>();
  let rows = 0;
  for (const [roleId, cells] of computed) {
    await writeCells(db, organisationId, `role:${roleId}`, cells, cells, false);
    rows += cells.counts.size;
    for (const s of coarseScopes(roleId, cells.venueId, cells.managerId)) {
      let c = coarse.get(s);
      if (!c) {
        c = emptyCells();
        coarse.set(s, c);
      }
      addCells(c, cells, 1);
    }
  }
  onProgress?.(`wrote ${rows} role months`);
  for (const [scope, cells] of coarse) {
    await writeCells(db, organisationId, scope, cells, { venueId: null, managerId: null }, false);
    rows += cells.counts.size;
  }
  return { roles: computed.size, rows };
}

/** Refreshes the role of an interview's application (a schedule, interviewers or a scorecard moved). */
export async function refreshInterview(db: Kysely<Database>, organisationId: string, interviewId: string) {
  const row = await db
    .selectFrom('interview')
    .select(['application_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', interviewId)
    .executeTakeFirst();
  if (row) await refreshApplication(db, organisationId, row.application_id);
}

/**
 * Refreshes only a decided or told application: an open one's deadline and interviews count in no
 * figure yet (so recomputing every open deadline of an organisation costs no refresh).
 */
export async function refreshIfDecided(db: Kysely<Database>, organisationId: string, applicationId: string) {
  const row = await db
    .selectFrom('application')
    .select(['role_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .where((eb) => eb.or([eb('decided_at', 'is not', null), eb('told_at', 'is not', null)]))
    .executeTakeFirst();
  if (row) await refreshRole(db, organisationId, row.role_id);
}
