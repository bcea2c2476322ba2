// The transactional outbox: `enqueue(tx, ctx, …)` writes an email in the same transaction as the
// change that causes it. The email is rendered now (from the template version current now, which it
// records) and sent later by the worker (src/jobs/outbox-worker.ts), never in a request.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import {
  nextSendingMoment,
  nextWorkingMorning,
  type SendingWindow,
  type WorkingCalendar,
} from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import {
  type TemplateContext,
  type TemplateExtras,
  type TemplateKey,
  templates,
} from '../../mail/catalogue.ts';
import { TemplateError } from '../../mail/engine.ts';
import { safeUrl, singleLine } from '../../mail/escape.ts';
import { buildCalendarInvite } from '../../mail/ics.ts';
import { renderMessage } from '../../mail/render.ts';
import { referralAskMarkdown, referralAskOn } from '../referrals/referral-ask.ts';
import { currentVersion, findBranding } from '../templates/templates.repository.ts';
import { findMessageByKey } from './messages.repository.ts';
import type { MessageStatus } from './messages.schema.ts';
import { type Recipient, resolveContext } from './outbox-context.ts';
import {
  accountEmailChangeLinkMarker,
  assertNothingUnsealed,
  emailChangeLinkMarker,
  invitationLinkMarker,
  passwordResetLinkMarker,
  personalLinkMarker,
  personalPageUrl,
  type SealedLink,
  unsubscribeLinkMarker,
} from './sealed-links.ts';

/**
 * When an email may leave. Candidate emails default to `window`: the venue's working hours
 * (09:00–17:30 local on working days). `now` sends as soon as a worker picks it up;
 * `tomorrow_morning` is the start of the next working day; `team_hours` is the working hours of the
 * venue for emails to members (teamWorkingHours); `{ at }` is an exact time.
 * Anything not yet sent can be cancelled.
 */
export type SendTiming = 'window' | 'team_hours' | 'now' | 'tomorrow_morning' | { at: Date };

/**
 * Working hours for emails to members (`team_hours`): 08:00–18:00 local on the venue's working days,
 * so reminders reach people at work; urgent ones (escalations) go `now`.
 */
export const teamWorkingHours: SendingWindow = Object.freeze({ start: '08:00', end: '18:00' });

export interface CalendarInviteInput {
  /** Stable for the event, e.g. `feedback-call:<application id>`. */
  uid: string;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  start: Date;
  end: Date;
  /** Defaults to the Reply-To person (the hiring manager), else the organisation at MAIL_FROM. */
  organiser?: { name: string; email: string };
}

export interface EnqueueInput<K extends TemplateKey> {
  organisationId: string;
  /** Unique per organisation; enqueueing the same key again returns the first message. */
  idempotencyKey: string;
  template: K;
  /** The template's own variables (the common ones are read from the database). */
  variables: TemplateExtras[K];
  /** Defaults to the application's candidate for candidate emails. */
  to?: Recipient;
  applicationId?: string;
  /** The venue whose working hours apply when there is no application. */
  venueId?: string;
  send?: SendTiming;
  /** Defaults to the role's hiring manager for candidate emails; null for none. */
  replyTo?: { name: string; email: string } | null;
  /** Required for talent-network and opportunity emails (List-Unsubscribe). */
  unsubscribeUrl?: string;
  calendarInvite?: CalendarInviteInput;
  createdBy?: Actor | 'system';
  /**
   * Secret links the email carries besides the candidate's personal page (which every candidate
   * email has): write them in the variables with their marker (`sealedInvitationUrl`), and the
   * worker mints them as it sends. A working link in an email is refused.
   */
  sealedLinks?: SealedLink[];
  /** The personal link in this email replaces the candidate's earlier ones once it is sent. */
  replacesOlderLinks?: boolean;
}

export interface EnqueueResult {
  id: string;
  /** False when a message with this idempotency key existed already (nothing new was written). */
  created: boolean;
  status: MessageStatus;
  sendAfter: string;
}

export type OutboxContext = Pick<AppContext, 'config' | 'now'>;

