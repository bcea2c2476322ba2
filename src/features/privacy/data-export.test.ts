import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeHiringScene } from '../../../test/support/factories/messages.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { anonymiseCandidate } from './privacy.service.ts';

describeEachDatabase('an admin exports a candidate’s data', (get) => {
  let app: ApiApp;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
  });
  afterAll(() => app.close());

  const exportOf = (member: TestMember, candidateId: string) =>
    app.inject({ url: `/api/v1/candidates/${candidateId}/data-export`, headers: { cookie: member.cookie } });

  it('gives everything held, as the candidate downloads it, audited; not to a manager or another organisation', async () => {
    const { ctx } = get();
    const scene = await makeHiringScene(ctx, {
      candidateName: 'Nia Okoro',
      candidateEmail: 'nia@example.com',
    });
    const admin = await makeMember(ctx, { organisationId: scene.organisationId, role: 'admin' });
    const res = await exportOf(admin, scene.candidateId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="candidate-${scene.candidateId}.json"`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.candidate).toMatchObject({ name: 'Nia Okoro', email: 'nia@example.com' });
    expect(data.applications).toHaveLength(1);
    expect(data.applications[0]).toMatchObject({ id: scene.applicationId });
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('organisation_id', '=', scene.organisationId)
      .where('action', '=', 'candidate.data_exported')
      .execute();
    expect(audit).toEqual([{ action: 'candidate.data_exported', subject_id: scene.candidateId }]);

    const manager = await makeMember(ctx, { organisationId: scene.organisationId, role: 'manager' });
    expect((await exportOf(manager, scene.candidateId)).statusCode).toBe(403);
    const stranger = await makeMember(ctx, { role: 'admin' });
    expect((await exportOf(stranger, scene.candidateId)).statusCode).toBe(404);
  });

  it('has nothing to give once the candidate is anonymised', async () => {
    const { ctx } = get();
    const scene = await makeHiringScene(ctx);
    const admin = await makeMember(ctx, { organisationId: scene.organisationId, role: 'admin' });
    await ctx.kysely
      .transaction()
      .execute((tx) =>
        anonymiseCandidate(tx, scene.organisationId, scene.candidateId, 'system', 'retention', ctx.now()),
      );
    expect((await exportOf(admin, scene.candidateId)).statusCode).toBe(404);
  });
});
