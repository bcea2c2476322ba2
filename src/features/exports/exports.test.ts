import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApplication } from '../../../test/support/factories/applications.ts';
import { insertAssessmentInterview } from '../../../test/support/factories/assessment.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { exportBatchSize } from './exports.repository.ts';

describeEachDatabase('CSV exports', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  const bulk = exportBatchSize + 5;
  beforeAll(async () => {
    const { ctx } = get();
    app = await buildTestApp(ctx);
    manager = await makeMember(ctx, { role: 'manager' });
    const organisationId = manager.organisationId;
    const at = ctx.now().toISOString();
    // A name a spreadsheet would run as a formula, and one with accents and a comma.
    const first = await makeApplication(ctx, {
      organisationId,
      candidateName: '=HYPERLINK("http://evil.test","click")',
      stage: 'not_progressing',
    });
    await makeApplication(ctx, {
      organisationId,
      roleId: first.roleId,
      candidateName: 'Siân Ní Bhriain, Jr',
    });
    // A submitted scorecard (rated 2 and 3) whose private notes must never leave in an export.
    const interview = await insertAssessmentInterview(ctx, {
      organisationId,
      applicationId: first.id,
      interviewerIds: [manager.userId],
    });
    const scorecardId = newId();
    await ctx.kysely
      .insertInto('scorecard')
      .values({
        id: scorecardId,
        organisation_id: organisationId,
        interview_id: interview.id,
        application_id: first.id,
        interviewer_id: manager.userId,
        framework_id: 'builtin-av-technician-v1',
        framework_version_id: 'builtin-av-technician-v1',
        status: 'submitted',
        recommendation: 'no',
        private_notes: 'PRIVATE: wants more money than the budget',
        submitted_at: at,
        amended_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await ctx.kysely
      .insertInto('scorecard_rating')
      .values([
        { scorecard_id: scorecardId, criterion_key: 'signal_flow', position: 0, rating: 2, evidence: 'x' },
        { scorecard_id: scorecardId, criterion_key: 'rf', position: 1, rating: 3, evidence: 'y' },
      ])
      .execute();
    // More candidates than one batch, to cross the keyset boundary.
    const rows = Array.from({ length: bulk }, (_, i) => ({
      id: newId(),
      organisation_id: organisationId,
      name: `Bulk Candidate ${i}`,
      email: `bulk-${i}@example.test`,
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await ctx.kysely
        .insertInto('candidate')
        .values(rows.slice(i, i + 200))
        .execute();
    // Another organisation's people never appear.
    await makeApplication(ctx, { candidateName: 'Someone Elsewhere' });
  });
  afterAll(async () => app.close());

  const download = (kind: string, headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: `/api/v1/exports/${kind}`, headers });
  const records = (body: string) => parse(body, { bom: true, columns: true }) as Record<string, string>[];

  it('exports applications with outcomes as spreadsheet-safe CSV, audited', async () => {
    const res = await download('applications', { cookie: manager.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="test-venues-.+-applications-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = records(res.body);
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['Candidate', 'Role', 'Stage', 'Outcome', 'Told at']),
    );
    const names = rows.map((r) => r.Candidate);
    // The formula is kept as text, led by a quote, so a spreadsheet shows it and does not run it.
    expect(names).toContain(`'=HYPERLINK("http://evil.test","click")`);
    expect(names).toContain('Siân Ní Bhriain, Jr');
    expect(res.body).not.toContain('Someone Elsewhere');
    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('organisation_id', '=', manager.organisationId)
      .where('action', '=', 'export.created')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}').kind)).toContain('applications');
  });

  it('exports every candidate across batches, once each', async () => {
    const { headers } = await makeApiKey(get().ctx, { organisationId: manager.organisationId });
    const res = await download('candidates', headers);
    expect(res.statusCode).toBe(200);
    const rows = records(res.body);
    expect(rows).toHaveLength(bulk + 2);
    expect(new Set(rows.map((r) => r['Candidate id'])).size).toBe(bulk + 2);
  });

  it('exports scorecards without private notes, refuses interviewers and unknown kinds', async () => {
    const res = await download('scorecards', { cookie: manager.cookie });
    expect(res.statusCode).toBe(200);
    expect(records(res.body)).toEqual([
      expect.objectContaining({
        Interviewer: manager.name,
        Status: 'submitted',
        Recommendation: 'no',
        'Criteria rated': '2',
        'Mean rating (1-4)': '2.5',
      }),
    ]);
    expect(res.body).not.toContain('PRIVATE');
    const interviewer = await makeMember(get().ctx, {
      role: 'interviewer',
      organisationId: manager.organisationId,
    });
    expect((await download('applications', { cookie: interviewer.cookie })).statusCode).toBe(403);
    const unknown = await download('salaries', { cookie: manager.cookie });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('kind');
  });
});
