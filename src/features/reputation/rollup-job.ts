// Rebuilds an organisation's reputation rollup in the background: a change of its closure days or of
// a venue's calendar moves the working days to tell of past months, so every role is recounted.

import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { defineJobHandler, startJob } from '../jobs/jobs.service.ts';
import { organisationsWithStaleRoles, rebuildOrganisation, recountStaleRoles } from './rollup.repository.ts';

export const rollupJobKind = 'reputation.rollup_rebuild';

/** Queues the rebuild in the caller's transaction (call `jobQueued()` after it commits). */
export async function startRollupRebuild(
  tx: Kysely<Database>,
  organisationId: string,
  reason: 'closure_days' | 'venue_calendar',
  actor: Actor | 'system',
  now: Date,
) {
  return startJob(tx, now, {
    organisationId,
    kind: rollupJobKind,
    input: { reason },
    dedupeKey: `${rollupJobKind}:${reason}`,
    total: 1,
    createdBy: actor,
  });
}

export const rollupJob = defineJobHandler({
  kind: rollupJobKind,
  input: z.object({ reason: z.enum(['closure_days', 'venue_calendar']) }),
  async run(run) {
    // One step, one transaction: the dashboard never reads a half-rebuilt organisation.
    return run.step('rebuild', (tx) => rebuildOrganisation(tx, run.job.organisationId));
  },
});

/**
 * Recounts every organisation's roles marked out of date. The worker runs it after each sweep, so a
 * dashboard or public-page read rarely finds anything to recount; returns the roles recounted.
 */
export async function recountStaleRollups(
  db: Kysely<Database>,
  log: { error(obj: object, msg: string): void },
): Promise<number> {
  let recounted = 0;
  for (const organisationId of await organisationsWithStaleRoles(db)) {
    // A turn of the event loop per organisation: SQLite answers synchronously.
    await yieldToRequests();
    try {
      recounted += await recountStaleRoles(db, organisationId);
    } catch (err) {
      log.error({ err, organisationId }, 'recounting the reputation rollup failed; the next read recounts');
    }
  }
  return recounted;
}
