// Everything an organisation owns, read table by table from the database's own catalogue (so a new
// table is included without anyone remembering to add it): what "nothing of theirs changed" compares.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app-context.ts';

const tenantColumns = ['organisation_id', 'organizationId'];

async function tenantTables(ctx: AppContext): Promise<{ table: string; column: string }[]> {
  if (ctx.db.dialect === 'postgres') {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_name in ('organisation_id', 'organizationId')
      order by table_name`.execute(ctx.kysely);
    return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
  }
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
    ctx.kysely,
  );
  const out: { table: string; column: string }[] = [];
  for (const { name } of tables) {
    const { rows: columns } = await sql<{
      name: string;
    }>`select name from pragma_table_info(${name})`.execute(ctx.kysely);
    const column = columns.map((c) => c.name).find((c) => tenantColumns.includes(c));
    if (column) out.push({ table: name, column });
  }
  return out;
}

/** A digest per table of every row the organisation owns. */
export async function organisationDigest(
  ctx: AppContext,
  organisationId: string,
): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const { table, column } of await tenantTables(ctx)) {
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} where ${sql.ref(column)} = ${organisationId}`.execute(ctx.kysely);
    const lines = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    digest[table] =
      `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return digest;
}
