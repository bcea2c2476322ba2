import type { AppContext } from '../../../src/app-context.ts';
import { type EnqueueInput, type EnqueueResult, enqueue } from '../../../src/features/messages/outbox.ts';
import type { Region } from '../../../src/features/venues/venues.schema.ts';
import { type TemplateKey, templates } from '../../../src/mail/catalogue.ts';
import { insertTestMemberUser, makeApplication } from './applications.ts';
import { makeOrganisation } from './organisations.ts';
import { makeVenue } from './venues.ts';

let counter = 0;

export interface HiringScene {
  organisationId: string;
  venueId: string;
  roleId: string;
  applicationId: string;
  candidateId: string;
  candidateEmail: string;
  manager: { userId: string; name: string; email: string };
}

/** An organisation with a venue, a role with a hiring manager, and one application. */
export async function makeHiringScene(
  ctx: AppContext,
  options: {
    organisationId?: string;
    candidateName?: string;
    candidateEmail?: string;
    region?: Region;
    timezone?: string;
    workingHours?: { start: string; end: string };
  } = {},
): Promise<HiringScene> {
  const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
  const venue = await makeVenue(ctx, {
    organisationId,
    name: 'Main House',
    region: options.region ?? 'england-and-wales',
    ...(options.timezone && { timezone: options.timezone }),
    ...(options.workingHours && { workingHours: options.workingHours }),
  });
  const manager = await insertTestMemberUser(ctx, { organisationId, name: 'Jo Okafor', role: 'manager' });
  const candidateEmail =
    options.candidateEmail ?? `sam-${Date.now().toString(36)}${(counter++).toString(36)}@example.test`;
  const application = await makeApplication(ctx, {
    organisationId,
    candidateName: options.candidateName ?? 'Sam Rigby',
    candidateEmail,
  });
  await ctx.kysely
    .updateTable('role')
    .set({ venue_id: venue.id, hiring_manager_id: manager.userId })
    .where('id', '=', application.roleId)
    .execute();
  return {
    organisationId,
    venueId: venue.id,
    roleId: application.roleId,
    applicationId: application.id,
    candidateId: application.candidateId,
    candidateEmail,
    manager,
  };
}

/** Enqueues an email outside any other change (its own transaction), with sample variables by default. */
export async function enqueueTestMessage<K extends TemplateKey>(
  ctx: AppContext,
  input: Omit<EnqueueInput<K>, 'idempotencyKey' | 'variables'> &
    Partial<Pick<EnqueueInput<K>, 'idempotencyKey' | 'variables'>>,
): Promise<EnqueueResult> {
  const variables =
    input.variables ?? (structuredClone(templates[input.template].sample) as EnqueueInput<K>['variables']);
  return ctx.kysely.transaction().execute((tx) =>
    enqueue(tx, ctx, {
      ...input,
      idempotencyKey: input.idempotencyKey ?? `test:${Date.now()}:${counter++}`,
      variables,
    } as EnqueueInput<K>),
  );
}
