// `node --import tsx bench/network.ts [--members=100000] [--runs=11] [--databases=sqlite,postgres] [--explain]
// [--keep]`: the talent network at scale on SQLite and PostgreSQL (TEST_POSTGRES_URL's server or a
// throwaway cluster). Generates a venue group with bench/generate.ts (about 1.2 applications per candidate),
// makes every candidate a network member (regions, availability, a skill for a third, casual crew
// for a fifth, a submitted scorecard on a third of the interviews), then times the network list (first page, a filter, a search, a later page by its
// cursor) and a role's matches through the real server (inject, no socket): median after a warm-up.
import { loadavg } from 'node:os';
import { CompiledQuery, sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DialectName } from '../src/db/database.ts';
import { refreshPlannerStatistics } from '../src/db/maintenance.ts';
import { defaultFrameworkId, findBuiltInFramework } from '../src/domain/frameworks/builtins.ts';
import { rankMembers } from '../src/domain/network-matching.ts';
import { resolveRequirements } from '../src/features/frameworks/requirements.service.ts';
import {
  allLevels,
  findRoleForNetwork,
  listProfilesQuery,
  memberDetails,
  toNetworkMember,
} from '../src/features/network/network.repository.ts';
import type { NetworkListQuery } from '../src/features/network/network.schema.ts';
import * as fit from '../src/features/network/network-fit.repository.ts';
import { buildServer } from '../src/server.ts';
import { freshDatabase, type PostgresServer, postgresServer } from './databases.ts';
import { generateOrganisation } from './generate.ts';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const members = Number(args.get('members') ?? 100_000);
const runs = Number(args.get('runs') ?? 11);
const databases = (args.get('databases') ?? 'sqlite,postgres').split(',') as DialectName[];
const log = (text: string) => process.stderr.write(`${text}\n`);
const chunked = (ids: string[]) =>
  Array.from({ length: Math.ceil(ids.length / 500) }, (_, i) => ids.slice(i * 500, i * 500 + 500));

/** Median ms and rows per request, on one database. */
type Timings = Map<string, { ms: number; rows: number }>;

