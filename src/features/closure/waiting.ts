// Who is still waiting on a role, and why, in words a hiring manager can act on (the role guard).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { stageLabels } from '../../domain/lifecycle.ts';
import { describeDayAndTime } from '../../domain/send-time.ts';
import { listUnclosedApplications, type UnclosedApplication } from './closure.repository.ts';

export function describeWaiting(a: UnclosedApplication, now: Date): string {
  const stage = stageLabels[a.stage].toLowerCase();
  if (a.stage === 'offer') return `${a.candidateName}: offer made, waiting for their answer`;
  if (!['hired', 'offer_declined', 'not_progressing', 'withdrawn'].includes(a.stage)) {
    return `${a.candidateName}: ${stage}`;
  }
  const m = a.message;
  let why: string;
  if (!m) why = 'not told yet: send the decision or log a call or meeting';
  else if (m.status === 'queued') {
    const at = new Date(m.sendAfter);
    why =
      at.getTime() <= now.getTime()
        ? 'email queued to send now'
        : `email queued to leave ${describeDayAndTime(at, now, a.timezone)}`;
  } else if (m.status === 'held') why = 'email held in the outbox (email sending is not set up)';
  else if (m.status === 'sending') why = 'email being sent';
  else if (m.status === 'sent') why = 'email sent, not yet recorded as told';
  else why = `email ${m.status}: log a call or meeting`;
  return `${a.candidateName}: ${stage}, ${why}`;
}

/** The role's candidates not yet closed, each with why; empty when every one is closed. */
export async function whoIsWaiting(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
  now: Date,
): Promise<string[]> {
  const unclosed = await listUnclosedApplications(db, organisationId, roleId);
  return unclosed.map((a) => describeWaiting(a, now));
}
