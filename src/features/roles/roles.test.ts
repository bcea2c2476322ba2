import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApplication } from '../../../test/support/factories/applications.ts';
import { makeCandidate } from '../../../test/support/factories/candidates.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { makeRole } from '../../../test/support/factories/roles.ts';
import { makeVenue } from '../../../test/support/factories/venues.ts';
import type { AppContext } from '../../app-context.ts';
import type { Stage } from '../../domain/lifecycle.ts';
import type { ApiApp } from '../../http/types.ts';

/** Applications belong to another feature: the shared factory writes them straight to the table. */
async function insertApplication(
  ctx: AppContext,
  a: { organisationId: string; roleId: string; candidateId: string; stage: Stage },
): Promise<string> {
  return (await makeApplication(ctx, a)).id;
}

async function applicant(
  ctx: AppContext,
  organisationId: string,
  roleId: string,
  name: string,
  stage: Stage,
) {
  const candidate = await makeCandidate(ctx, { organisationId, name });
  const applicationId = await insertApplication(ctx, {
    organisationId,
    roleId,
    candidateId: candidate.id,
    stage,
  });
  return { candidate, applicationId };
}

const ids = (body: { data: { id: string }[] }) => body.data.map((r) => r.id);

describeEachDatabase('roles API', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    manager = await makeMember(get().ctx, { role: 'manager', name: 'Morgan Lee' });
  });
  afterAll(async () => app.close());

  it('creates, reads, updates, lists and deletes a role', async () => {
    const headers = { cookie: manager.cookie };
    const venue = await makeVenue(get().ctx, { organisationId: manager.organisationId, name: 'Grand Hall' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers,
      payload: {
        title: '  Senior Sound Technician ',
        venueId: venue.id,
        level: 'senior_technician',
        hiringManagerId: manager.userId,
        description: 'Mixing for touring shows',
      },
    });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({
      title: 'Senior Sound Technician',
      venueId: venue.id,
      venue: { id: venue.id, name: 'Grand Hall' },
      level: 'senior_technician',
      status: 'open',
      hiringManager: { id: manager.userId, name: 'Morgan Lee', email: manager.email },
      description: 'Mixing for touring shows',
      applicationCounts: { total: 0, active: 0 },
    });

    const read = await app.inject({ url: `/api/v1/roles/${role.id}`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(role);

    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${role.id}`,
      headers,
      payload: { title: 'Lead Sound Technician', level: 'lead_technician', hiringManagerId: null },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      title: 'Lead Sound Technician',
      level: 'lead_technician',
      hiringManager: null,
      // Fields the PATCH did not mention are kept.
      status: 'open',
      description: 'Mixing for touring shows',
      venueId: venue.id,
    });

    const list = (await app.inject({ url: '/api/v1/roles', headers })).json();
    expect(ids(list)).toContain(role.id);

    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/roles/${role.id}`, headers });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({ url: `/api/v1/roles/${role.id}`, headers });
    expect(gone.statusCode).toBe(404);
  });

  it('names the field when the input is invalid', async () => {
    const headers = { cookie: manager.cookie };
    const venue = await makeVenue(get().ctx, { organisationId: manager.organisationId });

    const badLevel = await app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers,
      payload: { title: 'Rigger', venueId: venue.id, level: 'wizard' },
    });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.code).toBe('validation_failed');
    expect(badLevel.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['level']);

    const foreignVenue = await makeVenue(get().ctx);
    const wrongVenue = await app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers,
      payload: { title: 'Rigger', venueId: foreignVenue.id, level: 'technician' },
    });
    expect(wrongVenue.statusCode).toBe(400);
    expect(wrongVenue.json().error).toMatchObject({ code: 'validation_failed', field: 'venueId' });
    expect(wrongVenue.json().error.message).toMatch(/^venueId: /);

    const interviewer = await makeMember(get().ctx, {
      role: 'interviewer',
      organisationId: manager.organisationId,
    });
    const outsider = await makeMember(get().ctx, { role: 'manager' });
    for (const hiringManagerId of [interviewer.userId, outsider.userId, 'no-such-user']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers,
        payload: { title: 'Rigger', venueId: venue.id, level: 'technician', hiringManagerId },
      });
      expect(res.statusCode, hiringManagerId).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'hiringManagerId' });
    }

    const role = await makeRole(get().ctx, { organisationId: manager.organisationId, venueId: venue.id });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${role.id}`,
      headers,
      payload: { venueId: foreignVenue.id },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.field).toBe('venueId');
    expect((await app.inject({ url: `/api/v1/roles/${role.id}`, headers })).json().venueId).toBe(venue.id);
  });

  it('filters by status, venue and title, and pages with a cursor', async () => {
    const member = await makeMember(get().ctx, { role: 'manager' });
    const organisationId = member.organisationId;
    const headers = { cookie: member.cookie };
    const north = await makeVenue(get().ctx, { organisationId, name: 'North' });
    const south = await makeVenue(get().ctx, { organisationId, name: 'South' });
    const lighting = await makeRole(get().ctx, {
      organisationId,
      venueId: north.id,
      title: 'Lighting Technician',
    });
    const video = await makeRole(get().ctx, { organisationId, venueId: north.id, title: 'Video Engineer' });
    const sound = await makeRole(get().ctx, {
      organisationId,
      venueId: south.id,
      title: 'Sound technician',
      status: 'archived',
    });

    const byStatus = (await app.inject({ url: '/api/v1/roles?status=archived', headers })).json();
    expect(ids(byStatus)).toEqual([sound.id]);

    const byVenue = (await app.inject({ url: `/api/v1/roles?venueId=${north.id}`, headers })).json();
    expect(ids(byVenue).sort()).toEqual([lighting.id, video.id].sort());

    const byTitle = (await app.inject({ url: '/api/v1/roles?q=TECHNICIAN', headers })).json();
    expect(ids(byTitle).sort()).toEqual([lighting.id, sound.id].sort());

    const combined = (
      await app.inject({ url: `/api/v1/roles?q=technician&status=open&venueId=${north.id}`, headers })
    ).json();
    expect(ids(combined)).toEqual([lighting.id]);

    const first = (await app.inject({ url: '/api/v1/roles?limit=2', headers })).json();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await app.inject({ url: `/api/v1/roles?limit=2&cursor=${first.nextCursor}`, headers })
    ).json();
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...ids(first), ...ids(second)].sort()).toEqual([lighting.id, video.id, sound.id].sort());

    const badStatus = await app.inject({ url: '/api/v1/roles?status=closed', headers });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.field).toBe('status');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths[`/api/v1/roles`])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths[`/api/v1/roles/{id}`])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
    const body = doc.paths[`/api/v1/roles`].post.requestBody.content['application/json'].schema;
    expect(body.required).toContain('level');
  });

  it("answers 404 for another organisation's role on read, update and delete", async () => {
    const foreign = await makeRole(get().ctx);
    const headers = { cookie: manager.cookie };
    for (const [method, payload] of [['GET'], ['PATCH', { title: 'Taken over' }], ['DELETE']] as const) {
      const res = await app.inject({
        method,
        url: `/api/v1/roles/${foreign.id}`,
        headers,
        ...(payload && { payload }),
      });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const list = (await app.inject({ url: '/api/v1/roles?limit=100', headers })).json();
    expect(ids(list)).not.toContain(foreign.id);
    const still = await get()
      .ctx.kysely.selectFrom('role')
      .select('title')
      .where('id', '=', foreign.id)
      .executeTakeFirstOrThrow();
    expect(still.title).not.toBe('Taken over');
  });

  it('lets interviewers read but not change roles; an API key may create them', async () => {
    const interviewer = await makeMember(get().ctx, {
      role: 'interviewer',
      organisationId: manager.organisationId,
    });
    const headers = { cookie: interviewer.cookie };
    const venue = await makeVenue(get().ctx, { organisationId: manager.organisationId });
    const role = await makeRole(get().ctx, { organisationId: manager.organisationId, venueId: venue.id });
    const writes = [
      { method: 'POST', url: '/api/v1/roles', payload: { title: 'X', venueId: venue.id, level: 'trainee' } },
      { method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { title: 'Changed' } },
      { method: 'DELETE', url: `/api/v1/roles/${role.id}` },
    ] as const;
    for (const write of writes) {
      const res = await app.inject({ ...write, headers });
      expect(res.statusCode, write.method).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const read = await app.inject({ url: `/api/v1/roles/${role.id}`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().title).toBe(role.title);

    const key = await makeApiKey(get().ctx, { organisationId: manager.organisationId });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: key.headers,
      payload: { title: 'Stage Technician', venueId: venue.id, level: 'trainee' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('will not mark a role filled or archived while candidates are waiting, naming them', async () => {
    const ctx = get().ctx;
    const organisationId = manager.organisationId;
    const headers = { cookie: manager.cookie };
    const role = await makeRole(ctx, { organisationId });
    await applicant(ctx, organisationId, role.id, 'Priya Shah', 'interviewing');
    await applicant(ctx, organisationId, role.id, 'Tom Reed', 'applied');
    await applicant(ctx, organisationId, role.id, 'Ann Hired', 'hired');

    const counted = (await app.inject({ url: `/api/v1/roles/${role.id}`, headers })).json();
    expect(counted.applicationCounts).toEqual({ total: 3, active: 2 });

    for (const status of ['filled', 'archived']) {
      const refused = await app.inject({
        method: 'PATCH',
        url: `/api/v1/roles/${role.id}`,
        headers,
        payload: { status, title: 'Renamed while refused' },
      });
      expect(refused.statusCode, status).toBe(409);
      const error = refused.json().error;
      expect(error).toMatchObject({ code: 'conflict', field: 'status' });
      // Not closed until the candidate has been told: Ann is hired but nobody has recorded telling her.
      expect(error.message).toContain(
        'Still waiting: Ann Hired: hired, not told yet: send the decision or log a call or meeting; Priya Shah: interviewing; Tom Reed: applied',
      );
    }
    const unchanged = (await app.inject({ url: `/api/v1/roles/${role.id}`, headers })).json();
    expect(unchanged).toMatchObject({ status: 'open', title: role.title });

    // Once everyone has been told and closed the role can be filled, and the change is audited.
    await ctx.kysely
      .updateTable('application')
      .set({ stage: 'closed' })
      .where('role_id', '=', role.id)
      .execute();
    const filled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${role.id}`,
      headers,
      payload: { status: 'filled' },
    });
    expect(filled.statusCode).toBe(200);
    expect(filled.json()).toMatchObject({ status: 'filled', applicationCounts: { total: 3, active: 0 } });

    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select(['action', 'actor_type', 'actor_id', 'detail'])
      .where('organisation_id', '=', organisationId)
      .where('subject_id', '=', role.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'role.status_changed',
      actor_type: 'member',
      actor_id: manager.userId,
    });
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ from: 'open', to: 'filled' });
  });

  it('deletes only a role nobody has applied for', async () => {
    const ctx = get().ctx;
    const organisationId = manager.organisationId;
    const headers = { cookie: manager.cookie };
    const role = await makeRole(ctx, { organisationId });
    await applicant(ctx, organisationId, role.id, 'Jo Closed', 'closed');

    const refused = await app.inject({ method: 'DELETE', url: `/api/v1/roles/${role.id}`, headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    expect(refused.json().error.message).toContain('archive it instead');
    expect((await app.inject({ url: `/api/v1/roles/${role.id}`, headers })).statusCode).toBe(200);

    const archived = await app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${role.id}`,
      headers,
      payload: { status: 'archived' },
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
  });
});
