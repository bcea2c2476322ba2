// Backup and restore of the whole database. SQLite: the online backup API (a consistent copy while
// the app runs, page by page with progress). PostgreSQL: pg_dump/pg_restore in their custom format,
// when they are installed. A restore checks that the file is a Followspot database this version can
// run, and keeps a copy of what it replaces.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { isPostgresUrl } from './database.ts';
import { migrations } from './migrations/index.ts';

export type BackupProgress = (done: number, total: number) => void;

export class BackupError extends Error {
  override name = 'BackupError';
}

const sqliteFileOf = (url: string) => url.replace(/^(sqlite|file):(\/\/)?/, '');

/** The PostgreSQL tool (pg_dump, pg_restore) on PATH or in the usual Debian place, newest first. */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string | undefined {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  return undefined;
}

const howToInstall =
  'install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client), or run pg_dump yourself: pg_dump --format=custom --file backup.dump "$DATABASE_URL"';

/** Writes a consistent copy of the database to `file`; returns its size in bytes. */
export async function backupDatabase(
  url: string,
  file: string,
  onProgress?: BackupProgress,
): Promise<number> {
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name`);
  if (isPostgresUrl(url)) {
    const pgDump = postgresTool('pg_dump');
    if (!pgDump) throw new BackupError(`pg_dump was not found: ${howToInstall}`);
    const run = spawnSync(pgDump, ['--format=custom', '--no-owner', '--file', file, url], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new BackupError(`pg_dump failed: ${run.stderr.trim() || run.error?.message}`);
    return statSync(file).size;
  }
  const source = sqliteFileOf(url);
  if (source === ':memory:' || !existsSync(source)) throw new BackupError(`no SQLite database at ${source}`);
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(file, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 200; // pages per step, so a running app's writes are not held up
      },
    });
  } finally {
    db.close();
  }
  return statSync(file).size;
}

/** The migrations a SQLite backup file has applied; refuses a file that is not a Followspot database. */
export function sqliteBackupMigrations(file: string): string[] {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const header = readFileSync(file).subarray(0, 16).toString('latin1');
  if (header !== 'SQLite format 3\u0000') throw new BackupError(`${file} is not a SQLite database`);
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'followspot_migration'")
      .get();
    if (!table) throw new BackupError(`${file} is a SQLite database but not a Followspot one`);
    const integrity = db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged (${String(integrity)})`);
    return (
      db.prepare('select name from followspot_migration order by name').all() as { name: string }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

export interface RestoreOutcome {
  /** Where the database that was replaced was copied first (SQLite). */
  previousCopy: string | undefined;
  migrations: number;
}

/**
 * Replaces the database with the backup. The backup must come from this version or an older one
 * (its migrations all known here; `migrate` brings it up to date afterwards). The app must be
 * stopped: the caller confirms that.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  now: Date,
  onProgress?: BackupProgress,
): Promise<RestoreOutcome> {
  if (isPostgresUrl(url)) {
    const pgRestore = postgresTool('pg_restore');
    if (!pgRestore)
      throw new BackupError(`pg_restore was not found: ${howToInstall.replace('pg_dump', 'pg_restore')}`);
    const list = spawnSync(pgRestore, ['--list', file], { encoding: 'utf8' });
    if (list.status !== 0)
      throw new BackupError(`${file} is not a pg_dump custom-format file: ${list.stderr.trim()}`);
    if (!/TABLE \S+ followspot_migration /.test(list.stdout)) {
      throw new BackupError(`${file} is a PostgreSQL dump but not of a Followspot database`);
    }
    const run = spawnSync(
      pgRestore,
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '-d', url, file],
      {
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) throw new BackupError(`pg_restore failed: ${run.stderr.trim()}`);
    return { previousCopy: undefined, migrations: -1 };
  }
  const applied = sqliteBackupMigrations(file);
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new BackupError(
      `${file} comes from a newer Followspot (migrations ${unknown.join(', ')}): upgrade this installation first`,
    );
  }
  const target = sqliteFileOf(url);
  let previousCopy: string | undefined;
  if (existsSync(target)) {
    previousCopy = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    await backupDatabase(url, previousCopy);
  }
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 200;
      },
    });
  } finally {
    source.close();
  }
  return { previousCopy, migrations: applied.length };
}
