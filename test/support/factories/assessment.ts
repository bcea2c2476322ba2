import type { AppContext } from '../../../src/app-context.ts';
import { newId } from '../../../src/ids.ts';
import { insertTestCandidate } from './applications.ts';
import { makeOrganisation } from './organisations.ts';
import { makeVenue } from './venues.ts';

// Self-contained rows for the assessment tests: roles, candidates, applications and interviews are
// inserted directly (explicit columns), so these tests do not depend on those features' services.

const hour = 60 * 60 * 1000;

export type TestRoleLevel = 'trainee' | 'technician' | 'senior_technician' | 'lead_technician';

export async function insertAssessmentRole(
  ctx: AppContext,
  options: { organisationId?: string; level?: TestRoleLevel; title?: string } = {},
): Promise<{ id: string; organisationId: string; level: TestRoleLevel; title: string }> {
  const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
  const venue = await makeVenue(ctx, { organisationId });
  const role = {
    id: newId(),
    organisationId,
    level: options.level ?? 'technician',
    title: options.title ?? 'AV Technician — Main House',
  };
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('role')
    .values({
      id: role.id,
      organisation_id: organisationId,
      venue_id: venue.id,
      title: role.title,
      level: role.level,
      status: 'open',
      hiring_manager_id: null,
      description: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return role;
}

/** An application (and its candidate; and its role unless given) at the interviewing stage. */
export async function insertAssessmentApplication(
  ctx: AppContext,
  options: {
    organisationId: string;
    roleId?: string;
    level?: TestRoleLevel;
    candidateName?: string;
    /** Another application of this candidate (otherwise a new candidate). */
    candidateId?: string;
  },
): Promise<{ id: string; roleId: string; candidateId: string; organisationId: string }> {
  const roleId =
    options.roleId ??
    (
      await insertAssessmentRole(ctx, {
        organisationId: options.organisationId,
        ...(options.level && { level: options.level }),
      })
    ).id;
  const at = ctx.now().toISOString();
  const candidateId =
    options.candidateId ??
    (
      await insertTestCandidate(ctx, {
        organisationId: options.organisationId,
        name: options.candidateName ?? 'Jordan Patchbay',
      })
    ).id;
  const id = newId();
  await ctx.kysely
    .insertInto('application')
    .values({
      id,
      organisation_id: options.organisationId,
      candidate_id: candidateId,
      role_id: roleId,
      stage: 'interviewing',
      stage_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, roleId, candidateId, organisationId: options.organisationId };
}

/** An interview with the given interviewers; by default it ended an hour ago. */
export async function insertAssessmentInterview(
  ctx: AppContext,
  options: {
    organisationId: string;
    applicationId: string;
    interviewerIds: string[];
    startsAt?: Date;
    endsAt?: Date;
  },
): Promise<{ id: string; startsAt: string; endsAt: string }> {
  const now = ctx.now().getTime();
  const startsAt = (options.startsAt ?? new Date(now - 2 * hour)).toISOString();
  const endsAt = (options.endsAt ?? new Date(Date.parse(startsAt) + hour)).toISOString();
  const id = newId();
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('interview')
    .values({
      id,
      organisation_id: options.organisationId,
      application_id: options.applicationId,
      kind: 'practical',
      starts_at: startsAt,
      ends_at: endsAt,
      location: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (options.interviewerIds.length > 0) {
    await ctx.kysely
      .insertInto('interview_interviewer')
      .values(options.interviewerIds.map((userId) => ({ interview_id: id, user_id: userId })))
      .execute();
  }
  return { id, startsAt, endsAt };
}

type Level = 1 | 2 | 3 | 4;

/** A complete scorecard body: every key rated `rating` with evidence, unless overridden per key. */
export function scorecardBody(
  keys: readonly string[],
  options: {
    rating?: Level;
    ratings?: Record<string, Level>;
    recommendation?: 'strong_no' | 'no' | 'yes' | 'strong_yes';
    privateNotes?: string | null;
    evidence?: (key: string, rating: Level) => string | null;
  } = {},
) {
  return {
    ratings: keys.map((criterionKey) => {
      const rating = options.ratings?.[criterionKey] ?? options.rating ?? 3;
      return {
        criterionKey,
        rating,
        evidence: options.evidence
          ? options.evidence(criterionKey, rating)
          : `Saw ${criterionKey} at ${rating}`,
      };
    }),
    recommendation: options.recommendation ?? 'yes',
    privateNotes: options.privateNotes ?? null,
  };
}
