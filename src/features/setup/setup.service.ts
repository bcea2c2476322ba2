import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
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

export type FoundingRequest = Omit<SetupRequest, 'admin'> & {
  admin: { name: string; email: string; passwordHash: string };
};

/** Writes an organisation with its first venue and admin, inside the caller's transaction. */
export async function foundOrganisation(
  ctx: AppContext,
  tx: Kysely<Database>,
  input: FoundingRequest,
): Promise<SetupResult> {
  const now = ctx.now();
  const organisation = {
    id: newId(now.getTime()),
    name: input.organisation.name,
    slug: input.organisation.slug,
  };
  const userId = newId(now.getTime());
  await insertOrganisation(tx, organisation, now);
  await insertUserWithPassword(tx, ctx.db.dialect, { id: userId, ...input.admin }, now);
  await insertMember(
    tx,
    { id: newId(now.getTime()), organisationId: organisation.id, userId, role: 'admin' },
    now,
  );
  const venue = await insertVenue(tx, organisation.id, newId(now.getTime()), input.venue, now);
  return {
    organisation,
    venue,
    admin: { id: userId, name: input.admin.name, email: input.admin.email.toLowerCase() },
  };
}

export async function hashPassword(ctx: AppContext, password: string): Promise<string> {
  return (await ctx.auth.$context).password.hash(password);
}

export function setupService(ctx: AppContext) {
  return {
    async isRequired(): Promise<boolean> {
      return (await countOrganisations(ctx.kysely)) === 0;
    },

    /** Creates the first organisation, its first venue and its admin, once, in one transaction. */
    async complete(input: SetupRequest): Promise<SetupResult> {
      const passwordHash = await hashPassword(ctx, input.admin.password);
      return ctx.kysely.transaction().execute(async (tx) => {
        // Two browsers finishing setup at once: the second waits here, then finds the first's organisation.
        if (ctx.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(20261126)`.execute(tx);
        if ((await countOrganisations(tx)) > 0) {
          throw new AppError('setup_complete', 'Followspot is already set up: sign in instead');
        }
        return foundOrganisation(ctx, tx, {
          ...input,
          admin: { name: input.admin.name, email: input.admin.email, passwordHash },
        });
      });
    },
  };
}
