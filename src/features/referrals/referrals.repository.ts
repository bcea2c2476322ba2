// All of the referrals feature's SQL. Every function takes the organisation id, except the lookup
// of a link by the hash of its code (the colleague's page knows only the code).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { refreshApplication, refreshRole } from '../reputation/rollup.repository.ts';

export interface LinkRow {
  id: string;
  organisation_id: string;
  referrer_candidate_id: string;
  role_id: string | null;
  kind_of_work: string | null;
  show_first_name: number;
  view_count: number;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

const linkColumns = [
  'id',
  'organisation_id',
  'referrer_candidate_id',
  'role_id',
  'kind_of_work',
  'show_first_name',
  'view_count',
  'expires_at',
  'revoked_at',
  'created_at',
] as const;

export async function insertLink(
  db: Kysely<Database>,
  organisationId: string,
  input: {
    id?: string;
    referrerCandidateId: string;
    codeHash: string;
    roleId: string | null;
    kindOfWork: string | null;
    showFirstName: boolean;
    expiresAt: string;
  },
  now: Date,
): Promise<string> {
  const id = input.id ?? newId(now.getTime());
  await db
    .insertInto('referral_link')
    .values({
      id,
      organisation_id: organisationId,
      referrer_candidate_id: input.referrerCandidateId,
      code_hash: input.codeHash,
      role_id: input.roleId,
      kind_of_work: input.kindOfWork,
      show_first_name: input.showFirstName ? 1 : 0,
      view_count: 0,
      first_viewed_at: null,
      last_viewed_at: null,
      expires_at: input.expiresAt,
      revoked_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** The link with this code hash, in whichever organisation it belongs to. */
export async function findLinkByHash(db: Kysely<Database>, codeHash: string): Promise<LinkRow | undefined> {
  return db
    .selectFrom('referral_link')
    .select(linkColumns)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
}

export async function listLinksOf(
  db: Kysely<Database>,
  organisationId: string,
  referrerCandidateId: string,
): Promise<LinkRow[]> {
  return db
    .selectFrom('referral_link')
    .select(linkColumns)
    .where('organisation_id', '=', organisationId)
    .where('referrer_candidate_id', '=', referrerCandidateId)
    .orderBy('id', 'desc')
    .execute();
}

export async function revokeLink(
  db: Kysely<Database>,
  organisationId: string,
  referrerCandidateId: string,
  linkId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('referral_link')
    .set({ revoked_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('referrer_candidate_id', '=', referrerCandidateId)
    .where('id', '=', linkId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether the colleague's page of every link of the referrer shows their first name. */
export async function setShowFirstName(
  db: Kysely<Database>,
  organisationId: string,
  referrerCandidateId: string,
  show: boolean,
): Promise<void> {
  await db
    .updateTable('referral_link')
    .set({ show_first_name: show ? 1 : 0 })
    .where('organisation_id', '=', organisationId)
    .where('referrer_candidate_id', '=', referrerCandidateId)
    .execute();
}

export async function countView(db: Kysely<Database>, organisationId: string, linkId: string, now: Date) {
  await db
    .updateTable('referral_link')
    .set({
      view_count: sql`view_count + 1`,
      first_viewed_at: sql`coalesce(first_viewed_at, ${now.toISOString()})`,
      last_viewed_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', linkId)
    .execute();
}

export async function findCandidateName(db: Kysely<Database>, organisationId: string, candidateId: string) {
  const row = await db
    .selectFrom('candidate')
    .select(['name'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .executeTakeFirst();
  return row?.name;
}

export interface OpenRole {
  id: string;
  title: string;
  venueName: string;
}

/** Open roles of the organisation (the link's own role first when it is open). */
export async function listOpenRoles(db: Kysely<Database>, organisationId: string): Promise<OpenRole[]> {
  return db
    .selectFrom('role')
    .innerJoin('venue', (j) =>
      j.onRef('venue.id', '=', 'role.venue_id').onRef('venue.organisation_id', '=', 'role.organisation_id'),
    )
    .select(['role.id as id', 'role.title as title', 'venue.name as venueName'])
    .where('role.organisation_id', '=', organisationId)
    .where('role.status', '=', 'open')
    .orderBy('role.title')
    .orderBy('role.id')
    .limit(50)
    .execute();
}

export async function findRoleHiringManager(db: Kysely<Database>, organisationId: string, roleId: string) {
  const row = await db
    .selectFrom('role')
    .select(['hiring_manager_id', 'title'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', roleId)
    .executeTakeFirst();
  return row;
}

export interface ReferralRow {
  id: string;
  link_id: string;
  referrer_candidate_id: string;
  candidate_id: string;
  application_id: string | null;
  joined_network_at: string | null;
  interest_at: string | null;
  arrival_thanks_at: string | null;
  hired_thanks_at: string | null;
  created_at: string;
}

const referralColumns = [
  'id',
  'link_id',
  'referrer_candidate_id',
  'candidate_id',
  'application_id',
  'joined_network_at',
  'interest_at',
  'arrival_thanks_at',
  'hired_thanks_at',
  'created_at',
] as const;

export async function findReferral(
  db: Kysely<Database>,
  organisationId: string,
  linkId: string,
  candidateId: string,
): Promise<ReferralRow | undefined> {
  return db
    .selectFrom('referral')
    .select(referralColumns)
    .where('organisation_id', '=', organisationId)
    .where('link_id', '=', linkId)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
}

/** The referral of this link and colleague, made when first seen; then the milestone is set. */
export async function upsertReferral(
  db: Kysely<Database>,
  organisationId: string,
  input: {
    linkId: string;
    referrerCandidateId: string;
    candidateId: string;
    applicationId?: string;
    joinedNetwork?: boolean;
    interest?: boolean;
  },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const at = now.toISOString();
  const existing = await findReferral(db, organisationId, input.linkId, input.candidateId);
  const milestones = {
    ...(input.joinedNetwork && { joined_network_at: existing?.joined_network_at ?? at }),
    ...(input.interest && { interest_at: existing?.interest_at ?? at }),
    ...(input.applicationId && { application_id: existing?.application_id ?? input.applicationId }),
  };
  if (existing) {
    await db
      .updateTable('referral')
      .set({ ...milestones, updated_at: at })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', existing.id)
      .execute();
    if (milestones.application_id && !existing.application_id) {
      await refreshRole(db, organisationId, '');
      await refreshApplication(db, organisationId, milestones.application_id);
    }
    return { id: existing.id, created: false };
  }
  const id = newId(now.getTime());
  await db
    .insertInto('referral')
    .values({
      id,
      organisation_id: organisationId,
      link_id: input.linkId,
      referrer_candidate_id: input.referrerCandidateId,
      candidate_id: input.candidateId,
      application_id: null,
      joined_network_at: null,
      interest_at: null,
      arrival_thanks_at: null,
      hired_thanks_at: null,
      ...milestones,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (milestones.application_id) await refreshApplication(db, organisationId, milestones.application_id);
  else await refreshRole(db, organisationId, '');
  return { id, created: true };
}

/** Marks a milestone's thanks as sent; false when it already was (so it is sent once). */
export async function claimThanks(
  db: Kysely<Database>,
  organisationId: string,
  referralId: string,
  milestone: 'arrival' | 'hired',
  now: Date,
): Promise<boolean> {
  const column = milestone === 'arrival' ? 'arrival_thanks_at' : 'hired_thanks_at';
  const result = await db
    .updateTable('referral')
    .set({ [column]: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', referralId)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Referrals whose colleague's application this is (or any application of the colleague). */
export async function listReferralsForApplication(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  candidateId: string,
): Promise<ReferralRow[]> {
  return db
    .selectFrom('referral')
    .select(referralColumns)
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where((eb) => eb.or([eb('application_id', '=', applicationId), eb('application_id', 'is', null)]))
    .orderBy('id')
    .execute();
}

export async function findApplicationCandidate(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('application')
    .select(['candidate_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .executeTakeFirst();
  return row?.candidate_id;
}

export interface ListedReferral {
  id: string;
  linkId: string;
  referrerId: string;
  referrerName: string;
  candidateId: string;
  candidateName: string;
  applicationId: string | null;
  roleTitle: string | null;
  stage: string | null;
  outcome: string | null;
  stageChangedAt: string | null;
  joinedNetworkAt: string | null;
  interestAt: string | null;
  createdAt: string;
}

export async function listReferrals(
  db: Kysely<Database>,
  organisationId: string,
  filters: {
    referrerId?: string;
    candidateId?: string;
    linkIds?: string[];
    cursor?: string;
    limit: number;
  },
): Promise<ListedReferral[]> {
  let query = db
    .selectFrom('referral')
    .innerJoin('candidate as referrer', (j) =>
      j
        .onRef('referrer.id', '=', 'referral.referrer_candidate_id')
        .onRef('referrer.organisation_id', '=', 'referral.organisation_id'),
    )
    .innerJoin('candidate as colleague', (j) =>
      j
        .onRef('colleague.id', '=', 'referral.candidate_id')
        .onRef('colleague.organisation_id', '=', 'referral.organisation_id'),
    )
    .leftJoin('application', (j) =>
      j
        .onRef('application.id', '=', 'referral.application_id')
        .onRef('application.organisation_id', '=', 'referral.organisation_id'),
    )
    .leftJoin('role', (j) =>
      j
        .onRef('role.id', '=', 'application.role_id')
        .onRef('role.organisation_id', '=', 'application.organisation_id'),
    )
    .select([
      'referral.id as id',
      'referral.link_id as linkId',
      'referral.referrer_candidate_id as referrerId',
      'referrer.name as referrerName',
      'referral.candidate_id as candidateId',
      'colleague.name as candidateName',
      'referral.application_id as applicationId',
      'role.title as roleTitle',
      'application.stage as stage',
      'application.outcome as outcome',
      'application.stage_changed_at as stageChangedAt',
      'referral.joined_network_at as joinedNetworkAt',
      'referral.interest_at as interestAt',
      'referral.created_at as createdAt',
    ])
    .where('referral.organisation_id', '=', organisationId);
  if (filters.referrerId) query = query.where('referral.referrer_candidate_id', '=', filters.referrerId);
  if (filters.candidateId) query = query.where('referral.candidate_id', '=', filters.candidateId);
  if (filters.linkIds) {
    if (filters.linkIds.length === 0) return [];
    query = query.where('referral.link_id', 'in', filters.linkIds);
  }
  if (filters.cursor) query = query.where('referral.id', '<', filters.cursor);
  return query.orderBy('referral.id', 'desc').limit(filters.limit).execute();
}

export interface ListedLink {
  id: string;
  referrerId: string;
  referrerName: string;
  roleTitle: string | null;
  kindOfWork: string | null;
  viewCount: number;
  firstViewedAt: string | null;
  lastViewedAt: string | null;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

/** The organisation's referral links, newest first, with their referrer and role. */
export async function listLinks(
  db: Kysely<Database>,
  organisationId: string,
  filters: { referrerId?: string; cursor?: string; limit: number },
): Promise<ListedLink[]> {
  let query = db
    .selectFrom('referral_link')
    .innerJoin('candidate', (j) =>
      j
        .onRef('candidate.id', '=', 'referral_link.referrer_candidate_id')
        .onRef('candidate.organisation_id', '=', 'referral_link.organisation_id'),
    )
    .leftJoin('role', (j) =>
      j
        .onRef('role.id', '=', 'referral_link.role_id')
        .onRef('role.organisation_id', '=', 'referral_link.organisation_id'),
    )
    .select([
      'referral_link.id as id',
      'referral_link.referrer_candidate_id as referrerId',
      'candidate.name as referrerName',
      'role.title as roleTitle',
      'referral_link.kind_of_work as kindOfWork',
      'referral_link.view_count as viewCount',
      'referral_link.first_viewed_at as firstViewedAt',
      'referral_link.last_viewed_at as lastViewedAt',
      'referral_link.expires_at as expiresAt',
      'referral_link.revoked_at as revokedAt',
      'referral_link.created_at as createdAt',
    ])
    .where('referral_link.organisation_id', '=', organisationId);
  if (filters.referrerId) query = query.where('referral_link.referrer_candidate_id', '=', filters.referrerId);
  if (filters.cursor) query = query.where('referral_link.id', '<', filters.cursor);
  const rows = await query.orderBy('referral_link.id', 'desc').limit(filters.limit).execute();
  return rows.map((r) => ({ ...r, viewCount: Number(r.viewCount) }));
}

export interface ReferrerCounts {
  referrerId: string;
  referrerName: string;
  links: number;
  views: number;
}

export async function listReferrerLinkCounts(db: Kysely<Database>, organisationId: string) {
  const rows = await db
    .selectFrom('referral_link')
    .innerJoin('candidate', (j) =>
      j
        .onRef('candidate.id', '=', 'referral_link.referrer_candidate_id')
        .onRef('candidate.organisation_id', '=', 'referral_link.organisation_id'),
    )
    .select((eb) => [
      'referral_link.referrer_candidate_id as referrerId',
      'candidate.name as referrerName',
      eb.fn.countAll<number>().as('links'),
      eb.fn.sum<number>('referral_link.view_count').as('views'),
    ])
    .where('referral_link.organisation_id', '=', organisationId)
    .groupBy(['referral_link.referrer_candidate_id', 'candidate.name'])
    .orderBy('candidate.name')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, links: Number(r.links), views: Number(r.views ?? 0) }));
}

/** The templates whose referral ask the organisation turned off. */
export async function listAskOff(db: Kysely<Database>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('referral_ask_off')
    .select(['template_key'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => r.template_key);
}

export async function isAskOff(db: Kysely<Database>, organisationId: string, templateKey: string) {
  const row = await db
    .selectFrom('referral_ask_off')
    .select(['template_key'])
    .where('organisation_id', '=', organisationId)
    .where('template_key', '=', templateKey)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setAskOff(
  db: Kysely<Database>,
  organisationId: string,
  templateKey: string,
  off: boolean,
  now: Date,
): Promise<void> {
  if (!off) {
    await db
      .deleteFrom('referral_ask_off')
      .where('organisation_id', '=', organisationId)
      .where('template_key', '=', templateKey)
      .execute();
    return;
  }
  await db
    .insertInto('referral_ask_off')
    .values({ organisation_id: organisationId, template_key: templateKey, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['organisation_id', 'template_key']).doNothing())
    .execute();
}
