// Emails to members leave in the working hours of the venue (08:00–18:00 local, working days), not in
// the candidate sending window; escalations go at once.
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { enqueueTestMessage, makeHiringScene } from '../../../test/support/factories/messages.ts';

let clock = new Date('2026-12-04T07:00:00Z');

describeEachDatabase(
  'team emails and the sending window',
  (get) => {
    it('a scorecard reminder waits for 08:00 on a working day, goes at once in hours, and at 18:30 waits for Monday', async () => {
      const scene = await makeHiringScene(get().ctx, {
        // The candidate sending window of this venue is 10:00–16:00: team emails do not wait for it.
        workingHours: { start: '10:00', end: '16:00' },
      });
      const remind = async (at: string) => {
        clock = new Date(at);
        return enqueueTestMessage(get().ctx, {
          organisationId: scene.organisationId,
          template: 'scorecard_reminder',
          to: { kind: 'member', userId: scene.manager.userId },
          applicationId: scene.applicationId,
          send: 'team_hours',
        });
      };
      // Friday 4 December 2026 (London, GMT).
      expect((await remind('2026-12-04T07:00:00Z')).sendAfter).toBe('2026-12-04T08:00:00.000Z');
      expect((await remind('2026-12-04T08:30:00Z')).sendAfter).toBe('2026-12-04T08:30:00.000Z');
      expect((await remind('2026-12-04T17:45:00Z')).sendAfter).toBe('2026-12-04T17:45:00.000Z');
      expect((await remind('2026-12-04T18:30:00Z')).sendAfter).toBe('2026-12-07T08:00:00.000Z');
      // The candidate's email at 08:30 still waits for the venue's own window.
      clock = new Date('2026-12-04T08:30:00Z');
      const candidate = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'holding_update',
        applicationId: scene.applicationId,
        send: 'window',
      });
      expect(candidate.sendAfter).toBe('2026-12-04T10:00:00.000Z');
    });
  },
  { now: () => clock },
);
