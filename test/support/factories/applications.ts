import type { AppContext } from '../../../src/app-context.ts';
import type { Stage } from '../../../src/domain/lifecycle.ts';
import type { InterviewKind } from '../../../src/features/interviews/interviews.schema.ts';
import { insertUserWithPassword } from '../../../src/features/members/users.repository.ts';
import { insertMember } from '../../../src/features/organisations/organisations.repository.ts';
import { newId } from '../../../src/ids.ts';
import { makeOrganisation } from './organisations.ts';
import { makeVenue } from './venues.ts';

// Self-contained: roles and candidates are written as rows here so these factories do not wait on
// the roles and candidates features.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestRoleRow {
  id: string;
  organisationId: string;
  venueId: string;
  title: string;
  status: string;
}

/** A role row (open unless told otherwise), at a new venue unless one is given. */
export async function insertTestRole(
  ctx: AppContext,
  options: { organisationId?: string; venueId?: string; title?: string; status?: string } = {},
): Promise<TestRoleRow> {
  const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
  const venueId = options.venueId ?? (await makeVenue(ctx, { organisationId })).id;
  const role: TestRoleRow = {
    id: newId(),
    organisationId,
    venueId,
    title: options.title ?? 'AV Technician — Main House',
    status: options.status ?? 'open',
  };
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('role')
    .values({
      id: role.id,
      organisation_id: organisationId,
      venue_id: venueId,
      title: role.title,
      level: 'technician',
      status: role.status,
      hiring_manager_id: null,
      description: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return role;
}

export interface TestCandidateRow {
  id: string;
  organisationId: string;
  name: string;
  email: string;
}

export async function insertTestCandidate(
  ctx: AppContext,
  options: { organisationId?: string; name?: string; email?: string } = {},
): Promise<TestCandidateRow> {
  const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
  const candidate: TestCandidateRow = {
    id: newId(),
    organisationId,
    name: options.name ?? 'Sam Rigby',
    email: options.email ?? `candidate-${unique()}@example.test`,
  };
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('candidate')
    .values({
      id: candidate.id,
      organisation_id: organisationId,
      name: candidate.name,
      email: candidate.email,
      phone: null,
      location: null,
      source: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return candidate;
}

export interface TestApplication {
  id: string;
  organisationId: string;
  candidateId: string;
  roleId: string;
  stage: Stage;
}

/**
 * An application row at any stage (no lifecycle rules applied), creating the organisation, role
 * and candidate that are not given.
 */
export async function makeApplication(
  ctx: AppContext,
  options: {
    organisationId?: string;
    roleId?: string;
    candidateId?: string;
    candidateName?: string;
    candidateEmail?: string;
    stage?: Stage;
  } = {},
): Promise<TestApplication> {
  const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
  const roleId = options.roleId ?? (await insertTestRole(ctx, { organisationId })).id;
  const candidateId =
    options.candidateId ??
    (
      await insertTestCandidate(ctx, {
        organisationId,
        ...(options.candidateName !== undefined && { name: options.candidateName }),
        ...(options.candidateEmail !== undefined && { email: options.candidateEmail }),
      })
    ).id;
  const application: TestApplication = {
    id: newId(),
    organisationId,
    candidateId,
    roleId,
    stage: options.stage ?? 'applied',
  };
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('application')
    .values({
      id: application.id,
      organisation_id: organisationId,
      candidate_id: candidateId,
      role_id: roleId,
      stage: application.stage,
      stage_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return application;
}

/** A user who is a member of the organisation but has no password or session (cheap). */
export async function insertTestMemberUser(
  ctx: AppContext,
  options: { organisationId: string; name?: string; role?: string },
): Promise<{ userId: string; name: string; email: string }> {
  const userId = newId();
  const name = options.name ?? 'Alex Interviewer';
  const email = `interviewer-${unique()}@example.test`;
  const now = ctx.now();
  await insertUserWithPassword(
    ctx.kysely,
    ctx.db.dialect,
    { id: userId, name, email, passwordHash: 'x' },
    now,
  );
  await insertMember(
    ctx.kysely,
    { id: newId(), organisationId: options.organisationId, userId, role: options.role ?? 'interviewer' },
    now,
  );
  return { userId, name, email };
}

export interface TestInterview {
  id: string;
  organisationId: string;
  applicationId: string;
  kind: InterviewKind;
  startsAt: string;
  endsAt: string;
  interviewerIds: string[];
}

/**
 * An interview row, as stored (UTC), without touching the application's stage; by default an
 * hour tomorrow with one new interviewer.
 */
export async function makeInterview(
  ctx: AppContext,
  options: {
    organisationId?: string;
    applicationId?: string;
    kind?: InterviewKind;
    startsAt?: Date | string;
    endsAt?: Date | string;
    location?: string | null;
    interviewerIds?: string[];
  } = {},
): Promise<TestInterview> {
  let organisationId = options.organisationId;
  let applicationId = options.applicationId;
  if (!applicationId) {
    const application = await makeApplication(ctx, organisationId ? { organisationId } : {});
    applicationId = application.id;
    organisationId = application.organisationId;
  }
  if (!organisationId) {
    const row = await ctx.kysely
      .selectFrom('application')
      .select(['organisation_id'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    organisationId = row.organisation_id;
  }
  const startsAt = new Date(options.startsAt ?? ctx.now().getTime() + 24 * 60 * 60 * 1000).toISOString();
  const endsAt = new Date(options.endsAt ?? Date.parse(startsAt) + 60 * 60 * 1000).toISOString();
  const interviewerIds = options.interviewerIds ?? [
    (await insertTestMemberUser(ctx, { organisationId })).userId,
  ];
  const interview: TestInterview = {
    id: newId(),
    organisationId,
    applicationId,
    kind: options.kind ?? 'in_person',
    startsAt,
    endsAt,
    interviewerIds,
  };
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('interview')
    .values({
      id: interview.id,
      organisation_id: organisationId,
      application_id: applicationId,
      kind: interview.kind,
      starts_at: startsAt,
      ends_at: endsAt,
      location: options.location ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (interviewerIds.length > 0) {
    await ctx.kysely
      .insertInto('interview_interviewer')
      .values(interviewerIds.map((userId) => ({ interview_id: interview.id, user_id: userId })))
      .execute();
  }
  return interview;
}
