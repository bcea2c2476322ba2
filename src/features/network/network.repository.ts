// The talent network's queries. The list reads network_profile (one row per member, indexed by
// status, region and casual crew) and then, for the page only, the members' tags, assessments,
// future-fit marks and training. Assessment is read from SUBMITTED scorecards' ratings only; private
// notes are never selected.
import { createHash } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { containsText, onePastPage, pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { findBuiltInFramework } from '../../domain/frameworks/builtins.ts';
import { type Level, levelLabels } from '../../domain/frameworks/types.ts';
import { newId } from '../../ids.ts';
import type { Page } from '../common.schema.ts';
import { refreshCandidate } from '../reputation/rollup.repository.ts';
import type {
  AssessedAt,
  ConsentSource,
  ConsentStatus,
  FutureFit,
  LevelReached,
  NetworkListQuery,
  NetworkMember,
  ProfileFields,
  TrainingDone,
} from './network.schema.ts';

/** Consent that ends within this many days is "expiring" (the re-consent email goes then). */
export const expiringDays = 30;
const dayMs = 86_400_000;

export type TagKind = 'skill' | 'certification' | 'role_kind' | 'venue';
export const tagKey = (value: string) => value.trim().toLowerCase();
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A member's profile columns with their name, as `ProfileRow` reads them. */
export const profileColumns = [
  'network_profile.id',
  'network_profile.candidate_id',
  'network_profile.status',
  'network_profile.joined_at',
  'network_profile.consent_version',
  'network_profile.consent_expires_at',
  'network_profile.left_at',
  'network_profile.region',
  'network_profile.travel_miles',
  'network_profile.available_permanent',
  'network_profile.available_freelance',
  'network_profile.casual_crew',
  'network_profile.notice_weeks',
  'network_profile.last_contact_at',
  'network_profile.unsubscribed_at',
  'candidate.name',
] as const;

export interface ProfileRow {
  id: string;
  candidate_id: string;
  status: string;
  joined_at: string;
  consent_version: string;
  consent_expires_at: string;
  left_at: string | null;
  region: string | null;
  travel_miles: number | null;
  available_permanent: number;
  available_freelance: number;
  casual_crew: number;
  notice_weeks: number | null;
  last_contact_at: string | null;
  unsubscribed_at: string | null;
  name: string;
}

const iso = (v: string | Date) => (typeof v === 'string' ? new Date(v).toISOString() : v.toISOString());
const isoOrNull = (v: string | Date | null) => (v === null ? null : iso(v));
const dateOnly = (v: string | Date | null) =>
  v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

export function consentStatusOf(
  row: Pick<ProfileRow, 'status' | 'consent_expires_at'>,
  now: Date,
): ConsentStatus {
  if (row.status === 'left') return 'left';
  const ends = Date.parse(iso(row.consent_expires_at));
  if (ends <= now.getTime()) return 'expired';
  return ends - now.getTime() <= expiringDays * dayMs ? 'expiring' : 'active';
}

// ---------------------------------------------------------------------------------------------- profile

export async function findProfile(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<ProfileRow | undefined> {
  return db
    .selectFrom('network_profile')
    .innerJoin('candidate', 'candidate.id', 'network_profile.candidate_id')
    .select(profileColumns)
    .where('network_profile.organisation_id', '=', organisationId)
    .where('network_profile.candidate_id', '=', candidateId)
    .executeTakeFirst();
}

/** A member joins or renews: the profile is (re)opened with the consent's version and expiry. */
export async function openProfile(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  consent: { version: string; expiresAt: string; rejoined: boolean },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('network_profile')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      candidate_id: candidateId,
      status: 'member',
      joined_at: at,
      consent_version: consent.version,
      consent_expires_at: consent.expiresAt,
      left_at: null,
      region: null,
      travel_miles: null,
      available_permanent: 1,
      available_freelance: 0,
      casual_crew: 0,
      notice_weeks: null,
      last_contact_at: null,
      unsubscribed_at: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'candidate_id']).doUpdateSet({
        status: 'member',
        consent_version: consent.version,
        consent_expires_at: consent.expiresAt,
        left_at: null,
        ...(consent.rejoined && { joined_at: at, unsubscribed_at: null }),
        updated_at: at,
      }),
    )
    .execute();
  // Joining moves the opt-in and re-engagement figures of every application of the candidate.
  await refreshCandidate(db, organisationId, candidateId);
}

