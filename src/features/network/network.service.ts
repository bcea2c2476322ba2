// The talent network's use cases: joining and leaving (from the candidate page, an email or an
// import), the hiring team's list and a member's history, future-fit marks and the re-engage queue.
// Matching and opportunities live in network-opportunities.ts; the sweep's steps in network-sweep.ts.

import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Page } from '../common.schema.ts';
import { insertNotification } from '../notifications/notifications.repository.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import * as repo from './network.repository.ts';
import type {
  ConsentSource,
  FutureFit,
  FutureFitCreate,
  NetworkListQuery,
  NetworkMember,
  NetworkMembership,
  ProfileFields,
} from './network.schema.ts';
import { refreshNetworkFit } from './network-fit.repository.ts';

/** The version of the consent text the candidate agrees to; recorded with every join and renewal. */
export const networkConsentVersion = 'network-consent-2026-11';
/** How long consent lasts unless the organisation chose otherwise. */
export const defaultConsentMonths = 12;

const sourceLabels: Record<ConsentSource, string> = {
  candidate_page: 'their page',
  email: 'an email',
  import: 'an import',
};

/** The organisation's consent period in months (organisation metadata `networkConsentMonths`). */
export async function consentMonthsOf(db: Kysely<Database>, organisationId: string): Promise<number> {
  const metadata = await repo.organisationMetadata(db, organisationId);
  try {
    const months = (JSON.parse(metadata ?? '{}') as { networkConsentMonths?: unknown }).networkConsentMonths;
    return typeof months === 'number' && Number.isInteger(months) && months >= 1 && months <= 36
      ? months
      : defaultConsentMonths;
  } catch {
    return defaultConsentMonths;
  }
}

const plusMonths = (now: Date, months: number) =>
  DateTime.fromJSDate(now, { zone: 'utc' }).plus({ months }).toUTC().toISO() ?? now.toISOString();

/**
 * The candidate joins the network (or renews, when they are a member already): a membership period,
 * a consent record and a history entry, in the caller's transaction. Returns the new expiry.
 */
export async function joinNetwork(
  tx: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  source: ConsentSource,
  now: Date,
  options: { interests?: ProfileFields } = {},
): Promise<{ expiresAt: string; renewed: boolean; membershipId: string | null }> {
  const months = await consentMonthsOf(tx, organisationId);
  const expiresAt = plusMonths(now, months);
  const profile = await repo.findProfile(tx, organisationId, candidateId);
  const current =
    profile !== undefined &&
    repo.consentStatusOf(profile, now) !== 'left' &&
    repo.consentStatusOf(profile, now) !== 'expired';
  let membershipId: string | null = null;
  if (current) {
    await repo.extendMembership(tx, organisationId, candidateId, {
      expiresAt,
      consentVersion: networkConsentVersion,
    });
  } else {
    membershipId = await repo.insertMembership(
      tx,
      organisationId,
      candidateId,
      { consentVersion: networkConsentVersion, expiresAt, source },
      now,
    );
  }
  await repo.openProfile(
    tx,
    organisationId,
    candidateId,
    { version: networkConsentVersion, expiresAt, rejoined: !current },
    now,
  );
  if (options.interests)
    await repo.updateProfileFields(tx, organisationId, candidateId, options.interests, now);
  await refreshNetworkFit(tx, organisationId, [candidateId]);
  await repo.insertConsent(
    tx,
    organisationId,
    candidateId,
    { kind: current ? 'renewed' : 'given', textVersion: networkConsentVersion, source, expiresAt },
    now,
  );
  const until = DateTime.fromISO(expiresAt, { zone: 'Europe/London' }).toFormat('d LLLL yyyy');
  await repo.insertHistory(
    tx,
    organisationId,
    candidateId,
    current
      ? { kind: 'renewed', summary: `Renewed their consent from ${sourceLabels[source]}, until ${until}` }
      : { kind: 'joined', summary: `Joined the talent network from ${sourceLabels[source]}, until ${until}` },
    now,
  );
  if (!current)
    await emitEvent(tx, organisationId, 'network.joined', { candidateId, source, expiresAt }, now);
  return { expiresAt, renewed: current, membershipId };
}

/** The member leaves (or their consent ran out): every current period ends; the history stays. */
export async function leaveNetwork(
  tx: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  reason: 'left' | 'expired',
  now: Date,
): Promise<boolean> {
  const ended = await repo.endMemberships(tx, organisationId, candidateId, now);
  const closed = await repo.closeProfile(tx, organisationId, candidateId, now);
  if (ended === 0 && !closed) return false;
  if (reason === 'left') {
    await repo.insertConsent(
      tx,
      organisationId,
      candidateId,
      { kind: 'withdrawn', textVersion: networkConsentVersion, source: 'candidate_page', expiresAt: null },
      now,
    );
  }
  await repo.insertHistory(
    tx,
    organisationId,
    candidateId,
    reason === 'left'
      ? { kind: 'left', summary: 'Left the talent network' }
      : { kind: 'expired', summary: 'Consent ran out without renewal: left the talent network' },
    now,
  );
  await emitEvent(tx, organisationId, 'network.left', { candidateId, reason }, now);
  return true;
}

