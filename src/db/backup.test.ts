import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../test/support/database.ts';
import { makeApplication } from '../../test/support/factories/applications.ts';
import { loadConfig } from '../config.ts';
import { createContext } from '../context.ts';
import { BackupError, backupDatabase, restoreDatabase } from './backup.ts';

const dir = mkdtempSync(join(tmpdir(), 'followspot-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function contextOn(url: string) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
    databaseUrl: url,
    publicUrl: 'http://127.0.0.1:3000',
    secret: 'test-secret-test-secret-test-secret-0123',
  });
  return createContext(config);
}

const countsOf = async (ctx: Awaited<ReturnType<typeof contextOn>>) => {
  const count = async (table: 'candidate' | 'application' | 'organization') =>
    Number(
      (
        await ctx.kysely
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organisations: await count('organization'),
    candidates: await count('candidate'),
    applications: await count('application'),
  };
};

for (const dialect of testDialects()) {
  describe(`backup and restore [${dialect}]`, () => {
    it('copies the database while it is open, and restores it over a changed one', async () => {
      const source = await createTestDatabase(dialect, { sqliteFile: true });
      const ctx = await contextOn(source.url);
      try {
        const kept = await makeApplication(ctx, { candidateName: 'Kept In Backup' });
        const before = await countsOf(ctx);
        const file = join(dir, `${dialect}-backup.${dialect === 'sqlite' ? 'sqlite' : 'dump'}`);
        const seen: number[] = [];
        const bytes = await backupDatabase(source.url, file, (done) => seen.push(done));
        expect(bytes).toBeGreaterThan(10_000);
        if (dialect === 'sqlite') expect(seen.length).toBeGreaterThan(0);
        await expect(backupDatabase(source.url, file)).rejects.toThrow(/already exists/);

        // Changes after the backup are undone by the restore.
        await makeApplication(ctx, { candidateName: 'Added Later' });
        await ctx.kysely.deleteFrom('application').where('id', '=', kept.id).execute();
        await ctx.db.destroy();

        const outcome = await restoreDatabase(source.url, file, new Date('2026-12-02T10:00:00Z'));
        if (dialect === 'sqlite')
          expect(outcome.previousCopy).toMatch(/before-restore-2026-12-02T10-00-00-000Z$/);
        const after = await contextOn(source.url);
        try {
          expect(await countsOf(after)).toEqual(before);
          const names = await after.kysely.selectFrom('candidate').select('name').execute();
          expect(names.map((n) => n.name)).toContain('Kept In Backup');
          expect(names.map((n) => n.name)).not.toContain('Added Later');
        } finally {
          await after.db.destroy();
        }
      } finally {
        await source.drop();
      }
    }, 120_000);

    it('refuses a file that is not a Followspot backup, and changes nothing', async () => {
      const target = await createTestDatabase(dialect, { sqliteFile: true });
      const ctx = await contextOn(target.url);
      try {
        await makeApplication(ctx, { candidateName: 'Still Here' });
        const junk = join(dir, `${dialect}-junk.bin`);
        writeFileSync(junk, 'not a database at all');
        await expect(restoreDatabase(target.url, junk, new Date())).rejects.toBeInstanceOf(BackupError);
        const names = await ctx.kysely.selectFrom('candidate').select('name').execute();
        expect(names.map((n) => n.name)).toEqual(['Still Here']);
      } finally {
        await ctx.db.destroy();
        await target.drop();
      }
    }, 60_000);
  });
}
