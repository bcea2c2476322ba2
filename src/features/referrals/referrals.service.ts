// Referrals from candidates (issue #13). The venue never writes to a colleague who has not come
// forward: the referrer gets a personal link and shares it themselves. A colleague who opens it
// may join the talent network or express interest in a role; each arrival is a referral of that
// link, so the same colleague through two links keeps both referrers. The referrer is thanked once
// when the colleague comes forward and once when they are hired; nothing about the colleague's
// assessment is ever said.
import { createHash, createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { invalidField } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { applyForRole } from '../applications/apply.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { candidateForEmail } from '../candidates/candidate-for-email.ts';
import { enqueue } from '../messages/outbox.ts';
import { joinNetwork, networkConsentVersion } from '../network/network.service.ts';
import { insertNotification } from '../notifications/notifications.repository.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import { referralAskSettings, setReferralAsk } from './referral-ask.ts';
import * as repo from './referrals.repository.ts';
import type {
  Referral,
  ReferralAskSettings,
  ReferralAskSettingsUpdate,
  ReferralLinkPage,
  ReferralLinkQuery,
  ReferralLinkStatus,
  ReferralListQuery,
  ReferralPage,
  ReferralStatus,
  Referrer,
} from './referrals.schema.ts';

/** How long a referral link works. */
export const referralLinkDays = 180;
/** A code is 24 random bytes (192 bits), base64url: 32 characters. */
export const referralCodePattern = /^[A-Za-z0-9_-]{32}$/;

export function hashReferralCode(code: string): string {
  return createHash('sha256').update(`referral:${code}`).digest('base64url');
}

export interface ReferralLink {
  id: string;
  organisationId: string;
  referrerCandidateId: string;
  roleId: string | null;
  kindOfWork: string | null;
  showFirstName: boolean;
  viewCount: number;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

const linkOf = (row: repo.LinkRow): ReferralLink => ({
  id: row.id,
  organisationId: row.organisation_id,
  referrerCandidateId: row.referrer_candidate_id,
  roleId: row.role_id,
  kindOfWork: row.kind_of_work,
  showFirstName: Number(row.show_first_name) === 1,
  viewCount: Number(row.view_count),
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  createdAt: row.created_at,
});

/**
 * The code of a link: an HMAC of its id under the server's secret, so the referrer's page can show
 * their link again while the database holds only the code's hash (a copy of the database alone
 * gives no working code).
 */
export function referralCodeOf(secret: string, linkId: string): string {
  return createHmac('sha256', secret)
    .update(`referral-code:${linkId}`)
    .digest()
    .subarray(0, 24)
    .toString('base64url');
}

/** A new link for the referrer; only the hash of its code is stored. */
export async function createReferralLink(
  db: Kysely<Database>,
  organisationId: string,
  referrerCandidateId: string,
  input: { secret: string; roleId?: string | null; kindOfWork?: string | null; showFirstName: boolean },
  now: Date,
): Promise<{ code: string; link: ReferralLink }> {
  const id = newId(now.getTime());
  const code = referralCodeOf(input.secret, id);
  const expiresAt =
    DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: referralLinkDays }).toISO() ?? now.toISOString();
  let roleId = input.roleId ?? null;
  if (roleId && !(await repo.listOpenRoles(db, organisationId)).some((r) => r.id === roleId)) roleId = null;
  await repo.insertLink(
    db,
    organisationId,
    {
      id,
      referrerCandidateId,
      codeHash: hashReferralCode(code),
      roleId,
      kindOfWork: input.kindOfWork?.trim().slice(0, 120) || null,
      showFirstName: input.showFirstName,
      expiresAt,
    },
    now,
  );
  const links = await repo.listLinksOf(db, organisationId, referrerCandidateId);
  return { code, link: linkOf(links.find((l) => l.id === id)!) };
}

