// Every row of every table as text, to show that erased personal data is nowhere in the database.
import { sql } from 'kysely';
import type { AppContext } from '../../src/app-context.ts';

/** Every row of every table of the database, as text. */
export async function everyRowAsText(ctx: AppContext): Promise<Map<string, string>> {
  const tables =
    ctx.db.dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(ctx.kysely)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
            ctx.kysely,
          )
        ).rows.map((r) => r.name);
  const out = new Map<string, string>();
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(ctx.kysely);
    out.set(table, JSON.stringify(rows.rows));
  }
  return out;
}

export function tablesContaining(rows: Map<string, string>, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const [table, text] of rows) {
    for (const needle of needles) {
      if (text.toLowerCase().includes(needle.toLowerCase())) found.push(`${table}: ${needle}`);
    }
  }
  return found;
}
