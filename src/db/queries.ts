import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';

/** Case-insensitive "contains" on both databases (LIKE is case-sensitive on PostgreSQL). */
export function containsText<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  text: string,
): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${eb.ref(column as never)}) like ${pattern} escape '\\'`;
}

/**
 * The page size plus one, written into the SQL: with a bound LIMIT, SQLite cannot tell the page is
 * small and may sort every match (130 ms) instead of walking an index in order and stopping (0.4 ms).
 */
export function onePastPage(limit: number): RawBuilder<number> {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`page size ${limit} is not a positive integer`);
  return sql.lit(limit + 1);
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
