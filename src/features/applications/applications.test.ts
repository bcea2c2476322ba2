import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertTestCandidate,
  insertTestRole,
  makeApplication,
  makeInterview,
} from '../../../test/support/factories/applications.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { makeVenue } from '../../../test/support/factories/venues.ts';
import type { ApiApp } from '../../http/types.ts';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

describeEachDatabase('applications API', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  let interviewer: TestMember;
  let organisationId: string;

  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    manager = await makeMember(get().ctx, { role: 'manager' });
    organisationId = manager.organisationId;
    interviewer = await makeMember(get().ctx, { role: 'interviewer', organisationId });
  });
  afterAll(async () => app.close());

  const as = (member: TestMember) => ({ cookie: member.cookie });

  async function auditOf(subjectId: string) {
    const rows = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select(['action', 'actor_type', 'actor_id', 'detail'])
      .where('subject_id', '=', subjectId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, detail: r.detail ? JSON.parse(r.detail) : null }));
  }

  it('creates, reads, moves, lists and deletes an application', async () => {
    const venue = await makeVenue(get().ctx, { organisationId, name: 'Bridgewater Hall' });
    const role = await insertTestRole(get().ctx, {
      organisationId,
      venueId: venue.id,
      title: 'Lighting Technician',
    });
    const candidate = await insertTestCandidate(get().ctx, {
      organisationId,
      name: 'Priya Shah',
      email: 'priya@example.test',
    });

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: as(manager),
      payload: { candidateId: candidate.id, roleId: role.id },
    });
    expect(created.statusCode).toBe(201);
    const application = created.json();
    expect(application).toMatchObject({
      stage: 'applied',
      stageLabel: 'Applied',
      candidate: { id: candidate.id, name: 'Priya Shah', email: 'priya@example.test' },
      role: { id: role.id, title: 'Lighting Technician', venueId: venue.id, venueName: 'Bridgewater Hall' },
      interviews: { count: 0, nextStartsAt: null, lastEndsAt: null },
    });
    expect(application.stageChangedAt).toBe(application.createdAt);

    const read = await app.inject({
      url: `/api/v1/applications/${application.id}`,
      headers: as(interviewer),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(application);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${application.id}`,
      headers: as(manager),
      payload: { stage: 'interviewing' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ stage: 'interviewing', stageLabel: 'Interviewing' });
    expect(Date.parse(moved.json().stageChangedAt)).toBeGreaterThan(Date.parse(application.stageChangedAt));
    expect(await auditOf(application.id)).toEqual([
      {
        action: 'application.stage_changed',
        actor_type: 'member',
        actor_id: manager.userId,
        detail: { from: 'applied', to: 'interviewing' },
      },
    ]);

    const list = await app.inject({
      url: `/api/v1/applications?roleId=${role.id}`,
      headers: as(manager),
    });
    expect(list.json().data.map((a: { id: string }) => a.id)).toEqual([application.id]);

    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/applications/${application.id}`,
      headers: as(manager),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({ url: `/api/v1/applications/${application.id}`, headers: as(manager) });
    expect(gone.statusCode).toBe(404);
    expect((await auditOf(application.id)).map((e) => e.action)).toEqual([
      'application.stage_changed',
      'application.deleted',
    ]);
  });

  it('summarises interviews: how many, the next still to come and when the last ends', async () => {
    const application = await makeApplication(get().ctx, { organisationId, stage: 'interviewing' });
    const now = Date.now();
    await makeInterview(get().ctx, {
      applicationId: application.id,
      startsAt: new Date(now - 3 * day),
      endsAt: new Date(now - 3 * day + hour),
    });
    await makeInterview(get().ctx, {
      applicationId: application.id,
      startsAt: new Date(now + 5 * day),
      endsAt: new Date(now + 5 * day + 2 * hour),
    });
    await makeInterview(get().ctx, {
      applicationId: application.id,
      startsAt: new Date(now + 2 * day),
      endsAt: new Date(now + 2 * day + hour),
    });
    const read = await app.inject({ url: `/api/v1/applications/${application.id}`, headers: as(manager) });
    expect(read.json().interviews).toEqual({
      count: 3,
      nextStartsAt: new Date(now + 2 * day).toISOString(),
      lastEndsAt: new Date(now + 5 * day + 2 * hour).toISOString(),
    });

    const past = await makeApplication(get().ctx, { organisationId, stage: 'awaiting_decision' });
    await makeInterview(get().ctx, {
      applicationId: past.id,
      startsAt: new Date(now - 2 * day),
      endsAt: new Date(now - 2 * day + hour),
    });
    const listed = await app.inject({
      url: `/api/v1/applications?candidateId=${past.candidateId}`,
      headers: as(manager),
    });
    expect(listed.json().data[0].interviews).toEqual({
      count: 1,
      nextStartsAt: null,
      lastEndsAt: new Date(now - 2 * day + hour).toISOString(),
    });
  });

  it('deletes an application with its interviews', async () => {
    const application = await makeApplication(get().ctx, { organisationId, stage: 'interviewing' });
    const interview = await makeInterview(get().ctx, { applicationId: application.id });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/applications/${application.id}`,
      headers: as(manager),
    });
    expect(deleted.statusCode).toBe(204);
    const left = await get()
      .ctx.kysely.selectFrom('interview')
      .select('id')
      .where('id', '=', interview.id)
      .execute();
    expect(left).toEqual([]);
    const audit = await auditOf(application.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'application.deleted',
      detail: { candidateId: application.candidateId, roleId: application.roleId, interviews: 1 },
    });
  });

  it('names the field when the candidate or role is not one of the organisation', async () => {
    const role = await insertTestRole(get().ctx, { organisationId });
    const candidate = await insertTestCandidate(get().ctx, { organisationId });
    const foreignRole = await insertTestRole(get().ctx);
    const foreignCandidate = await insertTestCandidate(get().ctx);
    const cases = [
      [{ candidateId: foreignCandidate.id, roleId: role.id }, 'candidateId'],
      [{ candidateId: 'no-such-candidate', roleId: role.id }, 'candidateId'],
      [{ candidateId: candidate.id, roleId: foreignRole.id }, 'roleId'],
      [{ candidateId: candidate.id }, 'roleId'],
    ] as const;
    for (const [payload, field] of cases) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: as(manager),
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', field });
      expect(res.json().error.message).toContain(field);
    }
    const count = await get()
      .ctx.kysely.selectFrom('application')
      .select('id')
      .where('candidate_id', 'in', [candidate.id, foreignCandidate.id])
      .execute();
    expect(count).toEqual([]);
  });

  it('refuses a second application for the same role and candidate', async () => {
    const existing = await makeApplication(get().ctx, { organisationId });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: as(manager),
      payload: { candidateId: existing.candidateId, roleId: existing.roleId },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'conflict',
      field: 'candidateId',
      message: 'candidateId: this candidate has already applied for this role',
    });
    const other = await insertTestRole(get().ctx, { organisationId });
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: as(manager),
      payload: { candidateId: existing.candidateId, roleId: other.id },
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('accepts applications only for an open role', async () => {
    const candidate = await insertTestCandidate(get().ctx, { organisationId });
    for (const status of ['draft', 'filled', 'archived']) {
      const role = await insertTestRole(get().ctx, { organisationId, status });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: as(manager),
        payload: { candidateId: candidate.id, roleId: role.id },
      });
      expect(res.statusCode, status).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', field: 'roleId' });
      expect(res.json().error.message).toContain(`this role is ${status}`);
    }
  });

  it('explains a refused stage change and leaves the stage alone', async () => {
    const application = await makeApplication(get().ctx, { organisationId });
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${application.id}`,
      headers: as(manager),
      payload: { stage: 'hired' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'invalid_transition',
      message: 'From applied an application can move to: interviewing, withdrawn, not progressing',
    });
    const unknown = await app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${application.id}`,
      headers: as(manager),
      payload: { stage: 'shortlisted' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('stage');

    const read = await app.inject({ url: `/api/v1/applications/${application.id}`, headers: as(manager) });
    expect(read.json().stage).toBe('applied');
    expect(await auditOf(application.id)).toEqual([]);
  });

  it('refuses to close through PATCH, even from an outcome', async () => {
    for (const stage of ['not_progressing', 'applied'] as const) {
      const application = await makeApplication(get().ctx, { organisationId, stage });
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${application.id}`,
        headers: as(manager),
        payload: { stage: 'closed' },
      });
      expect(res.statusCode, stage).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'invalid_transition',
        message: 'An application closes once the candidate has been told; record how they were told',
      });
      const read = await app.inject({ url: `/api/v1/applications/${application.id}`, headers: as(manager) });
      expect(read.json().stage).toBe(stage);
    }
  });

  it('follows the lifecycle from interviewing to an offer and a hire', async () => {
    const application = await makeApplication(get().ctx, { organisationId, stage: 'interviewing' });
    for (const stage of ['awaiting_decision', 'offer', 'hired']) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${application.id}`,
        headers: as(manager),
        payload: { stage },
      });
      expect(res.statusCode, stage).toBe(200);
      expect(res.json().stage).toBe(stage);
    }
    expect((await auditOf(application.id)).map((e) => e.detail)).toEqual([
      { from: 'interviewing', to: 'awaiting_decision' },
      { from: 'awaiting_decision', to: 'offer' },
      { from: 'offer', to: 'hired' },
    ]);
  });

  it('filters by role, candidate, stages and candidate name or email', async () => {
    const member = await makeMember(get().ctx, { role: 'manager' });
    const org = member.organisationId;
    const role = await insertTestRole(get().ctx, { organisationId: org });
    const otherRole = await insertTestRole(get().ctx, { organisationId: org });
    const ada = await makeApplication(get().ctx, {
      organisationId: org,
      roleId: role.id,
      candidateName: 'Ada Lovelace',
      candidateEmail: 'ada@analytical.test',
      stage: 'applied',
    });
    const ben = await makeApplication(get().ctx, {
      organisationId: org,
      roleId: role.id,
      candidateName: 'Ben Crane',
      candidateEmail: 'ben@rigging.test',
      stage: 'withdrawn',
    });
    const cat = await makeApplication(get().ctx, {
      organisationId: org,
      roleId: otherRole.id,
      candidateName: 'Cat Moss',
      candidateEmail: 'cat_moss@sound.test',
      stage: 'interviewing',
    });
    const again = await makeApplication(get().ctx, {
      organisationId: org,
      roleId: otherRole.id,
      candidateId: ada.candidateId,
      stage: 'offer',
    });
    const ids = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/applications?${query}`, headers: as(member) });
      expect(res.statusCode, query).toBe(200);
      return res.json().data.map((a: { id: string }) => a.id);
    };
    expect(await ids('')).toEqual([again.id, cat.id, ben.id, ada.id].sort().reverse());
    expect(await ids(`roleId=${role.id}`)).toEqual([ben.id, ada.id].sort().reverse());
    expect(await ids(`candidateId=${ada.candidateId}`)).toEqual([again.id, ada.id].sort().reverse());
    expect(await ids('stage=withdrawn')).toEqual([ben.id]);
    expect(await ids('stage=applied,interviewing')).toEqual([cat.id, ada.id].sort().reverse());
    expect(await ids('q=LOVELACE')).toEqual([again.id, ada.id].sort().reverse());
    expect(await ids('q=rigging.test')).toEqual([ben.id]);
    expect(await ids('q=_moss')).toEqual([cat.id]);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids(`roleId=${otherRole.id}&stage=offer&q=ada`)).toEqual([again.id]);

    const bad = await app.inject({
      url: '/api/v1/applications?stage=applied,hired,maybe',
      headers: as(member),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('stage');
    expect(bad.json().error.message).toContain('"maybe"');
  });

  it('pages with a cursor', async () => {
    const member = await makeMember(get().ctx, { role: 'admin' });
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await makeApplication(get().ctx, { organisationId: member.organisationId })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
      const res = await app.inject({ url: `/api/v1/applications?${query}`, headers: as(member) });
      const page = res.json() as { data: { id: string }[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].sort().reverse());
  });

  it("answers 404 for another organisation's application on read, update and delete", async () => {
    const foreign = await makeApplication(get().ctx);
    for (const [method, payload] of [['GET'], ['PATCH', { stage: 'interviewing' }], ['DELETE']] as const) {
      const res = await app.inject({
        method,
        url: `/api/v1/applications/${foreign.id}`,
        headers: as(manager),
        ...(payload && { payload }),
      });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const row = await get()
      .ctx.kysely.selectFrom('application')
      .select(['stage'])
      .where('id', '=', foreign.id)
      .executeTakeFirst();
    expect(row?.stage).toBe('applied');
    const list = (await app.inject({ url: '/api/v1/applications?limit=100', headers: as(manager) })).json();
    expect(list.data.map((a: { id: string }) => a.id)).not.toContain(foreign.id);
    const byCandidate = (
      await app.inject({
        url: `/api/v1/applications?candidateId=${foreign.candidateId}`,
        headers: as(manager),
      })
    ).json();
    expect(byCandidate.data).toEqual([]);
  });

  it('lets interviewers read but not change applications; API keys manage them', async () => {
    const application = await makeApplication(get().ctx, { organisationId });
    const role = await insertTestRole(get().ctx, { organisationId });
    const candidate = await insertTestCandidate(get().ctx, { organisationId });
    const writes = [
      {
        method: 'POST',
        url: '/api/v1/applications',
        payload: { candidateId: candidate.id, roleId: role.id },
      },
      { method: 'PATCH', url: `/api/v1/applications/${application.id}`, payload: { stage: 'withdrawn' } },
      { method: 'DELETE', url: `/api/v1/applications/${application.id}` },
    ] as const;
    for (const write of writes) {
      const res = await app.inject({ ...write, headers: as(interviewer) });
      expect(res.statusCode, write.method).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const read = await app.inject({
      url: `/api/v1/applications/${application.id}`,
      headers: as(interviewer),
    });
    expect(read.json().stage).toBe('applied');

    const key = await makeApiKey(get().ctx, { organisationId });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: key.headers,
      payload: { candidateId: candidate.id, roleId: role.id },
    });
    expect(created.statusCode).toBe(201);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${created.json().id}`,
      headers: key.headers,
      payload: { stage: 'withdrawn' },
    });
    expect(moved.statusCode).toBe(200);
    expect((await auditOf(created.json().id))[0]).toMatchObject({
      actor_type: 'api_key',
      actor_id: key.apiKey.id,
    });

    const anonymous = await app.inject({ url: '/api/v1/applications' });
    expect(anonymous.statusCode).toBe(401);
  });
});
