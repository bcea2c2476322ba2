import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeCandidate } from '../../../test/support/factories/candidates.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';

describeEachDatabase('data requests', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin' });
  });
  afterAll(async () => app.close());

  async function deletionRequest(
    organisationId: string,
    candidateId: string,
    dueAt: string,
  ): Promise<string> {
    const id = newId();
    await get()
      .ctx.kysely.insertInto('data_request')
      .values({
        id,
        organisation_id: organisationId,
        candidate_id: candidateId,
        kind: 'deletion',
        status: 'open',
        requested_at: '2026-11-01T10:00:00.000Z',
        due_at: dueAt,
        closed_at: null,
      })
      .execute();
    return id;
  }

  it('lists open requests soonest first; erasing the candidate meets the request and keeps its record', async () => {
    const later = await makeCandidate(get().ctx, {
      organisationId: admin.organisationId,
      email: 'later@example.com',
    });
    const sooner = await makeCandidate(get().ctx, {
      organisationId: admin.organisationId,
      email: 'sooner@example.com',
    });
    const laterId = await deletionRequest(admin.organisationId, later.id, '2099-12-01T10:00:00.000Z');
    const soonerId = await deletionRequest(admin.organisationId, sooner.id, '2020-12-01T10:00:00.000Z');
    const foreign = await makeMember(get().ctx, { role: 'admin' });
    const theirs = await makeCandidate(get().ctx, { organisationId: foreign.organisationId });
    await deletionRequest(foreign.organisationId, theirs.id, '2099-01-01T10:00:00.000Z');

    const open = await app.inject({
      url: '/api/v1/data-requests?status=open',
      headers: { cookie: admin.cookie },
    });
    expect(open.statusCode).toBe(200);
    expect(open.json().data.map((r: { id: string }) => r.id)).toEqual([soonerId, laterId]);
    expect(open.json().data[0]).toMatchObject({ overdue: true, candidate: { email: 'sooner@example.com' } });

    const erased = await app.inject({
      method: 'DELETE',
      url: `/api/v1/candidates/${sooner.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(erased.statusCode).toBe(204);
    const all = (await app.inject({ url: '/api/v1/data-requests', headers: { cookie: admin.cookie } })).json()
      .data;
    const met = all.find((r: { id: string }) => r.id === soonerId);
    expect(met).toMatchObject({ status: 'done', candidate: null, overdue: false });
    expect(met.closedAt).not.toBeNull();
    expect(JSON.stringify(all)).not.toContain('sooner@example.com');
  });

  it('refuses a request only with a reason, audited; managers cannot see requests', async () => {
    const candidate = await makeCandidate(get().ctx, {
      organisationId: admin.organisationId,
      email: 'keep@example.com',
    });
    const id = await deletionRequest(admin.organisationId, candidate.id, '2099-06-01T10:00:00.000Z');
    const bare = await app.inject({
      method: 'POST',
      url: `/api/v1/data-requests/${id}/refuse`,
      headers: { cookie: admin.cookie },
      payload: { reason: 'no' },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.field).toBe('reason');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/data-requests/${id}/refuse`,
      headers: { cookie: admin.cookie },
      payload: { reason: 'An employment tribunal claim about this hiring round is open.' },
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().data.find((r: { id: string }) => r.id === id).status).toBe('refused');
    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['data_request.refused']);
    const manager = await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
    expect(
      (await app.inject({ url: '/api/v1/data-requests', headers: { cookie: manager.cookie } })).statusCode,
    ).toBe(403);
    const other = await makeMember(get().ctx, { role: 'admin' });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/data-requests/${id}/refuse`,
      headers: { cookie: other.cookie },
      payload: { reason: 'Trying to refuse someone else request' },
    });
    expect(again.statusCode).toBe(404);
  });
});