async function measure(dialect: DialectName, server: PostgresServer | undefined): Promise<Timings> {
  const database = await freshDatabase(dialect, server, 'followspot-bench-network-');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
    databaseUrl: database.url,
    secret: 'bench-secret-bench-secret-bench-secret-01',
  });
  const ctx = await createContext(config);
  const started = Date.now();
  const org = await generateOrganisation(ctx, {
    applications: Math.ceil(members * 1.25),
    onProgress: (t) => log(`  ${t}`),
  });
  const o = org.organisationId;
  const at = ctx.now().toISOString();
  const expires = new Date(ctx.now().getTime() + 300 * 86_400_000).toISOString();
  // Deterministic spread from the id's last characters: region, availability, skills.
  const codeAt = (column: string, fromEnd: number) =>
    dialect === 'sqlite' ? `unicode(substr(${column}, -${fromEnd}))` : `ascii(right(${column}, ${fromEnd}))`;
  const pick = (n: number) => `(${codeAt('id', 1)} + ${codeAt('id', 2)} * 7) % ${n}`;
  await sql
    .raw(`insert into network_profile (id, organisation_id, candidate_id, status, joined_at, consent_version,
      consent_expires_at, left_at, region, travel_miles, available_permanent, available_freelance, casual_crew,
      notice_weeks, last_contact_at, unsubscribed_at, created_at, updated_at)
    select 'np' || id, organisation_id, id, 'member', '${at}', 'bench', '${expires}', null,
      case ${pick(4)} when 0 then 'Leeds' when 1 then 'Glasgow' when 2 then 'Bristol' else 'York' end,
      10 + ${pick(5)} * 10, 1, ${pick(2)}, case when ${pick(5)} = 0 then 1 else 0 end, ${pick(6)}, null, null,
      '${at}', '${at}'
    from candidate where organisation_id = '${o}' order by id limit ${members}`)
    .execute(ctx.kysely);
  await sql
    .raw(`insert into network_tag (organisation_id, candidate_id, kind, value, value_key)
    select organisation_id, candidate_id, 'skill', 'ETC Eos', 'etc eos' from network_profile
    where organisation_id = '${o}' and ${codeAt('candidate_id', 1)} % 3 = 0`)
    .execute(ctx.kysely);
  // A rare certification: 100 members.
  await sql
    .raw(`insert into network_tag (organisation_id, candidate_id, kind, value, value_key)
    select organisation_id, candidate_id, 'certification', 'IPAF 3b', 'ipaf 3b' from network_profile
    where organisation_id = '${o}' order by candidate_id limit 100`)
    .execute(ctx.kysely);
  // A third of the interviews have a submitted scorecard rating every criterion of the default framework.
  const criteria = findBuiltInFramework(defaultFrameworkId)!.criteria.map((c, n) => `('${c.key}', ${n + 1})`);
  await sql
    .raw(`insert into scorecard (id, organisation_id, interview_id, application_id, interviewer_id, framework_id,
      framework_version_id, status, recommendation, private_notes, submitted_at, amended_at, created_at, updated_at)
    select 'sc' || id, organisation_id, id, application_id, 'bench-interviewer', '${defaultFrameworkId}',
      '${defaultFrameworkId}', 'submitted', 'yes', null, ends_at, null, ends_at, ends_at
    from interview where organisation_id = '${o}' and ${codeAt('id', 1)} % 3 = 0`)
    .execute(ctx.kysely);
  await sql
    .raw(`with keys(k, n) as (values ${criteria.join(', ')})
    insert into scorecard_rating (scorecard_id, criterion_key, position, rating, evidence, not_assessed)
    select s.id, keys.k, keys.n, 1 + (${codeAt('s.id', 1)} + ${codeAt('s.id', 2)} * keys.n) % 4, null, 0
    from scorecard s, keys where s.organisation_id = '${o}'`)
    .execute(ctx.kysely);
  const assessed = await ctx.kysely
    .selectFrom('scorecard')
    .innerJoin('application', 'application.id', 'scorecard.application_id')
    .select('application.candidate_id')
    .distinct()
    .where('scorecard.organisation_id', '=', o)
    .execute();
  const assessedIds = assessed.map((a) => a.candidate_id);
  for (let i = 0; i < assessedIds.length; i += 500)
    await fit.refreshNetworkFit(ctx.kysely, o, assessedIds.slice(i, i + 500));
  log(`${assessedIds.length} candidates assessed`);
  await refreshPlannerStatistics(ctx.kysely);
  const count = await ctx.kysely
    .selectFrom('network_profile')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', o)
    .executeTakeFirstOrThrow();
  log(`${Number(count.n)} members generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (args.has('explain') && dialect === 'sqlite') {
    // The skill filter's plans: a common skill walks the members, a rare one is read from the tag index.
    for (const [skill, rare] of [
      ['ETC Eos', false],
      ['IPAF 3b', true],
    ] as const) {
      const compiled = listProfilesQuery(ctx.kysely, o, { limit: 50, skill } as NetworkListQuery, ctx.now(), {
        skill: rare,
        interest: false,
      }).compile();
      const plan = await ctx.kysely.executeQuery(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      log(`${skill}: ${(plan.rows as { detail: string }[]).map((r) => r.detail).join(' | ')}`);
    }
  }
  const app = await buildServer(ctx, { logger: false, rateLimits: false });
  await app.ready();
  const headers = { authorization: `Bearer ${org.token}` };
  const first = await app.inject({ method: 'GET', url: '/api/v1/network?limit=50', headers });
  const cursor = first.json().nextCursor as string;
  // A cursor far into the list: the page after the 500th member.
  let deep = cursor;
  for (let i = 0; i < 9; i++) {
    deep = (
      await app.inject({ method: 'GET', url: `/api/v1/network?limit=50&cursor=${deep}`, headers })
    ).json().nextCursor;
  }
  const urls = [
    ['network list (first page of 50)', '/api/v1/network?limit=50'],
    ['network list (11th page, by cursor)', `/api/v1/network?limit=50&cursor=${deep}`],
    ['network list (casual crew in York)', '/api/v1/network?limit=50&availability=casual&region=York'],
    ['network list (skill filter)', '/api/v1/network?limit=50&skill=ETC%20Eos'],
    ['network list (rare certification, 100 members)', '/api/v1/network?limit=50&skill=IPAF%203b'],
    ['network search (name or skill)', '/api/v1/network?limit=50&q=okafor'],
    ['network matches for a role', `/api/v1/roles/${org.roleId}/network-matches`],
  ] as const;
  const timings: Timings = new Map();
  const label = `${dialect}, ${Number(count.n).toLocaleString('en-GB')} members`;
  for (const [name, url] of urls) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers });
      const elapsed = performance.now() - t0;
      if (res.statusCode !== 200)
        throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      rows = (res.json().data as unknown[]).length;
      if (i >= 1) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    timings.set(name, { ms, rows });
    log(`${label}: ${name}: ${ms.toFixed(1)} ms, ${rows} rows`);
  }
  // The narrowed matches must be the full ranking's first 50: rank every member as before, once.
  const fullStarted = performance.now();
  const all = await ctx.kysely
    .selectFrom('network_profile')
    .select('candidate_id')
    .where('organisation_id', '=', o)
    .where('unsubscribed_at', 'is', null)
    .execute();
  const allIds = all.map((r) => r.candidate_id);
  const profiles = (
    await Promise.all(chunked(allIds).map((ids) => fit.profilesOf(ctx.kysely, o, ids)))
  ).flat();
  const details = await memberDetails(ctx.kysely, o, allIds);
  const requirements = await resolveRequirements(ctx.kysely, o, org.roleId);
  const role = await findRoleForNetwork(ctx.kysely, o, org.roleId);
  const full = rankMembers(
    {
      criteria: (requirements?.criteria ?? []).map((c) => ({
        key: c.criterionKey,
        name: c.name,
        weight: c.weight,
        requiredLevel: c.requiredLevel,
      })),
      skills: [],
      places: [role!.venueRegion, role!.venueCity ?? ''],
      kind: 'permanent',
    },
    profiles.map((p) => {
      const m = toNetworkMember(p, details, ctx.now());
      return {
        candidateId: p.candidate_id,
        name: p.name,
        levels: allLevels(details, p.candidate_id),
        assessedAt: m.assessed[0]?.assessedOn ?? null,
        skills: [...m.skills, ...m.certifications],
        permanent: m.availability.permanent,
        freelance: m.availability.freelance,
        casualCrew: m.availability.casualCrew,
        region: m.region,
        travelMiles: m.travelMiles,
        training: [],
      };
    }),
    ctx.now(),
  ).slice(0, 50);
  const fullMs = performance.now() - fullStarted;
  timings.set(rankedInMemory, { ms: fullMs, rows: full.length });
  log(`${label}: ${rankedInMemory}: ${fullMs.toFixed(1)} ms`);
  const served = (
    await app.inject({ method: 'GET', url: `/api/v1/roles/${org.roleId}/network-matches`, headers })
  ).json().data as { candidateId: string; score: number; explanation: string }[];
  const same =
    JSON.stringify(full.map((m) => [m.candidateId, m.score, m.explanation])) ===
    JSON.stringify(served.map((m) => [m.candidateId, m.score, m.explanation]));
  log(same ? 'matches equal the full ranking' : 'MATCHES DIFFER FROM THE FULL RANKING');
  if (!same) process.exitCode = 1;
  await app.close();
  await ctx.db.destroy();
  // --keep leaves the database for EXPLAIN and timing by hand.
  if (args.has('keep')) log(`${dialect} database kept: ${database.url}`);
  else await database.drop();
  return timings;
}

const rankedInMemory = 'network matches, every member ranked in memory (as before 0036, one run)';
const measured = new Map<DialectName, Timings>();
const server = databases.includes('postgres') ? await postgresServer() : undefined;
if (databases.includes('postgres') && !server)
  log('PostgreSQL: no TEST_POSTGRES_URL and no binaries; SQLite only');
try {
  for (const dialect of databases) {
    if (dialect === 'postgres' && !server) continue;
    measured.set(dialect, await measure(dialect, server));
  }
} finally {
  server?.stop();
}
const sqlite = measured.get('sqlite');
const postgres = measured.get('postgres');
const lines = [
  `${members.toLocaleString('en-GB')} members · median of ${runs} after a warm-up · load ${loadavg()[0]!.toFixed(2)} at the end`,
  '',
  '| Request | SQLite ms | PostgreSQL ms | PostgreSQL / SQLite | Rows |',
  '|---|---:|---:|---:|---:|',
];
for (const name of (sqlite ?? postgres)?.keys() ?? []) {
  const a = sqlite?.get(name);
  const b = postgres?.get(name);
  const ratio = a && b ? `${(b.ms / a.ms).toFixed(1)}×` : '—';
  lines.push(
    `| ${name} | ${a?.ms.toFixed(1) ?? '—'} | ${b?.ms.toFixed(1) ?? '—'} | ${ratio} | ${(a ?? b)!.rows} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
