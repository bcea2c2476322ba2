// The experience survey's step in the sweep (src/jobs/decision-clock-sweep.ts): once an application
// has closed and its candidate has been told, and the organisation's number of working days (default
// 2, on the venue's calendar) has passed, the candidate is asked once to rate their experience. A
// candidate who answered one of this organisation's surveys in the last six months is not asked
// again (the application is marked skipped). The ask is claimed in `survey_request` in the same
// transaction as its email, so any number of workers send it exactly once.
import { DateTime } from 'luxon';
import { addWorkingDays, localDateOf } from '../../domain/calendar.ts';
import type { StepResult, SweepContext, SweepLogger } from '../decision-clock/nudges.service.ts';
import { enqueue } from '../messages/outbox.ts';
import { personalPageUrl } from '../messages/sealed-links.ts';
import * as repo from './reputation.repository.ts';

const batch = 500;
/** Closures older than this are never surveyed (e.g. the history there was before this step). */
const lookBackDays = 45;
const answeredWithinMonths = 6;

export async function sendExperienceSurveys(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const since = new Date(now.getTime() - lookBackDays * 86_400_000);
  const rows = await repo.findSurveyCandidates(ctx.kysely, since, now, batch);
  const result: StepResult = { done: 0, failed: 0 };
  const closuresOf = new Map<string, string[]>();
  for (const row of rows) {
    try {
      let closures = closuresOf.get(row.organisationId);
      if (!closures) {
        closures = await repo.organisationClosures(ctx.kysely, row.organisationId);
        closuresOf.set(row.organisationId, closures);
      }
      const calendar = { ...row.calendar, closures };
      const toldOn = localDateOf(new Date(row.toldAt), calendar.timezone);
      const dueOn = addWorkingDays(calendar, toldOn, row.surveyWorkingDays);
      if (localDateOf(now, calendar.timezone) < dueOn) continue;
      const sent = await ctx.kysely.transaction().execute(async (tx) => {
        const answeredAfter = DateTime.fromJSDate(now).minus({ months: answeredWithinMonths }).toJSDate();
        const recently = await repo.answeredSince(tx, row.organisationId, row.candidateId, answeredAfter);
        const claimed = await repo.claimSurveyRequest(
          tx,
          row.organisationId,
          row.applicationId,
          recently ? 'skipped' : 'sent',
          now,
        );
        if (!claimed || recently) return false;
        await enqueue(tx, ctx, {
          organisationId: row.organisationId,
          idempotencyKey: `experience-survey:${row.applicationId}`,
          template: 'experience_survey',
          applicationId: row.applicationId,
          variables: { survey: { url: personalPageUrl(ctx.config.publicUrl, `#app-${row.applicationId}`) } },
          createdBy: 'system',
        });
        return true;
      });
      if (sent) result.done += 1;
    } catch (err) {
      result.failed += 1;
      log.error(
        { step: 'experience_survey', err },
        'experience survey: an ask failed; tried again next sweep',
      );
    }
  }
  return result;
}
