import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { insertUserWithPassword } from '../members/users.repository.ts';
import {
  countOrganisations,
  insertMember,
  insertOrganisation,
} from '../organisations/organisations.repository.ts';
import { insertVenue } from '../venues/venues.repository.ts';
import type { SetupRequest, SetupResult } from './setup.schema.ts';

export function setupService(ctx: AppContext) {
  return {
    async isRequired(): Promise<boolean> {
      return (await countOrganisations(ctx.kysely)) === 0;
    },

    /** Creates the first organisation, its first venue and its admin, once, in one transaction. */
    async complete(input: SetupRequest): Promise<SetupResult> {
      const authContext = await ctx.auth.$context;
      const passwordHash = await authContext.password.hash(input.admin.password);
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        if (ctx.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(20261126)`.execute(tx);
        if ((await countOrganisations(tx)) > 0) {
          throw new AppError('setup_complete', 'Followspot is already set up: sign in instead');
        }
        const organisation = {
          id: newId(now.getTime()),
          name: input.organisation.name,
          slug: input.organisation.slug,
        };
        const userId = newId(now.getTime());
        await insertOrganisation(tx, organisation, now);
        await insertUserWithPassword(
          tx,
          ctx.db.dialect,
          { id: userId, name: input.admin.name, email: input.admin.email, passwordHash },
          now,
        );
        await insertMember(
          tx,
          { id: newId(now.getTime()), organisationId: organisation.id, userId, role: 'admin' },
          now,
        );
        const venue = await insertVenue(tx, organisation.id, newId(now.getTime()), input.venue, now);
        return {
          organisation,
          venue,
          admin: { id: userId, name: input.admin.name, email: input.admin.email },
        };
      });
    },
  };
}
