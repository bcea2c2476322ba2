import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

/** Case-insensitive "contains" on both databases (LIKE is case-sensitive on PostgreSQL). */
export function containsText<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  text: string,
): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${eb.ref(column as never)}) like ${pattern} escape '\\'`;
}

/** Takes one row more than the page to know whether there is a next page. */
export function pageFrom<T extends { id: string }>(
  rows: T[],
  limit: number,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: page[page.length - 1]!.id };
}
