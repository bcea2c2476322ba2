// Reputation's SQL besides the rollup: the survey settings and asks, the publishing settings and
// the dashboard's comments. The figures themselves come from rollup.repository.ts. Every query
// names its organisation except the sweep's, whose rows each carry theirs.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Nation, WorkingCalendar } from '../../domain/calendar.ts';
import { refreshApplication } from './rollup.repository.ts';

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
  const claimed = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (claimed && status === 'sent') await refreshApplication(db, organisationId, applicationId);
  return claimed;
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

function surveyScoped(db: Kysely<Database>, organisationId: string, filter: MetricsFilter) {
  return scoped(db, organisationId, filter)
    .innerJoin('survey_response as sr', 'sr.application_id', 'application.id')
    .where('sr.organisation_id', '=', organisationId)
    .where('sr.created_at', '>=', filter.from.toISOString())
    .where('sr.created_at', '<', filter.to.toISOString());
}

export interface SurveySums {
  responses: number;
  promoters: number;
  detractors: number;
  toldSum: number;
  usefulSum: number;
  respectSum: number;
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

/** A scorecard counts as on time when submitted within this many hours of its interview's end. */
export const scorecardOnTimeHours = 24;
