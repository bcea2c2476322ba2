import type { Kysely, Selectable } from 'kysely';
import { containsText, pageFrom } from '../../db/queries.ts';
import type { Database, VenueTable } from '../../db/schema.ts';
import type { Page } from '../common.schema.ts';
import type { Region, Venue, VenueCreate, VenueListQuery, VenueUpdate } from './venues.schema.ts';

const columns = [
  'id',
  'name',
  'region',
  'timezone',
  'city',
  'postcode',
  'working_hours_start',
  'working_hours_end',
  'archived_at',
  'created_at',
  'updated_at',
] as const;
type VenueRow = Pick<Selectable<VenueTable>, (typeof columns)[number]>;

function toVenue(row: VenueRow): Venue {
  return {
    id: row.id,
    name: row.name,
    region: row.region as Region,
    timezone: row.timezone,
    city: row.city,
    postcode: row.postcode,
    workingHours:
      row.working_hours_start && row.working_hours_end
        ? { start: row.working_hours_start, end: row.working_hours_end }
        : null,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertVenue(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: VenueCreate,
  now: Date,
): Promise<Venue> {
  const at = now.toISOString();
  await db
    .insertInto('venue')
    .values({
      id,
      organisation_id: organisationId,
      name: input.name,
      region: input.region,
      timezone: input.timezone,
      city: input.city ?? null,
      postcode: input.postcode ?? null,
      working_hours_start: input.workingHours?.start ?? null,
      working_hours_end: input.workingHours?.end ?? null,
      archived_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return (await findVenue(db, organisationId, id))!;
}

export async function findVenue(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<Venue | undefined> {
  const row = await db
    .selectFrom('venue')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toVenue(row) : undefined;
}

export async function listVenues(
  db: Kysely<Database>,
  organisationId: string,
  query: VenueListQuery,
): Promise<Page<Venue>> {
  let q = db.selectFrom('venue').select(columns).where('organisation_id', '=', organisationId);
  if (!query.includeArchived) q = q.where('archived_at', 'is', null);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  if (query.q) {
    const text = query.q;
    q = q.where((eb) => eb.or([containsText(eb, 'name', text), containsText(eb, 'city', text)]));
  }
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return { data: page.rows.map(toVenue), nextCursor: page.nextCursor };
}

export async function updateVenue(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  input: VenueUpdate,
  now: Date,
): Promise<Venue | undefined> {
  const result = await db
    .updateTable('venue')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.region !== undefined && { region: input.region }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.city !== undefined && { city: input.city }),
      ...(input.postcode !== undefined && { postcode: input.postcode }),
      ...(input.workingHours !== undefined && {
        working_hours_start: input.workingHours?.start ?? null,
        working_hours_end: input.workingHours?.end ?? null,
      }),
      ...(input.archived !== undefined && { archived_at: input.archived ? now.toISOString() : null }),
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findVenue(db, organisationId, id);
}

export async function countRolesAtVenue(
  db: Kysely<Database>,
  organisationId: string,
  venueId: string,
): Promise<number> {
  const row = await db
    .selectFrom('role')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('venue_id', '=', venueId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteVenue(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('venue')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
