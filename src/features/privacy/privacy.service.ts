// Anonymisation: one candidate's personal fields replaced and free text removed, while outcomes,
// dates, scores and survey figures stay so the dashboard and the closure report count the same.
// Erasure (the candidate's request or an admin) and retention (the sweep) both come here.
import type { Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { completeDeletionRequests } from '../data-requests/data-requests.repository.ts';
import * as repo from './privacy.repository.ts';

/** Why a candidate was anonymised, as recorded in the audit trail. */
export type AnonymisationReason = 'erasure_request' | 'erased_by_admin' | 'retention';

/**
 * Anonymises the candidate inside the caller's transaction; false when someone else already did, the
 * candidate is on legal hold, or does not exist. Any number of callers at once: exactly one does it.
 */
export async function anonymiseCandidate(
  tx: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  actor: Actor | 'system',
  reason: AnonymisationReason,
  now: Date,
): Promise<boolean> {
  const identity = await repo.findCandidateIdentity(tx, organisationId, candidateId);
  if (!identity || identity.anonymisedAt !== null || identity.legalHoldAt !== null) return false;
  if (!(await repo.claimCandidate(tx, organisationId, candidateId, now))) return false;
  const mentions = [identity.name, identity.email, identity.phone].filter((m): m is string => !!m);
  const removed = await repo.scrubCandidate(tx, organisationId, candidateId, mentions, now);
  // A deletion request is met by this: kept as proof (dates and status), with no personal data.
  const requestsMet = await completeDeletionRequests(tx, organisationId, candidateId, now);
  await recordAudit(
    tx,
    organisationId,
    actor,
    {
      action: 'candidate.anonymised',
      subjectType: 'candidate',
      subjectId: candidateId,
      detail: { reason, requestsMet, ...removed },
    },
    now,
  );
  return true;
}

/**
 * After anonymising on SQLite: with secure_delete on, replaced content is zeroed in the file, and a
 * checkpoint empties the write-ahead log, which still holds the old pages until then.
 */
export async function flushErasedPages(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db as Kysely<unknown>) === 'sqlite') await repo.checkpointSqlite(db);
}

/** Whether a legal hold (a claim in progress) pauses retention and erasure for the candidate. */
export async function isOnLegalHold(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<boolean> {
  const identity = await repo.findCandidateIdentity(db, organisationId, candidateId);
  return identity?.legalHoldAt != null;
}
