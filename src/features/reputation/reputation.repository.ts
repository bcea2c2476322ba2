// All of reputation's SQL: the survey settings and asks, the dashboard's figures and the public
// promise's. Every query names its organisation except the sweep's, whose rows each carry theirs.
// Aggregates are computed by the database (portable SQL: counts, sums, CASE); only the working-day
// distances, which need each venue's calendar, are counted in TypeScript from the rows SQL selects.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { Nation, WorkingCalendar } from '../../domain/calendar.ts';

export const defaultSurveyWorkingDays = 2;
/** Outcomes that close an application (the candidate has a final answer). */
export const closedOutcomes = ['hired', 'offer_declined', 'not_progressing', 'withdrawn'] as const;

export interface ReputationSettings {
  surveyWorkingDays: number;
  promisePublishedAt: string | null;
}

export async function findSettings(
  db: Kysely<Database>,
  organisationId: string,
): Promise<ReputationSettings> {
  const row = await db
    .selectFrom('reputation_settings')
    .select(['survey_working_days', 'promise_published_at'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    surveyWorkingDays: row?.survey_working_days ?? defaultSurveyWorkingDays,
    promisePublishedAt: row?.promise_published_at ?? null,
  };
}

export async function saveSettings(
  db: Kysely<Database>,
  organisationId: string,
  settings: ReputationSettings,
  userId: string | null,
  now: Date,
): Promise<void> {
  const values = {
    survey_working_days: settings.surveyWorkingDays,
    promise_published_at: settings.promisePublishedAt,
    updated_by: userId,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('reputation_settings')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}

/** The organisation of a published promise, by its slug. */
export async function findPublishedOrganisation(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('organization')
    .innerJoin('reputation_settings', 'reputation_settings.organisation_id', 'organization.id')
    .select(['organization.id', 'organization.name', 'organization.slug'])
    .where('organization.slug', '=', slug)
    .where('reputation_settings.promise_published_at', 'is not', null)
    .executeTakeFirst();
}

export async function findOrganisationName(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('organization')
    .select(['name', 'slug'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

// ---- The survey ask (sweep) ------------------------------------------------------------------------

export interface SurveyCandidateRow {
  applicationId: string;
  organisationId: string;
  candidateId: string;
  toldAt: string;
  surveyWorkingDays: number;
  calendar: WorkingCalendar;
}

/**
 * Closed applications told between `since` and `until`, not yet asked, across organisations. The
 * caller keeps those whose working days since being told have reached the organisation's setting.
 */
export async function findSurveyCandidates(
  db: Kysely<Database>,
  since: Date,
  until: Date,
  limit: number,
): Promise<SurveyCandidateRow[]> {
  const rows = await db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .leftJoin('reputation_settings as s', 's.organisation_id', 'application.organisation_id')
    .leftJoin('survey_request as r', 'r.application_id', 'application.id')
    .select([
      'application.id as application_id',
      'application.organisation_id',
      'application.candidate_id',
      'application.told_at',
      's.survey_working_days',
      'venue.region',
      'venue.timezone',
    ])
    .where('application.told_at', 'is not', null)
    .where('application.told_at', '>=', since.toISOString())
    .where('application.told_at', '<=', until.toISOString())
    .where('application.outcome', 'in', closedOutcomes)
    .where('r.application_id', 'is', null)
    .orderBy('application.told_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    organisationId: r.organisation_id,
    candidateId: r.candidate_id,
    toldAt: r.told_at!,
    surveyWorkingDays: r.survey_working_days ?? defaultSurveyWorkingDays,
    calendar: { nation: r.region as Nation, timezone: r.timezone },
  }));
}

export async function organisationClosures(db: Kysely<Database>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisation_closure')
    .select(['date'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => r.date);
}

/** Claims the ask of one application; false when another worker did it first. */
export async function claimSurveyRequest(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  status: 'sent' | 'skipped',
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('survey_request')
    .values({
      application_id: applicationId,
      organisation_id: organisationId,
      status,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('application_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Whether the candidate answered a survey of this organisation since `since`. */
export async function answeredSince(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  since: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('survey_response')
    .innerJoin('application', 'application.id', 'survey_response.application_id')
    .select(['survey_response.id'])
    .where('survey_response.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .where('survey_response.created_at', '>=', since.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

// ---- Metrics -----------------------------------------------------------------------------------------

export interface MetricsFilter {
  venueId?: string;
  roleId?: string;
  hiringManagerId?: string;
  from: Date;
  to: Date;
}

function month(db: Kysely<Database>, column: string) {
  return dialectOf(db as unknown as Kysely<unknown>) === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')`
    : sql<string>`substr(${sql.ref(column)}, 1, 7)`;
}

function scoped(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  let q = db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .where('application.organisation_id', '=', organisationId)
    .where('role.organisation_id', '=', organisationId);
  if (filter.venueId) q = q.where('role.venue_id', '=', filter.venueId);
  if (filter.roleId) q = q.where('application.role_id', '=', filter.roleId);
  if (filter.hiringManagerId) q = q.where('role.hiring_manager_id', '=', filter.hiringManagerId);
  return q;
}

const asNumber = (v: unknown) => Number(v ?? 0);

/** Closure counts of the period: decided (by decision time), told, told on time, still untold. */
export async function closureFigures(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  const from = filter.from.toISOString();
  const to = filter.to.toISOString();
  const row = await scoped(db, organisationId, filter)
    .select([
      sql<number>`count(*)`.as('decided'),
      sql<number>`sum(case when application.told_at is not null then 1 else 0 end)`.as('told'),
      sql<number>`sum(case when application.told_at is not null and application.decision_due_at is not null and application.told_at <= application.decision_due_at then 1 else 0 end)`.as(
        'told_on_time',
      ),
      sql<number>`sum(case when application.told_at is not null and application.decision_due_at is not null then 1 else 0 end)`.as(
        'told_with_deadline',
      ),
      sql<number>`sum(case when application.decision_slips > 0 then 1 else 0 end)`.as('held'),
    ])
    .where('application.decided_at', '>=', from)
    .where('application.decided_at', '<', to)
    .executeTakeFirstOrThrow();
  const untold = await scoped(db, organisationId, filter)
    .select(sql<number>`count(*)`.as('n'))
    .where('application.decided_at', 'is not', null)
    .where('application.told_at', 'is', null)
    .where('application.outcome', 'in', closedOutcomes)
    .executeTakeFirstOrThrow();
  return {
    decided: asNumber(row.decided),
    told: asNumber(row.told),
    toldOnTime: asNumber(row.told_on_time),
    toldWithDeadline: asNumber(row.told_with_deadline),
    withHoldingUpdate: asNumber(row.held),
    untold: asNumber(untold.n),
  };
}

function hour(db: Kysely<Database>, column: string) {
  return dialectOf(db as unknown as Kysely<unknown>) === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`
    : sql<string>`substr(${sql.ref(column)}, 1, 13)`;
}

/**
 * Told applications of the period counted by venue calendar and by the UTC hour of their last
 * interview and of being told ('YYYY-MM-DDTHH'): the working days between two instants depend only
 * on their local dates, which the hour fixes in every whole-hour time zone, so the caller counts
 * working days once per group rather than once per application.
 */
export async function toldRows(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  const endHour = hour(db, 'application.last_interview_ended_at');
  const toldHour = hour(db, 'application.told_at');
  const rows = await scoped(db, organisationId, filter)
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select([
      endHour.as('end_hour'),
      toldHour.as('told_hour'),
      'venue.region',
      'venue.timezone',
      sql<number>`count(*)`.as('n'),
    ])
    .where('application.told_at', '>=', filter.from.toISOString())
    .where('application.told_at', '<', filter.to.toISOString())
    .where('application.last_interview_ended_at', 'is not', null)
    .groupBy([endHour, toldHour, 'venue.region', 'venue.timezone'])
    .execute();
  return rows.map((r) => ({
    endHour: r.end_hour,
    toldHour: r.told_hour,
    region: r.region,
    timezone: r.timezone,
    count: asNumber(r.n),
  }));
}

/** Per month of being told: told, on time (of those with a deadline). */
export async function monthlyTold(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  const m = month(db, 'application.told_at');
  const rows = await scoped(db, organisationId, filter)
    .select([
      m.as('month'),
      sql<number>`count(*)`.as('told'),
      sql<number>`sum(case when application.decision_due_at is not null and application.told_at <= application.decision_due_at then 1 else 0 end)`.as(
        'on_time',
      ),
      sql<number>`sum(case when application.decision_due_at is not null then 1 else 0 end)`.as(
        'with_deadline',
      ),
    ])
    .where('application.told_at', '>=', filter.from.toISOString())
    .where('application.told_at', '<', filter.to.toISOString())
    .groupBy(m)
    .orderBy(m)
    .execute();
  return rows.map((r) => ({
    month: r.month,
    told: asNumber(r.told),
    onTime: asNumber(r.on_time),
    withDeadline: asNumber(r.with_deadline),
  }));
}

function surveyScoped(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  return scoped(db, organisationId, filter)
    .innerJoin('survey_response as sr', 'sr.application_id', 'application.id')
    .where('sr.organisation_id', '=', organisationId)
    .where('sr.created_at', '>=', filter.from.toISOString())
    .where('sr.created_at', '<', filter.to.toISOString());
}

const surveySums = [
  sql<number>`count(*)`.as('responses'),
  sql<number>`sum(case when sr.recommend >= 9 then 1 else 0 end)`.as('promoters'),
  sql<number>`sum(case when sr.recommend <= 6 then 1 else 0 end)`.as('detractors'),
  sql<number>`sum(sr.told_when_promised)`.as('told_sum'),
  sql<number>`sum(sr.feedback_useful)`.as('useful_sum'),
  sql<number>`sum(sr.treated_with_respect)`.as('respect_sum'),
] as const;

export interface SurveySums {
  responses: number;
  promoters: number;
  detractors: number;
  toldSum: number;
  usefulSum: number;
  respectSum: number;
}

function toSums(r: Record<string, unknown>): SurveySums {
  return {
    responses: asNumber(r.responses),
    promoters: asNumber(r.promoters),
    detractors: asNumber(r.detractors),
    toldSum: asNumber(r.told_sum),
    usefulSum: asNumber(r.useful_sum),
    respectSum: asNumber(r.respect_sum),
  };
}

export async function surveyTotals(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  const row = await surveyScoped(db, organisationId, filter).select(surveySums).executeTakeFirstOrThrow();
  const asked = await scoped(db, organisationId, filter)
    .innerJoin('survey_request as rq', 'rq.application_id', 'application.id')
    .select(sql<number>`count(*)`.as('n'))
    .where('rq.organisation_id', '=', organisationId)
    .where('rq.status', '=', 'sent')
    .where('rq.created_at', '>=', filter.from.toISOString())
    .where('rq.created_at', '<', filter.to.toISOString())
    .executeTakeFirstOrThrow();
  return { ...toSums(row), asked: asNumber(asked.n) };
}

export async function surveyMonthly(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  const m = month(db, 'sr.created_at');
  const rows = await surveyScoped(db, organisationId, filter)
    .select([m.as('month'), ...surveySums])
    .groupBy(m)
    .orderBy(m)
    .execute();
  return rows.map((r) => ({ month: r.month, ...toSums(r) }));
}

/** The newest comments of the period (no names: the text and its month only). */
export async function surveyComments(
  db: Kysely<Database>,
  organisationId: string,
  filter: MetricsFilter,
  limit: number,
) {
  return surveyScoped(db, organisationId, filter)
    .select(['sr.comment', 'sr.created_at'])
    .where('sr.comment', 'is not', null)
    .orderBy('sr.created_at', 'desc')
    .limit(limit)
    .execute();
}

// ---- Feedback, scorecards, network and referrals ------------------------------------------------------

function hours(db: Kysely<Database>, later: string, earlier: string) {
  return dialectOf(db as unknown as Kysely<unknown>) === 'postgres'
    ? sql<number>`extract(epoch from (${sql.ref(later)} - ${sql.ref(earlier)})) / 3600.0`
    : sql<number>`(julianday(${sql.ref(later)}) - julianday(${sql.ref(earlier)})) * 24.0`;
}

/** A scorecard counts as on time when submitted within this many hours of its interview's end. */
export const scorecardOnTimeHours = 24;

/**
 * Holding updates sent in the period; unsuccessful interviewees told in the period and those of them
 * whose feedback was approved on a passing check (no override); first drafts of the period and
 * those that passed the check as first written.
 */
export async function feedbackFigures(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  const from = filter.from.toISOString();
  const to = filter.to.toISOString();
  const [slips, unsuccessful, drafts] = await Promise.all([
    scoped(db, organisationId, filter)
      .innerJoin('decision_slip as ds', 'ds.application_id', 'application.id')
      .select(sql<number>`count(*)`.as('n'))
      .where('ds.organisation_id', '=', organisationId)
      .where('ds.created_at', '>=', from)
      .where('ds.created_at', '<', to)
      .executeTakeFirstOrThrow(),
    scoped(db, organisationId, filter)
      .leftJoin('feedback as f', (j) =>
        j.onRef('f.application_id', '=', 'application.id').on('f.organisation_id', '=', organisationId),
      )
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when f.status = 'approved' and f.override_reason is null then 1 else 0 end)`.as(
          'checked',
        ),
      ])
      .where('application.outcome', '=', 'not_progressing')
      .where('application.last_interview_ended_at', 'is not', null)
      .where('application.told_at', '>=', from)
      .where('application.told_at', '<', to)
      .executeTakeFirstOrThrow(),
    scoped(db, organisationId, filter)
      .innerJoin('feedback_version as fv', 'fv.application_id', 'application.id')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when fv.check_result like '%"pass":true%' then 1 else 0 end)`.as('passed'),
      ])
      .where('fv.organisation_id', '=', organisationId)
      .where('fv.version', '=', 1)
      .where('fv.created_at', '>=', from)
      .where('fv.created_at', '<', to)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    holdingUpdatesSent: asNumber(slips.n),
    unsuccessfulInterviewed: asNumber(unsuccessful.n),
    withCheckedFeedback: asNumber(unsuccessful.checked),
    firstDrafts: asNumber(drafts.n),
    firstDraftsPassed: asNumber(drafts.passed),
  };
}

/** Per interviewer: scorecards owed for interviews that ended in the period, and submitted on time. */
export async function scorecardsByInterviewer(
  db: Kysely<Database>,
  organisationId: string,
  filter: MetricsFilter,
  now: Date,
) {
  const until = new Date(Math.min(filter.to.getTime(), now.getTime())).toISOString();
  const late = hours(db, 'sc.submitted_at', 'interview.ends_at');
  const rows = await scoped(db, organisationId, filter)
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
      'user.name as name',
      sql<number>`count(*)`.as('due'),
      sql<number>`sum(case when sc.status = 'submitted' then 1 else 0 end)`.as('submitted'),
      sql<number>`sum(case when sc.status = 'submitted' and ${late} <= ${scorecardOnTimeHours} then 1 else 0 end)`.as(
        'on_time',
      ),
    ])
    .where('interview.organisation_id', '=', organisationId)
    .where('interview.ends_at', '>=', filter.from.toISOString())
    .where('interview.ends_at', '<', until)
    .groupBy(['ii.user_id', 'user.name'])
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
 * Candidates told "no" in the period and those of them who joined the talent network afterwards;
 * applications of the period from people already in the network (re-engaged) and their hires.
 */
export async function networkFigures(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  const from = filter.from.toISOString();
  const to = filter.to.toISOString();
  const [optIn, reengaged] = await Promise.all([
    scoped(db, organisationId, filter)
      .leftJoin('network_profile as np', (j) =>
        j
          .onRef('np.candidate_id', '=', 'application.candidate_id')
          .on('np.organisation_id', '=', organisationId),
      )
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when np.joined_at >= application.created_at then 1 else 0 end)`.as('joined'),
      ])
      .where('application.outcome', 'in', ['not_progressing', 'offer_declined'])
      .where('application.told_at', '>=', from)
      .where('application.told_at', '<', to)
      .executeTakeFirstOrThrow(),
    scoped(db, organisationId, filter)
      .innerJoin('network_profile as np', (j) =>
        j
          .onRef('np.candidate_id', '=', 'application.candidate_id')
          .on('np.organisation_id', '=', organisationId),
      )
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when application.outcome = 'hired' then 1 else 0 end)`.as('hired'),
      ])
      .whereRef('np.joined_at', '<', 'application.created_at')
      .where('application.created_at', '>=', from)
      .where('application.created_at', '<', to)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    toldNotHired: asNumber(optIn.n),
    joinedNetwork: asNumber(optIn.joined),
    reengaged: asNumber(reengaged.n),
    hiresFromNetwork: asNumber(reengaged.hired),
  };
}

/** Colleagues who came forward through a referral link in the period, and those of them hired. */
export async function referralFigures(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  let q = db
    .selectFrom('referral')
    .leftJoin('application', (j) =>
      j
        .onRef('application.id', '=', 'referral.application_id')
        .on('application.organisation_id', '=', organisationId),
    )
    .leftJoin('role', 'role.id', 'application.role_id')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when application.outcome = 'hired' then 1 else 0 end)`.as('hired'),
    ])
    .where('referral.organisation_id', '=', organisationId)
    .where('referral.created_at', '>=', filter.from.toISOString())
    .where('referral.created_at', '<', filter.to.toISOString());
  if (filter.venueId) q = q.where('role.venue_id', '=', filter.venueId);
  if (filter.roleId) q = q.where('application.role_id', '=', filter.roleId);
  if (filter.hiringManagerId) q = q.where('role.hiring_manager_id', '=', filter.hiringManagerId);
  const row = await q.executeTakeFirstOrThrow();
  return { received: asNumber(row.n), hired: asNumber(row.hired) };
}
