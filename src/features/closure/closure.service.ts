// Decisions, closure (how the candidate was told), "close the rest", the closure report and the
// candidate timeline. A state change and the email it causes commit in one transaction.

import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import type { ToldVia } from '../../db/schema-closure.ts';
import { localDateOf, workingDaysBetween } from '../../domain/calendar.ts';
import { outcomeStages, type Stage, stageLabels, transitionProblem } from '../../domain/lifecycle.ts';
import { defaultScreeningChoice, type ScreeningCriterion, screeningText } from '../../domain/screening.ts';
import { describeSendTime } from '../../domain/send-time.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import * as applications from '../applications/applications.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findCandidate } from '../candidates/candidates.repository.ts';
import {
  type FeedbackContextRow,
  findFeedback,
  findFeedbackContexts,
} from '../feedback/feedback.repository.ts';
import { approvedFeedbackFor, feedbackService } from '../feedback/feedback.service.ts';
import { findSendTimes } from '../messages/messages.repository.ts';
import { enqueue } from '../messages/outbox.ts';
import { thankReferrersOnHire } from '../referrals/referrals.service.ts';
import { emitEvent, type WebhookEventType } from '../webhooks/webhooks.events.ts';
import * as repo from './closure.repository.ts';
import type {
  ApproveManyResult,
  ClosureReport,
  ComposeRequest,
  DecisionRequest,
  DecisionResponse,
  QueueItem,
  QueueItemPatch,
  ScreeningChoiceInput,
  SendAgainRequest,
  SendRequest,
  SendResult,
  TimelineEvent,
  ToldRequest,
} from './closure.schema.ts';
import { composeScreening, describeErrors, screeningCriteriaOf } from './screening.ts';
import { buildTimeline } from './timeline.ts';
import { toldTimeProblem } from './told-time.ts';

export const approveFeedbackFirst = 'Approve the feedback first';

const chaseScorecards = (name: string) =>
  `${name} has been interviewed but no scorecard has been submitted: chase the scorecards so the feedback can be composed from them, or decide without them with a screening reason and a withoutScorecardsNote saying why (audited)`;
const screeningFirst = (name: string) =>
  `${name} has not been interviewed, so there is no feedback from scorecards: give a screening reason from the role's requirements (screening.reasons; see GET /api/v1/roles/{id}/screening-reasons)`;

const movedMeanwhile = (from: Stage) =>
  new AppError(
    'conflict',
    `This application has just left ${stageLabels[from].toLowerCase()}: reload it and try again`,
  );

async function move(
  tx: Kysely<Database>,
  organisationId: string,
  id: string,
  from: Stage,
  to: Stage,
  actor: Actor | 'system',
  now: Date,
  action = 'application.stage_changed',
  detail: Record<string, unknown> = {},
): Promise<void> {
  const stays = from === to;
  if (!stays && !(await applications.updateApplicationStage(tx, organisationId, id, from, to, now))) {
    throw movedMeanwhile(from);
  }
  await recordAudit(
    tx,
    organisationId,
    actor,
    { action, subjectType: 'application', subjectId: id, detail: { from, to, ...detail } },
    now,
  );
  const event = movedEvents[action];
  if (event) await emitEvent(tx, organisationId, event, { applicationId: id, from, to }, now);
}
/** The webhook event each kind of move emits. */
const movedEvents: Record<string, WebhookEventType> = {
  'application.decision': 'decision.made',
  'application.closed': 'application.closed',
  'application.stage_changed': 'application.stage_changed',
};

/** Decision emails that can be sent again once cancelled or failed (nothing reached the candidate). */
const resendableStatuses = ['cancelled', 'failed'];

/** The variables each decision email adds to the common ones, to send the same again. */
const decisionExtras = {
  offer: 'offer',
  not_progressing: 'feedback',
  not_progressing_screening: 'screening',
} as const;
type DecisionTemplate = keyof typeof decisionExtras;

/**
 * The idempotency key of a decision's next email: the first is `decision:<outcome>:<id>` (so a
 * decision made twice at once writes one), each replacement after a cancellation `…:attempt-<n>`.
 */
async function nextDecisionKey(
  tx: Kysely<Database>,
  organisationId: string,
  id: string,
  outcome: 'offer' | 'not_progressing',
): Promise<string> {
  const base = `decision:${outcome}:${id}`;
  const written = await repo.countDecisionAttempts(tx, organisationId, id, base);
  return written === 0 ? base : `${base}:attempt-${written + 1}`;
}

