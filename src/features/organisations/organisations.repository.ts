import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Organisation } from './organisations.schema.ts';

export async function countOrganisations(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrganisation(db: Kysely<Database>, org: Organisation, now: Date): Promise<void> {
  await db
    .insertInto('organization')
    .values({
      id: org.id,
      name: org.name,
      slug: org.slug,
      logo: null,
      createdAt: now.toISOString(),
      metadata: null,
    })
    .execute();
}

export async function findOrganisation(db: Kysely<Database>, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organization').select(['id', 'name', 'slug']).where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<Organisation | undefined> {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'slug'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function insertMember(
  db: Kysely<Database>,
  member: { id: string; organisationId: string; userId: string; role: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto('member')
    .values({
      id: member.id,
      organizationId: member.organisationId,
      userId: member.userId,
      role: member.role,
      createdAt: now.toISOString(),
    })
    .execute();
}
