import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FeedbackCheck } from '../../domain/feedback/check.ts';
import type { StructuredFeedback } from '../../domain/feedback/document.ts';
import { newId } from '../../ids.ts';
import { refreshApplication } from '../reputation/rollup.repository.ts';

/** What the check needs to know about an application: who it is about and who interviewed. */
export interface FeedbackContextRow {
  candidateName: string;
  interviewerNames: string[];
  privateNotes: string[];
}

/** The candidate's name, or undefined when the application is not the organisation's. */
export async function findCandidateName(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string | undefined> {
  return (await candidateNamesOf(db, organisationId, [applicationId])).get(applicationId);
}

/** Ids per query: well under SQLite's and PostgreSQL's bound-parameter limits. */
const idsPerQuery = 500;

function slices<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += idsPerQuery) out.push(items.slice(i, i + idsPerQuery));
  return out;
}

/**
 * The candidate's name of each application of the organisation. Two lookups by primary key: a join
 * let SQLite without statistics walk every candidate of the organisation for each application.
 */
async function candidateNamesOf(
  db: Kysely<Database>,
  organisationId: string,
  applicationIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const ids of slices([...new Set(applicationIds)])) {
    const applications = await db
      .selectFrom('application')
      .select(['id', 'candidate_id'])
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', ids)
      .execute();
    if (applications.length === 0) continue;
    const candidates = await db
      .selectFrom('candidate')
      .select(['id', 'name'])
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', [...new Set(applications.map((a) => a.candidate_id))])
      .execute();
    const byId = new Map(candidates.map((c) => [c.id, c.name]));
    for (const a of applications) {
      const name = byId.get(a.candidate_id);
      if (name !== undefined) names.set(a.id, name);
    }
  }
  return names;
}

