import type { AppContext } from '../../../src/app-context.ts';
import type { VenueCreateInput } from '../../../src/features/venues/venues.schema.ts';
import { venueCreateSchema } from '../../../src/features/venues/venues.schema.ts';
import { venueService } from '../../../src/features/venues/venues.service.ts';
import { makeOrganisation } from './organisations.ts';

export async function makeVenue(
  ctx: AppContext,
  options: { organisationId?: string } & Partial<VenueCreateInput> = {},
) {
  const { organisationId: given, ...fields } = options;
  const organisationId = given ?? (await makeOrganisation(ctx)).id;
  const input = venueCreateSchema.parse({
    name: 'Main House',
    region: 'england-and-wales',
    city: 'Leeds',
    ...fields,
  });
  return venueService(ctx).create(organisationId, input);
}
