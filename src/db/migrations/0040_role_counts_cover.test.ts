import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';

describeEachDatabase('migration 0040: the role index holds the stage', (get, dialect) => {
  it('indexes organisation, role, id and stage', async () => {
    const { kysely } = get().ctx;
    const columns =
      dialect === 'postgres'
        ? (
            await sql<{ name: string }>`select a.attname as name from pg_index i
              join pg_class c on c.oid = i.indexrelid join pg_attribute a on a.attrelid = i.indrelid
              and a.attnum = any(i.indkey) where c.relname = 'application_org_role_idx'
              order by array_position(i.indkey, a.attnum)`.execute(kysely)
          ).rows
        : (
            await sql<{
              name: string;
            }>`select name from pragma_index_info('application_org_role_idx') order by seqno`.execute(kysely)
          ).rows;
    expect(columns.map((c) => c.name)).toEqual(['organisation_id', 'role_id', 'id', 'stage']);
  });

  // Registered on SQLite only: PostgreSQL's planner picks by statistics, and a skipped test would fail CI.
  if (dialect === 'sqlite')
    it("counts a role's applications by stage from the index alone", async () => {
      const plan = await sql<{ detail: string }>`explain query plan
      select role_id, count(*), sum(case when stage in ('applied', 'interviewing') then 1 else 0 end)
      from application where organisation_id = ${'org'} and role_id in (${'a'}, ${'b'}) group by role_id`.execute(
        get().ctx.kysely,
      );
      expect(plan.rows.map((row) => row.detail).join('\n')).toMatch(
        /COVERING INDEX application_org_role_idx/,
      );
    });
});
