// Anonymisation: one candidate's personal fields replaced and free text removed, while outcomes,
// dates, scores and survey figures stay so the dashboard and the closure report count the same.
// Erasure (the candidate's request or an admin) and retention (the sweep) both come here.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import { dialectOf } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { type CandidateDataExport, candidateDataExport } from '../../portal/data-export.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { completeDeletionRequests } from '../data-requests/data-requests.repository.ts';
import * as repo from './privacy.repository.ts';
import {
  defaultCandidateMonths,
  defaultMessageBodyDays,
  type LegalHold,
  type PrivacySettings,
  type PrivacySettingsUpdate,
  type RetentionDue,
} from './privacy.schema.ts';

export const retentionDefaults: repo.RetentionSettings = {
  candidateMonths: defaultCandidateMonths,
  messageBodyDays: defaultMessageBodyDays,
};

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

/** When retention anonymises a candidate found by findRetentionCandidates, and why. */
export function retentionDueAt(
  candidate: repo.RetentionCandidate,
  candidateMonths: number,
): { dueAt: string; because: 'applications_closed' | 'left_network' } {
  const closedDue = DateTime.fromISO(candidate.lastClosedAt, { zone: 'utc' }).plus({
    months: candidateMonths,
  });
  const left = candidate.leftNetworkAt ? DateTime.fromISO(candidate.leftNetworkAt, { zone: 'utc' }) : null;
  return left && left > closedDue
    ? { dueAt: left.toUTC().toISO() ?? candidate.leftNetworkAt!, because: 'left_network' }
    : { dueAt: closedDue.toUTC().toISO() ?? candidate.lastClosedAt, because: 'applications_closed' };
}

/** The bounds of findRetentionCandidates for candidates due by `by`. */
export function retentionBounds(by: Date, candidateMonths: number) {
  return {
    closedBy: DateTime.fromJSDate(by, { zone: 'utc' }).minus({ months: candidateMonths }).toJSDate(),
    leftBy: by,
  };
}

/** Retention settings, what is due next and legal holds, for admins. */
export function privacyService(ctx: AppContext) {
  const present = (s: repo.RetentionSettings): PrivacySettings => ({
    ...s,
    networkMembers: 'at_consent_expiry',
    expiredLinks: 'promptly',
  });
  async function legalHold(organisationId: string, candidateId: string): Promise<LegalHold> {
    const identity = await repo.findCandidateIdentity(ctx.kysely, organisationId, candidateId);
    if (!identity || identity.anonymisedAt) throw notFound('Candidate');
    return {
      candidateId,
      onHold: identity.legalHoldAt !== null,
      since: identity.legalHoldAt,
      reason: identity.legalHoldReason,
    };
  }
  return {
    async settings(organisationId: string): Promise<PrivacySettings> {
      return present(await repo.findSettings(ctx.kysely, organisationId, retentionDefaults));
    },
    async updateSettings(actor: Actor, input: PrivacySettingsUpdate): Promise<PrivacySettings> {
      const now = ctx.now();
      const organisationId = actor.organisationId;
      return ctx.kysely.transaction().execute(async (tx) => {
        const before = await repo.findSettings(tx, organisationId, retentionDefaults);
        const after = {
          candidateMonths: input.candidateMonths ?? before.candidateMonths,
          messageBodyDays: input.messageBodyDays ?? before.messageBodyDays,
        };
        await repo.saveSettings(
          tx,
          organisationId,
          after,
          actor.kind === 'member' ? actor.userId : null,
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'privacy.retention_changed',
            subjectType: 'organisation',
            subjectId: organisationId,
            detail: { before, after },
          },
          now,
        );
        return present(after);
      });
    },
    /** Candidates retention anonymises within `days`, soonest first, and those a legal hold keeps. */
    async due(organisationId: string, days: number): Promise<RetentionDue> {
      const { candidateMonths } = await repo.findSettings(ctx.kysely, organisationId, retentionDefaults);
      const by = new Date(ctx.now().getTime() + days * 86_400_000);
      const rows = await repo.findRetentionCandidates(
        ctx.kysely,
        organisationId,
        retentionBounds(by, candidateMonths),
        500,
      );
      const holds = await repo.listLegalHolds(ctx.kysely, organisationId);
      return {
        data: rows
          .map((r) => ({
            candidate: { id: r.id, name: r.name, email: r.email },
            ...retentionDueAt(r, candidateMonths),
          }))
          .sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
        onLegalHold: holds.map((h) => ({
          candidate: { id: h.id, name: h.name },
          since: h.legal_hold_at ?? '',
          reason: h.legal_hold_reason ?? '',
        })),
      };
    },
    legalHold,
    /** Puts a legal hold on (reason given) or releases it; audited. */
    async setLegalHold(
      actor: Actor,
      candidateId: string,
      hold: { reason: string } | null,
    ): Promise<LegalHold> {
      const now = ctx.now();
      const organisationId = actor.organisationId;
      await ctx.kysely.transaction().execute(async (tx) => {
        const identity = await repo.findCandidateIdentity(tx, organisationId, candidateId);
        if (!identity || identity.anonymisedAt) throw notFound('Candidate');
        if (!(await repo.setLegalHold(tx, organisationId, candidateId, hold, now))) {
          throw new AppError(
            'conflict',
            hold ? 'This candidate is already on legal hold' : 'This candidate is not on legal hold',
          );
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: hold ? 'candidate.legal_hold_placed' : 'candidate.legal_hold_released',
            subjectType: 'candidate',
            subjectId: candidateId,
            detail: hold ? { reason: hold.reason } : {},
          },
          now,
        );
      });
      return legalHold(organisationId, candidateId);
    },
    /** Everything held about the candidate, as they would download it; audited (personal data left). */
    async exportCandidateData(actor: Actor, candidateId: string): Promise<CandidateDataExport> {
      const organisationId = actor.organisationId;
      const identity = await repo.findCandidateIdentity(ctx.kysely, organisationId, candidateId);
      if (!identity || identity.anonymisedAt) throw notFound('Candidate');
      const data = await candidateDataExport(ctx, organisationId, candidateId);
      if (!data) throw notFound('Candidate');
      await recordAudit(
        ctx.kysely,
        organisationId,
        actor,
        { action: 'candidate.data_exported', subjectType: 'candidate', subjectId: candidateId, detail: {} },
        ctx.now(),
      );
      return data;
    },
  };
}
