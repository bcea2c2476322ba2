// One organisation with one of everything, made through the API as its members would make it: what
// the security walks point at (their own organisation's records, and another's).
import { expect } from 'vitest';
import type { AppContext } from '../../src/app-context.ts';
import { insertJob } from '../../src/features/jobs/jobs.repository.ts';
import { joinNetwork } from '../../src/features/network/network.service.ts';
import { insertNotification } from '../../src/features/notifications/notifications.repository.ts';
import { insertEndpoint } from '../../src/features/webhooks/webhooks.repository.ts';
import type { ApiApp } from '../../src/http/types.ts';
import { newId } from '../../src/ids.ts';
import { insertDataRequest } from '../../src/portal/portal.repository.ts';
import { scorecardBody } from '../support/factories/assessment.ts';
import { makeApiKey, makeMember, type TestMember } from '../support/factories/organisations.ts';

export interface World {
  organisationId: string;
  admin: TestMember;
  manager: TestMember;
  interviewer: TestMember;
  apiKey: { id: string; headers: { authorization: string } };
  /** The id of one record of each kind, by the collection name in the API's paths. */
  ids: Record<string, string>;
}

let n = 0;

export async function makeWorld(ctx: AppContext, app: ApiApp): Promise<World> {
  const suffix = `${Date.now().toString(36)}${n++}`;
  const admin = await makeMember(ctx, { role: 'admin', name: 'Ada Admin' });
  const organisationId = admin.organisationId;
  const manager = await makeMember(ctx, { organisationId, role: 'manager', name: 'Mo Manager' });
  const interviewer = await makeMember(ctx, { organisationId, role: 'interviewer', name: 'Ira Interviewer' });
  const key = await makeApiKey(ctx, { organisationId });

  async function call(member: TestMember, method: string, url: string, payload?: unknown) {
    const res = await app.inject({
      method: method as 'POST',
      url,
      headers: { cookie: member.cookie },
      ...(payload !== undefined && { payload: payload as object }),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.body ? res.json() : undefined;
  }

  const venue = await call(admin, 'POST', '/api/v1/venues', {
    name: `Main House ${suffix}`,
    region: 'england-and-wales',
    timezone: 'Europe/London',
  });
  const role = await call(admin, 'POST', '/api/v1/roles', {
    title: `AV Technician ${suffix}`,
    venueId: venue.id,
    level: 'technician',
    hiringManagerId: manager.userId,
  });
  const candidate = await call(manager, 'POST', '/api/v1/candidates', {
    name: 'Casey Candidate',
    email: `casey.${suffix}@example.test`,
  });
  const application = await call(manager, 'POST', '/api/v1/applications', {
    candidateId: candidate.id,
    roleId: role.id,
  });
  const day = 24 * 60 * 60 * 1000;
  const start = new Date(ctx.now().getTime() - 2 * day);
  const interview = await call(manager, 'POST', '/api/v1/interviews', {
    applicationId: application.id,
    kind: 'practical',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 60 * 60 * 1000).toISOString(),
    interviewerIds: [interviewer.userId],
  });
  const scorecard = await call(interviewer, 'POST', '/api/v1/scorecards', { interviewId: interview.id });
  await call(
    interviewer,
    'PUT',
    `/api/v1/scorecards/${scorecard.id}`,
    scorecardBody(
      scorecard.ratings.map((r: { criterionKey: string }) => r.criterionKey),
      {
        rating: 2,
        recommendation: 'no',
        evidence: () => 'Traced the hum to a ground loop on the stage box.',
      },
    ),
  );
  await call(interviewer, 'POST', `/api/v1/scorecards/${scorecard.id}/submit`);
  await call(manager, 'POST', `/api/v1/applications/${application.id}/feedback/draft`, {});
  const framework = await call(admin, 'POST', '/api/v1/frameworks/builtin-av-technician-v1/copy', {
    name: `Our framework ${suffix}`,
  });
  const invitation = await call(admin, 'POST', '/api/v1/invitations', {
    email: `invitee.${suffix}@example.test`,
    role: 'interviewer',
  });
  const messages = await call(admin, 'GET', '/api/v1/messages');
  const members = await call(admin, 'GET', '/api/v1/members');
  const managerMember = members.data.find((m: { userId: string }) => m.userId === manager.userId);
  await insertNotification(
    ctx.kysely,
    {
      organisationId,
      userId: admin.userId,
      kind: 'data_request',
      title: 'A walk notification',
      body: 'For the security walk.',
      linkPath: null,
      dedupeKey: `walk:${suffix}`,
    },
    ctx.now(),
  );
  const notifications = await call(admin, 'GET', '/api/v1/notifications');
  const dataRequest = await insertDataRequest(
    ctx.kysely,
    {
      organisationId,
      candidateId: candidate.id,
      dueAt: new Date(ctx.now().getTime() + 30 * day).toISOString(),
    },
    ctx.now(),
  );

  await ctx.kysely
    .transaction()
    .execute((tx) => joinNetwork(tx, organisationId, candidate.id, 'candidate_page', ctx.now()));

  const jobId = newId();
  await insertJob(
    ctx.kysely,
    { id: jobId, organisationId, kind: 'walk', input: {}, dedupeKey: null, total: 1, createdBy: null },
    ctx.now(),
  );

  const webhookId = newId();
  await insertEndpoint(
    ctx.kysely,
    organisationId,
    {
      id: webhookId,
      url: 'https://example.test/hook',
      description: null,
      eventTypes: ['decision.made'],
      secretEncrypted: 'v1.x.y.z',
    },
    ctx.now(),
  );

  return {
    organisationId,
    admin,
    manager,
    interviewer,
    apiKey: { id: key.apiKey.id, headers: key.headers },
    ids: {
      venues: venue.id,
      roles: role.id,
      candidates: candidate.id,
      applications: application.id,
      interviews: interview.id,
      scorecards: scorecard.id,
      frameworks: framework.id,
      invitations: invitation.invitation.id,
      messages: messages.data[0].id,
      members: managerMember.id,
      'api-keys': key.apiKey.id,
      notifications: notifications.data[0].id,
      'data-requests': dataRequest,
      users: manager.userId,
      jobs: jobId,
      network: candidate.id,
      webhooks: webhookId,
    },
  };
}

/**
 * The collection a path's id belongs to: `/api/v1/roles/{id}/closure-report` → `roles`,
 * `/api/v1/network/{candidateId}` → `network`.
 */
export function collectionOf(path: string): string | undefined {
  return /^\/api\/v1\/([a-z-]+)\/\{(?:id|[a-z]+Id)\}/.exec(path)?.[1];
}
