// The confirmation of a decision names when its email actually leaves (the venue's sending window),
// for one decision and for close the rest, through the real HTTP app on both databases with an
// injected clock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertAssessmentApplication,
  insertAssessmentRole,
} from '../../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import type { ApiApp } from '../../http/types.ts';

let clock = new Date('2026-12-01T20:00:00Z');

describeEachDatabase(
  'decision send time',
  (get) => {
    let app: ApiApp;
    let team: Team;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Send time');
    });
    afterAll(async () => app.close());

    const post = (url: string, payload?: object) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: team.manager.cookie },
        ...(payload !== undefined && { payload }),
      });

    async function applied(roleId: string, name: string) {
      const a = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId,
        candidateName: name,
      });
      await get()
        .ctx.kysely.updateTable('application')
        .set({ stage: 'applied' })
        .where('id', '=', a.id)
        .execute();
      return a.id;
    }

    it('a decision names when its email leaves: the window tomorrow, or straight away', async () => {
      const { ctx } = get();
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const criterionKey = (
        await app.inject({
          url: `/api/v1/roles/${role.id}/screening-reasons`,
          headers: { cookie: team.manager.cookie },
        })
      ).json().reasons[0].criterionKey;
      const screening = { reasons: [{ criterionKey }] };

      // Tuesday 1 December 2026, 20:00 in London: after the window; it opens Wednesday at 09:00.
      clock = new Date('2026-12-01T20:00:00Z');
      const evening = await post(`/api/v1/applications/${await applied(role.id, 'Eve Ning')}/decision`, {
        outcome: 'not_progressing',
        screening,
      });
      expect(evening.statusCode, evening.body).toBe(200);
      expect(evening.json()).toMatchObject({
        stage: 'not_progressing',
        sendAfter: '2026-12-02T09:00:00.000Z',
        sendAfterText: "tomorrow at 09:00, the venue's sending window",
      });
      const stored = await ctx.kysely
        .selectFrom('message')
        .select('send_after')
        .where('id', '=', evening.json().messageId)
        .executeTakeFirstOrThrow();
      expect(stored.send_after).toBe(evening.json().sendAfter);

      const now = await post(`/api/v1/applications/${await applied(role.id, 'Nat Now')}/decision`, {
        outcome: 'not_progressing',
        screening,
        sendAt: 'now',
      });
      expect(now.json()).toMatchObject({
        sendAfter: '2026-12-01T20:00:00.000Z',
        sendAfterText: 'straight away',
      });

      // A decision without an email says so.
      const gone = await post(`/api/v1/applications/${await applied(role.id, 'Will Drew')}/decision`, {
        outcome: 'withdrawn',
        note: 'Emailed to say they have moved away',
      });
      expect(gone.json()).toMatchObject({ messageId: null, sendAfter: null, sendAfterText: null });
    });

    it('close the rest names the send time of each email: Friday evening goes on Monday at 09:00', async () => {
      const { ctx } = get();
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const ids = [await applied(role.id, 'Fri One'), await applied(role.id, 'Fri Two')];
      // Friday 4 December 2026, 18:00 in London.
      clock = new Date('2026-12-04T18:00:00Z');
      const composed = await post(`/api/v1/roles/${role.id}/close-the-rest`, {});
      expect(composed.statusCode, composed.body).toBe(200);
      const sent = await post(`/api/v1/roles/${role.id}/close-the-rest/send`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json().results).toHaveLength(2);
      for (const id of ids) {
        expect(sent.json().results).toContainEqual({
          applicationId: id,
          status: 'queued',
          sendAfter: '2026-12-07T09:00:00.000Z',
          sendAfterText: "on Monday 7 December at 09:00, the venue's sending window",
        });
      }
    });
  },
  { now: () => clock },
);
