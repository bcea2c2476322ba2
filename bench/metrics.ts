// `node --import tsx bench/metrics.ts [--sizes=100000,1000000] [--runs=21]`: the reputation dashboard's load,
// GET /api/v1/metrics (default 12 months, and filtered by venue), on SQLite at each size. Generates
// a venue group with bench/generate.ts, then closes its decided applications with realistic timings
// (told 0–11 days after the interview, due 7 days after it) and survey answers from a third, and
// times the request through the real server (inject, no socket): median of 21 after a warm-up.
// `--keep=<file.sqlite>` (one size): generates into that file and keeps it; reuses it when it exists.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { AppContext } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { refreshPlannerStatistics } from '../src/db/maintenance.ts';
import { apiKeyService } from '../src/features/api-keys/api-keys.service.ts';
import { rebuildOrganisation } from '../src/features/reputation/rollup.repository.ts';
import { buildServer } from '../src/server.ts';
import { generateOrganisation } from './generate.ts';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const sizes = (args.get('sizes') ?? '100000,1000000').split(',').map(Number);
/** Timed requests per URL after two warm-ups (the median is reported). */
const runs = Number(args.get('runs') ?? 21);
const log = (text: string) => process.stderr.write(`${text}\n`);
/** A kept database file (one size only): generated once, reused on later runs. */
const keep = args.get('keep');

const decidedStages = `('closed', 'not_progressing', 'withdrawn', 'hired', 'offer_declined')`;

/** Generates a venue group of `applications` and closes its decided applications. */
async function generate(ctx: AppContext, applications: number) {
  const org = await generateOrganisation(ctx, { applications, onProgress: (t) => log(`  ${t}`) });
  const ts = (expr: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', created_at, ${expr})`;
  await sql
    .raw(`update application set
      outcome = case stage when 'closed' then 'not_progressing' else stage end,
      last_interview_ended_at = ${ts(`'+7 days', '+1 hours'`)},
      decision_due_date = substr(${ts(`'+14 days'`)}, 1, 10),
      decision_due_at = substr(${ts(`'+14 days'`)}, 1, 10) || 'T23:59:59.999Z',
      decided_at = ${ts(`'+' || (7 + (unicode(substr(id, -1)) * 7 + unicode(substr(id, -2))) % 12) || ' days', '+2 hours'`)},
      told_at = ${ts(`'+' || (7 + (unicode(substr(id, -1)) * 7 + unicode(substr(id, -2))) % 12) || ' days', '+3 hours'`)},
      told_via = 'email'
    where stage in ${decidedStages} and organisation_id = '${org.organisationId}'`)
    .execute(ctx.kysely);
  await sql
    .raw(`insert into survey_request (application_id, organisation_id, status, created_at)
    select id, organisation_id, 'sent', told_at from application
    where told_at is not null and organisation_id = '${org.organisationId}'`)
    .execute(ctx.kysely);
  await sql
    .raw(`insert into survey_response (id, organisation_id, application_id, recommend, told_when_promised,
      feedback_useful, treated_with_respect, comment, created_at)
    select 'sr' || id, organisation_id, id, abs(unicode(substr(id, -1))) % 11, 1 + unicode(substr(id, -2)) % 5,
      1 + unicode(substr(id, -3)) % 5, 1 + unicode(substr(id, -4)) % 5,
      case when unicode(substr(id, -1)) % 4 = 0 then 'Clear and quick.' end, told_at
    from application
    where told_at is not null and organisation_id = '${org.organisationId}' and unicode(substr(id, -2)) % 3 = 0`)
    .execute(ctx.kysely);
  return org;
}

/** The venue group of a kept database, with a fresh API key. */
async function reuse(ctx: AppContext) {
  const row = await ctx.kysely.selectFrom('organization').select('id').executeTakeFirstOrThrow();
  const { token } = await apiKeyService(ctx).create(row.id, 'benchmark', 'system');
  return { organisationId: row.id, token };
}

async function measure(applications: number) {
  const dir = mkdtempSync(join(tmpdir(), 'followspot-bench-metrics-'));
  try {
    const reusing = keep !== undefined && existsSync(keep);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
      databaseUrl: keep ?? join(dir, 'bench.sqlite'),
      secret: 'bench-secret-bench-secret-bench-secret-01',
    });
    const ctx = await createContext(config);
    const started = Date.now();
    const org = reusing ? await reuse(ctx) : await generate(ctx, applications);
    const built = await ctx.kysely
      .selectFrom('reputation_month')
      .select('month')
      .where('organisation_id', '=', org.organisationId)
      .executeTakeFirst();
    if (!built) {
      // The generator writes rows past the services, so the rollup is counted once (as `metrics rebuild`).
      const t0 = Date.now();
      const r = await rebuildOrganisation(ctx.kysely, org.organisationId);
      log(`  rollup rebuilt: ${r.roles} roles, ${r.rows} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    await refreshPlannerStatistics(ctx.kysely);
    log(
      `${applications}: ${reusing ? 'reused' : 'generated and closed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const venue = await ctx.kysely
      .selectFrom('venue')
      .select('id')
      .where('organisation_id', '=', org.organisationId)
      .executeTakeFirstOrThrow();
    const app = await buildServer(ctx, { logger: false, rateLimits: false });
    await app.ready();
    const headers = { authorization: `Bearer ${org.token}` };
    const results: { name: string; medianMs: number; told: number }[] = [];
    for (const [name, url] of [
      ['metrics (12 months)', '/api/v1/metrics'],
      ['metrics (one venue)', `/api/v1/metrics?venueId=${venue.id}`],
    ] as const) {
      const times: number[] = [];
      let told = 0;
      for (let i = 0; i < runs + 2; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        const elapsed = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
        told = res.json().closures.told;
        if (i >= 2) times.push(elapsed);
      }
      times.sort((a, b) => a - b);
      results.push({ name, medianMs: times[Math.floor(times.length / 2)]!, told });
    }
    await app.close();
    await ctx.db.destroy();
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = ['| Request | Applications | Told in the 12 months | Median ms |', '|---|---:|---:|---:|'];
for (const size of sizes) {
  for (const r of await measure(size)) {
    const line = `| ${r.name} | ${size.toLocaleString('en-GB')} | ${r.told.toLocaleString('en-GB')} | ${r.medianMs.toFixed(1)} |`;
    lines.push(line);
    log(line);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
