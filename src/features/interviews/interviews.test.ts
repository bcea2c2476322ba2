import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertTestMemberUser,
  insertTestRole,
  makeApplication,
  makeInterview,
} from '../../../test/support/factories/applications.ts';
import { keys } from '../../../test/support/factories/assessed.ts';
import {
  insertAssessmentApplication,
  insertAssessmentInterview,
  scorecardBody,
} from '../../../test/support/factories/assessment.ts';
import {
  actorOf,
  makeApiKey,
  makeMember,
  type TestMember,
} from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { scorecardService } from '../scorecards/scorecards.service.ts';
import { lastInterviewEnd } from './interviews.repository.ts';
import { interviewService } from './interviews.service.ts';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

describeEachDatabase('interviews API', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  let interviewer: TestMember;
  let organisationId: string;

  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    manager = await makeMember(get().ctx, { role: 'manager', name: 'Morgan Manager' });
    organisationId = manager.organisationId;
    interviewer = await makeMember(get().ctx, {
      role: 'interviewer',
      organisationId,
      name: 'Ivy Interviewer',
    });
  });
  afterAll(async () => app.close());

  const as = (member: TestMember) => ({ cookie: member.cookie });
  const tomorrowAt = (h: number) => {
    const d = new Date(Date.now() + day);
    d.setUTCHours(h, 0, 0, 0);
    return d;
  };

  async function stageOf(applicationId: string): Promise<string | undefined> {
    const row = await get()
      .ctx.kysely.selectFrom('application')
      .select(['stage'])
      .where('id', '=', applicationId)
      .executeTakeFirst();
    return row?.stage;
  }

  async function post(payload: Record<string, unknown>, member: TestMember = manager) {
    return app.inject({ method: 'POST', url: '/api/v1/interviews', headers: as(member), payload });
  }

  it('arranges, reads, changes, lists and deletes an interview', async () => {
    const role = await insertTestRole(get().ctx, { organisationId, title: 'Sound Technician' });
    const application = await makeApplication(get().ctx, {
      organisationId,
      roleId: role.id,
      candidateName: 'Jo Fader',
      stage: 'interviewing',
    });
    const created = await post({
      applicationId: application.id,
      kind: 'in_person',
      startsAt: '2030-06-03T10:00:00+01:00',
      endsAt: '2030-06-03T11:30:00+01:00',
      location: '  Stage door, Room 2  ',
      interviewerIds: [manager.userId, interviewer.userId],
    });
    expect(created.statusCode).toBe(201);
    const interview = created.json();
    expect(interview).toMatchObject({
      applicationId: application.id,
      kind: 'in_person',
      kindLabel: 'In person',
      startsAt: '2030-06-03T09:00:00.000Z',
      endsAt: '2030-06-03T10:30:00.000Z',
      location: 'Stage door, Room 2',
      candidate: { id: application.candidateId, name: 'Jo Fader' },
      role: { id: role.id, title: 'Sound Technician' },
    });
    expect(interview.interviewers).toEqual([
      { id: interviewer.userId, name: 'Ivy Interviewer', email: interviewer.email },
      { id: manager.userId, name: 'Morgan Manager', email: manager.email },
    ]);

    const read = await app.inject({ url: `/api/v1/interviews/${interview.id}`, headers: as(interviewer) });
    expect(read.json()).toEqual(interview);

    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/interviews/${interview.id}`,
      headers: as(manager),
      payload: { kind: 'practical', interviewerIds: [interviewer.userId], location: '' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      kind: 'practical',
      kindLabel: 'Practical test',
      location: null,
      startsAt: '2030-06-03T09:00:00.000Z',
      interviewers: [{ id: interviewer.userId }],
    });
    expect(changed.json().interviewers).toHaveLength(1);

    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/interviews/${interview.id}`,
      headers: as(manager),
      payload: { startsAt: '2030-06-04T09:00:00Z', endsAt: '2030-06-04T10:00:00Z' },
    });
    expect(moved.json()).toMatchObject({
      startsAt: '2030-06-04T09:00:00.000Z',
      endsAt: '2030-06-04T10:00:00.000Z',
      kind: 'practical',
      interviewers: [{ id: interviewer.userId }],
    });

    const list = await app.inject({
      url: `/api/v1/interviews?applicationId=${application.id}`,
      headers: as(manager),
    });
    expect(list.json().data).toEqual([moved.json()]);

    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/interviews/${interview.id}`,
      headers: as(manager),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({ url: `/api/v1/interviews/${interview.id}`, headers: as(manager) });
    expect(gone.statusCode).toBe(404);
    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', interview.id)
      .execute();
    expect(audit).toEqual([{ action: 'interview.deleted', actor_id: manager.userId }]);
  });

  it('keeps the evidence: an interview with a submitted scorecard cannot be deleted; drafts go, and the audit counts them', async () => {
    const { ctx } = get();
    const application = await insertAssessmentApplication(ctx, {
      organisationId,
      candidateName: 'Ailsa Gain',
    });
    const interview = await insertAssessmentInterview(ctx, {
      organisationId,
      applicationId: application.id,
      interviewerIds: [interviewer.userId, manager.userId],
    });
    const scorecards = scorecardService(ctx);
    const interviews = interviewService(ctx);
    const mine = await scorecards.open(organisationId, interview.id, actorOf(interviewer));
    await scorecards.saveDraft(organisationId, mine.scorecard.id, scorecardBody(keys), actorOf(interviewer));
    const theirs = await scorecards.open(organisationId, interview.id, actorOf(manager));
    await scorecards.saveDraft(organisationId, theirs.scorecard.id, scorecardBody(keys), actorOf(manager));
    await scorecards.submit(organisationId, mine.scorecard.id, actorOf(interviewer));

    // Refused, saying why; nothing is deleted and nothing is audited as deleted.
    await expect(interviews.remove(organisationId, interview.id, actorOf(manager))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('1 submitted scorecard: they are the evidence'),
    });
    const kept = await ctx.kysely
      .selectFrom('scorecard')
      .select(['id', 'status'])
      .where('interview_id', '=', interview.id)
      .orderBy('status')
      .execute();
    expect(kept.map((s) => s.status)).toEqual(['draft', 'submitted']);
    const ratings = await ctx.kysely
      .selectFrom('scorecard_rating')
      .select(['evidence'])
      .where('scorecard_id', '=', mine.scorecard.id)
      .execute();
    expect(ratings).toHaveLength(keys.length);
    // The API answers 409 with the same reason.
    const refused = await app.inject({
      method: 'DELETE',
      url: `/api/v1/interviews/${interview.id}`,
      headers: as(manager),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('cannot be deleted');
    expect(
      await ctx.kysely
        .selectFrom('audit_event')
        .select('id')
        .where('subject_id', '=', interview.id)
        .execute(),
    ).toEqual([]);

    // An interview with drafts only may go: the drafts go with it, and the audit says how many.
    const other = await insertAssessmentInterview(ctx, {
      organisationId,
      applicationId: application.id,
      interviewerIds: [interviewer.userId],
    });
    await scorecards.open(organisationId, other.id, actorOf(interviewer));
    await interviews.remove(organisationId, other.id, actorOf(manager));
    expect(
      await ctx.kysely.selectFrom('scorecard').select('id').where('interview_id', '=', other.id).execute(),
    ).toEqual([]);
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('subject_id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('interview.deleted');
    const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
    expect(detail).toMatchObject({ applicationId: application.id, draftScorecardsDeleted: 1 });
  });

  it('moves an application from applied to interviewing with its first interview, and no further', async () => {
    const application = await makeApplication(get().ctx, { organisationId, stage: 'applied' });
    const first = await post({
      applicationId: application.id,
      kind: 'phone',
      startsAt: tomorrowAt(9).toISOString(),
      endsAt: tomorrowAt(10).toISOString(),
      interviewerIds: [manager.userId],
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().kindLabel).toBe('Phone');
    expect(await stageOf(application.id)).toBe('interviewing');
    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('subject_id', '=', application.id)
      .execute();
    expect(audit.map((a) => ({ action: a.action, detail: JSON.parse(a.detail ?? 'null') }))).toEqual([
      {
        action: 'application.stage_changed',
        detail: { from: 'applied', to: 'interviewing', interviewId: first.json().id },
      },
    ]);

    const read = await app.inject({ url: `/api/v1/applications/${application.id}`, headers: as(manager) });
    expect(read.json()).toMatchObject({
      stage: 'interviewing',
      interviews: {
        count: 1,
        nextStartsAt: tomorrowAt(9).toISOString(),
        lastEndsAt: tomorrowAt(10).toISOString(),
      },
    });

    const waiting = await makeApplication(get().ctx, { organisationId, stage: 'awaiting_decision' });
    const second = await post({
      applicationId: waiting.id,
      kind: 'video',
      startsAt: tomorrowAt(11).toISOString(),
      endsAt: tomorrowAt(12).toISOString(),
      interviewerIds: [interviewer.userId],
    });
    expect(second.statusCode).toBe(201);
    expect(await stageOf(waiting.id)).toBe('awaiting_decision');
  });

  it('refuses interviews for an application that is past interviewing', async () => {
    for (const stage of ['offer', 'not_progressing', 'withdrawn', 'closed'] as const) {
      const application = await makeApplication(get().ctx, { organisationId, stage });
      const res = await post({
        applicationId: application.id,
        kind: 'video',
        startsAt: tomorrowAt(9).toISOString(),
        endsAt: tomorrowAt(10).toISOString(),
        interviewerIds: [manager.userId],
      });
      expect(res.statusCode, stage).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', field: 'applicationId' });
    }
    const offered = await makeApplication(get().ctx, { organisationId, stage: 'offer' });
    const existing = await makeInterview(get().ctx, { applicationId: offered.id });
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/v1/interviews/${existing.id}`,
      headers: as(manager),
      payload: { location: 'Somewhere else' },
    });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.message).toContain('this one is offer');
  });

  it('names endsAt when the times do not make an interview', async () => {
    const application = await makeApplication(get().ctx, { organisationId, stage: 'interviewing' });
    const base = { applicationId: application.id, kind: 'video', interviewerIds: [manager.userId] };
    const cases = [
      [tomorrowAt(10), tomorrowAt(9), 'must be after startsAt'],
      [tomorrowAt(10), tomorrowAt(10), 'must be after startsAt'],
      [tomorrowAt(8), new Date(tomorrowAt(20).getTime() + 1000), 'at most 12 hours'],
    ] as const;
    for (const [startsAt, endsAt, message] of cases) {
      const res = await post({ ...base, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
      expect(res.statusCode, message).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'endsAt' });
      expect(res.json().error.message).toContain(message);
    }
    const twelve = await post({
      ...base,
      startsAt: tomorrowAt(8).toISOString(),
      endsAt: tomorrowAt(20).toISOString(),
    });
    expect(twelve.statusCode).toBe(201);

    const noOffset = await post({ ...base, startsAt: '2030-06-03T10:00:00', endsAt: '2030-06-03T11:00:00Z' });
    expect(noOffset.statusCode).toBe(400);
    expect(noOffset.json().error.field).toBe('startsAt');

    // A partial change is checked against the times the interview keeps.
    const earlier = await app.inject({
      method: 'PATCH',
      url: `/api/v1/interviews/${twelve.json().id}`,
      headers: as(manager),
      payload: { endsAt: tomorrowAt(7).toISOString() },
    });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().error).toMatchObject({ code: 'validation_failed', field: 'endsAt' });
    const unchanged = await app.inject({
      url: `/api/v1/interviews/${twelve.json().id}`,
      headers: as(manager),
    });
    expect(unchanged.json().endsAt).toBe(tomorrowAt(20).toISOString());
  });

  it('names interviewerIds when an interviewer is not a member, missing, repeated or too many', async () => {
    const application = await makeApplication(get().ctx, { organisationId, stage: 'interviewing' });
    const stranger = await makeMember(get().ctx, { role: 'manager' });
    const base = {
      applicationId: application.id,
      kind: 'phone',
      startsAt: tomorrowAt(9).toISOString(),
      endsAt: tomorrowAt(10).toISOString(),
    };
    const seven = await Promise.all(
      Array.from({ length: 7 }, () => insertTestMemberUser(get().ctx, { organisationId })),
    );
    const cases = [
      [manager.userId, stranger.userId],
      ['no-such-user'],
      [],
      [manager.userId, manager.userId],
      seven.map((m) => m.userId),
    ];
    for (const interviewerIds of cases) {
      const res = await post({ ...base, interviewerIds });
      expect(res.statusCode, JSON.stringify(interviewerIds)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'interviewerIds' });
    }
    const six = await post({ ...base, interviewerIds: seven.slice(0, 6).map((m) => m.userId) });
    expect(six.statusCode).toBe(201);
    expect(six.json().interviewers).toHaveLength(6);

    const strangerOnUpdate = await app.inject({
      method: 'PATCH',
      url: `/api/v1/interviews/${six.json().id}`,
      headers: as(manager),
      payload: { interviewerIds: [stranger.userId] },
    });
    expect(strangerOnUpdate.statusCode).toBe(400);
    expect(strangerOnUpdate.json().error.field).toBe('interviewerIds');
    const kept = await app.inject({ url: `/api/v1/interviews/${six.json().id}`, headers: as(manager) });
    expect(kept.json().interviewers).toHaveLength(6);
  });

  it("names applicationId for another organisation's application", async () => {
    const foreign = await makeApplication(get().ctx, { stage: 'interviewing' });
    const res = await post({
      applicationId: foreign.id,
      kind: 'phone',
      startsAt: tomorrowAt(9).toISOString(),
      endsAt: tomorrowAt(10).toISOString(),
      interviewerIds: [manager.userId],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'applicationId' });
    const rows = await get()
      .ctx.kysely.selectFrom('interview')
      .select('id')
      .where('application_id', '=', foreign.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('filters by application, interviewer (or me) and start time', async () => {
    const lead = await makeMember(get().ctx, { role: 'manager' });
    const org = lead.organisationId;
    const tech = await makeMember(get().ctx, { role: 'interviewer', organisationId: org });
    const one = await makeApplication(get().ctx, { organisationId: org, stage: 'interviewing' });
    const two = await makeApplication(get().ctx, { organisationId: org, stage: 'interviewing' });
    const a = await makeInterview(get().ctx, {
      applicationId: one.id,
      startsAt: '2030-01-10T10:00:00Z',
      interviewerIds: [lead.userId, tech.userId],
    });
    const b = await makeInterview(get().ctx, {
      applicationId: one.id,
      startsAt: '2030-01-20T10:00:00Z',
      interviewerIds: [lead.userId],
    });
    const c = await makeInterview(get().ctx, {
      applicationId: two.id,
      startsAt: '2030-01-30T10:00:00Z',
      interviewerIds: [tech.userId],
    });
    const ids = async (query: string, member: TestMember = lead) => {
      const res = await app.inject({ url: `/api/v1/interviews?${query}`, headers: as(member) });
      expect(res.statusCode, query).toBe(200);
      return res.json().data.map((i: { id: string }) => i.id);
    };
    const desc = (...xs: string[]) => xs.sort().reverse();
    expect(await ids('')).toEqual(desc(a.id, b.id, c.id));
    expect(await ids(`applicationId=${one.id}`)).toEqual(desc(a.id, b.id));
    expect(await ids(`interviewerId=${tech.userId}`)).toEqual(desc(a.id, c.id));
    expect(await ids('interviewerId=me')).toEqual(desc(a.id, b.id));
    expect(await ids('interviewerId=me', tech)).toEqual(desc(a.id, c.id));
    expect(await ids('from=2030-01-20T10:00:00Z')).toEqual(desc(b.id, c.id));
    expect(await ids('to=2030-01-20T10:00:00Z')).toEqual([a.id]);
    expect(
      await ids(`from=${encodeURIComponent('2030-01-15T00:00:00+01:00')}&to=2030-01-25T00:00:00Z`),
    ).toEqual([b.id]);
    expect(await ids(`applicationId=${one.id}&interviewerId=${tech.userId}`)).toEqual([a.id]);

    const key = await makeApiKey(get().ctx, { organisationId: org });
    const keyMe = await app.inject({ url: '/api/v1/interviews?interviewerId=me', headers: key.headers });
    expect(keyMe.statusCode).toBe(400);
    expect(keyMe.json().error.field).toBe('interviewerId');
    const keyList = await app.inject({
      url: `/api/v1/interviews?interviewerId=${lead.userId}`,
      headers: key.headers,
    });
    expect(keyList.json().data.map((i: { id: string }) => i.id)).toEqual(desc(a.id, b.id));

    const badFrom = await app.inject({ url: '/api/v1/interviews?from=next-tuesday', headers: as(lead) });
    expect(badFrom.statusCode).toBe(400);
    expect(badFrom.json().error.field).toBe('from');
  });

  it('pages with a cursor', async () => {
    const member = await makeMember(get().ctx, { role: 'manager' });
    const application = await makeApplication(get().ctx, {
      organisationId: member.organisationId,
      stage: 'interviewing',
    });
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await makeInterview(get().ctx, { applicationId: application.id })).id);
    const first = (await app.inject({ url: '/api/v1/interviews?limit=3', headers: as(member) })).json();
    expect(first.data).toHaveLength(3);
    expect(first.nextCursor).toBe(first.data[2].id);
    const second = (
      await app.inject({ url: `/api/v1/interviews?limit=3&cursor=${first.nextCursor}`, headers: as(member) })
    ).json();
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect([...first.data, ...second.data].map((i: { id: string }) => i.id)).toEqual(made.sort().reverse());
  });

  it("answers 404 for another organisation's interview on read, update and delete", async () => {
    const foreign = await makeInterview(get().ctx);
    for (const [method, payload] of [['GET'], ['PATCH', { location: 'Ours now' }], ['DELETE']] as const) {
      const res = await app.inject({
        method,
        url: `/api/v1/interviews/${foreign.id}`,
        headers: as(manager),
        ...(payload && { payload }),
      });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const row = await get()
      .ctx.kysely.selectFrom('interview')
      .select(['location'])
      .where('id', '=', foreign.id)
      .executeTakeFirst();
    expect(row).toEqual({ location: null });
    const list = await app.inject({
      url: `/api/v1/interviews?applicationId=${foreign.applicationId}`,
      headers: as(manager),
    });
    expect(list.json().data).toEqual([]);
  });

  it('lets interviewers read but not change interviews', async () => {
    const application = await makeApplication(get().ctx, { organisationId, stage: 'interviewing' });
    const existing = await makeInterview(get().ctx, {
      applicationId: application.id,
      interviewerIds: [interviewer.userId],
    });
    const writes = [
      {
        method: 'POST',
        url: '/api/v1/interviews',
        payload: {
          applicationId: application.id,
          kind: 'phone',
          startsAt: tomorrowAt(9).toISOString(),
          endsAt: tomorrowAt(10).toISOString(),
          interviewerIds: [interviewer.userId],
        },
      },
      { method: 'PATCH', url: `/api/v1/interviews/${existing.id}`, payload: { location: 'Bar' } },
      { method: 'DELETE', url: `/api/v1/interviews/${existing.id}` },
    ] as const;
    for (const write of writes) {
      const res = await app.inject({ ...write, headers: as(interviewer) });
      expect(res.statusCode, write.method).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const read = await app.inject({ url: `/api/v1/interviews/${existing.id}`, headers: as(interviewer) });
    expect(read.statusCode).toBe(200);
    expect(read.json().location).toBeNull();
    const mine = await app.inject({ url: '/api/v1/interviews?interviewerId=me', headers: as(interviewer) });
    expect(mine.json().data.map((i: { id: string }) => i.id)).toContain(existing.id);
  });

  it('knows when the last interview of an application ends, within the organisation', async () => {
    const { kysely } = get().ctx;
    const application = await makeApplication(get().ctx, { organisationId, stage: 'interviewing' });
    expect(await lastInterviewEnd(kysely, organisationId, application.id)).toBeNull();
    await makeInterview(get().ctx, {
      applicationId: application.id,
      startsAt: '2030-03-02T14:00:00Z',
      endsAt: '2030-03-02T16:00:00Z',
    });
    await makeInterview(get().ctx, {
      applicationId: application.id,
      startsAt: '2030-03-05T09:00:00Z',
      endsAt: '2030-03-05T09:45:00Z',
    });
    await makeInterview(get().ctx, {
      applicationId: application.id,
      startsAt: '2030-03-01T09:00:00Z',
      endsAt: '2030-03-01T10:00:00Z',
    });
    expect(await lastInterviewEnd(kysely, organisationId, application.id)).toBe('2030-03-05T09:45:00.000Z');
    const other = await makeMember(get().ctx, { role: 'manager' });
    expect(await lastInterviewEnd(kysely, other.organisationId, application.id)).toBeNull();
  });
});