/** The referrer's newest working link with its code, if they have one. */
export async function currentReferralLink(
  db: Kysely<Database>,
  secret: string,
  organisationId: string,
  referrerCandidateId: string,
  now: Date,
): Promise<{ code: string; link: ReferralLink } | undefined> {
  const row = (await repo.listLinksOf(db, organisationId, referrerCandidateId)).find(
    (l) => l.revoked_at === null && new Date(l.expires_at).getTime() > now.getTime(),
  );
  return row ? { code: referralCodeOf(secret, row.id), link: linkOf(row) } : undefined;
}

/** The referrer's choice to show their first name on the colleague's page (all their links). */
export async function setReferrerFirstNameShown(
  db: Kysely<Database>,
  organisationId: string,
  referrerCandidateId: string,
  show: boolean,
): Promise<void> {
  await repo.setShowFirstName(db, organisationId, referrerCandidateId, show);
}

/** The referrer's links, newest first (codes are not kept, so they are not in them). */
export async function referralLinksOf(
  db: Kysely<Database>,
  organisationId: string,
  referrerCandidateId: string,
) {
  return (await repo.listLinksOf(db, organisationId, referrerCandidateId)).map(linkOf);
}

export async function revokeReferralLink(
  db: Kysely<Database>,
  organisationId: string,
  referrerCandidateId: string,
  linkId: string,
  now: Date,
): Promise<boolean> {
  return repo.revokeLink(db, organisationId, referrerCandidateId, linkId, now);
}

/** The working link with this code; unknown, malformed, expired and revoked are all undefined. */
export async function resolveReferralCode(
  db: Kysely<Database>,
  code: string,
  now: Date,
): Promise<ReferralLink | undefined> {
  if (!referralCodePattern.test(code)) return undefined;
  const row = await repo.findLinkByHash(db, hashReferralCode(code));
  if (!row || row.revoked_at !== null || new Date(row.expires_at).getTime() <= now.getTime())
    return undefined;
  return linkOf(row);
}

export interface ColleagueView {
  link: ReferralLink;
  /** The referrer's first name, only when they allowed it. */
  referrerFirstName: string | null;
  roles: repo.OpenRole[];
}

/** What the colleague's page shows; counts the opening unless it is the page after their form. */
export async function colleagueView(
  db: Kysely<Database>,
  link: ReferralLink,
  now: Date,
  options: { countOpen?: boolean } = {},
): Promise<ColleagueView> {
  if (options.countOpen ?? true) await repo.countView(db, link.organisationId, link.id, now);
  const [name, roles] = await Promise.all([
    link.showFirstName
      ? repo.findCandidateName(db, link.organisationId, link.referrerCandidateId)
      : undefined,
    repo.listOpenRoles(db, link.organisationId),
  ]);
  // The link's role first; then the roles whose title mentions its kind of work; then the rest.
  const kind = link.kindOfWork?.toLowerCase();
  const rank = (r: repo.OpenRole) =>
    r.id === link.roleId ? 0 : kind && r.title.toLowerCase().includes(kind) ? 1 : 2;
  return {
    link,
    referrerFirstName: name ? (name.trim().split(/\s+/)[0] ?? null) : null,
    roles: [...roles].sort((a, b) => rank(a) - rank(b)),
  };
}

export interface Colleague {
  name: string;
  email: string;
  phone?: string | null;
}

function checkColleague(input: Colleague): Colleague {
  const name = input.name.trim().slice(0, 200);
  const email = input.email.trim().slice(0, 320);
  if (name.length < 2) throw invalidField('name', 'give your name');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalidField('email', 'give an email address we can reply to');
  return { name, email, phone: input.phone?.trim().slice(0, 32) || null };
}

/** The colleague's candidate record: an existing one with the same email, else a new one. */
async function colleagueCandidate(tx: Kysely<Database>, organisationId: string, input: Colleague, now: Date) {
  const { id } = await candidateForEmail(
    tx,
    organisationId,
    { name: input.name, email: input.email, phone: input.phone ?? null, source: 'Referral' },
    now,
  );
  return id;
}

