import type { Kysely } from 'kysely';
import { containsText, pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { Page } from '../common.schema.ts';
import type { Candidate, CandidateCreate, CandidateListQuery, CandidateUpdate } from './candidates.schema.ts';

function selectCandidates(db: Kysely<Database>, organisationId: string) {
  return (
    db
      .selectFrom('candidate')
      .select([
        'candidate.id',
        'candidate.name',
        'candidate.email',
        'candidate.phone',
        'candidate.location',
        'candidate.source',
        'candidate.created_at',
        'candidate.updated_at',
      ])
      .where('candidate.organisation_id', '=', organisationId)
      // An anonymised (erased) candidate is gone from the candidates API; their counted history stays.
      .where('candidate.anonymised_at', 'is', null)
  );
}
type CandidateRow = Awaited<ReturnType<ReturnType<typeof selectCandidates>['executeTakeFirstOrThrow']>>;

/** Each candidate's application count, in one grouped query for the page's candidates. */
async function withApplicationCounts(
  db: Kysely<Database>,
  organisationId: string,
  rows: CandidateRow[],
): Promise<Candidate[]> {
  const counts = new Map<string, number>();
  if (rows.length > 0) {
    const counted = await db
      .selectFrom('application')
      .select((eb) => ['application.candidate_id', eb.fn.countAll<number | string>().as('n')])
      .where('application.organisation_id', '=', organisationId)
      .where(
        'application.candidate_id',
        'in',
        rows.map((row) => row.id),
      )
      .groupBy('application.candidate_id')
      .execute();
    for (const row of counted) counts.set(row.candidate_id, Number(row.n));
  }
  return rows.map((row) => toCandidate(row, counts.get(row.id) ?? 0));
}

function toCandidate(row: CandidateRow, applicationCount: number): Candidate {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    location: row.location,
    source: row.source,
    applicationCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The name of the unique index on (organisation_id, email) in migration 0002. */
const emailIndex = 'candidate_org_email_uq';

/**
 * Whether a write failed on the candidate email unique index: PostgreSQL reports SQLSTATE 23505
 * with the index name, SQLite SQLITE_CONSTRAINT_UNIQUE with the columns.
 */
export function isDuplicateEmailError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return constraint === emailIndex;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.includes('candidate.organisation_id, candidate.email')
  );
}

export async function insertCandidate(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: CandidateCreate,
  now: Date,
): Promise<Candidate> {
  const at = now.toISOString();
  await db
    .insertInto('candidate')
    .values({
      id,
      organisation_id: organisationId,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      location: input.location ?? null,
      source: input.source ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return (await findCandidate(db, organisationId, id))!;
}

export async function findCandidate(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<Candidate | undefined> {
  const row = await selectCandidates(db, organisationId).where('candidate.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [candidate] = await withApplicationCounts(db, organisationId, [row]);
  return candidate;
}

/** The id of the organisation's candidate with this (already normalised) email, if any. */
export async function findCandidateIdByEmail(
  db: Kysely<Database>,
  organisationId: string,
  email: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('candidate')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id;
}

export async function listCandidates(
  db: Kysely<Database>,
  organisationId: string,
  query: CandidateListQuery,
): Promise<Page<Candidate>> {
  let q = selectCandidates(db, organisationId);
  if (query.cursor) q = q.where('candidate.id', '<', query.cursor);
  if (query.q) {
    const text = query.q;
    q = q.where((eb) =>
      eb.or([containsText(eb, 'candidate.name', text), containsText(eb, 'candidate.email', text)]),
    );
  }
  const rows = await q
    .orderBy('candidate.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return { data: await withApplicationCounts(db, organisationId, page.rows), nextCursor: page.nextCursor };
}

export async function updateCandidate(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: CandidateUpdate,
  now: Date,
): Promise<Candidate | undefined> {
  const result = await db
    .updateTable('candidate')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.location !== undefined && { location: input.location }),
      ...(input.source !== undefined && { source: input.source }),
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findCandidate(db, organisationId, id);
}

/** How much erasing the candidate removes with them (their applications and those interviews). */
export async function countCandidateRecords(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<{ applications: number; interviews: number }> {
  const applications = await db
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirstOrThrow();
  const interviews = await db
    .selectFrom('interview')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('interview.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .executeTakeFirstOrThrow();
  return { applications: Number(applications.n), interviews: Number(interviews.n) };
}
