// The common variables of an email (organisation, recipient, candidate, role, venue, hiring manager),
// read from the database inside the caller's transaction, always within one organisation.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Nation, WorkingCalendar } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import {
  type CommonVariables,
  firstNameOf,
  samplePortalUrl,
  type TemplateDefinition,
} from '../../mail/catalogue.ts';
import { singleLine } from '../../mail/escape.ts';
import { findClosureDatesFrom } from '../decision-clock/decision-clock.repository.ts';

/** Who an email goes to. */
export type Recipient =
  | { kind: 'candidate'; candidateId: string }
  | { kind: 'member'; userId: string }
  | { kind: 'email'; email: string; name?: string };

export interface ResolvedRecipient {
  kind: Recipient['kind'];
  email: string;
  name: string;
  candidateId: string | null;
  userId: string | null;
}

export interface ApplicationFacts {
  id: string;
  candidate: { id: string; name: string; email: string };
  role: { id: string; title: string };
  venue: { id: string; name: string };
  hiringManager: { id: string; name: string; email: string } | null;
}

export interface ResolvedContext {
  common: CommonVariables;
  recipient: ResolvedRecipient;
  application: ApplicationFacts | null;
  /** The venue calendar for the sending window: the application's venue, the given one, or the first venue. */
  calendar: WorkingCalendar;
  hiringManager: { name: string; email: string } | null;
}

