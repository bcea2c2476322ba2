// Retention, a step of the sweep (src/jobs/decision-clock-sweep.ts), after the talent network's
// expiries: per organisation, candidates whose time is up are anonymised (each claimed by one
// conditional update, so any number of workers do it exactly once), email bodies past their days are
// removed, and expired candidate links, invitations, staff sessions and API idempotency keys deleted. A legal hold pauses a candidate.
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
