// When a candidate can have been told: not before the decision was made, and not in the future.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { describeDayAndTime } from '../../domain/send-time.ts';
import type { ClosureFacts } from './closure.repository.ts';
import { findRoleCalendar } from './closure.repository.ts';

/** Why `toldAt` cannot be when the candidate was told, naming the decision time; undefined when it can. */
export async function toldTimeProblem(
  db: Kysely<Database>,
  organisationId: string,
  facts: ClosureFacts,
  toldAt: Date,
  now: Date,
): Promise<string | undefined> {
  if (toldAt.getTime() > now.getTime()) return 'is in the future: give the time you told them';
  if (!facts.decidedAt) return undefined;
  const decidedAt = new Date(facts.decidedAt);
  if (toldAt.getTime() >= decidedAt.getTime()) return undefined;
  const role = await findRoleCalendar(db, organisationId, facts.roleId);
  const timezone = role?.calendar.timezone ?? 'UTC';
  return `is before the decision, made ${describeDayAndTime(decidedAt, now, timezone)} (${decidedAt.toISOString()}): the candidate cannot have been told before then`;
}
