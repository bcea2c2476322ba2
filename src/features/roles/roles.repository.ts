import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { containsText, pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { activeStages, type Stage } from '../../domain/lifecycle.ts';
import type { Page } from '../common.schema.ts';
import { refreshRole } from '../reputation/rollup.repository.ts';
import type { Role, RoleCreate, RoleLevel, RoleListQuery, RoleStatus, RoleUpdate } from './roles.schema.ts';

/** Member roles that may be named a role's hiring manager. */
const hiringManagerRoles = ['admin', 'manager'] as const;

/** An application whose candidate is still waiting for an outcome (its stage is active). */
export function awaitingOutcome(eb: ExpressionBuilder<Database, 'application'>): Expression<SqlBool> {
  return eb('application.stage', 'in', activeStages);
}

function selectRoles(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('role')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .leftJoin('user', 'user.id', 'role.hiring_manager_id')
    .select([
      'role.id',
      'role.title',
      'role.venue_id',
      'venue.name as venue_name',
      'role.level',
      'role.status',
      'role.hiring_manager_id',
      'user.name as hiring_manager_name',
      'user.email as hiring_manager_email',
      'role.description',
      'role.decision_working_days',
      'role.created_at',
      'role.updated_at',
    ])
    .where('role.organisation_id', '=', organisationId);
}
type RoleRow = Awaited<ReturnType<ReturnType<typeof selectRoles>['executeTakeFirstOrThrow']>>;

interface ApplicationCounts {
  total: number;
  active: number;
}

/**
 * Each role's application counts in one grouped query for the page's roles (not a count per row,
 * which the database would work out for every role before the limit).
 */
async function applicationCountsFor(
  db: Kysely<Database>,
  organisationId: string,
  roleIds: readonly string[],
): Promise<Map<string, ApplicationCounts>> {
  const counts = new Map<string, ApplicationCounts>();
  if (roleIds.length === 0) return counts;
  const rows = await db
    .selectFrom('application')
    .select((eb) => [
      'application.role_id',
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string>(eb.case().when(awaitingOutcome(eb)).then(1).else(0).end()).as('active'),
    ])
    .where('application.organisation_id', '=', organisationId)
    .where('application.role_id', 'in', roleIds)
    .groupBy('application.role_id')
    .execute();
  for (const row of rows)
    counts.set(row.role_id, { total: Number(row.total), active: Number(row.active ?? 0) });
  return counts;
}

async function withCounts(db: Kysely<Database>, organisationId: string, rows: RoleRow[]): Promise<Role[]> {
  const counts = await applicationCountsFor(
    db,
    organisationId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toRole(row, counts.get(row.id) ?? { total: 0, active: 0 }));
}

function toRole(row: RoleRow, applicationCounts: ApplicationCounts): Role {
  return {
    id: row.id,
    title: row.title,
    venueId: row.venue_id,
    venue: { id: row.venue_id, name: row.venue_name },
    level: row.level as RoleLevel,
    status: row.status as RoleStatus,
    hiringManager:
      row.hiring_manager_id !== null && row.hiring_manager_name !== null && row.hiring_manager_email !== null
        ? { id: row.hiring_manager_id, name: row.hiring_manager_name, email: row.hiring_manager_email }
        : null,
    description: row.description,
    decisionWorkingDays: row.decision_working_days === null ? null : Number(row.decision_working_days),
    applicationCounts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertRole(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: RoleCreate,
  now: Date,
): Promise<Role> {
  const at = now.toISOString();
  await db
    .insertInto('role')
    .values({
      id,
      organisation_id: organisationId,
      venue_id: input.venueId,
      title: input.title,
      level: input.level,
      status: input.status,
      hiring_manager_id: input.hiringManagerId ?? null,
      description: input.description ?? null,
      decision_working_days: input.decisionWorkingDays ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return (await findRole(db, organisationId, id))!;
}

export async function findRole(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<Role | undefined> {
  const row = await selectRoles(db, organisationId).where('role.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [role] = await withCounts(db, organisationId, [row]);
  return role;
}

export async function listRoles(
  db: Kysely<Database>,
  organisationId: string,
  query: RoleListQuery,
): Promise<Page<Role>> {
  let q = selectRoles(db, organisationId);
  if (query.status) q = q.where('role.status', '=', query.status);
  if (query.venueId) q = q.where('role.venue_id', '=', query.venueId);
  if (query.cursor) q = q.where('role.id', '<', query.cursor);
  if (query.q) {
    const text = query.q;
    q = q.where((eb) => containsText(eb, 'role.title', text));
  }
  const rows = await q
    .orderBy('role.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return { data: await withCounts(db, organisationId, page.rows), nextCursor: page.nextCursor };
}

export async function updateRole(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: RoleUpdate,
  now: Date,
): Promise<Role | undefined> {
  const result = await db
    .updateTable('role')
    .set({
      ...(input.title !== undefined && { title: input.title }),
      ...(input.venueId !== undefined && { venue_id: input.venueId }),
      ...(input.level !== undefined && { level: input.level }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.hiringManagerId !== undefined && { hiring_manager_id: input.hiringManagerId }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.decisionWorkingDays !== undefined && { decision_working_days: input.decisionWorkingDays }),
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  // A new venue or hiring manager moves the role's months between the venues' and managers' rows.
  if (input.venueId !== undefined || input.hiringManagerId !== undefined)
    await refreshRole(db, organisationId, id);
  return findRole(db, organisationId, id);
}

export async function deleteRole(db: Kysely<Database>, organisationId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('role')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) > 0) await refreshRole(db, organisationId, id);
  return Number(result.numDeletedRows) > 0;
}

/** Whether the user is an admin or manager of the organisation, so may be a role's hiring manager. */
export async function isEligibleHiringManager(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('member')
    .select('member.id')
    .where('member.organizationId', '=', organisationId)
    .where('member.userId', '=', userId)
    .where('member.role', 'in', hiringManagerRoles)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countApplicationsForRole(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<number> {
  const row = await db
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface WaitingApplication {
  applicationId: string;
  candidateName: string;
  stage: Stage;
}

/** The role's applications still waiting for an outcome, with the candidate's name, by name. */
export async function listWaitingApplications(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<WaitingApplication[]> {
  const rows = await db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .select(['application.id', 'candidate.name', 'application.stage'])
    .where('application.organisation_id', '=', organisationId)
    .where('application.role_id', '=', roleId)
    .where(awaitingOutcome)
    .orderBy('candidate.name', 'asc')
    .orderBy('application.id', 'asc')
    .execute();
  return rows.map((row) => ({ applicationId: row.id, candidateName: row.name, stage: row.stage as Stage }));
}
