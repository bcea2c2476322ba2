import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRole } from '../../../test/support/factories/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { packageRoot } from '../../paths.ts';
import { insertOrganisation } from '../organisations/organisations.repository.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'followspot-import-'));
const databaseUrl = join(dir, 'import.sqlite');
const followspot = (...args: string[]) =>
  run(process.execPath, [join(packageRoot(), 'bin', 'followspot.js'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
  });
const exitOf = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('followspot import (the real command in a child process)', () => {
  const good = join(dir, 'good.csv');
  const mixed = join(dir, 'mixed.csv');
  beforeAll(async () => {
    const db = openDatabase(databaseUrl);
    await migrateToLatest(db.kysely);
    await insertOrganisation(
      db.kysely,
      { id: 'org-import', name: 'Import Venues', slug: 'import-venues' },
      new Date(),
    );
    const ctx = { db, kysely: db.kysely, now: () => new Date() } as unknown as AppContext;
    await makeRole(ctx, { organisationId: 'org-import', title: 'Sound Engineer' });
    await db.destroy();
    writeFileSync(
      good,
      'name,email,role\nAda,ada@example.test,Sound Engineer\nBo,bo@example.test,sound engineer\n',
    );
    writeFileSync(
      mixed,
      'name,email,role,stage\nCy,cy@example.test,Sound Engineer,hired\nDee,dee@example.test,Stage Manager,applied\n',
    );
  });

  it('exits 0 when every row is imported, and again (0 new, 2 already present) on a re-run', async () => {
    const dry = await followspot('import', good, '--org', 'import-venues', '--dry-run');
    expect(dry.stdout).toContain(
      '2 rows: would import 2, already present 0, rejected 0 (dry run: nothing changed)',
    );
    const first = await followspot('import', good, '--org', 'import-venues');
    expect(first.stdout).toContain('2 rows: imported 2, already present 0, rejected 0');
    expect(first.stderr).toContain('Importing');
    const second = await followspot('import', good, '--org', 'import-venues');
    expect(second.stdout).toContain('2 rows: imported 0, already present 2, rejected 0');
  });

  it('exits 1 naming each rejected row by line and field, importing the rest (the outcome to tell)', async () => {
    const result = await followspot('import', mixed, '--org', 'import-venues').then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result?.code).toBe(1);
    expect(result?.stderr).toContain('line 3: role: no role "Stage Manager" in this organisation');
    expect(result?.stdout).toContain(
      '2 rows: imported 1, already present 0, rejected 1; 1 at an outcome are to tell',
    );
  });

  it('exits 2 for usage errors: no file, unknown organisation, unknown preset, a header without the needed columns', {
    timeout: 120_000,
  }, async () => {
    const noHeader = join(dir, 'wrong.csv');
    writeFileSync(noHeader, 'Full name,Mail\nA,a@example.test\n');
    expect((await exitOf(followspot('import', join(dir, 'none.csv'), '--org', 'import-venues'))).code).toBe(
      2,
    );
    expect((await exitOf(followspot('import', good, '--org', 'nobody'))).code).toBe(2);
    expect(
      (await exitOf(followspot('import', good, '--org', 'import-venues', '--preset', 'lever'))).code,
    ).toBe(2);
    const header = await exitOf(followspot('import', noHeader, '--org', 'import-venues'));
    expect(header).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the header has no column for name, email, role'),
    });
    expect((await exitOf(followspot('import', good))).code).toBe(2);
  });
});
