// A holding update's reason goes to the candidate, so it is checked like feedback (tone, leaks,
// protected characteristics) through the real HTTP app on both databases, with an injected clock: a
// failing reason is refused on field `message` with the findings, and nothing is written or queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  arrangeInterview,
  insertSubmittedScorecard,
  makeClockApplication,
  makeTeam,
} from '../../../test/support/factories/decision-clock.ts';
import type { ApiApp } from '../../http/types.ts';
import { holdingReasonFindings } from './holding-reason.ts';

let clock = new Date('2026-12-03T15:00:00Z');

describeEachDatabase(
  'holding update reasons',
  (get) => {
    let app: ApiApp;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
    });
    afterAll(async () => app.close());

    it('refuses a reason that fails the check, with the findings, and sends a clean one', async () => {
      clock = new Date('2026-12-03T15:00:00Z');
      const { ctx } = get();
      const team = await makeTeam(ctx, 'Reasons');
      const scene = await makeClockApplication(ctx, team, { candidateName: 'Ola Fader' });
      const id = scene.applicationId;
      const interviewId = await arrangeInterview(app, team, {
        applicationId: id,
        startsAt: '2026-12-03T14:00:00Z',
        endsAt: '2026-12-03T16:00:00Z',
      });
      const scorecardId = await insertSubmittedScorecard(ctx, {
        organisationId: team.organisationId,
        interviewId,
        applicationId: id,
        interviewerId: team.interviewer.userId,
      });
      await ctx.kysely
        .updateTable('scorecard')
        .set({ private_notes: 'Seemed nervous about rigging at height, dropped a shackle in the practical.' })
        .where('id', '=', scorecardId)
        .execute();

      // Thursday 3 December 16:00, N = 5: due Thursday 10 December; Wednesday 9th a slip is offered.
      clock = new Date('2026-12-09T09:00:00Z');
      const hold = (message: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/applications/${id}/holding-update`,
          headers: { cookie: team.manager.cookie },
          payload: { newDate: '2026-12-15', message },
        });

      const refused: [string, RegExp][] = [
        ['we are still deciding because you seemed uninterested.', /tone: "seemed uninterested"/],
        ['we need to check whether you are too old for late get-outs.', /protected-characteristic: .*age/],
        [
          'Reasons Interviewer wants to see one more candidate first.',
          /interviewer-name: .*names an interviewer/,
        ],
        ['Reasons wants to see one more candidate first.', /interviewer-name/],
        ['we are weighing it up: you seemed nervous about rigging at height.', /private-note-leak/],
      ];
      for (const [message, finding] of refused) {
        const response = await hold(message);
        expect(response.statusCode, message).toBe(400);
        expect(response.json().error).toMatchObject({ code: 'validation_failed', field: 'message' });
        expect(response.json().error.message, message).toMatch(
          /goes to the candidate and does not pass the check/,
        );
        expect(response.json().error.message, message).toMatch(finding);
      }
      // Nothing was written or queued by the refusals.
      const before = await app.inject({
        url: `/api/v1/applications/${id}`,
        headers: { cookie: team.manager.cookie },
      });
      expect(before.json()).toMatchObject({ decisionDueDate: '2026-12-10', holdingUpdates: 0 });
      const queued = () =>
        ctx.kysely
          .selectFrom('message')
          .select(['text'])
          .where('application_id', '=', id)
          .where('template_key', '=', 'holding_update')
          .execute();
      expect(await queued()).toEqual([]);

      // A plain reason (no judgement, no name, no note) goes, and reaches the email.
      const sent = await hold('two of the panel are at a trade show until Monday.');
      expect(sent.statusCode).toBe(201);
      expect(sent.json().holdingUpdate).toMatchObject({
        number: 1,
        toDueDate: '2026-12-15',
        reason: 'two of the panel are at a trade show until Monday.',
      });
      const emails = await queued();
      expect(emails).toHaveLength(1);
      expect(emails[0]!.text).toContain('two of the panel are at a trade show until Monday.');
    });
  },
  { now: () => clock },
);

describe('holding reason rules', () => {
  it('holds the reason only to the rules that fit one sentence', async () => {
    const context = { candidateName: 'Ola Fader', interviewerNames: ['Jordan Patch'], privateNotes: [] };
    // Short and naming neither strength nor development area: fine for "why it is taking longer".
    expect(await holdingReasonFindings('the budget sign-off is late.', context)).toEqual([]);
    // The candidate's own name is not an interviewer's.
    expect(await holdingReasonFindings('Ola, the panel needs one more day.', context)).toEqual([]);
    expect((await holdingReasonFindings('Jordan needs one more day.', context)).map((f) => f.kind)).toEqual([
      'interviewer-name',
    ]);
  });
});
