// The fit summary (network_fit, 0036) and matching's first pass. The summary keeps, per member and
// criterion, the level reached on submitted scorecards and whether training was done on it; the
// services refresh it in the transaction that changes either. scoreMembers scores every current
// member for a role in one SQL pass with the arithmetic of src/domain/network-matching.ts, so the
// caller ranks only the best few hundred in full with rankMembers.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { matchWeights, type RoleToMatch, trainingCredit } from '../../domain/network-matching.ts';
import { memberDetails, type ProfileRow, profileColumns, tagKey } from './network.repository.ts';

/** The candidates' summary rows rebuilt from their submitted scorecards and training done. */
export async function refreshNetworkFit(
  db: Kysely<Database>,
  organisationId: string,
  candidateIds: readonly string[],
): Promise<void> {
  if (candidateIds.length === 0) return;
  const details = await memberDetails(db, organisationId, candidateIds);
  for (let i = 0; i < candidateIds.length; i += 500) {
    await db
      .deleteFrom('network_fit')
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', 'in', candidateIds.slice(i, i + 500))
      .execute();
  }
  const rows = candidateIds.flatMap((candidateId) => {
    const assessedOn = details.assessed.get(candidateId)?.[0]?.assessedOn;
    const trained = new Set((details.training.get(candidateId) ?? []).map((t) => t.criterionKey));
    return (details.levels.get(candidateId) ?? []).map((l) => ({
      organisation_id: organisationId,
      candidate_id: candidateId,
      criterion_key: l.criterionKey,
      level: l.level,
      trained: trained.has(l.criterionKey) ? 1 : 0,
      assessed_ms: assessedOn ? Date.parse(assessedOn) : 0,
    }));
  });
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('network_fit')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** After a scorecard of this application is submitted or amended: its candidate's summary. */
export async function refreshFitOfApplication(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<void> {
  const row = await db
    .selectFrom('application')
    .select('candidate_id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (row) await refreshNetworkFit(db, organisationId, [row.candidate_id]);
}

export interface ScoredMember {
  candidateId: string;
  name: string;
  /** 0–1, as matchMember computes it before rounding (to floating-point noise). */
  score: number;
}

// Our own numbers as decimal literals: neither database guesses a parameter's type, and no division is integer.
const num = (n: number): RawBuilder<number> =>
  sql.raw(!Number.isFinite(n) ? '0.0' : Number.isInteger(n) ? `${n}.0` : String(n));
const monthMs = 30.44 * 86_400_000;
const recencyMonths = 36;
const farTravelMiles = 100;

/**
 * Every current member's score for the role (unsubscribed left out), best first: the first `take`, or
 * every one scoring at least `floor`. Region matching uses the database's lower(), which on SQLite
 * folds ASCII only: a non-ASCII region that differs from the venue's only by case scores as elsewhere.
 */
export async function scoreMembers(
  db: Kysely<Database>,
  organisationId: string,
  role: RoleToMatch,
  now: Date,
  bound: { take: number } | { floor: number },
): Promise<ScoredMember[]> {
  const assessed = role.criteria.filter((c) => c.weight > 0);
  const total = assessed.reduce((sum, c) => sum + c.weight, 0);
  const effective = sql`(case when f.level + ${num(trainingCredit)} * f.trained > 4 then 4.0
    else f.level + ${num(trainingCredit)} * f.trained end)`;
  const met =
    assessed.length === 0
      ? sql`0`
      : sql`case f.criterion_key ${sql.join(
          assessed.map(
            (c) =>
              sql`when ${c.key} then ${num(c.weight)} * (case when ${effective} >= ${num(c.requiredLevel)}
                then 1 else ${effective} / ${num(c.requiredLevel)} end)`,
          ),
          sql` `,
        )} else 0 end`;
  const criteria = total === 0 ? sql`0` : sql`coalesce(f.met, 0) / ${num(total)}`;

  const wanted = role.skills.map(tagKey);
  const multiplicity = new Map<string, number>();
  for (const w of wanted) multiplicity.set(w, (multiplicity.get(w) ?? 0) + 1);
  const skills = wanted.length === 0 ? sql`0.5` : sql`coalesce(s.hits, 0) / ${num(wanted.length)}`;
  const skillJoin =
    wanted.length === 0
      ? sql``
      : sql`left join (
          select t.candidate_id, sum(case t.value_key ${sql.join(
            [...multiplicity].map(([k, m]) => sql`when ${k} then ${num(m)}`),
            sql` `,
          )} else 0 end) as hits
          from (select distinct candidate_id, value_key from network_tag
            where organisation_id = ${organisationId} and kind in ('skill', 'certification')
              and value_key in (${sql.join([...multiplicity.keys()])})) t
          group by t.candidate_id
        ) s on s.candidate_id = p.candidate_id`;

  const availability =
    role.kind === 'casual'
      ? sql`(case when p.casual_crew = 1 then 1 when p.available_freelance = 1 then 0.7 else 0 end)`
      : sql`(case when p.available_permanent = 1 then 1 when p.available_freelance = 1 then 0.3 else 0.5 end)`;
  const places = [...new Set(role.places.map(tagKey).filter((p) => p !== ''))];
  const place = sql`(case ${
    places.length === 0 ? sql`` : sql`when lower(trim(p.region)) in (${sql.join(places)}) then 1`
  } when coalesce(p.travel_miles, 0) >= ${num(farTravelMiles)} then 0.6
    when p.region is null and p.travel_miles is null then 0.4 else 0.2 end)`;
  const age = sql`((${num(now.getTime())} - f.assessed_ms) / ${num(monthMs)})`;
  const recency = sql`(case when f.assessed_ms is null then 0 when ${age} <= 0 then 1
    when ${age} >= ${num(recencyMonths)} then 0 else 1 - ${age} / ${num(recencyMonths)} end)`;

  const score = sql`cast(${num(matchWeights.criteria)} * ${criteria} + ${num(matchWeights.skills)} * ${skills}
    + ${num(matchWeights.availability)} * ${availability} + ${num(matchWeights.place)} * ${place}
    + ${num(matchWeights.recency)} * ${recency} as double precision)`;
  // The candidate's name (the ranking's tie-break) is read only for the rows kept, not for every member.
  const scored = sql`select p.candidate_id, ${score} as score
    from network_profile p
    left join (
      select candidate_id, sum(${met}) as met, max(assessed_ms) as assessed_ms
      from network_fit f where organisation_id = ${organisationId} group by candidate_id
    ) f on f.candidate_id = p.candidate_id
    ${skillJoin}
    where p.organisation_id = ${organisationId} and p.status = 'member'
      and p.consent_expires_at > ${now.toISOString()} and p.unsubscribed_at is null`;
  const kept =
    'take' in bound
      ? sql`select candidate_id, score from (${scored}
          order by score desc, p.candidate_id limit ${sql.raw(String(Math.trunc(bound.take)))}) best`
      : sql`select candidate_id, score from (${scored}) x where score >= ${num(bound.floor)}`;
  const query = sql<{ candidate_id: string; name: string; score: number | string }>`select k.candidate_id,
      c.name, k.score
    from (${kept}) k join candidate c on c.id = k.candidate_id and c.organisation_id = ${organisationId}
    order by k.score desc, k.candidate_id`;
  const result = await query.execute(db);
  return result.rows.map((r) => ({ candidateId: r.candidate_id, name: r.name, score: Number(r.score) }));
}

/** The profiles of these members (matching's second pass). */
export async function profilesOf(
  db: Kysely<Database>,
  organisationId: string,
  candidateIds: readonly string[],
): Promise<ProfileRow[]> {
  if (candidateIds.length === 0) return [];
  return db
    .selectFrom('network_profile')
    .innerJoin('candidate', 'candidate.id', 'network_profile.candidate_id')
    .select(profileColumns)
    .where('network_profile.organisation_id', '=', organisationId)
    .where('network_profile.candidate_id', 'in', candidateIds)
    .execute();
}
