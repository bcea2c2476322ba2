// The upgrade that adds the fit summary must summarise the scorecards already there exactly as the
// services would have: the same levels, training flags and dates, so matching ranks no one differently.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { insertAssessmentApplication } from '../../../test/support/factories/assessment.ts';
import {
  insertRatedScorecard,
  makeNetworkMember,
  markTrainingDone,
} from '../../../test/support/factories/network.ts';
import { makeOrganisation } from '../../../test/support/factories/organisations.ts';
import * as m0036 from './0036_network_fit.ts';

let clock = new Date('2026-06-01T09:00:00.000Z');
const tick = (days: number) => {
  clock = new Date(clock.getTime() + days * 86_400_000);
};

describeEachDatabase(
  'migration 0036: the network fit summary of existing scorecards',
  (get) => {
    it('backfills the same rows the services keep', async () => {
      const { ctx } = get();
      const organisationId = (await makeOrganisation(ctx)).id;
      // Two scorecards on one application (levels are per application, the mean rounded); a draft ignored.
      const ana = await makeNetworkMember(ctx, { organisationId, ratings: { lighting: 4, audio: 2 } });
      tick(1);
      await insertRatedScorecard(ctx, {
        organisationId,
        applicationId: ana.applicationId,
        ratings: { lighting: 2, audio: 3 },
      });
      await insertRatedScorecard(ctx, {
        organisationId,
        applicationId: ana.applicationId,
        ratings: { lighting: 1, rigging: 4 },
        status: 'draft',
      });
      // A later application of the same candidate: the best level per criterion and the latest date.
      tick(60);
      const again = await insertAssessmentApplication(ctx, {
        organisationId,
        candidateId: ana.candidateId,
      });
      await insertRatedScorecard(ctx, {
        organisationId,
        applicationId: again.id,
        ratings: { lighting: 4, signal_flow: 1 },
      });
      const ben = await makeNetworkMember(ctx, { organisationId, ratings: { lighting: 2 } });
      await markTrainingDone(ctx, {
        organisationId,
        candidateId: ben.candidateId,
        criterionKey: 'lighting',
        title: 'Console course',
      });
      await makeNetworkMember(ctx, { organisationId });

      const kept = await fitRows(ctx.kysely, organisationId);
      expect(kept).toEqual(
        [
          { candidate: ana.candidateId, criterion: 'audio', level: 3, trained: 0, assessed: clock.getTime() },
          {
            candidate: ana.candidateId,
            criterion: 'lighting',
            level: 4,
            trained: 0,
            assessed: clock.getTime(),
          },
          {
            candidate: ana.candidateId,
            criterion: 'signal_flow',
            level: 1,
            trained: 0,
            assessed: clock.getTime(),
          },
          {
            candidate: ben.candidateId,
            criterion: 'lighting',
            level: 2,
            trained: 1,
            assessed: clock.getTime(),
          },
        ].sort(byKey),
      );

      const db = ctx.kysely as unknown as Kysely<unknown>;
      await m0036.down(db);
      await m0036.up(db);
      expect(await fitRows(ctx.kysely, organisationId)).toEqual(kept);
    });
  },
  { now: () => clock },
);

type FitRow = { candidate: string; criterion: string; level: number; trained: number; assessed: number };
const byKey = (a: FitRow, b: FitRow) =>
  `${a.candidate}|${a.criterion}` < `${b.candidate}|${b.criterion}` ? -1 : 1;

async function fitRows(db: Kysely<import('../schema.ts').Database>, organisationId: string) {
  const rows = await db
    .selectFrom('network_fit')
    .select(['candidate_id', 'criterion_key', 'level', 'trained', 'assessed_ms'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows
    .map((r) => ({
      candidate: r.candidate_id,
      criterion: r.criterion_key,
      level: Number(r.level),
      trained: Number(r.trained),
      assessed: Number(r.assessed_ms),
    }))
    .sort(byKey);
}
