import { Readable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { makeRole } from '../../../test/support/factories/roles.ts';
import { applicationService } from '../applications/applications.service.ts';
import { exportService } from '../exports/exports.service.ts';
import { checkHeader } from './import-job.ts';
import { ImportFormatError, importService } from './imports.service.ts';

const header =
  'name,email,phone,location,source,role,stage,interview_kind,interview_starts_at,interview_ends_at,interview_location,interviewer_email';

describeEachDatabase('CSV import', (get) => {
  let manager: TestMember;
  let roleTitle: string;
  let file: string;
  beforeAll(async () => {
    const { ctx } = get();
    manager = await makeMember(ctx, { role: 'manager' });
    roleTitle = (
      await makeRole(ctx, { organisationId: manager.organisationId, title: 'Lighting Technician' })
    ).title;
    // 20 rows, one bad (5%): a good mix of stages, an interview, and values a spreadsheet would run.
    const rows = [header];
    for (let i = 0; i < 18; i++)
      rows.push(`Tech ${i},tech${i}@example.test,,,Indeed,${roleTitle},applied,,,,,`);
    rows.push(
      `"=HYPERLINK(""http://evil.test"")",evil@example.test,,"'; drop table candidate; --",,${roleTitle},not progressing,video,2026-11-20T10:00:00Z,2026-11-20T11:00:00Z,,${manager.email}`,
    );
    rows.push(`No Email,not-an-email,,,,${roleTitle},applied,,,,,`);
    file = `${rows.join('\n')}\n`;
  });

  const run = (text: string, dryRun: boolean, organisationId = manager.organisationId) =>
    importService(get().ctx).run(organisationId, Readable.from([text]), 'system', { dryRun });

  it('a dry run reports the bad row by line and field and changes nothing', async () => {
    const report = await run(file, true);
    expect(report).toMatchObject({ rows: 20, imported: 19, alreadyPresent: 0 });
    expect(report.rejected).toEqual([{ line: 21, field: 'email', reason: 'is not a valid email address' }]);
    const page = await applicationService(get().ctx).list(manager.organisationId, { limit: 100 } as never, {
      kind: 'member',
      organisationId: manager.organisationId,
      userId: manager.userId,
      role: 'manager',
      name: '',
      email: '',
    });
    expect(page.data).toHaveLength(0);
  });

  it('imports the good rows, leaves the imported outcome to tell, and a second run adds nothing', async () => {
    const report = await run(file, false);
    expect(report).toMatchObject({ rows: 20, imported: 19, alreadyPresent: 0, toTell: 1 });
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([[21, 'email']]);
    const actor = {
      kind: 'member' as const,
      organisationId: manager.organisationId,
      userId: manager.userId,
      role: 'manager' as const,
      name: '',
      email: '',
    };
    const page = await applicationService(get().ctx).list(
      manager.organisationId,
      { limit: 100 } as never,
      actor,
    );
    expect(page.data).toHaveLength(19);
    const evil = page.data.find((a) => a.candidate.email === 'evil@example.test')!;
    // Stored as text, never run: the name is kept as given and the role table is still there.
    expect(evil.candidate.name).toBe('=HYPERLINK("http://evil.test")');
    expect(evil.stage).toBe('not_progressing');
    expect(evil.toTell).toBe(true);
    expect(evil.interviews.count).toBe(1);

    const again = await run(file, false);
    expect(again).toMatchObject({ rows: 20, imported: 0, alreadyPresent: 19 });
    expect(
      (await applicationService(get().ctx).list(manager.organisationId, { limit: 100 } as never, actor)).data,
    ).toHaveLength(19);

    // And an export hands the formula back inert (a leading quote), as the export promises.
    const chunks: Buffer[] = [];
    const { Writable } = await import('node:stream');
    await exportService(get().ctx).write(
      manager.organisationId,
      'candidates',
      'system',
      new Writable({
        write(chunk, _e, done) {
          chunks.push(Buffer.from(chunk));
          done();
        },
      }),
    );
    expect(Buffer.concat(chunks).toString('utf8')).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
  });

  it("matches roles only within the importing organisation (another's role title is unknown)", async () => {
    const { ctx } = get();
    const other = await makeMember(ctx, { role: 'admin' });
    const report = await run(file, true, other.organisationId);
    expect(report.imported).toBe(0);
    // Every row, the one with a bad email too, names the unknown role.
    expect(report.rejected.filter((r) => r.field === 'role')).toHaveLength(20);
    expect(report.rejected[0]!.reason).toContain('no role "Lighting Technician"');
  });

  it('maps another system’s headers with a preset, and refuses a file without the needed columns', async () => {
    const greenhouse = `Candidate Name,Email,Job,Status\nAda Lovelace,ada@example.test,${roleTitle},Rejected\n`;
    const report = await importService(get().ctx).run(
      manager.organisationId,
      Readable.from([greenhouse]),
      'system',
      { dryRun: true, preset: 'greenhouse' },
    );
    expect(report).toMatchObject({ rows: 1, imported: 1, rejected: [] });
    await expect(run('Full name,Mail\nA,a@example.test\n', true)).rejects.toBeInstanceOf(ImportFormatError);
  });

  it('refuses a header the parser cannot read as the file’s fault before any job starts', async () => {
    // A stray quote inside the first field: csv-parse's INVALID_OPENING_QUOTE (found by the API fuzzer).
    const broken = `"name{% include "x" %}",email,role\nA,a@example.test,${roleTitle}\n`;
    await expect(checkHeader(broken, 'followspot')).rejects.toBeInstanceOf(ImportFormatError);
    await expect(checkHeader(broken, 'followspot')).rejects.toThrow(/the header row: .*quote/i);
  });
});
