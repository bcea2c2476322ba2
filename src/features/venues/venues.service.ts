import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Page } from '../common.schema.ts';
import { recomputeDecisionClocks } from '../decision-clock/decision-clock.service.ts';
import { jobQueued } from '../jobs/jobs.service.ts';
import { startRollupRebuild } from '../reputation/rollup-job.ts';
import * as repo from './venues.repository.ts';
import type { Venue, VenueCreate, VenueListQuery, VenueUpdate } from './venues.schema.ts';

export function venueService(ctx: AppContext) {
  return {
    create(organisationId: string, input: VenueCreate): Promise<Venue> {
      const now = ctx.now();
      return repo.insertVenue(ctx.kysely, organisationId, newId(now.getTime()), input, now);
    },
    async get(organisationId: string, id: string): Promise<Venue> {
      return (await repo.findVenue(ctx.kysely, organisationId, id)) ?? Promise.reject(notFound('Venue'));
    },
    list(organisationId: string, query: VenueListQuery): Promise<Page<Venue>> {
      return repo.listVenues(ctx.kysely, organisationId, query);
    },
    /** A change of nation or time zone moves the deadlines of the venue's open applications with it. */
    async update(organisationId: string, id: string, input: VenueUpdate): Promise<Venue> {
      const now = ctx.now();
      const updated = await ctx.kysely.transaction().execute(async (tx) => {
        const before = await repo.findVenue(tx, organisationId, id);
        const venue = await repo.updateVenue(tx, organisationId, id, input, now);
        if (!before || !venue) throw notFound('Venue');
        if (venue.region !== before.region || venue.timezone !== before.timezone) {
          await recomputeDecisionClocks(tx, organisationId, { venueId: id }, now);
          // The venue's calendar counts the working days to tell of its past months too.
          await startRollupRebuild(tx, organisationId, 'venue_calendar', 'system', now);
        }
        return venue;
      });
      jobQueued();
      return updated;
    },
    /** A venue with roles is archived instead, so the roles keep their history. */
    async remove(organisationId: string, id: string): Promise<void> {
      await ctx.kysely.transaction().execute(async (tx) => {
        const venue = await repo.findVenue(tx, organisationId, id);
        if (!venue) throw notFound('Venue');
        if ((await repo.countRolesAtVenue(tx, organisationId, id)) > 0) {
          throw new AppError(
            'conflict',
            'This venue has roles, so it cannot be deleted: archive it instead, which keeps their history',
          );
        }
        await repo.deleteVenue(tx, organisationId, id);
      });
    },
  };
}
export type VenueService = ReturnType<typeof venueService>;
