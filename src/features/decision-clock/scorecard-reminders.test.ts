import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  arrangeInterview,
  insertSubmittedScorecard,
  makeClockApplication,
  makeTeam,
  type Team,
} from '../../../test/support/factories/decision-clock.ts';
import { makeMember } from '../../../test/support/factories/organisations.ts';
import { deliverOutbox, startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { ApiApp } from '../../http/types.ts';

// Tuesday 8 December 2026, 11:00 in London: inside working hours.
let clock = new Date('2026-12-08T11:00:00Z');

describeEachDatabase(
  'one-click scorecard reminders from the Decisions queue',
  (get) => {
    let app: ApiApp;
    let team: Team;
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Remind');
      smtp = await startTestSmtpServer();
    });
    afterAll(async () => {
      await app.close();
      await smtp.close();
    });

    const remind = (id: string, cookie = team.manager.cookie) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/applications/${id}/scorecard-reminders`,
        headers: { cookie },
      });

    it('emails and notifies each interviewer who owes a scorecard, once a day; nobody when all are in', async () => {
      clock = new Date('2026-12-07T09:00:00Z');
      const ctx = get().ctx;
      const second = await makeMember(ctx, {
        role: 'interviewer',
        organisationId: team.organisationId,
        name: 'Second Interviewer',
      });
      const a = await makeClockApplication(ctx, team, {
        candidateName: 'Rhys Late',
        stage: 'awaiting_decision',
      });
      const interviewId = await arrangeInterview(app, team, {
        applicationId: a.applicationId,
        startsAt: '2026-12-07T14:00:00Z',
        endsAt: '2026-12-07T15:00:00Z',
        interviewerIds: [team.interviewer.userId, second.userId],
      });
      await insertSubmittedScorecard(ctx, {
        organisationId: team.organisationId,
        interviewId,
        applicationId: a.applicationId,
        interviewerId: second.userId,
      });

      clock = new Date('2026-12-08T11:00:00Z');
      const res = await remind(a.applicationId);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().reminders).toEqual([
        {
          interviewId,
          interviewerId: team.interviewer.userId,
          interviewerName: 'Remind Interviewer',
          messageId: expect.any(String),
          sendAfter: '2026-12-08T11:00:00.000Z',
          alreadyRemindedToday: false,
        },
      ]);
      const again = await remind(a.applicationId);
      expect(again.json().reminders[0]).toMatchObject({
        messageId: res.json().reminders[0].messageId,
        alreadyRemindedToday: true,
      });
      const notes = await ctx.kysely
        .selectFrom('notification')
        .select(['user_id', 'title'])
        .where('organisation_id', '=', team.organisationId)
        .where('kind', '=', 'scorecard_reminder')
        .execute();
      expect(notes).toEqual([{ user_id: team.interviewer.userId, title: 'Scorecard needed: Rhys Late' }]);

      const mails = await deliverOutbox(ctx, smtp);
      const to = (m: (typeof mails)[number]) =>
        (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address));
      expect(mails.filter((m) => to(m).includes(team.interviewer.email))).toHaveLength(1);
      expect(mails.filter((m) => to(m).includes(second.email))).toEqual([]);

      // Interviewers cannot chase; another organisation gets 404.
      expect((await remind(a.applicationId, team.interviewer.cookie)).statusCode).toBe(403);
      const stranger = await makeMember(ctx, { role: 'manager' });
      expect((await remind(a.applicationId, stranger.cookie)).statusCode).toBe(404);

      // Every scorecard in: nobody to remind.
      await insertSubmittedScorecard(ctx, {
        organisationId: team.organisationId,
        interviewId,
        applicationId: a.applicationId,
        interviewerId: team.interviewer.userId,
      });
      const none = await remind(a.applicationId);
      expect(none.statusCode).toBe(409);
      expect(none.json().error.message).toBe('Every scorecard is in: there is nobody to remind');
    });
  },
  { now: () => clock },
);
