import type { AppContext } from '../../../src/app-context.ts';
import type { RoleCreateInput } from '../../../src/features/roles/roles.schema.ts';
import { roleCreateSchema } from '../../../src/features/roles/roles.schema.ts';
import { roleService } from '../../../src/features/roles/roles.service.ts';
import { makeOrganisation } from './organisations.ts';
import { makeVenue } from './venues.ts';

/** A role; creates the organisation and a venue when none is given (a venueId needs its organisationId). */
export async function makeRole(
  ctx: AppContext,
  options: { organisationId?: string } & Partial<RoleCreateInput> = {},
) {
  const { organisationId: given, venueId: givenVenue, ...fields } = options;
  if (givenVenue && !given) throw new Error('makeRole: pass the organisationId of the venue too');
  const organisationId = given ?? (await makeOrganisation(ctx)).id;
  const venueId = givenVenue ?? (await makeVenue(ctx, { organisationId })).id;
  const input = roleCreateSchema.parse({
    title: 'AV Technician — Main House',
    level: 'technician',
    ...fields,
    venueId,
  });
  return roleService(ctx).create(organisationId, input);
}