const defaultCalendar: WorkingCalendar = { nation: 'england-and-wales', timezone: 'Europe/London' };
const nationsKnown: readonly string[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** Names are one line wherever they are used (greetings, headers, subjects). */
const name = (value: string) => singleLine(value, 200);

export async function findOrganisationName(db: Kysely<Database>, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom('organization')
    .select('name')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Organisation not found');
  return row.name;
}

export async function findApplicationFacts(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<ApplicationFacts | undefined> {
  const row = await db
    .selectFrom('application')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('venue', 'venue.id', 'role.venue_id')
    .leftJoin('user', 'user.id', 'role.hiring_manager_id')
    .select([
      'application.id',
      'candidate.id as candidate_id',
      'candidate.name as candidate_name',
      'candidate.email as candidate_email',
      'role.id as role_id',
      'role.title as role_title',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'user.id as manager_id',
      'user.name as manager_name',
      'user.email as manager_email',
    ])
    .where('application.organisation_id', '=', organisationId)
    .where('application.id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    candidate: { id: row.candidate_id, name: row.candidate_name, email: row.candidate_email },
    role: { id: row.role_id, title: row.role_title },
    venue: { id: row.venue_id, name: row.venue_name },
    hiringManager:
      row.manager_id && row.manager_name && row.manager_email
        ? { id: row.manager_id, name: row.manager_name, email: row.manager_email }
        : null,
  };
}

/** The newest application of the organisation, for previews. */
export async function findNewestApplicationId(
  db: Kysely<Database>,
  organisationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('application')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The venue's calendar with the organisation's closure days (from the day before `now`, so that any
 * time zone's today is included): the sending window skips them. Closures saved after an email was
 * written do not hold it back.
 */
async function findCalendar(
  db: Kysely<Database>,
  organisationId: string,
  venueId: string | undefined,
  now: Date,
): Promise<WorkingCalendar> {
  let q = db
    .selectFrom('venue')
    .select(['region', 'timezone', 'working_hours_start', 'working_hours_end'])
    .where('organisation_id', '=', organisationId);
  q = venueId
    ? q.where('id', '=', venueId)
    : q.where('archived_at', 'is', null).orderBy('id', 'asc').limit(1);
  const row = await q.executeTakeFirst();
  const calendar: WorkingCalendar =
    !row || !nationsKnown.includes(row.region)
      ? defaultCalendar
      : {
          nation: row.region as Nation,
          timezone: row.timezone,
          ...(row.working_hours_start &&
            row.working_hours_end && {
              window: { start: row.working_hours_start, end: row.working_hours_end },
            }),
        };
  const from = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const closures = await findClosureDatesFrom(db, organisationId, from);
  return closures.length > 0 ? { ...calendar, closures } : calendar;
}

async function resolveRecipient(
  db: Kysely<Database>,
  organisationId: string,
  recipient: Recipient,
): Promise<ResolvedRecipient> {
  switch (recipient.kind) {
    case 'candidate': {
      const row = await db
        .selectFrom('candidate')
        .select(['id', 'name', 'email'])
        .where('organisation_id', '=', organisationId)
        .where('id', '=', recipient.candidateId)
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'Candidate not found');
      return {
        kind: 'candidate',
        email: row.email.trim(),
        name: name(row.name),
        candidateId: row.id,
        userId: null,
      };
    }
    case 'member': {
      const row = await db
        .selectFrom('member')
        .innerJoin('user', 'user.id', 'member.userId')
        .select(['user.id', 'user.name', 'user.email'])
        .where('member.organizationId', '=', organisationId)
        .where('member.userId', '=', recipient.userId)
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'Member not found');
      return {
        kind: 'member',
        email: row.email.trim(),
        name: name(row.name),
        candidateId: null,
        userId: row.id,
      };
    }
    case 'email':
      return {
        kind: 'email',
        email: recipient.email.trim(),
        name: name(recipient.name ?? ''),
        candidateId: null,
        userId: null,
      };
  }
}

/**
 * Reads everything an email's common variables need. For a template about an application the
 * application is required, and a candidate email without a recipient goes to its candidate.
 */
export async function resolveContext(
  db: Kysely<Database>,
  organisationId: string,
  definition: TemplateDefinition,
  input: { to?: Recipient | undefined; applicationId?: string | undefined; venueId?: string | undefined },
  now: Date = new Date(),
): Promise<ResolvedContext> {
  const organisationName = name(await findOrganisationName(db, organisationId));
  let application: ApplicationFacts | null = null;
  if (input.applicationId) {
    application = (await findApplicationFacts(db, organisationId, input.applicationId)) ?? null;
    if (!application) throw new AppError('not_found', 'Application not found');
  } else if (definition.aboutApplication) {
    throw new Error(`The ${definition.key} email is about an application: pass applicationId`);
  }
  let to = input.to;
  if (!to && definition.audience === 'candidate' && application) {
    to = { kind: 'candidate', candidateId: application.candidate.id };
  }
  if (!to) throw new Error(`The ${definition.key} email needs a recipient`);
  if (definition.audience === 'candidate' && to.kind !== 'candidate') {
    throw new Error(`The ${definition.key} email goes to a candidate`);
  }
  if (definition.audience === 'member' && to.kind !== 'member') {
    throw new Error(`The ${definition.key} email goes to a member of the organisation`);
  }
  const recipient = await resolveRecipient(db, organisationId, to);
  const calendar = await findCalendar(db, organisationId, application?.venue.id ?? input.venueId, now);
  const hiringManager = application?.hiringManager
    ? { name: name(application.hiringManager.name), email: application.hiringManager.email }
    : null;

  const common: CommonVariables = {
    organisation: { name: organisationName },
    recipient: { name: recipient.name, firstName: firstNameOf(recipient.name), email: recipient.email },
  };
  if (definition.audience === 'candidate' || definition.aboutApplication) {
    const candidateName =
      application?.candidate.name ?? (recipient.kind === 'candidate' ? recipient.name : undefined);
    if (candidateName !== undefined) {
      common.candidate = { name: name(candidateName), firstName: firstNameOf(name(candidateName)) };
    }
  }
  if (definition.aboutApplication && application) {
    common.role = { title: name(application.role.title) };
    common.venue = { name: name(application.venue.name) };
    common.manager = hiringManager ?? { name: `The ${organisationName} hiring team`, email: '' };
  }
  // Previews show a sample; enqueue() replaces it with a freshly issued personal link.
  if (definition.audience === 'candidate') common.portalUrl = samplePortalUrl;
  return { common, recipient, application, calendar, hiringManager };
}