/** Whether the candidate is a member now (consent current, not left). */
export async function isCurrentMember(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<boolean> {
  const profile = await repo.findProfile(db, organisationId, candidateId);
  if (!profile) return false;
  const status = repo.consentStatusOf(profile, now);
  return status === 'active' || status === 'expiring';
}

/** The member's own profile as their page shows it (null when they are not a member now). */
export async function ownProfile(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<NetworkMember | null> {
  if (!(await isCurrentMember(db, organisationId, candidateId, now))) return null;
  const profile = (await repo.findProfile(db, organisationId, candidateId))!;
  const details = await repo.memberDetails(db, organisationId, [candidateId]);
  return repo.toNetworkMember(profile, details, now);
}

/**
 * The member keeps their profile current from their page: availability, notice, interests,
 * region and travel. Only a current member can; the change is in their history. False if not a member.
 */
export async function updateOwnProfile(
  tx: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  fields: ProfileFields,
  now: Date,
): Promise<boolean> {
  if (!(await isCurrentMember(tx, organisationId, candidateId, now))) return false;
  await repo.updateProfileFields(tx, organisationId, candidateId, fields, now);
  await repo.insertHistory(
    tx,
    organisationId,
    candidateId,
    { kind: 'profile_updated', summary: 'Updated their availability, interests and where they work' },
    now,
  );
  return true;
}

/**
 * The member marks a suggested training as done (optionally with a certificate number or date):
 * recorded for matching (it lifts their fit on that criterion), in their history, and the hiring
 * team is told. Returns the training's id, or null when they are not a member now.
 */
export async function recordTrainingDone(
  tx: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  training: {
    criterionKey: string;
    title: string;
    certificateNumber: string | null;
    completedOn: string | null;
  },
  now: Date,
): Promise<string | null> {
  if (!(await isCurrentMember(tx, organisationId, candidateId, now))) return null;
  const id = await repo.insertTraining(tx, organisationId, candidateId, training, now);
  await refreshNetworkFit(tx, organisationId, [candidateId]);
  const certificate = training.certificateNumber ? ` (certificate ${training.certificateNumber})` : '';
  const on = training.completedOn ? ` on ${training.completedOn}` : '';
  await repo.insertHistory(
    tx,
    organisationId,
    candidateId,
    { kind: 'training_done', summary: `Completed ${training.title}${on}${certificate}` },
    now,
  );
  const name = (await repo.findCandidateName(tx, organisationId, candidateId)) ?? 'A network member';
  for (const userId of await repo.hiringTeamOf(tx, organisationId, candidateId)) {
    await insertNotification(
      tx,
      {
        organisationId,
        userId,
        kind: 'network_training',
        title: `${name} completed ${training.title}`,
        body: `A talent-network member finished a training we suggested${on}${certificate}. Their fit for matching roles now counts it.`,
        linkPath: `/candidates/${candidateId}`,
        dedupeKey: `network-training:${id}:${userId}`,
      },
      now,
    );
  }
  return id;
}

/**
 * How the candidate's last membership ended, for their page: "expired" when their consent ran out
 * without renewal, "left" when they left. Null while they are a member or if they never joined.
 */
export async function endedMembership(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<{ reason: 'expired' | 'left'; on: string } | null> {
  const profile = await repo.findProfile(db, organisationId, candidateId);
  if (!profile) return null;
  const status = repo.consentStatusOf(profile, now);
  if (status === 'active' || status === 'expiring') return null;
  const expiresAt = new Date(profile.consent_expires_at).toISOString();
  const leftAt = profile.left_at === null ? null : new Date(profile.left_at).toISOString();
  if (status === 'expired' || (leftAt !== null && leftAt >= expiresAt)) {
    return { reason: 'expired', on: expiresAt };
  }
  return { reason: 'left', on: leftAt ?? expiresAt };
}

/**
 * A member's email preference from their page: stop talent-network emails (staying a member) or
 * receive them again. Recorded in their history. False when nothing changed or they are not a member.
 */
export async function setNetworkEmails(
  tx: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  receive: boolean,
  now: Date,
): Promise<boolean> {
  if (!(await isCurrentMember(tx, organisationId, candidateId, now))) return false;
  if (!(await repo.setUnsubscribed(tx, organisationId, candidateId, !receive, now))) return false;
  await repo.insertHistory(
    tx,
    organisationId,
    candidateId,
    receive
      ? { kind: 'resubscribed', summary: 'Asked for talent-network emails again (their page)' }
      : { kind: 'unsubscribed', summary: 'Stopped talent-network emails from their page' },
    now,
  );
  return true;
}

export interface OfferedRole {
  roleId: string;
  title: string;
  venueName: string;
  description: string | null;
  note: string | null;
  sentAt: string;
  open: boolean;
}

/** The roles we sent the candidate as talent-network opportunities, for their page. */
export async function offeredRoles(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<OfferedRole[]> {
  const rows = await repo.listOpportunitiesFor(db, organisationId, candidateId);
  return rows.map((r) => ({
    roleId: r.role_id,
    title: r.title,
    venueName: r.venue_name,
    description: r.description,
    note: r.note,
    sentAt: new Date(r.created_at).toISOString(),
    open: r.status === 'open',
  }));
}

/**
 * The member says from their page that they are interested in a role we sent them: the role's
 * hiring manager (else the hiring team) is told once, and it is in their history. False when the
 * role was not offered to them or is no longer open.
 */
export async function registerInterest(
  tx: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  roleId: string,
  now: Date,
): Promise<boolean> {
  const role = (await repo.listOpportunitiesFor(tx, organisationId, candidateId)).find(
    (r) => r.role_id === roleId,
  );
  if (role?.status !== 'open') return false;
  const name = (await repo.findCandidateName(tx, organisationId, candidateId)) ?? 'A network member';
  const team = role.hiring_manager_id
    ? [role.hiring_manager_id]
    : await repo.hiringTeamOf(tx, organisationId, candidateId);
  let first = false;
  for (const userId of team) {
    const created = await insertNotification(
      tx,
      {
        organisationId,
        userId,
        kind: 'network_interest',
        title: `${name} is interested in ${role.title}`,
        body: `A talent-network member you sent ${role.title} at ${role.venue_name} to says they are interested. Get in touch to invite them to apply.`,
        linkPath: `/candidates/${candidateId}`,
        dedupeKey: `network-interest:${roleId}:${candidateId}:${userId}`,
      },
      now,
    );
    first ||= Boolean(created);
  }
  if (first) {
    await repo.insertHistory(
      tx,
      organisationId,
      candidateId,
      {
        kind: 'opportunity_interest',
        summary: `Said they are interested in ${role.title} at ${role.venue_name}`,
      },
      now,
    );
  }
  return true;
}

export function networkService(ctx: AppContext) {
  return {
    async list(organisationId: string, query: NetworkListQuery): Promise<Page<NetworkMember>> {
      const now = ctx.now();
      const page = await repo.listProfiles(ctx.kysely, organisationId, query, now);
      const details = await repo.memberDetails(
        ctx.kysely,
        organisationId,
        page.rows.map((r) => r.candidate_id),
      );
      return {
        data: page.rows.map((r) => repo.toNetworkMember(r, details, now)),
        nextCursor: page.nextCursor,
      };
    },

    /** A candidate's membership (null if they never joined), consents and history. */
    async membership(organisationId: string, candidateId: string): Promise<NetworkMembership> {
      const now = ctx.now();
      if ((await repo.findCandidateName(ctx.kysely, organisationId, candidateId)) === undefined) {
        throw notFound('Candidate');
      }
      const profile = await repo.findProfile(ctx.kysely, organisationId, candidateId);
      const details = await repo.memberDetails(ctx.kysely, organisationId, [candidateId]);
      return {
        candidateId,
        member: profile ? repo.toNetworkMember(profile, details, now) : null,
        consents: await repo.listConsents(ctx.kysely, organisationId, candidateId),
        history: await repo.listHistory(ctx.kysely, organisationId, candidateId),
      };
    },

    /** A manager marks a candidate "future fit for <role> after <development>", to re-engage on a date. */
    async markFutureFit(
      organisationId: string,
      candidateId: string,
      input: FutureFitCreate,
      actor: Actor,
    ): Promise<FutureFit> {
      const now = ctx.now();
      if (input.reengageOn <= now.toISOString().slice(0, 10)) {
        throw invalidField('reengageOn', 'must be after today');
      }
      const id = await ctx.kysely.transaction().execute(async (tx) => {
        const name = await repo.findCandidateName(tx, organisationId, candidateId);
        if (name === undefined) throw notFound('Candidate');
        const managerId = actor.kind === 'member' ? actor.userId : null;
        const fitId = await repo.insertFutureFit(
          tx,
          organisationId,
          candidateId,
          { managerId, ...input },
          now,
        );
        await repo.insertHistory(
          tx,
          organisationId,
          candidateId,
          {
            kind: 'future_fit',
            summary: `Marked future fit for ${input.forRole} after ${input.after}; re-engage on ${input.reengageOn}`,
          },
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'network.future_fit_marked',
            subjectType: 'candidate',
            subjectId: candidateId,
            detail: { futureFitId: fitId, reengageOn: input.reengageOn },
          },
          now,
        );
        return fitId;
      });
      return (await repo.findFutureFit(ctx.kysely, organisationId, id))!;
    },

    reengage(organisationId: string, query: { limit: number; cursor?: string | undefined }) {
      return repo.listReengageDue(ctx.kysely, organisationId, ctx.now().toISOString().slice(0, 10), query);
    },
  };
}
export type NetworkService = ReturnType<typeof networkService>;