/** Names of everyone on the application's interviews, and of everyone who wrote a scorecard for it. */
export async function listInterviewerNames(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string[]> {
  return (await interviewerNamesOf(db, organisationId, [applicationId])).get(applicationId) ?? [];
}

async function interviewerNamesOf(
  db: Kysely<Database>,
  organisationId: string,
  applicationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const named = new Map<string, Set<string>>();
  const add = (rows: { application_id: string; name: string }[]) => {
    for (const r of rows) {
      const name = r.name.trim();
      if (name === '') continue;
      const set = named.get(r.application_id) ?? new Set<string>();
      set.add(name);
      named.set(r.application_id, set);
    }
  };
  for (const ids of slices([...new Set(applicationIds)])) {
    add(
      await db
        .selectFrom('interview_interviewer')
        .innerJoin('interview', 'interview.id', 'interview_interviewer.interview_id')
        .innerJoin('user', 'user.id', 'interview_interviewer.user_id')
        .select(['interview.application_id', 'user.name'])
        .where('interview.organisation_id', '=', organisationId)
        .where('interview.application_id', 'in', ids)
        .execute(),
    );
    add(
      await db
        .selectFrom('scorecard')
        .innerJoin('user', 'user.id', 'scorecard.interviewer_id')
        .select(['scorecard.application_id', 'user.name'])
        .where('scorecard.organisation_id', '=', organisationId)
        .where('scorecard.application_id', 'in', ids)
        .execute(),
    );
  }
  return new Map([...named].map(([id, set]) => [id, [...set].sort()]));
}

/** The private notes of the application's scorecards, drafts included: never candidate-facing. */
export async function listPrivateNotes(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<string[]> {
  return (await privateNotesOf(db, organisationId, [applicationId])).get(applicationId) ?? [];
}

async function privateNotesOf(
  db: Kysely<Database>,
  organisationId: string,
  applicationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows: { id: string; application_id: string; private_notes: string | null }[] = [];
  for (const ids of slices([...new Set(applicationIds)])) {
    rows.push(
      ...(await db
        .selectFrom('scorecard')
        .select(['id', 'application_id', 'private_notes'])
        .where('organisation_id', '=', organisationId)
        .where('application_id', 'in', ids)
        .where('private_notes', 'is not', null)
        .execute()),
    );
  }
  // Sorted here rather than by the query: ordering by id made SQLite walk the organisation's scorecards.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const notes = new Map<string, string[]>();
  for (const r of rows) {
    const note = r.private_notes ?? '';
    if (note.trim() === '') continue;
    notes.set(r.application_id, [...(notes.get(r.application_id) ?? []), note]);
  }
  return notes;
}

/** Everything the check is given for an application, or undefined when it is not the organisation's. */
export async function findFeedbackContext(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<FeedbackContextRow | undefined> {
  return (await findFeedbackContexts(db, organisationId, [applicationId])).get(applicationId);
}

/** The check's context of each of these applications of the organisation (others are left out), in a few queries. */
export async function findFeedbackContexts(
  db: Kysely<Database>,
  organisationId: string,
  applicationIds: readonly string[],
): Promise<Map<string, FeedbackContextRow>> {
  const names = await candidateNamesOf(db, organisationId, applicationIds);
  const found = [...names.keys()];
  const contexts = new Map<string, FeedbackContextRow>();
  if (found.length === 0) return contexts;
  const [interviewers, notes] = await Promise.all([
    interviewerNamesOf(db, organisationId, found),
    privateNotesOf(db, organisationId, found),
  ]);
  for (const [id, candidateName] of names) {
    contexts.set(id, {
      candidateName,
      interviewerNames: interviewers.get(id) ?? [],
      privateNotes: notes.get(id) ?? [],
    });
  }
  return contexts;
}

// ── Drafts and approval (tables feedback and feedback_version, migration 0006) ─────────────────

/** The stored feedback of an application, JSON parsed. */
export interface FeedbackRecord {
  id: string;
  applicationId: string;
  version: number;
  status: FeedbackStatus;
  structured: StructuredFeedback;
  text: string;
  check: FeedbackCheck;
  approvedBy: { kind: 'member' | 'api_key'; id: string; name: string | null } | null;
  approvedAt: string | null;
  overrideReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type FeedbackStatus = 'draft' | 'approved';

/** What a save writes: everything but the identity and the timestamps. */
export interface FeedbackWrite {
  status: FeedbackStatus;
  structured: StructuredFeedback;
  text: string;
  check: FeedbackCheck;
  approvedBy: { kind: 'member' | 'api_key'; id: string } | null;
  approvedAt: string | null;
  overrideReason: string | null;
}

function approverName(eb: ExpressionBuilder<Database, 'feedback'>) {
  return eb
    .selectFrom('user')
    .select('user.name')
    .whereRef('user.id', '=', 'feedback.approved_by')
    .where('feedback.approved_by_type', '=', 'member')
    .limit(1)
    .as('approver_user_name');
}

function approverKeyName(eb: ExpressionBuilder<Database, 'feedback'>) {
  return eb
    .selectFrom('api_key')
    .select('api_key.name')
    .whereRef('api_key.id', '=', 'feedback.approved_by')
    .whereRef('api_key.organisation_id', '=', 'feedback.organisation_id')
    .where('feedback.approved_by_type', '=', 'api_key')
    .limit(1)
    .as('approver_key_name');
}

export async function findFeedback(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<FeedbackRecord | undefined> {
  const row = await db
    .selectFrom('feedback')
    .select((eb) => [
      'feedback.id',
      'feedback.application_id',
      'feedback.version',
      'feedback.status',
      'feedback.structured',
      'feedback.text',
      'feedback.check_result',
      'feedback.approved_by_type',
      'feedback.approved_by',
      'feedback.approved_at',
      'feedback.override_reason',
      'feedback.created_at',
      'feedback.updated_at',
      approverName(eb),
      approverKeyName(eb),
    ])
    .where('feedback.organisation_id', '=', organisationId)
    .where('feedback.application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const approvedBy =
    row.approved_by && (row.approved_by_type === 'member' || row.approved_by_type === 'api_key')
      ? {
          kind: row.approved_by_type as 'member' | 'api_key',
          id: row.approved_by,
          name: (row.approved_by_type === 'member' ? row.approver_user_name : row.approver_key_name) ?? null,
        }
      : null;
  return {
    id: row.id,
    applicationId: row.application_id,
    version: Number(row.version),
    status: row.status as FeedbackStatus,
    structured: JSON.parse(row.structured) as StructuredFeedback,
    text: row.text,
    check: JSON.parse(row.check_result) as FeedbackCheck,
    approvedBy,
    approvedAt: row.approved_at,
    overrideReason: row.override_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columnsOf(write: FeedbackWrite) {
  return {
    status: write.status,
    structured: JSON.stringify(write.structured),
    text: write.text,
    check_result: JSON.stringify(write.check),
    approved_by_type: write.approvedBy?.kind ?? null,
    approved_by: write.approvedBy?.id ?? null,
    approved_at: write.approvedAt,
    override_reason: write.overrideReason,
  };
}

/** The first feedback of an application (version 1). Fails on the unique application_id if one exists. */
export async function insertFeedback(
  db: Kysely<Database>,
  organisationId: string,
  input: { id: string; applicationId: string } & FeedbackWrite,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('feedback')
    .values({
      id: input.id,
      organisation_id: organisationId,
      application_id: input.applicationId,
      version: 1,
      ...columnsOf(input),
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Saves over the current feedback if it is still at `expectedVersion`; false when someone saved first. */
export async function updateFeedback(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  expectedVersion: number,
  write: FeedbackWrite,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('feedback')
    .set({ ...columnsOf(write), version: expectedVersion + 1, updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type FeedbackEvent = 'composed' | 'edited' | 'approved';

/** Appends a saved state to the history. */
export async function insertFeedbackVersion(
  db: Kysely<Database>,
  organisationId: string,
  input: {
    feedbackId: string;
    applicationId: string;
    version: number;
    event: FeedbackEvent;
    write: FeedbackWrite;
    actor: { type: 'member' | 'api_key'; id: string };
  },
  now: Date,
): Promise<void> {
  const { write } = input;
  await db
    .insertInto('feedback_version')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      feedback_id: input.feedbackId,
      application_id: input.applicationId,
      version: input.version,
      event: input.event,
      status: write.status,
      structured: JSON.stringify(write.structured),
      text: write.text,
      check_result: JSON.stringify(write.check),
      override_reason: write.overrideReason,
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      created_at: now.toISOString(),
    })
    .execute();
  // Every save (and approval) of feedback appends a version, so this is feedback's one hook.
  await refreshApplication(db, organisationId, input.applicationId);
}
