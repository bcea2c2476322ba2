import { type Kysely, sql } from 'kysely';

// The talent network's fit summary (issue #12): per member and criterion, the level reached on
// submitted scorecards, whether training was done on it, and when the member was last assessed, so
// matching can score every member in one SQL pass and rank only the best few hundred in full.
// Existing scorecards are summarised here; from now on the services refresh it in their transactions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('network_fit')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('trained', 'integer', (c) => c.notNull())
    // The member's latest assessment (ms since 1970), the same on each of their rows: recency in plain arithmetic.
    .addColumn('assessed_ms', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('network_fit_pk', ['organisation_id', 'candidate_id', 'criterion_key'])
    .addCheckConstraint('network_fit_level_ck', sql`level between 1 and 4`)
    .execute();

  // The same rule as memberDetails: per application the mean rating, rounded, 1–4; per member the best.
  const rows = await sql<{
    organisation_id: string;
    candidate_id: string;
    criterion_key: string;
    total: number | string;
    n: number | string;
    submitted_at: string | Date | null;
  }>`select a.organisation_id, a.candidate_id, r.criterion_key, sum(r.rating) as total,
      count(r.rating) as n, max(s.submitted_at) as submitted_at
    from scorecard_rating r
    join scorecard s on s.id = r.scorecard_id
    join application a on a.id = s.application_id and a.organisation_id = s.organisation_id
    where s.status = 'submitted' and r.rating is not null
    group by a.organisation_id, a.candidate_id, a.id, r.criterion_key`.execute(db);
  const trained = await sql<{ organisation_id: string; candidate_id: string; criterion_key: string }>`
    select distinct organisation_id, candidate_id, criterion_key from network_training`.execute(db);
  const trainedKeys = new Set(
    trained.rows.map((t) => `${t.organisation_id}|${t.candidate_id}|${t.criterion_key}`),
  );
  const levels = new Map<string, number>();
  const assessed = new Map<string, number>();
  for (const r of rows.rows) {
    const member = `${r.organisation_id}|${r.candidate_id}`;
    const level = Math.min(4, Math.max(1, Math.round(Number(r.total) / Number(r.n))));
    const at = r.submitted_at === null ? 0 : new Date(r.submitted_at).getTime();
    const k = `${member}|${r.criterion_key}`;
    if ((levels.get(k) ?? 0) < level) levels.set(k, level);
    if ((assessed.get(member) ?? -1) < at) assessed.set(member, at);
  }
  const values = [...levels].map(([k, level]) => {
    const [organisation_id, candidate_id, criterion_key] = k.split('|') as [string, string, string];
    return {
      organisation_id,
      candidate_id,
      criterion_key,
      level,
      trained: trainedKeys.has(k) ? 1 : 0,
      assessed_ms: assessed.get(`${organisation_id}|${candidate_id}`) ?? 0,
    };
  });
  for (let i = 0; i < values.length; i += 500) {
    await (db as Kysely<{ network_fit: (typeof values)[number] }>)
      .insertInto('network_fit')
      .values(values.slice(i, i + 500))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('network_fit').execute();
}
