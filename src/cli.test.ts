import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { hashToken } from './features/api-keys/api-keys.repository.ts';
import { insertOrganisation } from './features/organisations/organisations.repository.ts';
import { packageRoot } from './paths.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'followspot-cli-'));
const databaseUrl = join(dir, 'cli.sqlite');
const followspot = (...args: string[]) =>
  run(process.execPath, [join(packageRoot(), 'bin', 'followspot.js'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the followspot command', () => {
  it('prints help naming its commands', async () => {
    const { stdout } = await followspot('--help');
    for (const command of ['serve', 'migrate', 'seed-demo', 'api-key']) expect(stdout).toContain(command);
  });

  it('migrates a new SQLite file, then says it is up to date', async () => {
    expect((await followspot('migrate')).stdout).toMatch(/Applied \d+ migration/);
    expect((await followspot('migrate')).stdout).toContain('up to date');
  });

  it('creates an API key for an organisation by slug and stores only its hash', async () => {
    const db = openDatabase(databaseUrl);
    await migrateToLatest(db.kysely);
    await insertOrganisation(
      db.kysely,
      { id: 'org-cli', name: 'CLI Venues', slug: 'cli-venues' },
      new Date(),
    );
    const { stdout } = await followspot('api-key', 'create', '--org', 'cli-venues', '--name', 'ATS');
    const token = stdout.match(/fsk_[A-Za-z0-9_-]+/)?.[0];
    expect(token).toBeDefined();
    const row = await db.kysely
      .selectFrom('api_key')
      .select(['token_hash', 'name', 'organisation_id'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ token_hash: hashToken(token!), name: 'ATS', organisation_id: 'org-cli' });
    await db.destroy();
  });

  it('explains an unknown organisation and exits non-zero', async () => {
    await expect(followspot('api-key', 'create', '--org', 'nobody')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no organisation with the short name "nobody"'),
    });
  });

  it('exports applications as CSV on standard output, and backs up and restores the database', async () => {
    const { stdout: csv } = await followspot('export', '--org', 'cli-venues', 'applications');
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(
      /^Application id,Candidate id,Candidate,Email,Role/,
    );
    const existing = join(dir, 'already-here.csv');
    writeFileSync(existing, 'keep me');
    await expect(
      followspot('export', '--org', 'cli-venues', 'applications', '--output', existing),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${existing} already exists: choose a new file name`),
    });
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    await expect(followspot('export', '--org', 'cli-venues', 'salaries')).rejects.toMatchObject({
      stderr: expect.stringContaining('choose one of applications, candidates, scorecards'),
    });

    const file = join(dir, 'backup.sqlite');
    expect((await followspot('backup', file)).stdout).toContain(`Backed up to ${file}`);
    await expect(followspot('restore', file)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Stop the app (serve and worker), then run again with --yes'),
    });
    const restored = await followspot('restore', file, '--yes');
    expect(restored.stdout).toContain(`Restored ${file}.`);
    expect(restored.stdout).toMatch(/The database it replaced is kept at .*before-restore-/);
  });

  it('rebuilds the reputation rollup from the facts after it was lost or tampered with', async () => {
    const demoDb = join(dir, 'demo.sqlite');
    const demo = (...args: string[]) =>
      run(process.execPath, [join(packageRoot(), 'bin', 'followspot.js'), ...args], {
        env: { ...process.env, DATABASE_URL: demoDb, LOG_LEVEL: 'silent' },
      });
    await demo('migrate');
    await demo('seed-demo');
    const db = openDatabase(demoDb);
    const snapshot = () =>
      db.kysely
        .selectFrom('reputation_month')
        .selectAll()
        .orderBy('organisation_id')
        .orderBy('scope')
        .orderBy('month')
        .execute();
    const before = await snapshot();
    // The demo's year of closed roles is in the rollup, so a lost row is a visible loss.
    expect(before.filter((r) => r.scope === 'org' && r.decided > 0).length).toBeGreaterThan(3);
    const { slug } = await db.kysely.selectFrom('organization').select('slug').executeTakeFirstOrThrow();
    await db.kysely.deleteFrom('reputation_month').where('scope', '=', 'org').execute();
    await db.kysely.updateTable('reputation_month').set({ decided: 999 }).execute();
    await db.kysely.deleteFrom('reputation_month_days').execute();
    expect(await snapshot()).not.toEqual(before);

    const { stdout } = await demo('metrics', 'rebuild', '--org', slug);
    expect(stdout).toMatch(/^Rebuilt 1 organisation\(s\): \d+ rollup rows$/m);
    expect(await snapshot()).toEqual(before);
    expect(
      Number(
        (
          await db.kysely
            .selectFrom('reputation_month_days')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0);
    await db.destroy();

    await expect(demo('metrics', 'rebuild', '--org', 'nobody')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no organisation with the short name "nobody"'),
    });
  });
});
