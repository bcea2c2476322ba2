// Close the rest as background jobs: composing the review list (closure.close-the-rest.compose) and
// sending the decisions (closure.close-the-rest.send) of many applications run as jobs, in chunks:
// each chunk commits in one transaction with the job's progress (a chunk done is never done again),
// so GET /api/v1/jobs/{id} shows a progress bar and a worker that dies resumes where it was.
// Up to `inlineLimit` applications answer in the request itself, as before.
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { idSchema } from '../common.schema.ts';
import { actorSchema, boundTo } from '../jobs/job-context.ts';
import { toJob } from '../jobs/jobs.repository.ts';
import type { Job } from '../jobs/jobs.schema.ts';
import { defineJobHandler, jobQueued, startJob } from '../jobs/jobs.service.ts';
import type { ComposeRequest, QueueItem, SendRequest, SendResult } from './closure.schema.ts';
import { closureService } from './closure.service.ts';

export const composeJobKind = 'closure.close-the-rest.compose';
export const sendJobKind = 'closure.close-the-rest.send';

/** More applications than this run as a job (fewer answer in the request, unless asked otherwise). */
export const inlineLimit = 25;
/** Applications per step (one transaction each). */
export const chunkSize = 50;

const jobInput = z.object({
  roleId: idSchema,
  applicationIds: z.array(idSchema),
  actor: actorSchema,
});
type JobInput = z.infer<typeof jobInput>;

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function start(
  ctx: AppContext,
  organisationId: string,
  kind: string,
  input: JobInput,
  actor: Actor,
): Promise<Job> {
  const now = ctx.now();
  const job = await ctx.kysely.transaction().execute(async (tx) => {
    const started = await startJob(tx, now, {
      organisationId,
      kind,
      input,
      // One at a time per role and phase: starting again while it runs answers with the running job.
      dedupeKey: `${kind}:${input.roleId}`,
      total: chunksOf(input.applicationIds, chunkSize).length,
      createdBy: actor,
    });
    if (started.created) {
      await recordAudit(
        tx,
        organisationId,
        actor,
        {
          action: `${kind}_started`,
          subjectType: 'role',
          subjectId: input.roleId,
          detail: { jobId: started.job.id, applications: input.applicationIds.length },
        },
        now,
      );
    }
    return started.job;
  });
  jobQueued();
  return toJob(job);
}

export type Started<T> = { inline: T } | { job: Job };

/** Composes the review list in the request (few applications) or starts the compose job. */
export async function startCompose(
  ctx: AppContext,
  organisationId: string,
  roleId: string,
  input: ComposeRequest,
  actor: Actor,
): Promise<Started<QueueItem[]>> {
  const closure = closureService(ctx);
  const applicationIds = await closure.planCloseTheRest(organisationId, roleId, input);
  if (!input?.background && applicationIds.length <= inlineLimit) {
    await closure.composeSome(organisationId, roleId, applicationIds, actor);
    return { inline: await closure.queue(organisationId, roleId) };
  }
  return { job: await start(ctx, organisationId, composeJobKind, { roleId, applicationIds, actor }, actor) };
}

/** Sends in the request (few ready) or starts the send job. */
export async function startSend(
  ctx: AppContext,
  organisationId: string,
  roleId: string,
  input: SendRequest,
  actor: Actor,
): Promise<Started<SendResult>> {
  const closure = closureService(ctx);
  const applicationIds = await closure.planSend(organisationId, roleId, input);
  if (!input?.background && applicationIds.length <= inlineLimit) {
    return { inline: await closure.sendSome(organisationId, roleId, applicationIds, actor) };
  }
  return { job: await start(ctx, organisationId, sendJobKind, { roleId, applicationIds, actor }, actor) };
}

export const composeJob = defineJobHandler({
  kind: composeJobKind,
  input: jobInput,
  async run(run) {
    const { roleId, applicationIds, actor } = run.input;
    const organisationId = run.job.organisationId;
    const chunks = chunksOf(applicationIds, chunkSize);
    await run.setTotal(chunks.length);
    for (const [i, ids] of chunks.entries()) {
      await run.step(`compose:${i}`, async (tx) => {
        // Those decided meanwhile (withdrawn, offered) are no longer the queue's to compose.
        const closure = closureService(boundTo(run.ctx, tx));
        const open = new Set(await closure.openApplicationsOf(organisationId, roleId));
        const still = ids.filter((id) => open.has(id));
        await closure.composeSome(organisationId, roleId, still, actor);
        return { composed: still.length };
      });
    }
    const composed = [...run.steps().values()].reduce<number>(
      (sum, v) => sum + ((v as { composed?: number } | null)?.composed ?? 0),
      0,
    );
    return { roleId, composed };
  },
});

export const sendJob = defineJobHandler({
  kind: sendJobKind,
  input: jobInput,
  async run(run): Promise<SendResult & { roleId: string }> {
    const { roleId, applicationIds, actor } = run.input;
    const organisationId = run.job.organisationId;
    const chunks = chunksOf(applicationIds, chunkSize);
    await run.setTotal(chunks.length);
    const results: SendResult['results'] = [];
    for (const [i, ids] of chunks.entries()) {
      const sent = await run.step(`send:${i}`, (tx) =>
        closureService(boundTo(run.ctx, tx)).sendSome(organisationId, roleId, ids, actor),
      );
      results.push(...sent.results);
    }
    return { roleId, results };
  },
});
