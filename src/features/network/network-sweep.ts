// The talent network's steps in the daily sweep (src/jobs/decision-clock-sweep.ts): a candidate told
// "not progressing" who has not joined the network two weeks later is reminded of the invitation,
// once ever (`network-invite:<candidate>` in the nudge ledger); on a future-fit
// mark's re-engage date the manager is reminded (notification and email); a month before consent
// ends the member is asked once to renew (`reconsent:<candidate>:<expiry>` in the nudge ledger); at
// the end without renewal they leave the network (history kept). Each item is claimed in the same
// transaction as what it causes, so any number of workers do it exactly once.
import { DateTime } from 'luxon';
import { recordAudit } from '../audit/audit.repository.ts';
import { claimNudge } from '../decision-clock/nudges.repository.ts';
import type { StepResult, SweepContext, SweepLogger } from '../decision-clock/nudges.service.ts';
import { enqueue } from '../messages/outbox.ts';
import { personalPageUrl, sealedUnsubscribeUrl } from '../messages/sealed-links.ts';
import { insertNotification } from '../notifications/notifications.repository.ts';
import * as repo from './network.repository.ts';
import { consentMonthsOf, leaveNetwork } from './network.service.ts';

const batch = 500;
const dayMs = 86_400_000;
/** The invitation's one reminder goes this many days after the not-progressing email… */
export const invitationReminderDays = 14;
/** …and not to anyone told longer ago than this (so a first sweep does not write to old candidates). */
export const invitationReminderWindowDays = 60;

async function each<T>(
  items: readonly T[],
  step: string,
  log: SweepLogger,
  work: (item: T) => Promise<boolean>,
) {
  const result: StepResult = { done: 0, failed: 0 };
  for (const item of items) {
    try {
      if (await work(item)) result.done += 1;
    } catch (err) {
      result.failed += 1;
      log.error({ step, err }, 'talent network: a sweep item failed; it is tried again at the next sweep');
    }
  }
  return result;
}

/** The manager who marked a future fit, on its re-engage date: notification and email. */
export async function sendFutureFitReminders(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const today =
    DateTime.fromJSDate(now, { zone: 'Europe/London' }).toISODate() ?? now.toISOString().slice(0, 10);
  const rows = await repo.findFutureFitsToRemind(ctx.kysely, today, batch);
  return each(rows, 'future_fit_reminder', log, (row) =>
    ctx.kysely.transaction().execute(async (tx) => {
      if (!(await repo.markFutureFitReminded(tx, row.id, now))) return false;
      const key = `future-fit:${row.id}`;
      const path = `/network?reengage=1`;
      await insertNotification(
        tx,
        {
          organisationId: row.organisation_id,
          userId: row.manager_id!,
          kind: 'future_fit',
          title: `Get back in touch: ${row.name}`,
          body: `You marked ${row.name} as a future fit for ${row.for_role} after ${row.after}. Today is the day you chose to re-engage.`,
          linkPath: path,
          dedupeKey: key,
        },
        now,
      );
      await enqueue(tx, ctx, {
        organisationId: row.organisation_id,
        idempotencyKey: key,
        template: 'future_fit_reminder',
        to: { kind: 'member', userId: row.manager_id! },
        variables: {
          futureFit: {
            candidate: row.name,
            forRole: row.for_role,
            after: row.after,
            url: `${ctx.config.publicUrl}${path}`,
          },
        },
        createdBy: 'system',
      });
      return true;
    }),
  );
}

/** Candidates told "not progressing" two weeks ago who did not join: reminded once of the invitation. */
export async function sendInvitationReminders(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const until = new Date(now.getTime() - invitationReminderDays * dayMs);
  const from = new Date(now.getTime() - invitationReminderWindowDays * dayMs);
  const rows = await repo.candidatesToRemindOfInvitation(ctx.kysely, from, until, batch);
  return each(rows, 'network_invitation_reminder', log, (row) =>
    ctx.kysely.transaction().execute(async (tx) => {
      const key = `network-invite:${row.candidate_id}`;
      const claimed = await claimNudge(
        tx,
        {
          key,
          organisationId: row.organisation_id,
          kind: 'network_invitation_reminder',
          applicationId: row.application_id,
          subject: row.candidate_id,
        },
        now,
      );
      if (!claimed) return false;
      await enqueue(tx, ctx, {
        organisationId: row.organisation_id,
        idempotencyKey: key,
        template: 'talent_network_invitation',
        applicationId: row.application_id,
        to: { kind: 'candidate', candidateId: row.candidate_id },
        unsubscribeUrl: sealedUnsubscribeUrl(ctx.config.publicUrl),
        sealedLinks: [{ kind: 'network_unsubscribe', candidateId: row.candidate_id }],
        variables: {
          network: {
            joinUrl: personalPageUrl(ctx.config.publicUrl, '#h-network'),
            consentMonths: await consentMonthsOf(tx, row.organisation_id),
          },
        },
        createdBy: 'system',
      });
      return true;
    }),
  );
}

/** Members whose consent ends within a month, asked once to renew. */
export async function sendReconsentRequests(
  ctx: SweepContext,
  now: Date,
  log: SweepLogger,
): Promise<StepResult> {
  const until = new Date(now.getTime() + repo.expiringDays * dayMs);
  const rows = await repo.membersWhoseConsentEndsBetween(ctx.kysely, now, until, batch);
  return each(rows, 'reconsent', log, (row) =>
    ctx.kysely.transaction().execute(async (tx) => {
      const expiresAt = new Date(row.consent_expires_at).toISOString();
      const key = `reconsent:${row.candidate_id}:${expiresAt}`;
      const claimed = await claimNudge(
        tx,
        { key, organisationId: row.organisation_id, kind: 'network_reconsent', subject: row.candidate_id },
        now,
      );
      if (!claimed) return false;
      await enqueue(tx, ctx, {
        organisationId: row.organisation_id,
        idempotencyKey: key,
        template: 'reconsent',
        to: { kind: 'candidate', candidateId: row.candidate_id },
        unsubscribeUrl: sealedUnsubscribeUrl(ctx.config.publicUrl),
        sealedLinks: [{ kind: 'network_unsubscribe', candidateId: row.candidate_id }],
        variables: {
          consent: {
            expiresOn: DateTime.fromISO(expiresAt, { zone: 'Europe/London' }).toFormat('d LLLL yyyy'),
            renewUrl: personalPageUrl(ctx.config.publicUrl, '#h-network'),
          },
        },
        createdBy: 'system',
      });
      await repo.insertHistory(
        tx,
        row.organisation_id,
        row.candidate_id,
        { kind: 'reconsent_asked', summary: 'Asked to renew their consent before it ends' },
        now,
      );
      return true;
    }),
  );
}

/** Consent ended without renewal: the member leaves the network; their history stays. */
export async function expireMemberships(ctx: SweepContext, now: Date, log: SweepLogger): Promise<StepResult> {
  const rows = await repo.membersWhoseConsentEnded(ctx.kysely, now, batch);
  return each(rows, 'network_expiry', log, (row) =>
    ctx.kysely.transaction().execute(async (tx) => {
      if (!(await leaveNetwork(tx, row.organisation_id, row.candidate_id, 'expired', now))) return false;
      await recordAudit(
        tx,
        row.organisation_id,
        'system',
        {
          action: 'network.consent_expired',
          subjectType: 'candidate',
          subjectId: row.candidate_id,
          detail: {},
        },
        now,
      );
      return true;
    }),
  );
}
