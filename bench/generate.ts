// Writes a realistic venue group for the benchmark: venues, roles (about 200 applications each),
// candidates (a fifth of them applying twice), applications across every stage, interviews for those
// past the first stage, and a personal link for one candidate. Batched inserts, one transaction.
import type { Insertable, Kysely } from 'kysely';
import type { AppContext } from '../src/app-context.ts';
import type { Database } from '../src/db/schema.ts';
import { apiKeyService } from '../src/features/api-keys/api-keys.service.ts';
import { interviewKinds } from '../src/features/interviews/interviews.schema.ts';
import { insertOrganisation } from '../src/features/organisations/organisations.repository.ts';
import { roleLevels } from '../src/features/roles/roles.schema.ts';
import { regions } from '../src/features/venues/venues.schema.ts';
import { newId } from '../src/ids.ts';
import { issueCandidateToken } from '../src/portal/links.ts';

export interface GeneratedOrganisation {
  organisationId: string;
  /** Its short name, for the CLI's --org. */
  slug: string;
  /** An API key of the organisation (Authorization: Bearer …). */
  token: string;
  /** A role with a typical number of applications. */
  roleId: string;
  applicationId: string;
  /** The path of a candidate's personal page, /c/<token>. */
  candidatePath: string;
}

const batchSize = 500;
const venueNames = ['Playhouse', 'Arena', 'Corn Exchange', 'Lyceum', 'Assembly Rooms', 'Tramshed', 'Academy'];
const cities = ['Leeds', 'Glasgow', 'Belfast', 'Bristol', 'Cardiff', 'Norwich', 'York', 'Dundee'];
const titles = ['Lighting technician', 'Sound engineer', 'Stage technician', 'AV technician', 'Rigger'];
const firstNames = ['Aisha', 'Ben', 'Ciara', 'Dev', 'Eilidh', 'Femi', 'Gareth', 'Hana', 'Isla', 'Jonah'];
const lastNames = ['Okafor', 'MacLeod', 'Patel', 'Byrne', 'Hughes', 'Nowak', 'Evans', 'Ahmed', 'Quinn'];
// Most applications of a venue group are long decided; a few are in play.
const stageMix = [
  ...Array<string>(40).fill('closed'),
  ...Array<string>(20).fill('not_progressing'),
  ...Array<string>(15).fill('applied'),
  ...Array<string>(10).fill('interviewing'),
  ...Array<string>(6).fill('awaiting_decision'),
  ...Array<string>(4).fill('withdrawn'),
  ...Array<string>(3).fill('hired'),
  'offer',
  'offer_declined',
];

async function insertBatched<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    // One generic insert for every table of the generator: the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + batchSize) as never)
      .execute();
  }
}