/** What a batch of decisions reads once for all (the role's criteria, each application's check context). */
interface Known {
  criteria?: ScreeningCriterion[];
  contexts?: Map<string, FeedbackContextRow>;
}

/** Outcome stages an application closes from once the candidate has been told. */
const closableStages: readonly Stage[] = outcomeStages;

export function closureService(ctx: AppContext) {
  const feedback = feedbackService(ctx);

  /**
   * Not progressing: with approved feedback once an interview has been scored; with a screening
   * reason before that (an interviewed candidate without scorecards needs a note saying why).
   */
  async function notProgressingIn(
    tx: Kysely<Database>,
    organisationId: string,
    facts: repo.ClosureFacts,
    input: Extract<DecisionRequest, { outcome: 'not_progressing' }>,
    actor: Actor,
    now: Date,
    detail: Record<string, unknown>,
    replacing: boolean,
    known: Known = {},
  ): Promise<string> {
    const id = facts.id;
    const decided = (more: Record<string, unknown>) =>
      replacing
        ? recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'application.decision_email_replaced',
              subjectType: 'application',
              subjectId: id,
              detail: { ...detail, ...more },
            },
            now,
          )
        : move(tx, organisationId, id, facts.stage, 'not_progressing', actor, now, 'application.decision', {
            ...detail,
            ...more,
          });
    const interview = (await repo.listInterviewFacts(tx, organisationId, [id], now)).get(id)!;
    const interviewed = interview.lastInterviewEndedAt !== null;
    const send = input.sendAt === 'now' ? 'now' : 'window';
    if (!input.screening) {
      const approved = await approvedFeedbackFor(tx, organisationId, id);
      if (!approved) {
        if (interview.submittedScorecards > 0) throw new AppError('conflict', approveFeedbackFirst);
        throw new AppError(
          'conflict',
          interviewed ? chaseScorecards(facts.candidateName) : screeningFirst(facts.candidateName),
          { field: 'screening' },
        );
      }
      await decided({ feedbackId: approved.feedbackId });
      const sent = await enqueue(tx, ctx, {
        organisationId,
        idempotencyKey: await nextDecisionKey(tx, organisationId, id, 'not_progressing'),
        template: 'not_progressing',
        variables: { feedback: approved.variables },
        applicationId: id,
        send,
        createdBy: actor,
      });
      return sent.id;
    }
    if (interview.submittedScorecards > 0) {
      throw new AppError(
        'conflict',
        `${facts.candidateName}'s interview has been scored: send feedback from the scorecards instead (draft it, approve it, then decide without "screening")`,
        { field: 'screening' },
      );
    }
    if (interviewed && !input.withoutScorecardsNote) {
      throw new AppError('conflict', chaseScorecards(facts.candidateName), {
        field: 'withoutScorecardsNote',
      });
    }
    const criteria = known.criteria ?? (await screeningCriteriaOf(tx, organisationId, facts.roleId));
    const composed = await composeScreening(
      tx,
      organisationId,
      id,
      criteria,
      input.screening,
      interviewed,
      known.contexts?.get(id),
    );
    if (!composed.check.pass) {
      throw new AppError(
        'validation_failed',
        `screening: the message does not pass the feedback check. ${describeErrors(composed.check)}`,
        { field: 'screening' },
      );
    }
    await decided({
      screening: input.screening.reasons.map((r) => r.criterionKey),
      checkScore: composed.check.score,
    });
    if (interviewed) {
      await recordAudit(
        tx,
        organisationId,
        actor,
        {
          action: 'decision.without_scorecards',
          subjectType: 'application',
          subjectId: id,
          detail: { note: input.withoutScorecardsNote, lastInterviewEndedAt: interview.lastInterviewEndedAt },
        },
        now,
      );
    }
    const sent = await enqueue(tx, ctx, {
      organisationId,
      idempotencyKey: await nextDecisionKey(tx, organisationId, id, 'not_progressing'),
      template: 'not_progressing_screening',
      variables: { screening: composed.variables },
      applicationId: id,
      send,
      createdBy: actor,
    });
    return sent.id;
  }

  /** The decision inside `tx`: the stage, the outcome, and the email it causes. */
  async function decideIn(
    tx: Kysely<Database>,
    organisationId: string,
    id: string,
    input: DecisionRequest,
    actor: Actor,
    now: Date,
    known: Known = {},
  ): Promise<string | null> {
    const facts = await repo.findClosureFacts(tx, organisationId, id);
    if (!facts) throw notFound('Application');
    const from = facts.stage;
    const to: Stage = input.outcome;
    const detail: Record<string, unknown> = { outcome: to };
    if (input.outcome === 'offer' && !['interviewing', 'awaiting_decision', 'offer'].includes(from)) {
      throw new AppError(
        'invalid_transition',
        `An offer follows an interview: this application is ${stageLabels[from].toLowerCase()}`,
        { field: 'outcome' },
      );
    }
    // The same decision again after its email was cancelled (or failed): a fresh email replaces it.
    const latest =
      from === to && (to === 'offer' || to === 'not_progressing') && !facts.toldAt
        ? await repo.findLatestDecisionEmail(tx, organisationId, id)
        : undefined;
    const replacing = latest !== undefined && resendableStatuses.includes(latest.status);
    if (replacing) detail.replaces = latest.id;
    // Already at this outcome with no email (a stage-only PATCH): the decision then only tells.
    if (from === to && !replacing && !(await applications.isToTell(tx, organisationId, id))) {
      throw new AppError(
        'invalid_transition',
        `This application is already ${stageLabels[from].toLowerCase()}`,
        {
          field: 'outcome',
        },
      );
    }
    const problem = transitionProblem(from, to);
    if (problem) throw new AppError('invalid_transition', problem, { field: 'outcome' });

    let messageId: string | null = null;
    if (input.outcome === 'not_progressing') {
      messageId = await notProgressingIn(
        tx,
        organisationId,
        facts,
        input,
        actor,
        now,
        detail,
        replacing,
        known,
      );
    } else if (input.outcome === 'offer') {
      if (replacing) {
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'application.decision_email_replaced',
            subjectType: 'application',
            subjectId: id,
            detail,
          },
          now,
        );
      } else await move(tx, organisationId, id, from, to, actor, now, 'application.decision', detail);
      const sent = await enqueue(tx, ctx, {
        organisationId,
        idempotencyKey: await nextDecisionKey(tx, organisationId, id, 'offer'),
        template: 'offer',
        variables: {
          offer: {
            startDate: 'to be agreed with you',
            salary: 'as advertised for the role',
            respondBy: 'within five working days, if you can',
            details: input.message ?? 'The contract and a welcome pack will follow by email once you accept.',
          },
        },
        applicationId: id,
        send: 'window',
        createdBy: actor,
      });
      messageId = sent.id;
    } else {
      // hired / offer declined: the candidate answered the offer; withdrawn: the candidate told us.
      const note = 'note' in input ? (input.note ?? null) : null;
      await move(tx, organisationId, id, from, to, actor, now, 'application.decision', detail);
      const via: ToldVia = input.outcome === 'withdrawn' ? 'candidate_withdrew' : 'candidate_response';
      await repo.markTold(tx, organisationId, id, { at: now, via, note }, now);
      await recordAudit(
        tx,
        organisationId,
        actor,
        { action: 'application.told', subjectType: 'application', subjectId: id, detail: { via } },
        now,
      );
      await move(tx, organisationId, id, to, 'closed', actor, now, 'application.closed', { via });
      // A referred colleague hired: their referrers are thanked (once each).
      if (input.outcome === 'hired') await thankReferrersOnHire(tx, ctx, organisationId, id, now);
    }
    await repo.setOutcome(tx, organisationId, id, to, now);
    return messageId;
  }

  /** When each of these emails leaves, as a time and in words (read once the change has committed). */
  async function sendTimesOf(
    organisationId: string,
    messageIds: readonly string[],
    now: Date,
  ): Promise<Map<string, { sendAfter: string; sendAfterText: string }>> {
    const times = await findSendTimes(ctx.kysely, organisationId, messageIds);
    return new Map(
      [...times].map(([id, t]) => [
        id,
        { sendAfter: t.sendAfter, sendAfterText: describeSendTime(new Date(t.sendAfter), now, t.window) },
      ]),
    );
  }

  async function withSendTime(
    organisationId: string,
    response: Omit<DecisionResponse, 'sendAfter' | 'sendAfterText'>,
    now: Date,
  ): Promise<DecisionResponse> {
    const time = response.messageId
      ? (await sendTimesOf(organisationId, [response.messageId], now)).get(response.messageId)
      : undefined;
    return { ...response, sendAfter: time?.sendAfter ?? null, sendAfterText: time?.sendAfterText ?? null };
  }

  async function decide(
    organisationId: string,
    id: string,
    input: DecisionRequest,
    actor: Actor,
  ): Promise<DecisionResponse> {
    const now = ctx.now();
    const decided = await ctx.kysely.transaction().execute(async (tx) => {
      const messageId = await decideIn(tx, organisationId, id, input, actor, now);
      const application = (await applications.findApplication(tx, organisationId, id, now))!;
      return { ...application, messageId };
    });
    return withSendTime(organisationId, decided, now);
  }

  async function queueOf(organisationId: string, roleId: string): Promise<QueueItem[]> {
    const rows = await repo.listQueue(ctx.kysely, organisationId, roleId);
    return rows.map(queueItemOf);
  }

  async function requireRole(organisationId: string, roleId: string) {
    const role = await repo.roleExists(ctx.kysely, organisationId, roleId);
    if (!role) throw notFound('Role');
    return role;
  }

  /** The cancelled (or failed) decision email, sent again as it was: a fresh email, a new key. */
  async function sendAgain(
    organisationId: string,
    id: string,
    input: SendAgainRequest,
    actor: Actor,
  ): Promise<DecisionResponse> {
    const now = ctx.now();
    const resent = await ctx.kysely.transaction().execute(async (tx) => {
      const facts = await repo.findClosureFacts(tx, organisationId, id);
      if (!facts) throw notFound('Application');
      const latest = await repo.findLatestDecisionEmail(tx, organisationId, id);
      if (!latest || !(latest.templateKey in decisionExtras)) {
        throw new AppError(
          'conflict',
          'This application has no decision email to send again: record the decision',
        );
      }
      const template = latest.templateKey as DecisionTemplate;
      const outcome = template === 'offer' ? 'offer' : 'not_progressing';
      if (facts.toldAt || facts.stage !== outcome) {
        throw new AppError(
          'conflict',
          `${facts.candidateName} is ${facts.toldAt ? 'already told' : stageLabels[facts.stage].toLowerCase()}: there is no decision email to send again`,
        );
      }
      if (!resendableStatuses.includes(latest.status)) {
        throw new AppError(
          'conflict',
          `The decision email is ${latest.status === 'sent' ? 'already sent' : `still ${latest.status}`}: only a cancelled or failed one is sent again`,
        );
      }
      const extraKey = decisionExtras[template];
      const context = JSON.parse(latest.variables) as Record<string, unknown>;
      // Retention or an erasure empties an old email's content: there is nothing left to send again.
      if (typeof context[extraKey] !== 'object' || context[extraKey] === null) {
        throw new AppError(
          'conflict',
          'The decision email’s content has been removed (retention or erasure): record the decision again to write a new one',
        );
      }
      const sent = await enqueue(tx, ctx, {
        organisationId,
        idempotencyKey: await nextDecisionKey(tx, organisationId, id, outcome),
        template,
        variables: { [extraKey]: context[extraKey] } as never,
        applicationId: id,
        send: input?.sendAt === 'now' ? 'now' : 'window',
        createdBy: actor,
      });
      await recordAudit(
        tx,
        organisationId,
        actor,
        {
          action: 'application.decision_email_resent',
          subjectType: 'application',
          subjectId: id,
          detail: { template, replaces: latest.id, messageId: sent.id },
        },
        now,
      );
      const application = (await applications.findApplication(tx, organisationId, id, now))!;
      return { ...application, messageId: sent.id };
    });
    return withSendTime(organisationId, resent, now);
  }

  /** The open applications close the rest will compose for (checked: the selection, offers out). */
  async function planCloseTheRest(
    organisationId: string,
    roleId: string,
    input: ComposeRequest,
  ): Promise<string[]> {
    await requireRole(organisationId, roleId);
    if (!input?.confirmOffersOut) {
      const offers = await repo.offersOut(ctx.kysely, organisationId, roleId);
      if (offers.offers > 0 && !offers.hired) {
        throw new AppError(
          'conflict',
          `This role has ${offers.offers === 1 ? 'an offer' : `${offers.offers} offers`} out and nobody hired yet: if the offer is declined you may want one of these candidates. Close the rest anyway with { "confirmOffersOut": true }.`,
          { field: 'confirmOffersOut' },
        );
      }
    }
    let undecided = (await repo.listUndecided(ctx.kysely, organisationId, roleId)).map((r) => r.id);
    if (input?.applicationIds) {
      const open = new Set(undecided);
      const foreign = input.applicationIds.filter((id) => !open.has(id));
      if (foreign.length > 0) {
        throw invalidField(
          'applicationIds',
          `Not an open application of this role (already decided, or another role's): ${foreign.join(', ')}`,
        );
      }
      const chosen = new Set(input.applicationIds);
      undecided = undecided.filter((id) => chosen.has(id));
    }
    return undecided;
  }

  /**
   * Composes the review-queue item of each of `ids` (open applications of the role): feedback from
   * the scorecards once an interview has been scored, otherwise a screening reason (checked). Work
   * already in the queue (an edited draft, an approved feedback, an edited screening item) is kept.
   */
  async function composeSome(
    organisationId: string,
    roleId: string,
    undecided: readonly string[],
    actor: Actor,
  ): Promise<void> {
    const now = ctx.now();
    const interviews = await repo.listInterviewFacts(ctx.kysely, organisationId, undecided, now);
    const existing = new Map(
      (await repo.listQueue(ctx.kysely, organisationId, roleId, undecided)).map((r) => [r.applicationId, r]),
    );
    // The check's context of every screening item to compose, read at once rather than one by one.
    const toScreen = undecided.filter((id) => {
      const interview = interviews.get(id)!;
      const kind = interview.lastInterviewEndedAt !== null ? 'without_scorecards' : 'screening';
      const kept = existing.get(id);
      return interview.submittedScorecards === 0 && !(kept && kept.kind === kind && kept.screening);
    });
    const contexts = await findFeedbackContexts(ctx.kysely, organisationId, toScreen);
    let criteria: ScreeningCriterion[] | undefined;
    for (const id of undecided) {
      const interview = interviews.get(id)!;
      const kept = existing.get(id);
      if (interview.submittedScorecards > 0) {
        let problem: string | null = null;
        // Existing feedback (a draft someone may have edited, or approved) is kept as it is.
        const current = await findFeedback(ctx.kysely, organisationId, id);
        if (!current) {
          try {
            await feedback.draft(organisationId, id, null, actor);
          } catch (err) {
            if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
            problem = err.message;
          }
        }
        await repo.upsertQueueItem(
          ctx.kysely,
          organisationId,
          { roleId, applicationId: id, kind: 'feedback', problem, screening: null, checkResult: null },
          now,
        );
      } else {
        const kind = interview.lastInterviewEndedAt !== null ? 'without_scorecards' : 'screening';
        if (kept && kept.kind === kind && kept.screening) {
          continue;
        }
        criteria ??= await screeningCriteriaOf(ctx.kysely, organisationId, roleId);
        const reasons = defaultScreeningChoice(criteria);
        if (reasons.length === 0) {
          await repo.upsertQueueItem(
            ctx.kysely,
            organisationId,
            {
              roleId,
              applicationId: id,
              kind,
              problem:
                'The role assesses no criteria, so there is no ready-made reason: edit the item with your own reason',
              screening: null,
              checkResult: null,
            },
            now,
          );
        } else {
          const choice: ScreeningChoiceInput = { reasons };
          const composed = await composeScreening(
            ctx.kysely,
            organisationId,
            id,
            criteria,
            choice,
            kind === 'without_scorecards',
            contexts.get(id),
          );
          await repo.upsertQueueItem(
            ctx.kysely,
            organisationId,
            {
              roleId,
              applicationId: id,
              kind,
              problem: screeningProblem(kind, composed.check, null),
              screening: JSON.stringify(choice),
              checkResult: JSON.stringify({ ...composed.check, text: screeningText(composed.variables) }),
            },
            now,
          );
        }
      }
    }
  }

  /**
   * The review-queue items send will decide, in the queue's order (refused while some are not ready,
   * unless only the ready ones are asked for; those not ready are then reported as skipped).
   */
  async function planSend(organisationId: string, roleId: string, input: SendRequest): Promise<string[]> {
    await requireRole(organisationId, roleId);
    const queue = (await repo.listQueue(ctx.kysely, organisationId, roleId)).map(queueItemOf);
    const waiting = queue.filter((q) => !q.ready);
    if (waiting.length > 0 && !input?.onlyApproved) {
      throw new AppError(
        'conflict',
        `Approve what needs approving first, or send only the ready ones ({ "onlyApproved": true }). Not ready: ${waiting
          .map((q) => `${q.candidate.name} (${q.problem ?? `feedback ${q.feedbackStatus}`})`)
          .join(', ')}`,
      );
    }
    return queue.map((q) => q.applicationId);
  }

  /**
   * The not-progressing decision for each of `ids` that is ready in the review queue, each with its
   * email (each in its own transaction; inside a job's step, in the step's).
   */
  async function sendSome(
    organisationId: string,
    roleId: string,
    ids: readonly string[],
    actor: Actor,
  ): Promise<SendResult> {
    const rows = new Map(
      (await repo.listQueue(ctx.kysely, organisationId, roleId, ids)).map((r) => [r.applicationId, r]),
    );
    // What every screening decision of the batch reads alike, read once: the role's criteria and the
    // check's context of each application (decided in the loop below, so read before it).
    const screened = ids.filter((id) => rows.has(id) && rows.get(id)!.kind !== 'feedback');
    const known: Known =
      screened.length > 0
        ? {
            criteria: await screeningCriteriaOf(ctx.kysely, organisationId, roleId),
            contexts: await findFeedbackContexts(ctx.kysely, organisationId, screened),
          }
        : {};
    const results: SendResult['results'] = [];
    const messages = new Map<string, string>();
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) {
        results.push({ applicationId: id, status: 'skipped', reason: 'no longer in the review queue' });
        continue;
      }
      const item = queueItemOf(row);
      if (!item.ready) {
        results.push({
          applicationId: id,
          status: 'skipped',
          reason: item.kind === 'feedback' ? 'feedback not approved' : (item.problem ?? 'not ready'),
        });
        continue;
      }
      const decision: DecisionRequest =
        row.kind === 'feedback'
          ? { outcome: 'not_progressing' }
          : {
              outcome: 'not_progressing',
              screening: JSON.parse(row.screening!) as ScreeningChoiceInput,
              ...(row.withoutScorecardsNote !== null && {
                withoutScorecardsNote: row.withoutScorecardsNote,
              }),
            };
      try {
        const now = ctx.now();
        const messageId = await ctx.kysely.transaction().execute(async (tx) => {
          const sent = await decideIn(tx, organisationId, id, decision, actor, now, known);
          await repo.removeQueueItem(tx, organisationId, id);
          return sent;
        });
        if (messageId) messages.set(id, messageId);
        results.push({ applicationId: id, status: 'queued' });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ applicationId: id, status: 'skipped', reason: err.message });
      }
    }
    const times = await sendTimesOf(organisationId, [...messages.values()], ctx.now());
    return {
      results: results.map((r) => {
        const time = times.get(messages.get(r.applicationId) ?? '');
        return time ? { ...r, ...time } : r;
      }),
    };
  }

  return {
    decide,
    sendAgain,

    /** Logs that the candidate was told by call or meeting; the application closes. */
    async told(organisationId: string, id: string, input: ToldRequest, actor: Actor) {
      const now = ctx.now();
      const at = new Date((input.toldAt ?? input.at)!);
      return ctx.kysely.transaction().execute(async (tx) => {
        const facts = await repo.findClosureFacts(tx, organisationId, id);
        if (!facts) throw notFound('Application');
        if (!closableStages.includes(facts.stage)) {
          throw new AppError(
            'invalid_transition',
            `Record how the candidate was told once there is an outcome (hired, offer declined, not progressing or withdrawn); this application is ${stageLabels[facts.stage].toLowerCase()}`,
          );
        }
        const problem = await toldTimeProblem(tx, organisationId, facts, at, now);
        if (problem) throw invalidField('toldAt', problem);
        await repo.markTold(tx, organisationId, id, { at, via: input.via, note: input.note }, now);
        // An outcome reached by a stage change rather than a decision is kept for the report.
        if (!facts.outcome) await repo.setOutcome(tx, organisationId, id, facts.stage, now);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'application.told',
            subjectType: 'application',
            subjectId: id,
            detail: { via: input.via, at: at.toISOString() },
          },
          now,
        );
        await move(tx, organisationId, id, facts.stage, 'closed', actor, now, 'application.closed', {
          via: input.via,
        });
        return (await applications.findApplication(tx, organisationId, id, now))!;
      });
    },

    /**
     * Composes what every open application of the role (or the selected ones) will receive into
     * the review queue: feedback from the scorecards once an interview has been scored, otherwise
     * a screening reason from the role's requirements (checked). Work already in the queue (an
     * edited draft, an approved feedback, an edited screening item) is kept as it is.
     */
    async closeTheRest(
      organisationId: string,
      roleId: string,
      input: ComposeRequest,
      actor: Actor,
    ): Promise<QueueItem[]> {
      const ids = await planCloseTheRest(organisationId, roleId, input);
      await composeSome(organisationId, roleId, ids, actor);
      return queueOf(organisationId, roleId);
    },

    planCloseTheRest,
    composeSome,

    /** The ids of the role's open applications (not yet decided). */
    async openApplicationsOf(organisationId: string, roleId: string): Promise<string[]> {
      return (await repo.listUndecided(ctx.kysely, organisationId, roleId)).map((r) => r.id);
    },
    async queue(organisationId: string, roleId: string): Promise<QueueItem[]> {
      await requireRole(organisationId, roleId);
      return queueOf(organisationId, roleId);
    },

    /** Edits a screening (or without-scorecards) item in place: other reasons, a note; checked again. */
    async editItem(
      organisationId: string,
      roleId: string,
      applicationId: string,
      input: QueueItemPatch,
      actor: Actor,
    ): Promise<QueueItem> {
      await requireRole(organisationId, roleId);
      const item = (await repo.listQueue(ctx.kysely, organisationId, roleId)).find(
        (r) => r.applicationId === applicationId,
      );
      if (!item) throw notFound('Queue item');
      if (item.kind === 'feedback') {
        throw new AppError(
          'conflict',
          `${item.candidateName}'s interview has been scored: edit the feedback (PUT /api/v1/applications/{id}/feedback) instead`,
          { field: 'screening' },
        );
      }
      if (item.kind === 'screening' && input.withoutScorecardsNote) {
        throw invalidField('withoutScorecardsNote', `${item.candidateName} has not been interviewed`);
      }
      const criteria = await screeningCriteriaOf(ctx.kysely, organisationId, roleId);
      const composed = await composeScreening(
        ctx.kysely,
        organisationId,
        applicationId,
        criteria,
        input.screening,
        item.kind === 'without_scorecards',
      );
      const note = input.withoutScorecardsNote ?? item.withoutScorecardsNote;
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        await repo.updateQueueItem(
          tx,
          organisationId,
          applicationId,
          {
            screening: JSON.stringify(input.screening),
            checkResult: JSON.stringify({ ...composed.check, text: screeningText(composed.variables) }),
            withoutScorecardsNote: note,
            problem: screeningProblem(item.kind, composed.check, note),
          },
          now,
        );
        if (input.withoutScorecardsNote) {
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'closure.without_scorecards_note',
              subjectType: 'application',
              subjectId: applicationId,
              detail: { note: input.withoutScorecardsNote },
            },
            now,
          );
        }
      });
      const updated = (await repo.listQueue(ctx.kysely, organisationId, roleId)).find(
        (r) => r.applicationId === applicationId,
      )!;
      return queueItemOf(updated);
    },

    /** Approves many items at once: feedback drafts as feedback/approve does, screening items in the queue. */
    async approveMany(
      organisationId: string,
      roleId: string,
      applicationIds: readonly string[],
      actor: Actor,
    ): Promise<ApproveManyResult> {
      await requireRole(organisationId, roleId);
      const rows = new Map(
        (await repo.listQueue(ctx.kysely, organisationId, roleId)).map((r) => [r.applicationId, r]),
      );
      const results: ApproveManyResult['results'] = [];
      for (const id of applicationIds) {
        const row = rows.get(id);
        if (!row) {
          results.push({ applicationId: id, status: 'refused', reason: "Not in this role's review queue" });
          continue;
        }
        const item = queueItemOf(row);
        if (row.kind === 'feedback') {
          if (row.feedbackStatus === null) {
            results.push({ applicationId: id, status: 'refused', reason: item.problem ?? 'No feedback' });
            continue;
          }
          try {
            await feedback.approve(organisationId, id, null, actor);
            results.push({ applicationId: id, status: 'approved' });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            results.push({ applicationId: id, status: 'refused', reason: err.message });
          }
          continue;
        }
        const check = row.queueCheckResult ? (JSON.parse(row.queueCheckResult) as { pass: boolean }) : null;
        if (!check?.pass || (row.kind === 'without_scorecards' && !row.withoutScorecardsNote)) {
          results.push({ applicationId: id, status: 'refused', reason: item.problem ?? 'Not ready' });
          continue;
        }
        const now = ctx.now();
        await ctx.kysely.transaction().execute(async (tx) => {
          await repo.approveQueueItem(tx, organisationId, id, actorId(actor), now);
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'closure.item_approved',
              subjectType: 'application',
              subjectId: id,
              detail: { kind: row.kind },
            },
            now,
          );
        });
        results.push({ applicationId: id, status: 'approved' });
      }
      return { results, queue: await queueOf(organisationId, roleId) };
    },

    /** The not-progressing decision for every ready item; each in its own transaction with its email. */
    async sendTheRest(
      organisationId: string,
      roleId: string,
      input: SendRequest,
      actor: Actor,
    ): Promise<SendResult> {
      const ids = await planSend(organisationId, roleId, input);
      return sendSome(organisationId, roleId, ids, actor);
    },

    planSend,
    sendSome,

    async report(organisationId: string, roleId: string): Promise<ClosureReport> {
      const role = await repo.findRoleCalendar(ctx.kysely, organisationId, roleId);
      if (!role) throw notFound('Role');
      const rows = await repo.listReportRows(ctx.kysely, organisationId, roleId);
      const network = await repo.networkStatuses(
        ctx.kysely,
        organisationId,
        rows.map((r) => r.candidate_id),
        ctx.now(),
      );
      return {
        role: { id: roleId, title: role.title },
        rows: rows.map((r) => {
          const told = r.told_at ? new Date(r.told_at) : null;
          const lastInterview = r.last_interview_ended_at ? new Date(r.last_interview_ended_at) : null;
          const check = r.check_result ? (JSON.parse(r.check_result) as { score: number }) : null;
          return {
            applicationId: r.id,
            name: r.name,
            outcome: repo.outcomeOf(r.stage as Stage, r.outcome),
            told: told !== null,
            toldOn: told ? localDateOf(told, role.calendar.timezone) : null,
            toldVia: (r.told_via as ToldVia | null) ?? null,
            workingDaysToTold:
              told && lastInterview ? workingDaysBetween(role.calendar, lastInterview, told) : null,
            feedbackCheckScore: check ? check.score : null,
            networkStatus: network.get(r.candidate_id) ?? 'not asked',
          };
        }),
      };
    },

    async timeline(organisationId: string, candidateId: string): Promise<TimelineEvent[]> {
      if (!(await findCandidate(ctx.kysely, organisationId, candidateId))) throw notFound('Candidate');
      return buildTimeline(ctx.kysely, organisationId, candidateId, ctx.now());
    },
  };
}

