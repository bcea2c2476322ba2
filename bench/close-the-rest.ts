// `npx tsx bench/close-the-rest.ts`: one role with 1,000 open applications at mixed stages (applied,
// interviewed without scorecards, interviewed and scored) closed in one bulk action: compose the
// review list (the compose job), approve every item (approve many), send (the send job: a decision
// and its queued email each). Prints seconds per phase. Options: --applications=<n> (default 1000),
// --databases=sqlite,postgres (default sqlite; PostgreSQL from TEST_POSTGRES_URL or a throwaway
// cluster). Setting the data up is not timed. Not a test; never runs under `npm test`.
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DialectName } from '../src/db/database.ts';
import { composeJob, sendJob, startCompose, startSend } from '../src/features/closure/close-the-rest-job.ts';
import { closureService } from '../src/features/closure/closure.service.ts';
import type { ApiApp } from '../src/http/types.ts';
import { createJobRunner } from '../src/jobs/job-runner.ts';
import { buildServer } from '../src/server.ts';
import { evidence, keys } from '../test/support/factories/assessed.ts';
import {
  insertAssessmentApplication,
  insertAssessmentInterview,
  insertAssessmentRole,
  scorecardBody,
} from '../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../test/support/factories/decision-clock.ts';
import { actorOf } from '../test/support/factories/organisations.ts';
import { freshDatabase, postgresServer } from './databases.ts';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const total = Number(args.get('applications') ?? 1000);
const databases = (args.get('databases') ?? 'sqlite').split(',') as DialectName[];
const log = (text: string) => process.stderr.write(`${text}\n`);
// Wednesday 25 November 2026, 10:00 in London: inside the sending window.
const now = () => new Date('2026-11-25T10:00:00.000Z');

/** An interviewed application with a submitted scorecard, through the API as an interviewer would. */
async function scored(
  app: ApiApp,
  ctx: Awaited<ReturnType<typeof createContext>>,
  team: Team,
  roleId: string,
  i: number,
) {
  const application = await insertAssessmentApplication(ctx, {
    organisationId: team.organisationId,
    roleId,
    candidateName: `Scored Candidate ${i}`,
  });
  const interview = await insertAssessmentInterview(ctx, {
    organisationId: team.organisationId,
    applicationId: application.id,
    interviewerIds: [team.interviewer.userId],
  });
  const headers = { cookie: team.interviewer.cookie };
  const opened = await app.inject({
    method: 'POST',
    url: '/api/v1/scorecards',
    headers,
    payload: { interviewId: interview.id },
  });
  if (opened.statusCode !== 201) throw new Error(opened.body);
  const id = opened.json().id as string;
  const ratings = Object.fromEntries(keys.map((k) => [k, k === 'video' ? 2 : 3])) as Record<string, 2 | 3>;
  const body = scorecardBody(keys, {
    ratings,
    recommendation: 'no',
    evidence: (key) => evidence[key] ?? null,
  });
  const put = await app.inject({ method: 'PUT', url: `/api/v1/scorecards/${id}`, headers, payload: body });
  if (put.statusCode !== 200) throw new Error(put.body);
  const submitted = await app.inject({ method: 'POST', url: `/api/v1/scorecards/${id}/submit`, headers });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  await ctx.kysely
    .updateTable('application')
    .set({ stage: 'awaiting_decision' })
    .where('id', '=', application.id)
    .execute();
}

