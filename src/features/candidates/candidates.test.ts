import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApplication } from '../../../test/support/factories/applications.ts';
import { makeCandidate } from '../../../test/support/factories/candidates.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { makeRole } from '../../../test/support/factories/roles.ts';
import type { AppContext } from '../../app-context.ts';
import type { Stage } from '../../domain/lifecycle.ts';
import { AppError } from '../../errors.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { insertCandidate, isDuplicateEmailError } from './candidates.repository.ts';
import { candidateCreateSchema } from './candidates.schema.ts';
import { candidateService } from './candidates.service.ts';

/** Applications belong to another feature: the shared factory writes them straight to the table. */
async function insertApplication(
  ctx: AppContext,
  a: { organisationId: string; roleId: string; candidateId: string; stage: Stage },
): Promise<string> {
  return (await makeApplication(ctx, a)).id;
}

async function insertInterview(
  ctx: AppContext,
  organisationId: string,
  applicationId: string,
): Promise<string> {
  const id = newId();
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('interview')
    .values({
      id,
      organisation_id: organisationId,
      application_id: applicationId,
      kind: 'practical',
      starts_at: '2026-11-26T10:00:00.000Z',
      ends_at: '2026-11-26T11:00:00.000Z',
      location: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

const ids = (body: { data: { id: string }[] }) => body.data.map((r) => r.id);

describeEachDatabase('candidates API', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    manager = await makeMember(get().ctx, { role: 'manager' });
  });
  afterAll(async () => app.close());

  it('creates, reads, updates and lists a candidate, normalising the email', async () => {
    const headers = { cookie: manager.cookie };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers,
      payload: {
        name: ' Priya Shah ',
        email: '  Priya.Shah@Example.COM ',
        phone: '+44 (0)20 7946-0958',
        location: 'Glasgow',
        source: 'Referral',
      },
    });
    expect(created.statusCode).toBe(201);
    const candidate = created.json();
    expect(candidate).toMatchObject({
      name: 'Priya Shah',
      email: 'priya.shah@example.com',
      phone: '+44 (0)20 7946-0958',
      location: 'Glasgow',
      source: 'Referral',
      applicationCount: 0,
    });

    const read = await app.inject({ url: `/api/v1/candidates/${candidate.id}`, headers });
    expect(read.json()).toEqual(candidate);

    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/candidates/${candidate.id}`,
      headers,
      payload: { location: 'Edinburgh', phone: '' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      name: 'Priya Shah',
      email: 'priya.shah@example.com',
      location: 'Edinburgh',
      phone: null,
      source: 'Referral',
    });

    const list = (await app.inject({ url: '/api/v1/candidates', headers })).json();
    expect(ids(list)).toContain(candidate.id);
  });

  it('names the field when the input is invalid', async () => {
    const headers = { cookie: manager.cookie };
    const cases = [
      [{ name: 'A', email: 'not-an-email' }, 'email'],
      [{ name: 'A', email: 'a@example.com', phone: 'call me' }, 'phone'],
      [{ name: 'A', email: 'a@example.com', phone: '12 34 5' }, 'phone'],
      [{ name: '   ', email: 'a@example.com' }, 'name'],
      [{ name: 'A', email: 'a@example.com', source: 'x'.repeat(81) }, 'source'],
    ] as const;
    for (const [payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/candidates', headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('validation_failed');
      expect(error.issues.map((i: { field: string }) => i.field)).toEqual([field]);
      expect(error.message).toContain(`${field}: `);
    }
    const list = (await app.inject({ url: '/api/v1/candidates?q=a@example.com', headers })).json();
    expect(list.data).toEqual([]);
  });

  it('refuses a second candidate with the same email in the organisation, naming the field', async () => {
    const member = await makeMember(get().ctx, { role: 'admin' });
    const headers = { cookie: member.cookie };
    const first = await makeCandidate(get().ctx, {
      organisationId: member.organisationId,
      email: 'tom@example.com',
    });

    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers,
      payload: { name: 'Tom Again', email: ' TOM@example.com' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toEqual({
      code: 'conflict',
      message: 'email: a candidate with this email already exists',
      field: 'email',
    });

    const other = await makeCandidate(get().ctx, { organisationId: member.organisationId });
    const taken = await app.inject({
      method: 'PATCH',
      url: `/api/v1/candidates/${other.id}`,
      headers,
      payload: { email: 'Tom@Example.com' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.field).toBe('email');

    const ownEmail = await app.inject({
      method: 'PATCH',
      url: `/api/v1/candidates/${first.id}`,
      headers,
      payload: { email: 'tom@example.com', name: 'Tom Reed' },
    });
    expect(ownEmail.statusCode).toBe(200);
    expect(ownEmail.json().name).toBe('Tom Reed');

    // Another organisation may know the same person.
    const elsewhere = await makeCandidate(get().ctx, { email: 'tom@example.com' });
    expect(elsewhere.email).toBe('tom@example.com');
  });

  it('answers 409, not 500, when two requests add the same email at once', async () => {
    const member = await makeMember(get().ctx, { role: 'manager' });
    const payload = { name: 'Racing Candidate', email: 'race@example.com' };
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        app.inject({
          method: 'POST',
          url: '/api/v1/candidates',
          headers: { cookie: member.cookie },
          payload,
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of responses.filter((r) => r.statusCode === 409)) {
      expect(r.json().error).toMatchObject({ code: 'conflict', field: 'email' });
    }
  });

  it('answers 409 when another writer commits the same email between the check and the insert', async () => {
    const ctx = get().ctx;
    const member = await makeMember(ctx, { role: 'manager' });
    const input = candidateCreateSchema.parse({ name: 'Late Writer', email: 'between@example.com' });
    let racing: Promise<unknown> | undefined;
    await ctx.kysely.transaction().execute(async (tx) => {
      await insertCandidate(
        tx,
        member.organisationId,
        newId(),
        { ...input, name: 'First Writer' },
        ctx.now(),
      );
      // On PostgreSQL the service's check cannot see this uncommitted row, so its insert waits on the
      // unique index and fails once we commit; on SQLite it waits for the connection and its check sees it.
      racing = candidateService(ctx)
        .create(member.organisationId, input)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const error = await racing;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', field: 'email' });
    const rows = await ctx.kysely
      .selectFrom('candidate')
      .select('name')
      .where('organisation_id', '=', member.organisationId)
      .execute();
    expect(rows).toEqual([{ name: 'First Writer' }]);
  });

  it('recognises the unique-index violation of this database', async () => {
    const ctx = get().ctx;
    const existing = await makeCandidate(ctx, { email: 'unique@example.com' });
    const organisationId = (
      await ctx.kysely
        .selectFrom('candidate')
        .select('organisation_id')
        .where('id', '=', existing.id)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const input = candidateCreateSchema.parse({ name: 'Copy', email: 'unique@example.com' });
    const error = await insertCandidate(ctx.kysely, organisationId, newId(), input, ctx.now()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(isDuplicateEmailError(error)).toBe(true);
    expect(isDuplicateEmailError(new Error('UNIQUE constraint failed: api_key.token_hash'))).toBe(false);
  });

  it('searches name or email without regard to case, and pages with a cursor', async () => {
    const member = await makeMember(get().ctx, { role: 'manager' });
    const organisationId = member.organisationId;
    const headers = { cookie: member.cookie };
    const alex = await makeCandidate(get().ctx, {
      organisationId,
      name: 'Alex Morgan',
      email: 'alex@rig.example',
    });
    const bea = await makeCandidate(get().ctx, {
      organisationId,
      name: 'Bea Jones',
      email: 'morgan.b@example.com',
    });
    const cal = await makeCandidate(get().ctx, {
      organisationId,
      name: 'Cal Smith',
      email: 'cal@example.com',
    });

    const byName = (await app.inject({ url: '/api/v1/candidates?q=MORGAN', headers })).json();
    expect(ids(byName).sort()).toEqual([alex.id, bea.id].sort());
    const byEmail = (await app.inject({ url: '/api/v1/candidates?q=RIG.example', headers })).json();
    expect(ids(byEmail)).toEqual([alex.id]);
    const none = (await app.inject({ url: '/api/v1/candidates?q=nobody', headers })).json();
    expect(none.data).toEqual([]);

    const first = (await app.inject({ url: '/api/v1/candidates?limit=2', headers })).json();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await app.inject({ url: `/api/v1/candidates?limit=2&cursor=${first.nextCursor}`, headers })
    ).json();
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...ids(first), ...ids(second)].sort()).toEqual([alex.id, bea.id, cal.id].sort());
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths[`/api/v1/candidates`])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths[`/api/v1/candidates/{id}`])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
    const body = doc.paths[`/api/v1/candidates`].post.requestBody.content['application/json'].schema;
    expect(body.required).toContain('email');
  });

  it("answers 404 for another organisation's candidate on read, update and delete", async () => {
    const foreign = await makeCandidate(get().ctx, { name: 'Foreign Person' });
    const headers = { cookie: manager.cookie };
    for (const [method, payload] of [['GET'], ['PATCH', { name: 'Taken over' }], ['DELETE']] as const) {
      const res = await app.inject({
        method,
        url: `/api/v1/candidates/${foreign.id}`,
        headers,
        ...(payload && { payload }),
      });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const list = (await app.inject({ url: '/api/v1/candidates?limit=100', headers })).json();
    expect(ids(list)).not.toContain(foreign.id);
    const search = (await app.inject({ url: '/api/v1/candidates?q=foreign', headers })).json();
    expect(search.data).toEqual([]);
    const still = await get()
      .ctx.kysely.selectFrom('candidate')
      .select('name')
      .where('id', '=', foreign.id)
      .executeTakeFirst();
    expect(still?.name).toBe('Foreign Person');
  });

  it('lets interviewers read but not change candidates; an API key may add them', async () => {
    const interviewer = await makeMember(get().ctx, {
      role: 'interviewer',
      organisationId: manager.organisationId,
    });
    const headers = { cookie: interviewer.cookie };
    const candidate = await makeCandidate(get().ctx, { organisationId: manager.organisationId });
    const writes = [
      { method: 'POST', url: '/api/v1/candidates', payload: { name: 'X', email: 'x@example.com' } },
      { method: 'PATCH', url: `/api/v1/candidates/${candidate.id}`, payload: { name: 'Changed' } },
      { method: 'DELETE', url: `/api/v1/candidates/${candidate.id}` },
    ] as const;
    for (const write of writes) {
      const res = await app.inject({ ...write, headers });
      expect(res.statusCode, write.method).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const read = await app.inject({ url: `/api/v1/candidates/${candidate.id}`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().name).toBe(candidate.name);

    const key = await makeApiKey(get().ctx, { organisationId: manager.organisationId });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers: key.headers,
      payload: { name: 'From the ATS', email: 'ats@example.com' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('erases a candidate by anonymising them, keeping their applications counted, auditing only counts', async () => {
    const ctx = get().ctx;
    const organisationId = manager.organisationId;
    const headers = { cookie: manager.cookie };
    const roleA = await makeRole(ctx, { organisationId });
    const roleB = await makeRole(ctx, { organisationId });
    const erased = await makeCandidate(ctx, {
      organisationId,
      name: 'Erin Erased',
      email: 'erin@example.com',
    });
    const kept = await makeCandidate(ctx, { organisationId, name: 'Kim Kept' });
    const applicationA = await insertApplication(ctx, {
      organisationId,
      roleId: roleA.id,
      candidateId: erased.id,
      stage: 'interviewing',
    });
    const applicationB = await insertApplication(ctx, {
      organisationId,
      roleId: roleB.id,
      candidateId: erased.id,
      stage: 'applied',
    });
    const keptApplication = await insertApplication(ctx, {
      organisationId,
      roleId: roleA.id,
      candidateId: kept.id,
      stage: 'applied',
    });
    await insertInterview(ctx, organisationId, applicationA);
    await insertInterview(ctx, organisationId, keptApplication);

    const before = (await app.inject({ url: `/api/v1/candidates/${erased.id}`, headers })).json();
    expect(before.applicationCount).toBe(2);

    const res = await app.inject({ method: 'DELETE', url: `/api/v1/candidates/${erased.id}`, headers });
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/candidates/${erased.id}`, headers })).statusCode).toBe(404);

    // Anonymised, not deleted: their applications and interviews stay counted, without them.
    const applications = await ctx.kysely
      .selectFrom('application')
      .select('id')
      .where('role_id', 'in', [roleA.id, roleB.id])
      .orderBy('id')
      .execute();
    expect(applications.map((a) => a.id)).toEqual([applicationA, applicationB, keptApplication].sort());
    const interviews = await ctx.kysely
      .selectFrom('interview')
      .innerJoin('application', 'application.id', 'interview.application_id')
      .select('interview.id')
      .where('application.role_id', '=', roleA.id)
      .execute();
    expect(interviews).toHaveLength(2);
    const row = await ctx.kysely
      .selectFrom('candidate')
      .select(['name', 'email', 'anonymised_at'])
      .where('id', '=', erased.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Erased candidate');
    expect(row.email).not.toMatch(/erin/i);
    expect(row.anonymised_at).not.toBeNull();
    const listed = (await app.inject({ url: '/api/v1/candidates', headers })).json();
    expect(listed.data.map((c: { id: string }) => c.id)).not.toContain(erased.id);

    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select(['action', 'subject_type', 'actor_id', 'detail'])
      .where('organisation_id', '=', organisationId)
      .where('subject_id', '=', erased.id)
      .where('action', '=', 'candidate.erased')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'candidate.erased',
      subject_type: 'candidate',
      actor_id: manager.userId,
    });
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ applications: 2, interviews: 1 });
    expect(audit[0]!.detail).not.toMatch(/erin|Erased/i);
  });
});