export async function generateOrganisation(
  ctx: AppContext,
  options: { applications: number; label?: string; onProgress?: (text: string) => void },
): Promise<GeneratedOrganisation> {
  const n = options.applications;
  const label = options.label ?? `${n}`;
  const organisationId = newId();
  const slug = `northern-stages-${label}-${Date.now()}`;
  await insertOrganisation(
    ctx.kysely,
    { id: organisationId, name: `Northern Stages ${label}`, slug },
    ctx.now(),
  );
  const roleCount = Math.max(5, Math.round(n / 200));
  const venueCount = Math.max(3, Math.round(roleCount / 20));
  let candidateCount = Math.ceil(n * 0.8);
  // A candidate's second application goes to the next role along: never the same role twice.
  if ((candidateCount + 1) % roleCount === 0) candidateCount += 1;
  // Spread creation over two years so ids (time-ordered) and dates look like a real history.
  const start = Date.now() - 2 * 365 * 86_400_000;
  const at = (i: number, of: number) => start + Math.floor((i / of) * 2 * 365 * 86_400_000);
  const iso = (ms: number) => new Date(ms).toISOString();

  const venues = Array.from({ length: venueCount }, (_, i) => ({
    id: newId(at(i, venueCount)),
    organisation_id: organisationId,
    name: `${cities[i % cities.length]} ${venueNames[i % venueNames.length]} ${i + 1}`,
    region: regions[i % regions.length]!,
    timezone: 'Europe/London',
    city: cities[i % cities.length]!,
    created_at: iso(at(i, venueCount)),
    updated_at: iso(at(i, venueCount)),
  }));
  const roles = Array.from({ length: roleCount }, (_, i) => ({
    id: newId(at(i, roleCount)),
    organisation_id: organisationId,
    venue_id: venues[i % venueCount]!.id,
    title: `${titles[i % titles.length]} ${i + 1}`,
    level: roleLevels[i % roleLevels.length]!,
    status: i < roleCount * 0.8 ? 'filled' : 'open',
    description: 'Rigging, focusing and running shows across the season.',
    created_at: iso(at(i, roleCount)),
    updated_at: iso(at(i, roleCount)),
  }));
  const candidates = Array.from({ length: candidateCount }, (_, i) => {
    const name = `${firstNames[i % firstNames.length]} ${lastNames[Math.floor(i / 10) % lastNames.length]}`;
    return {
      id: newId(at(i, candidateCount)),
      organisation_id: organisationId,
      name: `${name} ${i}`,
      email: `candidate${i}@example.co.uk`,
      source: i % 3 === 0 ? 'referral' : 'website',
      created_at: iso(at(i, candidateCount)),
      updated_at: iso(at(i, candidateCount)),
    };
  });
  await ctx.kysely.transaction().execute(async (tx) => {
    await insertBatched(tx, 'venue', venues);
    await insertBatched(tx, 'role', roles);
    await insertBatched(tx, 'candidate', candidates);
    options.onProgress?.(`${label}: ${venueCount} venues, ${roleCount} roles, ${candidateCount} candidates`);
    for (let from = 0; from < n; from += 10_000) {
      const applications: Insertable<Database['application']>[] = [];
      const interviews: Insertable<Database['interview']>[] = [];
      for (let i = from; i < Math.min(n, from + 10_000); i++) {
        const secondRound = i >= candidateCount;
        const role = roles[((i % roleCount) + (secondRound ? 1 : 0)) % roleCount]!;
        const created = at(i, n);
        const stage = stageMix[i % stageMix.length]!;
        const id = newId(created);
        applications.push({
          id,
          organisation_id: organisationId,
          candidate_id: candidates[i % candidateCount]!.id,
          role_id: role.id,
          stage,
          stage_changed_at: iso(created + 86_400_000),
          created_at: iso(created),
          updated_at: iso(created + 86_400_000),
        });
        if (stage !== 'applied' && stage !== 'withdrawn') {
          interviews.push({
            id: newId(created + 3_600_000),
            organisation_id: organisationId,
            application_id: id,
            kind: interviewKinds[i % interviewKinds.length]!,
            starts_at: iso(created + 7 * 86_400_000),
            ends_at: iso(created + 7 * 86_400_000 + 3_600_000),
            created_at: iso(created + 3_600_000),
            updated_at: iso(created + 3_600_000),
          });
        }
      }
      await insertBatched(tx, 'application', applications);
      await insertBatched(tx, 'interview', interviews);
      options.onProgress?.(`${label}: ${Math.min(n, from + 10_000)} applications`);
    }
  });
  const { token } = await apiKeyService(ctx).create(organisationId, 'benchmark', 'system');
  const typicalRole = roles[Math.floor(roleCount / 2)]!;
  const application = await ctx.kysely
    .selectFrom('application')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', typicalRole.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const link = await issueCandidateToken(ctx.kysely, {
    organisationId,
    candidateId: candidates[0]!.id,
    now: ctx.now(),
  });
  return {
    organisationId,
    slug,
    token,
    roleId: typicalRole.id,
    applicationId: application.id,
    candidatePath: `/c/${link.token}`,
  };
}
