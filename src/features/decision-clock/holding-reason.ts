// A holding update's reason goes to the candidate, so it passes the feedback check's rules that fit a
// one-sentence reason: tone, leaks (an interviewer's name, their private notes) and protected
// characteristics. Length, vagueness and structure do not apply to "why it is taking longer".
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FeedbackCheckContext, FeedbackFinding } from '../../domain/feedback/check.ts';
import { invalidField, notFound } from '../../errors.ts';
import { findFeedbackContext } from '../feedback/feedback.repository.ts';

const heldTo: readonly string[] = [
  'tone',
  'protected-characteristic',
  'interviewer-name',
  'private-note-leak',
];

/** The error findings of the rules a holding reason is held to (none when it may be sent). */
export async function holdingReasonFindings(
  text: string,
  context: FeedbackCheckContext,
): Promise<FeedbackFinding[]> {
  // The check uses compromise (slow to import): loaded at the first holding update, not at start.
  const { checkFeedback } = await import('../../domain/feedback/check.ts');
  return checkFeedback(text, context, 'screening').findings.filter(
    (f) => f.severity === 'error' && heldTo.includes(f.kind),
  );
}

/** Refuses (400, field `message`) a reason that fails the check, with its findings in the message. */
export async function assertHoldingReason(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  text: string,
): Promise<void> {
  const context = await findFeedbackContext(db, organisationId, applicationId);
  if (!context) throw notFound('Application');
  const findings = await holdingReasonFindings(text, context);
  if (findings.length === 0) return;
  throw invalidField(
    'message',
    `the reason goes to the candidate and does not pass the check: ${findings
      .map((f) => `${f.kind}: ${f.message}`)
      .join('; ')}`,
  );
}