/** Thanks the referrer (once per referral) that their colleague came forward; tells the team. */
async function arrived(
  tx: Kysely<Database>,
  ctx: AppContext,
  link: ReferralLink,
  referral: { id: string },
  colleague: { candidateId: string; name: string; applicationId?: string; roleId?: string },
  now: Date,
) {
  if (await repo.claimThanks(tx, link.organisationId, referral.id, 'arrival', now)) {
    const { candidateId, applicationId = null, roleId = null } = colleague;
    const event = {
      referralId: referral.id,
      referrerCandidateId: link.referrerCandidateId,
      candidateId,
      applicationId,
      roleId,
    };
    await emitEvent(tx, link.organisationId, 'referral.received', event, now);
    await enqueue(tx, ctx, {
      organisationId: link.organisationId,
      idempotencyKey: `referral-thanks:${referral.id}`,
      template: 'referral_thanks',
      variables: { referral: { name: colleague.name.trim().split(/\s+/)[0] ?? colleague.name } },
      to: { kind: 'candidate', candidateId: link.referrerCandidateId },
      send: 'window',
      createdBy: 'system',
    });
  }
  const referrerName =
    (await repo.findCandidateName(tx, link.organisationId, link.referrerCandidateId)) ?? 'A candidate';
  const role = colleague.roleId
    ? await repo.findRoleHiringManager(tx, link.organisationId, colleague.roleId)
    : undefined;
  const recipients = role?.hiring_manager_id
    ? [role.hiring_manager_id]
    : await listAdmins(tx, link.organisationId);
  for (const userId of recipients) {
    await insertNotification(
      tx,
      {
        organisationId: link.organisationId,
        userId,
        kind: 'referral',
        title: `${referrerName} referred ${colleague.name}`,
        body: role ? `Interested in ${role.title}.` : 'Joined the talent network.',
        linkPath: colleague.applicationId ? `/applications/${colleague.applicationId}` : '/referrals',
        dedupeKey: `referral:${referral.id}:${colleague.applicationId ?? 'network'}:${userId}`,
      },
      now,
    );
  }
}

async function listAdmins(db: Kysely<Database>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('member')
    .select('userId')
    .where('organizationId', '=', organisationId)
    .where('role', '=', 'admin')
    .execute();
  return rows.map((r) => r.userId);
}

/**
 * The colleague expresses interest in an open role: their candidate record (an existing one by
 * email) and an application in `applied`, referred by the link's candidate.
 */
export async function expressInterest(
  ctx: AppContext,
  link: ReferralLink,
  input: Colleague & { roleId: string },
): Promise<{ candidateId: string; applicationId: string; referralId: string }> {
  const colleague = checkColleague(input);
  const now = ctx.now();
  return ctx.kysely.transaction().execute(async (tx) => {
    const roles = await repo.listOpenRoles(tx, link.organisationId);
    if (!roles.some((r) => r.id === input.roleId))
      throw invalidField('roleId', 'choose one of the open roles');
    const candidateId = await colleagueCandidate(tx, link.organisationId, colleague, now);
    const { id: applicationId } = await applyForRole(
      tx,
      link.organisationId,
      { candidateId, roleId: input.roleId },
      now,
    );
    const referral = await repo.upsertReferral(
      tx,
      link.organisationId,
      {
        linkId: link.id,
        referrerCandidateId: link.referrerCandidateId,
        candidateId,
        applicationId,
        interest: true,
      },
      now,
    );
    await arrived(
      tx,
      ctx,
      link,
      referral,
      { candidateId, name: colleague.name, applicationId, roleId: input.roleId },
      now,
    );
    return { candidateId, applicationId, referralId: referral.id };
  });
}

