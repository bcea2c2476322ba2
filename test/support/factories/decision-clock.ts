// A hiring team and applications on the decision clock, with interviews arranged through the API (so
// deadlines are computed as in production) and scorecards written straight to the table.
import type { AppContext } from '../../../src/app-context.ts';
import type { Stage } from '../../../src/domain/lifecycle.ts';
import type { ApiApp } from '../../../src/http/types.ts';
import { newId } from '../../../src/ids.ts';
import { insertTestCandidate, makeApplication } from './applications.ts';
import { makeMember, type TestMember } from './organisations.ts';
import { makeRole } from './roles.ts';
import { makeVenue } from './venues.ts';

export type Region = 'england-and-wales' | 'scotland' | 'northern-ireland';

export interface Team {
  organisationId: string;
  admin: TestMember;
  manager: TestMember;
  interviewer: TestMember;
}

/** A new organisation with an admin, a hiring manager and an interviewer who can all sign in. */
export async function makeTeam(ctx: AppContext, label = 'Team'): Promise<Team> {
  const admin = await makeMember(ctx, { role: 'admin', name: `${label} Admin` });
  const { organisationId } = admin;
  const manager = await makeMember(ctx, { role: 'manager', organisationId, name: `${label} Manager` });
  const interviewer = await makeMember(ctx, {
    role: 'interviewer',
    organisationId,
    name: `${label} Interviewer`,
  });
  return { organisationId, admin, manager, interviewer };
}

export interface ClockApplication {
  applicationId: string;
  roleId: string;
  venueId: string;
  candidateId: string;
  candidateEmail: string;
}

/** A venue in the region, a role managed by `hiringManagerId` (the team's manager by default) and an application. */
export async function makeClockApplication(
  ctx: AppContext,
  team: Team,
  options: {
    region?: Region;
    stage?: Stage;
    candidateName?: string;
    hiringManagerId?: string | null;
    roleId?: string;
    venueId?: string;
  } = {},
): Promise<ClockApplication> {
  const organisationId = team.organisationId;
  let roleId = options.roleId;
  let venueId = options.venueId;
  if (!roleId) {
    venueId ??= (
      await makeVenue(ctx, {
        organisationId,
        region: options.region ?? 'england-and-wales',
        name: `Venue ${newId().slice(-6)}`,
      })
    ).id;
    const hiringManagerId =
      options.hiringManagerId === undefined ? team.manager.userId : options.hiringManagerId;
    roleId = (await makeRole(ctx, { organisationId, venueId, hiringManagerId })).id;
  }
  const candidate = await insertTestCandidate(ctx, {
    organisationId,
    name: options.candidateName ?? 'Sam Rigby',
  });
  const application = await makeApplication(ctx, {
    organisationId,
    roleId,
    candidateId: candidate.id,
    stage: options.stage ?? 'applied',
  });
  if (!venueId) {
    const role = await ctx.kysely
      .selectFrom('role')
      .select('venue_id')
      .where('id', '=', roleId)
      .executeTakeFirstOrThrow();
    venueId = role.venue_id;
  }
  return {
    applicationId: application.id,
    roleId,
    venueId,
    candidateId: candidate.id,
    candidateEmail: candidate.email,
  };
}

/** Arranges an interview through the API as the team's manager; returns its id. */
export async function arrangeInterview(
  app: ApiApp,
  team: Team,
  input: { applicationId: string; startsAt: string; endsAt: string; interviewerIds?: string[] },
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/interviews',
    headers: { cookie: team.manager.cookie },
    payload: {
      applicationId: input.applicationId,
      kind: 'in_person',
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      interviewerIds: input.interviewerIds ?? [team.interviewer.userId],
    },
  });
  if (response.statusCode !== 201) throw new Error(`interview not arranged: ${response.body}`);
  return response.json().id;
}

/** A submitted scorecard row (content does not matter to the decision clock). */
export async function insertSubmittedScorecard(
  ctx: AppContext,
  s: { organisationId: string; interviewId: string; applicationId: string; interviewerId: string },
): Promise<string> {
  const id = newId();
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('scorecard')
    .values({
      id,
      organisation_id: s.organisationId,
      interview_id: s.interviewId,
      application_id: s.applicationId,
      interviewer_id: s.interviewerId,
      framework_id: 'builtin-av-technician-v1',
      framework_version_id: 'builtin-av-technician-v1',
      status: 'submitted',
      recommendation: 'yes',
      private_notes: null,
      submitted_at: at,
      amended_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