/** Why a screening item is not ready, or null when it is (without scorecards also needs approval). */
function screeningProblem(
  kind: repo.QueueKind,
  check: { pass: boolean; findings?: { severity: string; kind: string; message: string }[] },
  note: string | null,
): string | null {
  if (!check.pass) {
    return `The message does not pass the feedback check: ${describeErrors(check as never)}. Edit the reasons.`;
  }
  if (kind === 'without_scorecards' && !note) {
    return 'Interviewed but no scorecard has been submitted: chase the scorecards, or edit the item with a withoutScorecardsNote saying why you decide without them (audited), then approve it';
  }
  return null;
}

function actorId(actor: Actor): string {
  return actor.kind === 'member' ? actor.userId : `api_key:${actor.apiKeyId}`;
}

interface StoredCheck {
  pass: boolean;
  score: number;
  findings: { kind: string; severity: string; message: string }[];
  text?: string;
}

function queueItemOf(r: repo.QueueRow): QueueItem {
  const base = {
    applicationId: r.applicationId,
    candidate: { id: r.candidateId, name: r.candidateName },
    stage: r.stage,
    kind: r.kind,
  };
  if (r.kind === 'feedback') {
    const check = r.checkResult ? (JSON.parse(r.checkResult) as StoredCheck) : null;
    const status = (r.feedbackStatus ?? 'none') as QueueItem['feedbackStatus'];
    return {
      ...base,
      feedbackStatus: status,
      receives: r.feedbackText ? { template: 'not_progressing', text: r.feedbackText } : null,
      check: check ? { pass: check.pass, score: check.score } : null,
      findings: [],
      ready: status === 'approved',
      ...(r.problem !== null && { problem: r.problem }),
    };
  }
  const check = r.queueCheckResult ? (JSON.parse(r.queueCheckResult) as StoredCheck) : null;
  const approved = r.approvedAt !== null;
  const ready =
    check?.pass === true &&
    r.screening !== null &&
    (r.kind === 'screening' || (r.withoutScorecardsNote !== null && approved));
  return {
    ...base,
    feedbackStatus: approved ? 'approved' : r.screening ? 'draft' : 'none',
    receives: check?.text ? { template: 'not_progressing_screening', text: check.text } : null,
    check: check ? { pass: check.pass, score: check.score } : null,
    findings: (check?.findings ?? []).map((f) => ({
      kind: f.kind,
      severity: f.severity,
      message: f.message,
    })),
    ready,
    ...(r.problem !== null && { problem: r.problem }),
  };
}

const csvColumns = [
  'Name',
  'Outcome',
  'Told',
  'When told',
  'How told',
  'Working days to told',
  'Feedback check score',
  'Network status',
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function reportCsv(report: ClosureReport): string {
  const lines = [csvColumns.join(',')];
  for (const r of report.rows) {
    lines.push(
      [
        r.name,
        r.outcome,
        r.told ? 'yes' : 'no',
        r.toldOn,
        r.toldVia,
        r.workingDaysToTold,
        r.feedbackCheckScore,
        r.networkStatus,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
