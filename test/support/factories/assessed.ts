// An application with an ended interview and a submitted scorecard, and its approved feedback, made
// through the real API (shared by the closure tests that need a not-progressing email to send).
import { expect } from 'vitest';
import type { AppContext } from '../../../src/app-context.ts';
import { avTechnicianFramework } from '../../../src/domain/frameworks/av-technician.ts';
import type { ApiApp } from '../../../src/http/types.ts';
import { insertAssessmentApplication, insertAssessmentInterview, scorecardBody } from './assessment.ts';
import type { Team } from './decision-clock.ts';
import type { TestMember } from './organisations.ts';

/** Every criterion of the built-in framework, and evidence for each that a scorecard can carry. */
export const keys = avTechnicianFramework.criteria.map((c) => c.key);
export const evidence: Record<string, string> = {
  signal_flow:
    'Candidate traced the planted fault to the crossed tie line in under ten minutes. He split the chain at the stage box and checked each point.',
  audio: 'Rang out the wedges with two narrow cuts; knew gain structure well.',
  video: 'Needed prompting to check the projector input and the EDID settings.',
  lighting: 'Programmed a simple Eos cue stack and recorded a preset.',
  networking_control: 'He could not explain how Dante picks a clock leader.',
  rigging_power_safety: 'Checked the safety bonds and knew LOLER inspection intervals.',
  communication: 'Calm and clear with the client in the role-play; summarised the brief back.',
  show_operation: 'Followed the cue sheet and called standbys on time.',
  planning_documentation: 'Patch sheet was tidy but missing the spare channels.',
};

async function post(app: ApiApp, member: TestMember, url: string, payload?: object) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: member.cookie },
    ...(payload !== undefined && { payload }),
  });
}

/** Awaiting a decision, interviewed by the team's interviewer, who has submitted a scorecard. */
export async function assessedApplication(
  ctx: AppContext,
  app: ApiApp,
  team: Team,
  roleId: string,
  candidateName: string,
) {
  const application = await insertAssessmentApplication(ctx, {
    organisationId: team.organisationId,
    roleId,
    candidateName,
  });
  const interview = await insertAssessmentInterview(ctx, {
    organisationId: team.organisationId,
    applicationId: application.id,
    interviewerIds: [team.interviewer.userId],
  });
  const opened = await post(app, team.interviewer, '/api/v1/scorecards', { interviewId: interview.id });
  expect(opened.statusCode, opened.body).toBe(201);
  const id = opened.json().id as string;
  const ratings = Object.fromEntries(keys.map((k) => [k, k === 'video' ? 2 : 3])) as Record<string, 2 | 3>;
  const body = scorecardBody(keys, {
    ratings,
    recommendation: 'no',
    evidence: (key) => evidence[key] ?? null,
  });
  const put = await app.inject({
    method: 'PUT',
    url: `/api/v1/scorecards/${id}`,
    headers: { cookie: team.interviewer.cookie },
    payload: body,
  });
  expect(put.statusCode, put.body).toBe(200);
  const submitted = await post(app, team.interviewer, `/api/v1/scorecards/${id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  await ctx.kysely
    .updateTable('application')
    .set({ stage: 'awaiting_decision' })
    .where('id', '=', application.id)
    .execute();
  return { ...application, interviewId: interview.id };
}

/** Drafts the feedback from the scorecards and approves it as the team's hiring manager. */
export async function approveFeedback(app: ApiApp, team: Team, applicationId: string) {
  const drafted = await post(app, team.manager, `/api/v1/applications/${applicationId}/feedback/draft`);
  expect(drafted.statusCode, drafted.body).toBe(200);
  const approved = await post(app, team.manager, `/api/v1/applications/${applicationId}/feedback/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
}
