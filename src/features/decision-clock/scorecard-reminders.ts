// The one-click scorecard reminder from the Decisions queue: every interviewer who still owes a
// scorecard for the application is emailed and notified, at most once a day per scorecard.
import type { AppContext } from '../../app-context.ts';
import { localDateOf } from '../../domain/calendar.ts';
import { formatLocalDate } from '../../domain/decision-clock.ts';
import { stageLabels } from '../../domain/lifecycle.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { findApplication, owedScorecards, undecidedStages } from '../applications/applications.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { enqueue } from '../messages/outbox.ts';
import { insertNotification } from '../notifications/notifications.repository.ts';
import type { ScorecardReminders } from './decision-clock.schema.ts';
import { applicationPath, appUrl } from './decision-clock.service.ts';
import { findInterviewFacts } from './nudges.repository.ts';

export async function remindOwedScorecards(
  ctx: AppContext,
  organisationId: string,
  applicationId: string,
  actor: Actor,
): Promise<ScorecardReminders> {
  const now = ctx.now();
  return ctx.kysely.transaction().execute(async (tx) => {
    const application = await findApplication(tx, organisationId, applicationId, now);
    if (!application) throw notFound('Application');
    if (!(undecidedStages as readonly string[]).includes(application.stage)) {
      throw new AppError(
        'conflict',
        `Nobody is chased for a scorecard once there is an outcome: this application is ${stageLabels[application.stage].toLowerCase()}`,
      );
    }
    const owed = (await owedScorecards(tx, organisationId, [applicationId], now)).get(applicationId) ?? [];
    if (owed.length === 0) throw new AppError('conflict', 'Every scorecard is in: there is nobody to remind');
    const facts = await findInterviewFacts(tx, [...new Set(owed.map((s) => s.interviewId))]);
    const reminders: ScorecardReminders['reminders'] = [];
    for (const s of owed) {
      const interview = facts.get(s.interviewId);
      const timezone = interview?.calendar.timezone ?? 'Europe/London';
      const today = localDateOf(now, timezone);
      const date = formatLocalDate(localDateOf(new Date(interview?.startsAt ?? s.since), timezone));
      // One manual reminder a day per scorecard: a second click the same day reports the first one.
      const key = `scorecard-reminder:manual:${s.interviewId}:${s.interviewerId}:${today}`;
      const path = applicationPath(applicationId);
      const sent = await enqueue(tx, ctx, {
        organisationId,
        idempotencyKey: key,
        template: 'scorecard_reminder',
        to: { kind: 'member', userId: s.interviewerId },
        applicationId,
        send: 'team_hours',
        variables: { interview: { date }, scorecard: { url: appUrl(ctx, path) } },
        createdBy: actor,
      });
      if (sent.created) {
        await insertNotification(
          tx,
          {
            organisationId,
            userId: s.interviewerId,
            kind: 'scorecard_reminder',
            title: `Scorecard needed: ${application.candidate.name}`,
            body: `Your scorecard for the interview on ${date} isn't in yet. The hiring manager is waiting to decide.`,
            linkPath: path,
            dedupeKey: key,
          },
          now,
        );
      }
      reminders.push({
        interviewId: s.interviewId,
        interviewerId: s.interviewerId,
        interviewerName: s.interviewerName,
        messageId: sent.id,
        sendAfter: sent.sendAfter,
        alreadyRemindedToday: !sent.created,
      });
    }
    await recordAudit(
      tx,
      organisationId,
      actor,
      {
        action: 'application.scorecards_reminded',
        subjectType: 'application',
        subjectId: applicationId,
        detail: { interviewers: owed.map((s) => s.interviewerId) },
      },
      now,
    );
    return { reminders };
  });
}
