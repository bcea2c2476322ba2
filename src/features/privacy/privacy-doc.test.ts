// docs/PRIVACY.md is the record of processing: every column of every table of the migrated
// database must be listed under its table, so that a migration adding a column says what it holds.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';

const bookkeeping = new Set(['followspot_migration', 'followspot_migration_lock']);

/** The document's sections: table name → the backticked names in its section. */
function documented(): Map<string, Set<string>> {
  const text = readFileSync(new URL('../../../docs/PRIVACY.md', import.meta.url), 'utf8');
  const sections = new Map<string, Set<string>>();
  for (const part of text.split(/^### /m).slice(1)) {
    const table = /^`([^`]+)`/.exec(part)?.[1];
    if (table) sections.set(table, new Set([...part.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '')));
  }
  return sections;
}

describeEachDatabase('docs/PRIVACY.md', (get, dialect) => {
  it('lists every column of every table, with why, how long and who sees it', async () => {
    const ctx = get().ctx;
    const columns =
      dialect === 'sqlite'
        ? (
            await sql<{
              t: string;
              c: string;
            }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%'`.execute(
              ctx.kysely,
            )
          ).rows
        : (
            await sql<{
              t: string;
              c: string;
            }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`.execute(
              ctx.kysely,
            )
          ).rows;
    expect(columns.length).toBeGreaterThan(300);
    const doc = documented();
    const missing = columns
      .filter((r) => !bookkeeping.has(r.t))
      .filter((r) => !doc.get(r.t)?.has(r.c))
      .map((r) => `${r.t}.${r.c}`);
    expect(missing, 'columns docs/PRIVACY.md does not list').toEqual([]);
    const text = readFileSync(new URL('../../../docs/PRIVACY.md', import.meta.url), 'utf8');
    for (const part of text.split(/^### /m).slice(1)) {
      expect(part).toMatch(/- Why: .+\n- How long: .+\n- Who sees it: .+/);
    }
  });
});