async function measure(dialect: DialectName) {
  const server = dialect === 'postgres' ? await postgresServer() : undefined;
  const database = await freshDatabase(dialect, server, 'followspot-bench-ctr-');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
    databaseUrl: database.url,
    secret: 'bench-secret-bench-secret-bench-secret-01',
  });
  const ctx = await createContext(config, { now });
  const app = await buildServer(ctx, { logger: false, rateLimits: false });
  await app.ready();
  try {
    const team = await makeTeam(ctx, 'Bench');
    const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
    const scoredCount = Math.round(total * 0.2);
    const unscoredCount = Math.round(total * 0.1);
    const setupStarted = Date.now();
    for (let i = 0; i < scoredCount; i++) await scored(app, ctx, team, role.id, i);
    for (let i = 0; i < total - scoredCount; i++) {
      const a = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: `Candidate ${String(i).padStart(4, '0')}`,
      });
      if (i < unscoredCount) {
        await insertAssessmentInterview(ctx, {
          organisationId: team.organisationId,
          applicationId: a.id,
          interviewerIds: [team.interviewer.userId],
        });
      } else {
        await ctx.kysely
          .updateTable('application')
          .set({ stage: 'applied' })
          .where('id', '=', a.id)
          .execute();
      }
    }
    log(
      `${dialect}: ${total} applications (${scoredCount} scored, ${unscoredCount} interviewed without scorecards, ${total - scoredCount - unscoredCount} applied) set up in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    const actor = actorOf(team.manager);
    const organisationId = team.organisationId;
    const runner = createJobRunner({ ctx, handlers: [composeJob, sendJob] });
    // Wall seconds and this process's CPU seconds: on a shared machine the CPU figure is the steadier.
    const phases: [string, number, number][] = [];
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const out = await work();
      const used = process.cpuUsage(cpu);
      phases.push([name, (performance.now() - started) / 1000, (used.user + used.system) / 1e6]);
      return out;
    };

    await timed('compose and check (job)', async () => {
      const started = await startCompose(ctx, organisationId, role.id, { background: true }, actor);
      if (!('job' in started)) throw new Error('compose did not start a job');
      const run = await runner.runOnce();
      if (run.outcome !== 'succeeded') throw new Error(`compose job ${run.outcome}`);
    });
    const closure = closureService(ctx);
    const queue = await closure.queue(organisationId, role.id);
    // The manager's note on each interviewed candidate without scorecards (edit in place; not timed).
    await ctx.kysely
      .updateTable('closure_queue_item')
      .set({
        without_scorecards_note: 'The interviewer has left; the panel agreed the decision together.',
        problem: null,
      })
      .where('organisation_id', '=', organisationId)
      .where('kind', '=', 'without_scorecards')
      .execute();
    const approval = await timed('approve many', () =>
      closure.approveMany(
        organisationId,
        role.id,
        queue.filter((q) => !q.ready).map((q) => q.applicationId),
        actor,
      ),
    );
    const refused = approval.results.filter((r) => r.status === 'refused');
    if (refused.length > 0) throw new Error(`${refused.length} refused: ${refused[0]!.reason}`);
    await timed('send: decide and enqueue (job)', async () => {
      const started = await startSend(ctx, organisationId, role.id, { background: true }, actor);
      if (!('job' in started)) throw new Error('send did not start a job');
      const run = await runner.runOnce();
      if (run.outcome !== 'succeeded') throw new Error(`send job ${run.outcome}`);
    });
    const queued = await ctx.kysely
      .selectFrom('message')
      .innerJoin('application', 'application.id', 'message.application_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('application.role_id', '=', role.id)
      .where('message.status', 'in', ['queued', 'held'])
      .executeTakeFirstOrThrow();
    if (Number(queued.n) !== total) throw new Error(`${queued.n} emails queued of ${total}`);
    const sum = phases.reduce((s, [, seconds]) => s + seconds, 0);
    const cpuSum = phases.reduce((s, [, , cpu]) => s + cpu, 0);
    const row = (name: string, seconds: number, cpu: number) =>
      `  ${name.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s  (CPU ${cpu.toFixed(2)} s)`;
    console.log(`\n${dialect}, ${total} applications of one role (${queue.length} in the review list):`);
    for (const [name, seconds, cpu] of phases) console.log(row(name, seconds, cpu));
    console.log(`${row('total', sum, cpuSum)}  ${queued.n} decision emails queued`);
  } finally {
    await app.close();
    await ctx.db.destroy();
    await database.drop();
    server?.stop();
  }
}

for (const dialect of databases) await measure(dialect);
