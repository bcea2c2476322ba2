// A candidate who withdrew: no interviewer is chased for their scorecard, through the sweep with the
// clock injected, whichever way the withdrawal was recorded.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import {
  arrangeInterview,
  makeClockApplication,
  makeTeam,
} from '../../test/support/factories/decision-clock.ts';
import type { TestMember } from '../../test/support/factories/organisations.ts';
import type { ApiApp } from '../http/types.ts';
import { runDecisionClockSweep } from './decision-clock-sweep.ts';

let clock = new Date('2026-12-01T10:00:00Z');
const logger = { info() {}, warn() {}, error() {} };

describeEachDatabase(
  'withdrawn applications cancel their owed scorecards and reminders',
  (get) => {
    let app: ApiApp;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
    });
    afterAll(async () => app.close());

    const sweepAt = (iso: string) => {
      clock = new Date(iso);
      return runDecisionClockSweep(get().ctx, { logger });
    };
    const owed = async (member: TestMember) => {
      const res = await app.inject({ url: '/api/v1/scorecards?owed=me', headers: { cookie: member.cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().data as { applicationId: string }[]).map((s) => s.applicationId);
    };
    const reminders = (applicationId: string) =>
      get()
        .ctx.kysely.selectFrom('message')
        .select(['template_key', 'status'])
        .where('application_id', '=', applicationId)
        .where('template_key', '=', 'scorecard_reminder')
        .execute();

    it('cancels the unsent reminder and its notification, and the sweep chases nobody afterwards', async () => {
      clock = new Date('2026-12-01T10:00:00Z');
      const team = await makeTeam(get().ctx, 'Withdrew');
      const sam = (await makeClockApplication(get().ctx, team, { candidateName: 'Sam Early' })).applicationId;
      const kit = (await makeClockApplication(get().ctx, team, { candidateName: 'Kit Later' })).applicationId;
      for (const applicationId of [sam, kit]) {
        await arrangeInterview(app, team, {
          applicationId,
          startsAt: '2026-12-03T14:00:00Z',
          endsAt: '2026-12-03T16:00:00Z',
        });
      }
      await sweepAt('2026-12-03T16:05:00Z');
      expect((await owed(team.interviewer)).sort()).toEqual([sam, kit].sort());

      // Kit withdraws (by a decision with a note) before the next working morning: never chased.
      clock = new Date('2026-12-03T18:00:00Z');
      const decided = await app.inject({
        method: 'POST',
        url: `/api/v1/applications/${kit}/decision`,
        headers: { cookie: team.manager.cookie },
        payload: { outcome: 'withdrawn', note: 'Emailed to say they took another job' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(await owed(team.interviewer)).toEqual([sam]);

      // Friday 09:00: Sam's interviewer is reminded; nobody for Kit.
      const friday = await sweepAt('2026-12-04T09:00:00Z');
      expect(friday.scorecardReminders).toBe(1);
      expect(await reminders(sam)).toEqual([{ template_key: 'scorecard_reminder', status: 'held' }]);
      expect(await reminders(kit)).toEqual([]);

      // Sam withdraws (a stage-only PATCH) before the reminder left: it is cancelled, its notification
      // read, and the scorecard is no longer owed.
      clock = new Date('2026-12-04T09:10:00Z');
      const moved = await app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${sam}`,
        headers: { cookie: team.manager.cookie },
        payload: { stage: 'withdrawn' },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(await reminders(sam)).toEqual([{ template_key: 'scorecard_reminder', status: 'cancelled' }]);
      const unread = await get()
        .ctx.kysely.selectFrom('notification')
        .select(['kind'])
        .where('user_id', '=', team.interviewer.userId)
        .where('read_at', 'is', null)
        .execute();
      expect(unread).toEqual([]);
      expect(await owed(team.interviewer)).toEqual([]);

      // The following days' sweeps chase nobody about either.
      for (const at of ['2026-12-07T09:00:00Z', '2026-12-08T09:00:00Z']) {
        expect((await sweepAt(at)).scorecardReminders).toBe(0);
      }
      expect(await reminders(kit)).toEqual([]);
      expect(await reminders(sam)).toHaveLength(1);
    });
  },
  { now: () => clock },
);