export async function closeProfile(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('network_profile')
    .set({ status: 'left', left_at: now.toISOString(), updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('status', '=', 'member')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateProfileFields(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  input: ProfileFields,
  now: Date,
): Promise<void> {
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  const set = {
    ...(input.region !== undefined && { region: input.region }),
    ...(input.travelMiles !== undefined && { travel_miles: input.travelMiles }),
    ...(input.noticeWeeks !== undefined && { notice_weeks: input.noticeWeeks }),
    ...(input.permanent !== undefined && { available_permanent: flag(input.permanent)! }),
    ...(input.freelance !== undefined && { available_freelance: flag(input.freelance)! }),
    ...(input.casualCrew !== undefined && { casual_crew: flag(input.casualCrew)! }),
    updated_at: now.toISOString(),
  };
  await db
    .updateTable('network_profile')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  const tags: [TagKind, string[] | undefined][] = [
    ['skill', input.skills],
    ['certification', input.certifications],
    ['role_kind', input.roleKinds],
    ['venue', input.venues],
  ];
  for (const [kind, values] of tags) {
    if (values === undefined) continue;
    await db
      .deleteFrom('network_tag')
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', '=', candidateId)
      .where('kind', '=', kind)
      .execute();
    const unique = new Map(values.map((v) => [tagKey(v), v.trim()]));
    if (unique.size === 0) continue;
    await db
      .insertInto('network_tag')
      .values(
        [...unique].map(([value_key, value]) => ({
          organisation_id: organisationId,
          candidate_id: candidateId,
          kind,
          value,
          value_key,
        })),
      )
      .execute();
  }
}

export async function touchLastContact(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('network_profile')
    .set({ last_contact_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
}

export async function setUnsubscribed(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  unsubscribed: boolean,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('network_profile')
    .set({ unsubscribed_at: unsubscribed ? now.toISOString() : null, updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('unsubscribed_at', unsubscribed ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ------------------------------------------------------------------------------------ consent, history

export async function insertConsent(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  consent: {
    kind: 'given' | 'renewed' | 'withdrawn';
    textVersion: string;
    source: ConsentSource;
    expiresAt: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('network_consent')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      candidate_id: candidateId,
      kind: consent.kind,
      text_version: consent.textVersion,
      source: consent.source,
      expires_at: consent.expiresAt,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function listConsents(db: Kysely<Database>, organisationId: string, candidateId: string) {
  const rows = await db
    .selectFrom('network_consent')
    .select(['kind', 'text_version', 'source', 'expires_at', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    kind: r.kind as 'given' | 'renewed' | 'withdrawn',
    textVersion: r.text_version,
    source: r.source as ConsentSource,
    expiresAt: isoOrNull(r.expires_at),
    at: iso(r.created_at),
  }));
}

export async function insertHistory(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  entry: { kind: string; summary: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto('network_history')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      candidate_id: candidateId,
      kind: entry.kind,
      summary: entry.summary.slice(0, 1000),
      created_at: now.toISOString(),
    })
    .execute();
}

export async function listHistory(db: Kysely<Database>, organisationId: string, candidateId: string) {
  const rows = await db
    .selectFrom('network_history')
    .select(['kind', 'summary', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, summary: r.summary, at: iso(r.created_at) }));
}

// --------------------------------------------------------------------------------------------- the list

export async function listProfiles(
  db: Kysely<Database>,
  organisationId: string,
  query: NetworkListQuery,
  now: Date,
): Promise<{ rows: ProfileRow[]; nextCursor: string | null }> {
  const rare = async (kinds: TagKind[], value: string | undefined) =>
    value !== undefined && (await countTagged(db, organisationId, kinds, value)) < rareTagMembers;
  const drive = {
    skill: await rare(['skill', 'certification'], query.skill),
    interest: await rare(['role_kind', 'venue'], query.interest),
  };
  return pageFrom(await listProfilesQuery(db, organisationId, query, now, drive).execute(), query.limit);
}

/**
 * Below this many members with a tag, the list reads them from network_tag_lookup_idx and sorts them;
 * from it on, walking the members in id order finds a page sooner (each checked on the tag's key).
 */
export const rareTagMembers = 1000;

/** Members carrying a tag, counted on network_tag_lookup_idx up to rareTagMembers. */
export async function countTagged(
  db: Kysely<Database>,
  organisationId: string,
  kinds: TagKind[],
  value: string,
): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('network_tag')
        .select('candidate_id')
        .where('organisation_id', '=', organisationId)
        .where('kind', 'in', kinds)
        .where('value_key', '=', tagKey(value))
        .limit(rareTagMembers)
        .as('tagged'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The list's query, one row past the page (apart, so its plan can be checked with EXPLAIN). `drive`
 * says which tag filters are rare enough to read from the tag index rather than check per member.
 */
export function listProfilesQuery(
  db: Kysely<Database>,
  organisationId: string,
  query: NetworkListQuery,
  now: Date,
  drive: { skill: boolean; interest: boolean } = { skill: false, interest: false },
) {
  const at = now.toISOString();
  const expiringFrom = new Date(now.getTime() + expiringDays * dayMs).toISOString();
  let q = db
    .selectFrom('network_profile')
    .innerJoin('candidate', 'candidate.id', 'network_profile.candidate_id')
    .select(profileColumns)
    .where('network_profile.organisation_id', '=', organisationId)
    .where('candidate.organisation_id', '=', organisationId);
  switch (query.consentStatus) {
    case undefined:
      q = q
        .where('network_profile.status', '=', 'member')
        .where('network_profile.consent_expires_at', '>', at);
      break;
    case 'left':
      q = q.where('network_profile.status', '=', 'left');
      break;
    case 'expired':
      q = q
        .where('network_profile.status', '=', 'member')
        .where('network_profile.consent_expires_at', '<=', at);
      break;
    case 'expiring':
      q = q
        .where('network_profile.status', '=', 'member')
        .where('network_profile.consent_expires_at', '>', at)
        .where('network_profile.consent_expires_at', '<=', expiringFrom);
      break;
    case 'active':
      q = q
        .where('network_profile.status', '=', 'member')
        .where('network_profile.consent_expires_at', '>', expiringFrom);
      break;
    default:
      query.consentStatus satisfies never;
  }
  if (query.cursor) q = q.where('network_profile.id', '<', query.cursor);
  if (query.region) q = q.where('network_profile.region', '=', query.region);
  switch (query.availability) {
    case undefined:
      break;
    case 'permanent':
      q = q.where('network_profile.available_permanent', '=', 1);
      break;
    case 'freelance':
      q = q.where('network_profile.available_freelance', '=', 1);
      break;
    case 'casual':
      q = q.where('network_profile.casual_crew', '=', 1);
      break;
    default:
      query.availability satisfies never;
  }
  const withTag =
    (kinds: TagKind[], value: string, rare: boolean) =>
    (eb: ExpressionBuilder<Database, 'network_profile' | 'candidate'>) => {
      const tagged = eb
        .selectFrom('network_tag')
        .select('network_tag.candidate_id')
        .where('network_tag.organisation_id', '=', organisationId)
        .where('network_tag.kind', 'in', kinds)
        .where('network_tag.value_key', '=', tagKey(value));
      // Rare: the tagged members from network_tag_lookup_idx; common: a key lookup per member walked.
      return rare
        ? eb('network_profile.candidate_id', 'in', tagged)
        : eb.exists(tagged.whereRef('network_tag.candidate_id', '=', 'network_profile.candidate_id'));
    };
  if (query.skill) q = q.where(withTag(['skill', 'certification'], query.skill, drive.skill));
  if (query.interest) q = q.where(withTag(['role_kind', 'venue'], query.interest, drive.interest));
  if (query.q) {
    const text = query.q;
    q = q.where((eb) =>
      eb.or([
        containsText(eb, 'candidate.name', text),
        eb.exists(
          eb
            .selectFrom('network_tag')
            .select('network_tag.candidate_id')
            .where('network_tag.organisation_id', '=', organisationId)
            .where('network_tag.kind', 'in', ['skill', 'certification'])
            .where('network_tag.value_key', 'like', `${tagKey(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
            .whereRef('network_tag.candidate_id', '=', 'network_profile.candidate_id'),
        ),
      ]),
    );
  }
  if (query.futureFitDue) {
    const today = at.slice(0, 10);
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('network_future_fit')
          .select('network_future_fit.id')
          .where('network_future_fit.organisation_id', '=', organisationId)
          .where('network_future_fit.reengage_on', '<=', today)
          .whereRef('network_future_fit.candidate_id', '=', 'network_profile.candidate_id'),
      ),
    );
  }
  return q.orderBy('network_profile.id', 'desc').limit(onePastPage(query.limit));
}

// ------------------------------------------------------------------------- what each member brings

export interface MemberDetails {
  tags: Map<string, { kind: TagKind; value: string }[]>;
  assessed: Map<string, AssessedAt[]>;
  levels: Map<string, LevelReached[]>;
  futureFits: Map<string, FutureFit[]>;
  training: Map<string, TrainingDone[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const chunks = <T>(items: readonly T[], size = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Criterion names by framework version: built-ins from code, the organisation's from their versions. */
async function criterionNames(
  db: Kysely<Database>,
  organisationId: string,
  versionIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const own: string[] = [];
  for (const id of versionIds) {
    const builtIn = findBuiltInFramework(id);
    if (builtIn) for (const c of builtIn.criteria) names.set(c.key, c.name);
    else own.push(id);
  }
  for (const chunk of chunks(own)) {
    const rows = await db
      .selectFrom('framework_version')
      .select(['criteria'])
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) {
      for (const c of JSON.parse(row.criteria) as { key: string; name: string }[]) {
        if (!names.has(c.key)) names.set(c.key, c.name);
      }
    }
  }
  return names;
}

/** Tags, assessments (submitted scorecards only), future-fit marks and training of these members. */
export async function memberDetails(
  db: Kysely<Database>,
  organisationId: string,
  candidateIds: readonly string[],
): Promise<MemberDetails> {
  const details: MemberDetails = {
    tags: new Map(),
    assessed: new Map(),
    levels: new Map(),
    futureFits: new Map(),
    training: new Map(),
  };
  for (const ids of chunks(candidateIds)) {
    if (ids.length === 0) continue;
    const tags = await db
      .selectFrom('network_tag')
      .select(['candidate_id', 'kind', 'value'])
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', 'in', ids)
      .orderBy('value_key')
      .execute();
    for (const t of tags) push(details.tags, t.candidate_id, { kind: t.kind as TagKind, value: t.value });

    const ratings = await db
      .selectFrom('scorecard_rating')
      .innerJoin('scorecard', 'scorecard.id', 'scorecard_rating.scorecard_id')
      .innerJoin('application', 'application.id', 'scorecard.application_id')
      .innerJoin('role', 'role.id', 'application.role_id')
      .innerJoin('venue', 'venue.id', 'role.venue_id')
      .select([
        'application.candidate_id',
        'application.id as application_id',
        'role.id as role_id',
        'role.title as role_title',
        'venue.name as venue_name',
        'scorecard.framework_version_id',
        'scorecard.submitted_at',
        'scorecard_rating.criterion_key',
        'scorecard_rating.rating',
      ])
      .where('scorecard.organisation_id', '=', organisationId)
      .where('application.organisation_id', '=', organisationId)
      .where('scorecard.status', '=', 'submitted')
      .where('scorecard_rating.rating', 'is not', null)
      .where('application.candidate_id', 'in', ids)
      .execute();
    const names = await criterionNames(db, organisationId, [
      ...new Set(ratings.map((r) => r.framework_version_id)),
    ]);
    const perApplication = new Map<
      string,
      { candidateId: string; sums: Map<string, number[]>; at: AssessedAt }
    >();
    for (const r of ratings) {
      let entry = perApplication.get(r.application_id);
      const submittedAt = iso(r.submitted_at ?? new Date(0));
      if (!entry) {
        entry = {
          candidateId: r.candidate_id,
          sums: new Map(),
          at: {
            applicationId: r.application_id,
            roleId: r.role_id,
            roleTitle: r.role_title,
            venueName: r.venue_name,
            assessedOn: submittedAt,
          },
        };
        perApplication.set(r.application_id, entry);
      }
      if (submittedAt > entry.at.assessedOn) entry.at.assessedOn = submittedAt;
      push(entry.sums, r.criterion_key, Number(r.rating));
    }
    const best = new Map<string, Map<string, Level>>();
    for (const entry of perApplication.values()) {
      push(details.assessed, entry.candidateId, entry.at);
      const levels = best.get(entry.candidateId) ?? new Map<string, Level>();
      for (const [criterion, values] of entry.sums) {
        const level = Math.min(
          4,
          Math.max(1, Math.round(values.reduce((a, b) => a + b, 0) / values.length)),
        ) as Level;
        if ((levels.get(criterion) ?? 0) < level) levels.set(criterion, level);
      }
      best.set(entry.candidateId, levels);
    }
    for (const [candidateId, levels] of best) {
      details.levels.set(
        candidateId,
        [...levels]
          .map(([criterionKey, level]) => ({
            criterionKey,
            name: names.get(criterionKey) ?? criterionKey,
            level,
            levelLabel: levelLabels[level],
          }))
          .sort((a, b) => b.level - a.level || a.name.localeCompare(b.name)),
      );
    }
    for (const list of details.assessed.values())
      list.sort((a, b) => b.assessedOn.localeCompare(a.assessedOn));

    const fits = await db
      .selectFrom('network_future_fit')
      .leftJoin('user', 'user.id', 'network_future_fit.manager_id')
      .select(futureFitColumns)
      .where('network_future_fit.organisation_id', '=', organisationId)
      .where('network_future_fit.candidate_id', 'in', ids)
      .orderBy('network_future_fit.id', 'desc')
      .execute();
    for (const f of fits) push(details.futureFits, f.candidate_id, toFutureFit(f));

    const training = await db
      .selectFrom('network_training')
      .select([
        'id',
        'candidate_id',
        'criterion_key',
        'title',
        'certificate_number',
        'completed_on',
        'created_at',
      ])
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', 'in', ids)
      .orderBy('id')
      .execute();
    for (const t of training) {
      push(details.training, t.candidate_id, {
        id: t.id,
        criterionKey: t.criterion_key,
        title: t.title,
        certificateNumber: t.certificate_number,
        completedOn: dateOnly(t.completed_on),
        createdAt: iso(t.created_at),
      });
    }
  }
  return details;
}

/** A future-fit mark's columns, with its manager's name (joined as `user`). */
const futureFitColumns = [
  'network_future_fit.id',
  'network_future_fit.candidate_id',
  'network_future_fit.for_role',
  'network_future_fit.after',
  'network_future_fit.reengage_on',
  'network_future_fit.reminded_at',
  'network_future_fit.created_at',
  'user.name as manager_name',
] as const;

function toFutureFit(f: {
  id: string;
  for_role: string;
  after: string;
  reengage_on: string | Date;
  reminded_at: string | Date | null;
  created_at: string | Date;
  manager_name: string | null;
}): FutureFit {
  return {
    id: f.id,
    forRole: f.for_role,
    after: f.after,
    reengageOn: dateOnly(f.reengage_on)!,
    managerName: f.manager_name,
    remindedAt: isoOrNull(f.reminded_at),
    createdAt: iso(f.created_at),
  };
}

export function toNetworkMember(row: ProfileRow, details: MemberDetails, now: Date): NetworkMember {
  const tags = details.tags.get(row.candidate_id) ?? [];
  const of = (kind: TagKind) => tags.filter((t) => t.kind === kind).map((t) => t.value);
  return {
    candidateId: row.candidate_id,
    name: row.name,
    consent: {
      status: consentStatusOf(row, now),
      version: row.consent_version,
      joinedAt: iso(row.joined_at),
      expiresAt: iso(row.consent_expires_at),
    },
    unsubscribed: row.unsubscribed_at !== null,
    assessed: details.assessed.get(row.candidate_id) ?? [],
    strongestCriteria: (details.levels.get(row.candidate_id) ?? []).slice(0, 3),
    skills: of('skill'),
    certifications: of('certification'),
    region: row.region,
    travelMiles: row.travel_miles,
    availability: {
      permanent: Number(row.available_permanent) === 1,
      freelance: Number(row.available_freelance) === 1,
      casualCrew: Number(row.casual_crew) === 1,
      noticeWeeks: row.notice_weeks,
    },
    interests: { roleKinds: of('role_kind'), venues: of('venue') },
    futureFit: details.futureFits.get(row.candidate_id) ?? [],
    trainingDone: details.training.get(row.candidate_id) ?? [],
    lastContactAt: isoOrNull(row.last_contact_at),
  };
}

/** All levels reached by these members (not only the strongest), for matching. */
export function allLevels(details: MemberDetails, candidateId: string): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const l of details.levels.get(candidateId) ?? []) out[l.criterionKey] = l.level as Level;
  return out;
}

export type { Page };

// ------------------------------------------------------------------------- candidates, roles, fits

export async function findCandidateName(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('candidate')
    .select(['name'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .executeTakeFirst();
  return row?.name;
}

export interface RoleForNetwork {
  id: string;
  title: string;
  description: string | null;
  status: string;
  hiringManagerId: string | null;
  venueId: string;
  venueName: string;
  venueRegion: string;
  venueCity: string | null;
}

export async function findRoleForNetwork(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<RoleForNetwork | undefined> {
  const row = await db
    .selectFrom('role')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select([
      'role.id',
      'role.title',
      'role.description',
      'role.status',
      'role.hiring_manager_id',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'venue.region as venue_region',
      'venue.city as venue_city',
    ])
    .where('role.organisation_id', '=', organisationId)
    .where('role.id', '=', roleId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        title: row.title,
        description: row.description,
        status: row.status,
        hiringManagerId: row.hiring_manager_id,
        venueId: row.venue_id,
        venueName: row.venue_name,
        venueRegion: row.venue_region,
        venueCity: row.venue_city,
      }
    : undefined;
}

export async function insertFutureFit(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  fit: { managerId: string | null; forRole: string; after: string; reengageOn: string },
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto('network_future_fit')
    .values({
      id,
      organisation_id: organisationId,
      candidate_id: candidateId,
      manager_id: fit.managerId,
      for_role: fit.forRole,
      after: fit.after,
      reengage_on: fit.reengageOn,
      reminded_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

export async function findFutureFit(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<FutureFit | undefined> {
  const row = await db
    .selectFrom('network_future_fit')
    .leftJoin('user', 'user.id', 'network_future_fit.manager_id')
    .select(futureFitColumns)
    .where('network_future_fit.organisation_id', '=', organisationId)
    .where('network_future_fit.id', '=', id)
    .executeTakeFirst();
  return row ? toFutureFit(row) : undefined;
}

/** The re-engage queue: future-fit marks whose day has come, soonest first. */
export async function listReengageDue(
  db: Kysely<Database>,
  organisationId: string,
  today: string,
  query: { limit: number; cursor?: string | undefined },
) {
  let q = db
    .selectFrom('network_future_fit')
    .innerJoin('candidate', 'candidate.id', 'network_future_fit.candidate_id')
    .leftJoin('user', 'user.id', 'network_future_fit.manager_id')
    .leftJoin('network_profile', (join) =>
      join
        .onRef('network_profile.candidate_id', '=', 'network_future_fit.candidate_id')
        .onRef('network_profile.organisation_id', '=', 'network_future_fit.organisation_id'),
    )
    .select([...futureFitColumns, 'candidate.name', 'network_profile.status as network_status'])
    .where('network_future_fit.organisation_id', '=', organisationId)
    .where('network_future_fit.reengage_on', '<=', today);
  if (query.cursor) q = q.where('network_future_fit.id', '<', query.cursor);
  const rows = await q
    .orderBy('network_future_fit.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return {
    data: page.rows.map((r) => ({
      candidateId: r.candidate_id,
      name: r.name,
      futureFit: toFutureFit(r),
      inNetwork: r.network_status === 'member',
    })),
    nextCursor: page.nextCursor,
  };
}

/** Future-fit marks due today or before and not yet reminded, across organisations (for the sweep). */
export async function findFutureFitsToRemind(db: Kysely<Database>, today: string, limit: number) {
  return db
    .selectFrom('network_future_fit')
    .innerJoin('candidate', 'candidate.id', 'network_future_fit.candidate_id')
    .select([
      'network_future_fit.id',
      'network_future_fit.organisation_id',
      'network_future_fit.candidate_id',
      'network_future_fit.manager_id',
      'network_future_fit.for_role',
      'network_future_fit.after',
      'network_future_fit.reengage_on',
      'candidate.name',
    ])
    .where('network_future_fit.reengage_on', '<=', today)
    .where('network_future_fit.reminded_at', 'is', null)
    .where('network_future_fit.manager_id', 'is not', null)
    .orderBy('network_future_fit.reengage_on')
    .limit(limit)
    .execute();
}

/** Claims the reminder: true for the one transaction that marks it (exactly once across workers). */
export async function markFutureFitReminded(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('network_future_fit')
    .set({ reminded_at: now.toISOString() })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ------------------------------------------------------------------------ unsubscribe, opportunities

export async function insertUnsubscribeToken(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  token: string,
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto('network_unsubscribe_token')
    .values({
      id,
      organisation_id: organisationId,
      candidate_id: candidateId,
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      used_at: null,
    })
    .execute();
  return id;
}

export async function deleteUnsubscribeTokens(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('network_unsubscribe_token').where('id', 'in', ids).execute();
}

export async function findUnsubscribeToken(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('network_unsubscribe_token')
    .select(['id', 'organisation_id', 'candidate_id', 'used_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

export async function markUnsubscribeTokenUsed(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db
    .updateTable('network_unsubscribe_token')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .execute();
}

export async function listOfferedCandidateIds(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('network_opportunity')
    .select(['candidate_id'])
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', roleId)
    .execute();
  return new Set(rows.map((r) => r.candidate_id));
}

/** The roles offered to a candidate (for their page), newest first, with the role still open or not. */
export async function listOpportunitiesFor(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
) {
  return db
    .selectFrom('network_opportunity')
    .innerJoin('role', 'role.id', 'network_opportunity.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .select([
      'network_opportunity.role_id',
      'network_opportunity.note',
      'network_opportunity.created_at',
      'role.title',
      'role.description',
      'role.status',
      'role.hiring_manager_id',
      'venue.name as venue_name',
    ])
    .where('network_opportunity.organisation_id', '=', organisationId)
    .where('role.organisation_id', '=', organisationId)
    .where('network_opportunity.candidate_id', '=', candidateId)
    .where('network_opportunity.status', '=', 'sent')
    .orderBy('network_opportunity.id', 'desc')
    .execute();
}

/** Records the opportunity; false when this member was already offered this role. */
export async function insertOpportunity(
  db: Kysely<Database>,
  row: {
    organisationId: string;
    roleId: string;
    candidateId: string;
    note: string | null;
    jobId: string | null;
    messageId: string | null;
    status: 'sent' | 'skipped';
  },
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('network_opportunity')
    .values({
      id: newId(now.getTime()),
      organisation_id: row.organisationId,
      role_id: row.roleId,
      candidate_id: row.candidateId,
      note: row.note,
      job_id: row.jobId,
      message_id: row.messageId,
      status: row.status,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'role_id', 'candidate_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const newMembershipId = (now: Date) => newId(now.getTime());

/** The organisation's settings kept in better-auth's `metadata` (JSON text), if any. */
export async function organisationMetadata(
  db: Kysely<Database>,
  organisationId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('organization')
    .select(['metadata'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return row?.metadata ?? null;
}

/** A renewal: the current membership period runs to the new expiry under the current consent text. */
export async function extendMembership(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  change: { expiresAt: string; consentVersion: string },
): Promise<void> {
  await db
    .updateTable('talent_network_member')
    .set({ expires_at: change.expiresAt, consent_version: change.consentVersion })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('left_at', 'is', null)
    .execute();
}

/** A new membership period; its id. */
export async function insertMembership(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  membership: { consentVersion: string; expiresAt: string; source: string },
  now: Date,
): Promise<string> {
  const id = newMembershipId(now);
  await db
    .insertInto('talent_network_member')
    .values({
      id,
      organisation_id: organisationId,
      candidate_id: candidateId,
      consent_version: membership.consentVersion,
      joined_at: now.toISOString(),
      expires_at: membership.expiresAt,
      left_at: null,
      source: membership.source,
    })
    .execute();
  return id;
}

/** Ends every current membership period of the candidate; how many were ended. */
export async function endMemberships(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('talent_network_member')
    .set({ left_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

/** Members (across organisations, for the sweep) whose consent ends after `from` and by `until`. */
export async function membersWhoseConsentEndsBetween(
  db: Kysely<Database>,
  from: Date,
  until: Date,
  limit: number,
) {
  return db
    .selectFrom('network_profile')
    .select(['organisation_id', 'candidate_id', 'consent_expires_at', 'unsubscribed_at'])
    .where('status', '=', 'member')
    .where('consent_expires_at', '>', from.toISOString())
    .where('consent_expires_at', '<=', until.toISOString())
    .limit(limit)
    .execute();
}

/** Members (across organisations, for the sweep) whose consent has ended without renewal. */
export async function membersWhoseConsentEnded(db: Kysely<Database>, now: Date, limit: number) {
  return db
    .selectFrom('network_profile')
    .select(['organisation_id', 'candidate_id'])
    .where('status', '=', 'member')
    .where('consent_expires_at', '<=', now.toISOString())
    .limit(limit)
    .execute();
}

/**
 * Candidates (across organisations, for the sweep) told "not progressing" by email between `from`
 * and `until` who never joined the talent network: one application each (the latest told), to
 * remind them once of the invitation.
 */
export async function candidatesToRemindOfInvitation(
  db: Kysely<Database>,
  from: Date,
  until: Date,
  limit: number,
) {
  return db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .select([
      'application.organisation_id',
      'application.candidate_id',
      (eb) => eb.fn.max('application.id').as('application_id'),
    ])
    .where((eb) =>
      eb.or([
        eb('application.stage', '=', 'not_progressing'),
        eb.and([eb('application.stage', '=', 'closed'), eb('application.outcome', '=', 'not_progressing')]),
      ]),
    )
    .where('application.told_via', '=', 'email')
    .where('application.told_at', '>', from.toISOString())
    .where('application.told_at', '<=', until.toISOString())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('network_profile')
            .select('network_profile.id')
            .whereRef('network_profile.organisation_id', '=', 'application.organisation_id')
            .whereRef('network_profile.candidate_id', '=', 'application.candidate_id'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('talent_network_member')
            .select('talent_network_member.id')
            .whereRef('talent_network_member.organisation_id', '=', 'application.organisation_id')
            .whereRef('talent_network_member.candidate_id', '=', 'application.candidate_id'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('nudge')
            .select('nudge.key')
            .where('nudge.kind', '=', 'network_invitation_reminder')
            .whereRef('nudge.organisation_id', '=', 'application.organisation_id')
            .whereRef('nudge.subject', '=', 'application.candidate_id'),
        ),
      ),
    )
    .groupBy(['application.organisation_id', 'application.candidate_id'])
    .limit(limit)
    .execute();
}

// ------------------------------------------------------------------------------------------ training

/** A member marked a suggested training as done (from their page). */
export async function insertTraining(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  training: {
    criterionKey: string;
    title: string;
    certificateNumber: string | null;
    completedOn: string | null;
  },
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto('network_training')
    .values({
      id,
      organisation_id: organisationId,
      candidate_id: candidateId,
      criterion_key: training.criterionKey,
      title: training.title,
      certificate_number: training.certificateNumber,
      completed_on: training.completedOn,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** Who hears about a member's news: the hiring managers of roles they applied for, else the admins. */
export async function hiringTeamOf(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<string[]> {
  const managers = await db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .select('role.hiring_manager_id')
    .distinct()
    .where('application.organisation_id', '=', organisationId)
    .where('role.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .where('role.hiring_manager_id', 'is not', null)
    .execute();
  const ids = managers.map((m) => m.hiring_manager_id).filter((id): id is string => id !== null);
  if (ids.length > 0) return ids;
  const admins = await db
    .selectFrom('member')
    .select('userId')
    .where('organizationId', '=', organisationId)
    .where('role', '=', 'admin')
    .execute();
  return admins.map((a) => a.userId);
}