/** The colleague joins the talent network through the network's own joining (consent recorded). */
export async function joinNetworkByReferral(
  ctx: AppContext,
  link: ReferralLink,
  input: Colleague,
): Promise<{ candidateId: string; referralId: string; consentVersion: string }> {
  const colleague = checkColleague(input);
  const now = ctx.now();
  return ctx.kysely.transaction().execute(async (tx) => {
    const candidateId = await colleagueCandidate(tx, link.organisationId, colleague, now);
    await joinNetwork(tx, link.organisationId, candidateId, 'candidate_page', now);
    const referral = await repo.upsertReferral(
      tx,
      link.organisationId,
      { linkId: link.id, referrerCandidateId: link.referrerCandidateId, candidateId, joinedNetwork: true },
      now,
    );
    await arrived(tx, ctx, link, referral, { candidateId, name: colleague.name }, now);
    return { candidateId, referralId: referral.id, consentVersion: networkConsentVersion };
  });
}

/**
 * An application was hired: each referrer of that colleague is thanked, once. Called inside the
 * decision's transaction.
 */
export async function thankReferrersOnHire(
  tx: Kysely<Database>,
  ctx: AppContext,
  organisationId: string,
  applicationId: string,
  now: Date,
): Promise<number> {
  const candidateId = await repo.findApplicationCandidate(tx, organisationId, applicationId);
  if (!candidateId) return 0;
  const referrals = await repo.listReferralsForApplication(tx, organisationId, applicationId, candidateId);
  if (referrals.length === 0) return 0;
  const name = (await repo.findCandidateName(tx, organisationId, candidateId)) ?? 'your colleague';
  let sent = 0;
  for (const referral of referrals) {
    if (!(await repo.claimThanks(tx, organisationId, referral.id, 'hired', now))) continue;
    await enqueue(tx, ctx, {
      organisationId,
      idempotencyKey: `referral-hired-thanks:${referral.id}`,
      template: 'referral_hired_thanks',
      variables: { referral: { name: name.trim().split(/\s+/)[0] ?? name } },
      to: { kind: 'candidate', candidateId: referral.referrer_candidate_id },
      send: 'window',
      createdBy: 'system',
    });
    sent++;
  }
  return sent;
}

function statusOf(row: repo.ListedReferral): ReferralStatus {
  const stage = row.stage === 'closed' && row.outcome ? row.outcome : row.stage;
  switch (stage) {
    case 'hired':
      return 'hired';
    case 'not_progressing':
    case 'offer_declined':
    case 'withdrawn':
      return 'not_progressing';
    case 'interviewing':
    case 'awaiting_decision':
    case 'offer':
      return 'interviewed';
    case 'applied':
      return 'applied';
    default:
      return row.joinedNetworkAt ? 'joined_network' : 'applied';
  }
}

/** One link's story for the hiring team: opens (a count only), who came forward, where they are. */
function linkStatusOf(
  link: repo.ListedLink,
  referrals: repo.ListedReferral[],
  now: Date,
): ReferralLinkStatus {
  const state = link.revokedAt
    ? 'revoked'
    : new Date(link.expiresAt).getTime() <= now.getTime()
      ? 'expired'
      : 'active';
  const timeline: ReferralLinkStatus['timeline'] = [{ at: link.createdAt, kind: 'made', candidate: null }];
  if (link.firstViewedAt) timeline.push({ at: link.firstViewedAt, kind: 'first_opened', candidate: null });
  if (link.lastViewedAt && link.viewCount > 1 && link.lastViewedAt !== link.firstViewedAt)
    timeline.push({ at: link.lastViewedAt, kind: 'last_opened', candidate: null });
  const items = referrals.map((r) => {
    const candidate = { id: r.candidateId, name: r.candidateName };
    const status = statusOf(r);
    if (r.joinedNetworkAt) timeline.push({ at: r.joinedNetworkAt, kind: 'joined_network', candidate });
    if (r.interestAt) timeline.push({ at: r.interestAt, kind: 'applied', candidate });
    // Where the application went after applying, when it moved on.
    if (r.stageChangedAt && (status === 'interviewed' || status === 'hired' || status === 'not_progressing'))
      timeline.push({ at: r.stageChangedAt, kind: status, candidate });
    return { id: r.id, candidate, applicationId: r.applicationId, roleTitle: r.roleTitle, status };
  });
  if (link.revokedAt) timeline.push({ at: link.revokedAt, kind: 'revoked', candidate: null });
  timeline.sort((a, b) => a.at.localeCompare(b.at));
  return {
    id: link.id,
    referrer: { id: link.referrerId, name: link.referrerName },
    roleTitle: link.roleTitle,
    kindOfWork: link.kindOfWork,
    state,
    opened: { count: link.viewCount, first: link.firstViewedAt, last: link.lastViewedAt },
    referrals: items,
    timeline,
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt,
    createdAt: link.createdAt,
  };
}

