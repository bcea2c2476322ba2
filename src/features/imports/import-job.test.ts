import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { makeRole } from '../../../test/support/factories/roles.ts';
import type { ApiApp } from '../../http/types.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { cutIntoParts, importJob } from './import-job.ts';

describeEachDatabase('CSV import from the app: dry run in the request, the import as a job', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  let roleTitle: string;
  let file: string;
  beforeAll(async () => {
    const { ctx } = get();
    app = await buildTestApp(ctx);
    admin = await makeMember(ctx, { role: 'admin' });
    roleTitle = (await makeRole(ctx, { organisationId: admin.organisationId, title: 'Sound Engineer' }))
      .title;
    // 450 rows (three parts), every 20th bad (5%), one with a note across two lines.
    const rows = ['name,email,role,stage,source'];
    for (let i = 0; i < 450; i++) {
      if (i % 20 === 7) rows.push(`Bad ${i},not-an-email-${i},${roleTitle},applied,`);
      else if (i === 300)
        rows.push(`"Multi\nLine ${i}",multi${i}@example.test,${roleTitle},applied,Referral`);
      else
        rows.push(
          `Tech ${i},tech${i}@example.test,${roleTitle},${i % 50 === 0 ? 'rejected' : 'applied'},Indeed`,
        );
    }
    file = `${rows.join('\n')}\n`;
  });
  afterAll(() => app.close());

  const post = (body: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports${query}`,
      headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
      payload: body,
    });
  /** The line each bad row ends on: the header is line 1, and row 300 spans two lines. */
  const badLines = Array.from({ length: 450 }, (_, i) => i)
    .filter((i) => i % 20 === 7)
    .map((i) => i + 2 + (i > 300 ? 1 : 0));

  it('cuts a file into parts of whole records, each line counted as in the whole file', async () => {
    const { parts, unreadable } = await cutIntoParts(file, 200);
    expect(parts).toHaveLength(3);
    expect(unreadable).toEqual([]);
    for (const part of parts) expect(part.text.startsWith('name,email,role,stage,source\n')).toBe(true);
    expect(parts.map((p) => p.lineOffset)).toEqual([0, 200, 401]);
  });

  it('a dry run answers the report at once, each bad row by line and field, and changes nothing', async () => {
    const res = await post(file, '?dryRun=true');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      dryRun: true,
      rows: 450,
      imported: 450 - badLines.length,
      alreadyPresent: 0,
    });
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual(badLines);
    expect(report.rejected[0]).toEqual({
      line: badLines[0],
      field: 'email',
      reason: 'is not a valid email address',
    });
    const count = await get()
      .ctx.kysely.selectFrom('candidate')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisation_id', '=', admin.organisationId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a header without the needed columns or a body that is not CSV, naming the body', async () => {
    const res = await post('Full name,Mail\nA,a@example.test\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'body' });
    expect(res.json().error.message).toContain('no column for name, email, role');
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(400);
  });

  it('imports as a job in parts; the report names every bad row; a second import adds nothing', {
    timeout: 120_000,
  }, async () => {
    const { ctx } = get();
    const res = await post(file);
    expect(res.statusCode).toBe(202);
    const jobId = res.json().id;
    const runner = createJobRunner({ ctx, handlers: [importJob] });
    expect(await runner.runOnce()).toMatchObject({ jobId, outcome: 'succeeded' });
    const job = await app.inject({ url: `/api/v1/jobs/${jobId}`, headers: { cookie: admin.cookie } });
    expect(job.json()).toMatchObject({ status: 'succeeded', total: 3, done: 3, progress: 1 });
    const report = job.json().result;
    expect(report).toMatchObject({
      rows: 450,
      imported: 450 - badLines.length,
      alreadyPresent: 0,
      toTell: 8,
    });
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual(badLines);
    const stored = await ctx.kysely
      .selectFrom('job')
      .select(['input'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    // The rows were personal data: gone with the job done.
    expect(stored.input).toBe('null');
    const multi = await ctx.kysely
      .selectFrom('candidate')
      .select('name')
      .where('email', '=', 'multi300@example.test')
      .executeTakeFirstOrThrow();
    expect(multi.name).toBe('Multi\nLine 300');
    const audits = await ctx.kysely
      .selectFrom('audit_event')
      .select(['subject_id'])
      .where('organisation_id', '=', admin.organisationId)
      .where('action', '=', 'import.completed')
      .execute();
    expect(audits).toEqual([{ subject_id: jobId }]);

    const again = await post(file);
    expect(await runner.runOnce()).toMatchObject({ jobId: again.json().id, outcome: 'succeeded' });
    const second = await app.inject({
      url: `/api/v1/jobs/${again.json().id}`,
      headers: { cookie: admin.cookie },
    });
    expect(second.json().result).toMatchObject({ imported: 0, alreadyPresent: 450 - badLines.length });
  });

  it('lets an interviewer import nothing', async () => {
    const interviewer = await makeMember(get().ctx, {
      organisationId: admin.organisationId,
      role: 'interviewer',
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?dryRun=true',
      headers: { cookie: interviewer.cookie, 'content-type': 'text/csv' },
      payload: file,
    });
    expect(res.statusCode).toBe(403);
  });

  it('lists the presets with their columns and the required fields; an interviewer sees none', async () => {
    const res = await app.inject({ url: '/api/v1/imports/presets', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(
      body.fields.filter((f: { required: boolean }) => f.required).map((f: { name: string }) => f.name),
    ).toEqual(['name', 'email', 'role']);
    const greenhouse = body.presets.find((p: { name: string }) => p.name === 'greenhouse');
    expect(greenhouse.columns).toContainEqual({ header: 'Candidate Name', field: 'name' });
    expect(body.presets.map((p: { name: string }) => p.name)).toEqual([
      'followspot',
      'followspot-export',
      'greenhouse',
      'workable',
    ]);
    const interviewer = await makeMember(get().ctx, {
      organisationId: admin.organisationId,
      role: 'interviewer',
    });
    const refused = await app.inject({
      url: '/api/v1/imports/presets',
      headers: { cookie: interviewer.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });
});
