// A candidate keeps their contact details current from their page (issue #12). A phone number
// changes at once; a new email only once its owner opens the link we send to it, so nobody holding
// a forwarded page link can point the record (and the fresh-link email) at their own inbox, or
// attach a record to an address whose owner might apply later. The page link stays bound to the
// candidate whatever their email.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { recordCandidateAudit } from '../../portal/portal.repository.ts';
import { enqueue } from '../messages/outbox.ts';
import { sealedEmailChangeUrl } from '../messages/sealed-links.ts';
import { hashToken } from '../network/network.repository.ts';
import { isPhoneNumber } from './candidates.schema.ts';
import * as repo from './email-change.repository.ts';

/** How long the confirmation link works. */
export const emailChangeDays = 7;

export interface ContactForm {
  email: string;
  phone: string;
}

/** A problem with one field, named for the page's error summary. */
export interface FieldProblem {
  field: keyof ContactForm;
  message: string;
}

const emailShape = z.email();

/** The form's values checked; every problem names its field and says how to fix it. */
export function checkContactForm(
  form: ContactForm,
): { email: string; phone: string | null } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const email = form.email.trim().toLowerCase();
  if (email === '') problems.push({ field: 'email', message: 'Enter your email address.' });
  else if (email.length > 254 || !emailShape.safeParse(email).success) {
    problems.push({
      field: 'email',
      message: 'Enter your email address in the form name@example.co.uk.',
    });
  }
  const phone = form.phone.trim();
  if (phone !== '' && (phone.length > 32 || !isPhoneNumber(phone))) {
    problems.push({
      field: 'phone',
      message:
        'Enter a phone number using digits, spaces, +, brackets or hyphens (7 to 20 digits), or leave it empty.',
    });
  }
  return problems.length > 0 ? { problems } : { email, phone: phone === '' ? null : phone };
}

export type ContactOutcome = { phoneChanged: boolean; emailPending: boolean } | undefined;

/** Saves the phone and starts an email change, inside `tx`; undefined for an unknown candidate. */
export async function updateContactDetails(
  tx: Kysely<Database>,
  ctx: Pick<AppContext, 'config' | 'now'>,
  organisationId: string,
  candidateId: string,
  input: { email: string; phone: string | null },
  now: Date,
): Promise<ContactOutcome> {
  const current = await repo.findContact(tx, organisationId, candidateId);
  if (!current) return undefined;
  const phoneChanged = (current.phone ?? null) !== input.phone;
  if (phoneChanged) {
    await repo.setContact(tx, organisationId, candidateId, { phone: input.phone }, now);
    await recordCandidateAudit(
      tx,
      organisationId,
      candidateId,
      { action: 'portal.phone_changed', subjectType: 'candidate', subjectId: candidateId, detail: {} },
      now,
    );
  }
  const emailPending = current.email.trim().toLowerCase() !== input.email;
  if (emailPending) {
    // The stored hash is of a token nobody holds; the worker mints the real one as the email goes.
    const unsent = randomBytes(32).toString('base64url');
    const id = newId(now.getTime());
    const expires = new Date(now.getTime() + emailChangeDays * 86_400_000);
    await repo.replacePendingChange(
      tx,
      {
        id,
        organisationId,
        candidateId,
        newEmail: input.email,
        tokenHash: hashToken(unsent),
        expiresAt: expires.toISOString(),
      },
      now,
    );
    await enqueue(tx, ctx, {
      organisationId,
      idempotencyKey: `email-change:${id}`,
      template: 'email_change_confirm',
      variables: {
        emailChange: {
          confirmUrl: sealedEmailChangeUrl(ctx.config.publicUrl),
          expiresOn: DateTime.fromJSDate(expires, { zone: 'Europe/London' }).toFormat('d LLLL yyyy'),
        },
      },
      to: { kind: 'email', email: input.email },
      sealedLinks: [{ kind: 'email_change', changeId: id }],
      send: 'now',
      replyTo: null,
      createdBy: 'system',
    });
    // The audit names no address: the trail outlives the person's contact details.
    await recordCandidateAudit(
      tx,
      organisationId,
      candidateId,
      {
        action: 'portal.email_change_requested',
        subjectType: 'candidate',
        subjectId: candidateId,
        detail: {},
      },
      now,
    );
  }
  return { phoneChanged, emailPending };
}

export type ConfirmOutcome =
  | { status: 'changed'; email: string }
  | { status: 'unknown' }
  | { status: 'taken' };

/** The new address's owner opened the link: the candidate's email becomes it, once. */
export async function confirmEmailChange(
  tx: Kysely<Database>,
  ctx: Pick<AppContext, 'config' | 'now'>,
  token: string,
  now: Date,
): Promise<ConfirmOutcome> {
  const change = await repo.findChangeByToken(tx, hashToken(token), now);
  if (!change) return { status: 'unknown' };
  const { organisation_id: organisationId, candidate_id: candidateId } = change;
  const previous = await repo.findContact(tx, organisationId, candidateId);
  if (!previous) return { status: 'unknown' };
  if (await repo.emailTakenByAnother(tx, organisationId, candidateId, change.new_email)) {
    return { status: 'taken' };
  }
  if (!(await repo.markConfirmed(tx, change.id, now))) return { status: 'unknown' };
  await repo.setContact(tx, organisationId, candidateId, { email: change.new_email }, now);
  await recordCandidateAudit(
    tx,
    organisationId,
    candidateId,
    { action: 'portal.email_changed', subjectType: 'candidate', subjectId: candidateId, detail: {} },
    now,
  );
  // The old address hears of it, in case someone else made the change (it carries no link).
  await enqueue(tx, ctx, {
    organisationId,
    idempotencyKey: `email-changed:${change.id}`,
    template: 'email_changed_notice',
    variables: {
      emailChanged: {
        newAddress: maskEmail(change.new_email),
        changedAt: DateTime.fromJSDate(now, { zone: 'Europe/London' }).toFormat(
          "HH:mm 'on' cccc d LLLL yyyy",
        ),
      },
    },
    to: { kind: 'email', email: previous.email },
    send: 'now',
    replyTo: null,
    createdBy: 'system',
  });
  return { status: 'changed', email: change.new_email };
}

/** An address shown to someone who may not own it: the first letter and the domain ("s•••@example.com"). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '•••' : `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/** The change waiting for confirmation, for the page. */
export const pendingEmailChange = repo.findPendingChange;

/** The change a confirmation link points at, still open, for its page. */
export function findChangeForPage(db: Kysely<Database>, token: string, now: Date) {
  return repo.findChangeByToken(db, hashToken(token), now);
}