/** Why a value does not have the shape of the template's sample; undefined when it does. */
export function shapeProblem(value: unknown, sample: unknown, path = 'variables'): string | undefined {
  if (Array.isArray(sample)) {
    if (!Array.isArray(value)) return `${path} must be a list`;
    const item = sample[0];
    if (item === undefined) return undefined;
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(value[i], item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (sample !== null && typeof sample === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return `${path} must be an object`;
    for (const key of Object.keys(sample)) {
      const problem = shapeProblem(
        (value as Record<string, unknown>)[key],
        (sample as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value !== typeof sample)
    return `${path} must be ${typeof sample === 'number' ? 'a number' : 'text'}`;
  return undefined;
}

function timing(
  when: SendTiming,
  calendar: WorkingCalendar,
  now: Date,
): { sendAfter: Date; window: WorkingCalendar | null } {
  if (when === 'now') return { sendAfter: now, window: null };
  if (when === 'window') return { sendAfter: nextSendingMoment(calendar, now), window: calendar };
  if (when === 'team_hours') {
    const hours = { ...calendar, window: teamWorkingHours };
    return { sendAfter: nextSendingMoment(hours, now), window: hours };
  }
  if (when === 'tomorrow_morning') return { sendAfter: nextWorkingMorning(calendar, now), window: calendar };
  return { sendAfter: when.at.getTime() > now.getTime() ? when.at : now, window: null };
}

function mailFromAddress(mailFrom: string): string {
  return /<([^>]+)>\s*$/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
}

function actorId(actor: Actor | 'system' | undefined): string | null {
  if (!actor || actor === 'system') return null;
  return actor.kind === 'member' ? `member:${actor.userId}` : `api_key:${actor.apiKeyId}`;
}

/**
 * Writes an email to the outbox inside `tx`, the caller's transaction. Held when SMTP is not
 * configured (SMTP_URL unset), else queued. Idempotent on (organisation, idempotencyKey).
 */
export async function enqueue<K extends TemplateKey>(
  tx: Kysely<Database>,
  ctx: OutboxContext,
  input: EnqueueInput<K>,
): Promise<EnqueueResult> {
  const key = input.idempotencyKey.trim();
  if (!key || key.length > 300) throw new Error('An outbox idempotency key is 1 to 300 characters');
  const existing = await findMessageByKey(tx, input.organisationId, key);
  if (existing) {
    return {
      id: existing.id,
      created: false,
      status: existing.status as MessageStatus,
      sendAfter: existing.send_after,
    };
  }

  const definition = templates[input.template];
  const problem = shapeProblem(input.variables, definition.sample);
  if (problem) throw new Error(`The ${input.template} email: ${problem}`);
  const unsubscribeUrl = input.unsubscribeUrl !== undefined ? safeUrl(input.unsubscribeUrl) : undefined;
  if (input.unsubscribeUrl !== undefined && !unsubscribeUrl) {
    throw new Error(`The ${input.template} email: unsubscribeUrl is not an http(s) address`);
  }
  if (definition.listUnsubscribe && !unsubscribeUrl) {
    throw new Error(`The ${input.template} email needs an unsubscribeUrl (List-Unsubscribe)`);
  }

  const now = ctx.now();
  const resolved = await resolveContext(tx, input.organisationId, definition, input, now);
  const context = { ...resolved.common, ...input.variables } as TemplateContext<K>;
  // Every candidate email carries the candidate's personal link to their page (src/portal), sealed:
  // the worker mints it as the email goes.
  const sealedLinks: SealedLink[] = [...(input.sealedLinks ?? [])];
  let appendMarkdown: string | undefined;
  if (definition.audience === 'candidate' && resolved.recipient.candidateId) {
    context.portalUrl = personalPageUrl(ctx.config.publicUrl);
    // Decision and network emails end with the referral ask, unless the organisation turned it off.
    if (await referralAskOn(tx, input.organisationId, input.template)) {
      appendMarkdown = referralAskMarkdown(personalPageUrl(ctx.config.publicUrl, '#refer'));
    }
    sealedLinks.push({
      kind: 'candidate_page',
      candidateId: resolved.recipient.candidateId,
      ...(input.replacesOlderLinks && { revokeOlder: true }),
    });
  }
  const version = await currentVersion(tx, input.organisationId, input.template, now);
  const branding = await findBranding(tx, input.organisationId);

  let rendered: ReturnType<typeof renderMessage>;
  try {
    rendered = renderMessage({
      key: input.template,
      source: version,
      context,
      branding: { name: resolved.common.organisation.name, ...branding },
      unsubscribeUrl,
      appendMarkdown,
    });
  } catch (err) {
    if (err instanceof TemplateError) {
      throw new AppError(
        'conflict',
        `The "${definition.name}" template (version ${version.version}) cannot be used: ${err.message}. An admin can fix it in Settings → Templates.`,
      );
    }
    throw err;
  }

  const replyTo =
    input.replyTo !== undefined
      ? input.replyTo
      : definition.audience === 'candidate'
        ? resolved.hiringManager
        : null;
  const when = input.send ?? (definition.audience === 'candidate' ? 'window' : 'now');
  const { sendAfter, window } = timing(when, resolved.calendar, now);

  let ics: string | null = null;
  if (input.calendarInvite) {
    const organiser = input.calendarInvite.organiser ??
      replyTo ?? { name: resolved.common.organisation.name, email: mailFromAddress(ctx.config.mailFrom) };
    ics = buildCalendarInvite({
      ...input.calendarInvite,
      organiser,
      attendee: {
        name: resolved.recipient.name || resolved.recipient.email,
        email: resolved.recipient.email,
      },
    });
  }

  const variables = JSON.stringify(context);
  assertNothingUnsealed(ctx.config.publicUrl, {
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    variables,
    ics,
    listUnsubscribe: unsubscribeUrl ?? null,
  });
  const sealedKinds = new Set(sealedLinks.map((l) => l.kind));
  for (const [kind, marker] of [
    ['candidate_page', personalLinkMarker],
    ['invitation', invitationLinkMarker],
    ['network_unsubscribe', unsubscribeLinkMarker],
    ['email_change', emailChangeLinkMarker],
    ['password_reset', passwordResetLinkMarker],
    ['account_email_change', accountEmailChangeLinkMarker],
  ] as const) {
    if (!sealedKinds.has(kind) && `${rendered.html}${rendered.text}`.includes(marker)) {
      throw new Error(`The ${input.template} email has a ${kind} link but does not seal one`);
    }
  }

  const id = newId(now.getTime());
  const at = now.toISOString();
  const status: MessageStatus = ctx.config.smtpUrl ? 'queued' : 'held';
  const result = await tx
    .insertInto('message')
    .values({
      id,
      organisation_id: input.organisationId,
      idempotency_key: key,
      template_key: input.template,
      template_version_id: version.id,
      status,
      recipient_kind: resolved.recipient.kind,
      candidate_id: resolved.recipient.candidateId,
      member_user_id: resolved.recipient.userId,
      application_id: resolved.application?.id ?? null,
      to_email: resolved.recipient.email,
      to_name: resolved.recipient.name || null,
      reply_to_email: replyTo?.email || null,
      reply_to_name: replyTo ? singleLine(replyTo.name, 200) || null : null,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      variables,
      sealed_links: sealedLinks.length > 0 ? JSON.stringify(sealedLinks) : null,
      list_unsubscribe: unsubscribeUrl ?? null,
      ics,
      send_after: sendAfter.toISOString(),
      send_window: window
        ? JSON.stringify({
            nation: window.nation,
            timezone: window.timezone,
            ...(window.closures?.length && { closures: window.closures }),
            ...(window.window && { window: window.window }),
          })
        : null,
      attempts: 0,
      last_error: null,
      lease_owner: null,
      lease_expires_at: null,
      smtp_message_id: null,
      smtp_response: null,
      sent_at: null,
      cancelled_at: null,
      created_by: actorId(input.createdBy),
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
    // Another transaction enqueued the same key first.
    const first = await findMessageByKey(tx, input.organisationId, key);
    if (!first) throw new Error(`The message ${key} was neither written nor found`);
    return {
      id: first.id,
      created: false,
      status: first.status as MessageStatus,
      sendAfter: first.send_after,
    };
  }
  return { id, created: true, status, sendAfter: sendAfter.toISOString() };
}
