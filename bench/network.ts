// `node --import tsx bench/network.ts [--members=100000] [--runs=11]`: the talent network at scale
// on SQLite. Generates a venue group with bench/generate.ts (about 1.2 applications per candidate),
// makes every candidate a network member (regions, availability, a skill for a third, casual crew
// for a fifth), then times the network list (first page, a filter, a search, a later page by its
// cursor) and a role's matches through the real server (inject, no socket): median after a warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { refreshPlannerStatistics } from '../src/db/maintenance.ts';
import { buildServer } from '../src/server.ts';
import { generateOrganisation } from './generate.ts';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const members = Number(args.get('members') ?? 100_000);
const runs = Number(args.get('runs') ?? 11);
const log = (text: string) => process.stderr.write(`${text}\n`);

const dir = mkdtempSync(join(tmpdir(), 'followspot-bench-network-'));
try {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
    databaseUrl: join(dir, 'bench.sqlite'),
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
  const pick = (n: number) => `(unicode(substr(id, -1)) + unicode(substr(id, -2)) * 7) % ${n}`;
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
    where organisation_id = '${o}' and unicode(substr(candidate_id, -1)) % 3 = 0`)
    .execute(ctx.kysely);
  await refreshPlannerStatistics(ctx.kysely);
  const count = await ctx.kysely
    .selectFrom('network_profile')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', o)
    .executeTakeFirstOrThrow();
  log(`${Number(count.n)} members generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

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
    ['network search (name or skill)', '/api/v1/network?limit=50&q=okafor'],
    ['network matches for a role', `/api/v1/roles/${org.roleId}/network-matches`],
  ] as const;
  const lines = ['| Request | Members | Median ms | Rows |', '|---|---:|---:|---:|'];
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
    const line = `| ${name} | ${Number(count.n).toLocaleString('en-GB')} | ${times[Math.floor(times.length / 2)]!.toFixed(1)} | ${rows} |`;
    lines.push(line);
    log(line);
  }
  await app.close();
  await ctx.db.destroy();
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