export function referralService(ctx: AppContext) {
  return {
    async list(organisationId: string, query: ReferralListQuery): Promise<ReferralPage> {
      const limit = query.limit ?? 50;
      // Status is derived from the application, so it filters after reading; read generously.
      const rows = await repo.listReferrals(ctx.kysely, organisationId, {
        referrerId: query.referredBy,
        candidateId: query.candidateId,
        cursor: query.cursor,
        limit: query.status ? 500 : limit + 1,
      });
      const items: Referral[] = rows
        .map((r) => ({
          id: r.id,
          referrer: { id: r.referrerId, name: r.referrerName },
          candidate: { id: r.candidateId, name: r.candidateName },
          applicationId: r.applicationId,
          roleTitle: r.roleTitle,
          status: statusOf(r),
          joinedNetworkAt: r.joinedNetworkAt,
          interestAt: r.interestAt,
          createdAt: r.createdAt,
        }))
        .filter((r) => !query.status || r.status === query.status);
      const page = items.slice(0, limit);
      return { data: page, nextCursor: items.length > limit ? (page.at(-1)?.id ?? null) : null };
    },

    async links(organisationId: string, query: ReferralLinkQuery): Promise<ReferralLinkPage> {
      const limit = query.limit ?? 50;
      const links = await repo.listLinks(ctx.kysely, organisationId, {
        referrerId: query.referredBy,
        cursor: query.cursor,
        limit: limit + 1,
      });
      const page = links.slice(0, limit);
      const referrals = await repo.listReferrals(ctx.kysely, organisationId, {
        linkIds: page.map((l) => l.id),
        limit: 10_000,
      });
      const now = ctx.now();
      return {
        data: page.map((l) => linkStatusOf(l, referrals.filter((r) => r.linkId === l.id).reverse(), now)),
        nextCursor: links.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },

    async askSettings(organisationId: string): Promise<ReferralAskSettings> {
      return { templates: await referralAskSettings(ctx.kysely, organisationId) };
    },

    async updateAskSettings(actor: Actor, input: ReferralAskSettingsUpdate): Promise<ReferralAskSettings> {
      const now = ctx.now();
      const { organisationId } = actor;
      await ctx.kysely.transaction().execute(async (tx) => {
        await setReferralAsk(tx, organisationId, input.templates, now);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'referrals.ask_settings_changed',
            subjectType: 'organisation',
            subjectId: organisationId,
            detail: { templates: input.templates },
          },
          now,
        );
      });
      return this.askSettings(organisationId);
    },

    async referrers(organisationId: string): Promise<{ data: Referrer[] }> {
      const [links, referrals] = await Promise.all([
        repo.listReferrerLinkCounts(ctx.kysely, organisationId),
        repo.listReferrals(ctx.kysely, organisationId, { limit: 10_000 }),
      ]);
      const items = links.map((l) => {
        const theirs = referrals.filter((r) => r.referrerId === l.referrerId);
        return {
          referrer: { id: l.referrerId, name: l.referrerName },
          links: l.links,
          views: l.views,
          joinedNetwork: theirs.filter((r) => r.joinedNetworkAt !== null).length,
          interests: theirs.filter((r) => r.interestAt !== null).length,
          hires: theirs.filter((r) => statusOf(r) === 'hired').length,
        };
      });
      return { data: items };
    },
  };
}
