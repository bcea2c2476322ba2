// Retention, a step of the sweep (src/jobs/decision-clock-sweep.ts), after the talent network's
// expiries: per organisation, candidates whose time is up are anonymised (each claimed by one
// conditional update, so any number of workers do it exactly once), email bodies past their days are
// removed, and expired candidate links, invitations, staff sessions and API idempotency keys deleted. A legal hold pauses a candidate.
// The sweep itself runs every minute; retention only once a period (RETENTION_SWEEP_MINUTES, default
// hourly) across all workers: the first to claim the period's `sweep_run` key runs it.
import type { AppConfig } from '../../config.ts';
import type { StepResult, SweepContext, SweepLogger } from '../decision-clock/nudges.service.ts';
import { forgetExpiredIdempotencyKeys } from '../idempotency/idempotency.service.ts';
import * as repo from './privacy.repository.ts';
import {
  anonymiseCandidate,
  flushErasedPages,
  retentionBounds,
  retentionDefaults,
} from './privacy.service.ts';

const batch = 200;
const defaultMinutes = 60;
// Claimed periods are kept a week (whatever the period), then forgotten.
const keepRunsMs = 7 * 86_400_000;

/** The sweep's context, with the configured period when there is one (tests pass a bare context). */
export type RetentionSweepContext = SweepContext & { config?: Pick<AppConfig, 'retentionSweepMinutes'> };

/**
 * The sweep's retention step: runs applyRetention when this worker claims the current period, and
 * does nothing otherwise. A worker that dies mid-period leaves the rest to the next period.
 */
export async function applyRetentionWhenDue(
  ctx: RetentionSweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const periodMs = (ctx.config?.retentionSweepMinutes ?? defaultMinutes) * 60_000;
  const key = `retention:${periodMs}:${Math.floor(now.getTime() / periodMs)}`;
  if (!(await repo.claimSweepRun(ctx.kysely, key, now))) return { done: 0, failed: 0 };
  await repo.forgetSweepRuns(ctx.kysely, new Date(now.getTime() - keepRunsMs));
  return applyRetention(ctx, now, log);
}

export async function applyRetention(ctx: SweepContext, now: Date, log: SweepLogger): Promise<StepResult> {
  const result: StepResult = { done: 0, failed: 0 };
  let anonymised = 0;
  for (const organisationId of await repo.listOrganisationIds(ctx.kysely)) {
    try {
      const settings = await repo.findSettings(ctx.kysely, organisationId, retentionDefaults);
      const due = await repo.findRetentionCandidates(
        ctx.kysely,
        organisationId,
        retentionBounds(now, settings.candidateMonths),
        batch,
      );
      for (const candidate of due) {
        try {
          const done = await ctx.kysely
            .transaction()
            .execute((tx) =>
              anonymiseCandidate(tx, organisationId, candidate.id, 'system', 'retention', now),
            );
          if (done) anonymised += 1;
        } catch (err) {
          result.failed += 1;
          log.error(
            { step: 'retention', err },
            'retention: anonymising a candidate failed; tried again next sweep',
          );
        }
      }
      await repo.clearMessageBodies(
        ctx.kysely,
        organisationId,
        new Date(now.getTime() - settings.messageBodyDays * 86_400_000),
        now,
      );
      await repo.deleteExpiredLinks(ctx.kysely, organisationId, now);
    } catch (err) {
      result.failed += 1;
      log.error({ step: 'retention', err }, 'retention: an organisation failed; tried again next sweep');
    }
  }
  try {
    // Sign-in sessions are better-auth's, which judges their expiry by the real clock: so do we.
    await repo.deleteExpiredSessions(ctx.kysely, new Date());
    await forgetExpiredIdempotencyKeys(ctx.kysely, now);
  } catch (err) {
    result.failed += 1;
    log.error(
      { step: 'retention', err },
      'retention: deleting expired sessions failed; tried again next sweep',
    );
  }
  if (anonymised > 0) await flushErasedPages(ctx.kysely);
  result.done = anonymised;
  return result;
}
