import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertAssessmentApplication,
  insertAssessmentInterview,
  insertAssessmentRole,
} from '../../../test/support/factories/assessment.ts';
import {
  insertSubmittedScorecard,
  makeTeam,
  type Team,
} from '../../../test/support/factories/decision-clock.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import {
  deliverOutbox,
  linksIn,
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../../test/support/smtp.ts';
import type { ApiApp } from '../../http/types.ts';
import { personalLinkMarker } from '../messages/sealed-links.ts';

// Wednesday 25 November 2026, 10:00 in London: inside the sending window.
let clock = new Date('2026-11-25T10:00:00.000Z');

describeEachDatabase(
  'closure: not progressing before an interview (screening)',
  (get) => {
    let app: ApiApp;
    let team: Team;
    let other: TestMember;
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Screening');
      other = await makeMember(get().ctx, { role: 'manager' });
      smtp = await startTestSmtpServer();
    });
    afterAll(async () => {
      await app.close();
      await smtp.close();
    });

    const post = (member: TestMember, url: string, payload?: object) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: member.cookie },
        ...(payload !== undefined && { payload }),
      });
    const row = (id: string) =>
      get()
        .ctx.kysely.selectFrom('application')
        .select(['stage', 'told_via', 'outcome'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const messagesOf = (id: string) =>
      get()
        .ctx.kysely.selectFrom('message')
        .select(['id', 'template_key', 'status', 'text'])
        .where('application_id', '=', id)
        .execute();
    const auditOf = (id: string) =>
      get()
        .ctx.kysely.selectFrom('audit_event')
        .select(['action', 'detail'])
        .where('subject_id', '=', id)
        .orderBy('id')
        .execute();

    async function applicant(name: string, interviewed = false) {
      const { ctx } = get();
      const role = await insertAssessmentRole(ctx, {
        organisationId: team.organisationId,
        level: 'technician',
      });
      const application = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: name,
      });
      let interviewId: string | null = null;
      if (interviewed) {
        interviewId = (
          await insertAssessmentInterview(ctx, {
            organisationId: team.organisationId,
            applicationId: application.id,
            interviewerIds: [team.interviewer.userId],
          })
        ).id;
      } else {
        await ctx.kysely
          .updateTable('application')
          .set({ stage: 'applied' })
          .where('id', '=', application.id)
          .execute();
      }
      return { ...application, interviewId };
    }

    it('offers ready-made reasons per criterion the role assesses, the most important first', async () => {
      const a = await applicant('Rae Reasons');
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/roles/${a.roleId}/screening-reasons`,
        headers: { cookie: team.manager.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      const reasons = res.json().reasons as { criterionKey: string; text: string; nextStep: string }[];
      expect(reasons.length).toBeGreaterThan(5);
      // A technician role weighs signal flow highest (5) at "Competent".
      expect(reasons[0]).toMatchObject({ criterionKey: 'signal_flow', requiredLevelLabel: 'Competent' });
      const rigging = reasons.find((r) => r.criterionKey === 'rigging_power_safety')!;
      expect(rigging.text).toBe(
        'The role needs rigging, power and safety at the "Competent" level from the start: someone who already works safely at height, with suspended loads and with temporary power. Your application did not yet show us that experience.',
      );
      expect(rigging.nextStep).toMatch(/^A good next step: /);
      const foreign = await app.inject({
        method: 'GET',
        url: `/api/v1/roles/${a.roleId}/screening-reasons`,
        headers: { cookie: other.cookie },
      });
      expect(foreign.statusCode).toBe(404);
    });

    it('turns down a candidate who was never interviewed with a checked reason; the email tells them why', async () => {
      clock = new Date('2026-11-25T10:00:00.000Z');
      const a = await applicant('Sol Screen');
      const url = `/api/v1/applications/${a.id}/decision`;
      const untold = await post(team.manager, url, { outcome: 'not_progressing' });
      expect(untold.statusCode).toBe(409);
      expect(untold.json().error.message).toContain('Sol Screen has not been interviewed');
      expect(untold.json().error.message).toContain('screening-reasons');

      const badKey = await post(team.manager, url, {
        outcome: 'not_progressing',
        screening: { reasons: [{ criterionKey: 'juggling' }] },
      });
      expect(badKey.statusCode).toBe(400);
      expect(badKey.json().error.field).toBe('screening.reasons.0.criterionKey');

      const protectedNote = await post(team.manager, url, {
        outcome: 'not_progressing',
        screening: {
          reasons: [{ criterionKey: 'rigging_power_safety' }],
          note: 'We felt you were too old for the climbing work.',
        },
      });
      expect(protectedNote.statusCode).toBe(400);
      expect(protectedNote.json().error.field).toBe('screening');
      expect(protectedNote.json().error.message).toContain('protected-characteristic');
      expect(await row(a.id)).toMatchObject({ stage: 'applied', outcome: null });
      expect(await messagesOf(a.id)).toEqual([]);

      const decided = await post(team.manager, url, {
        outcome: 'not_progressing',
        sendAt: 'now',
        screening: {
          reasons: [{ criterionKey: 'rigging_power_safety' }],
          note: 'We had over forty applications for this role.',
        },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({ stage: 'not_progressing' });
      const [message] = await messagesOf(a.id);
      expect(message).toMatchObject({
        id: decided.json().messageId,
        template_key: 'not_progressing_screening',
      });
      expect(message!.text).toContain(personalLinkMarker);

      const mails = await deliverOutbox(get().ctx, smtp);
      const mail = mails.find((m) => m.messageId?.includes(message!.id));
      expect(mail).toBeDefined();
      const text = mail!.text ?? '';
      expect(text).toContain('Thank you for applying for');
      expect(text).toContain('The role needs rigging, power and safety at the "Competent" level');
      expect(text).toContain('We had over forty applications for this role.');
      expect(text).toContain('What would make a future application strong');
      expect(text).toContain('talent network');
      expect(linksIn(mail!)).toHaveLength(1);
      expect(text).not.toContain(personalLinkMarker);
      expect(await row(a.id)).toMatchObject({
        stage: 'closed',
        told_via: 'email',
        outcome: 'not_progressing',
      });
    });

    it('an interviewed candidate without scorecards: chase them, or decide with a note (audited)', async () => {
      clock = new Date('2026-11-25T10:00:00.000Z');
      const a = await applicant('Ivo Interviewed', true);
      const url = `/api/v1/applications/${a.id}/decision`;
      const screening = { reasons: [{ criterionKey: 'audio' }] };
      for (const payload of [{ outcome: 'not_progressing' }, { outcome: 'not_progressing', screening }]) {
        const refused = await post(team.manager, url, payload);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.message).toContain('chase the scorecards');
      }
      const decided = await post(team.manager, url, {
        outcome: 'not_progressing',
        screening,
        withoutScorecardsNote: 'The interviewer has left the company; I sat in and decided.',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const [message] = await messagesOf(a.id);
      expect(message!.template_key).toBe('not_progressing_screening');
      expect(message!.text).toContain('Thank you for interviewing for');
      const audit = await auditOf(a.id);
      const without = audit.find((e) => e.action === 'decision.without_scorecards');
      expect(without).toBeDefined();
      expect(JSON.parse(without!.detail as string).note).toBe(
        'The interviewer has left the company; I sat in and decided.',
      );
    });

    it('once an interview is scored, feedback from the scorecards is the path', async () => {
      const a = await applicant('Sam Scored', true);
      await insertSubmittedScorecard(get().ctx, {
        organisationId: team.organisationId,
        interviewId: a.interviewId!,
        applicationId: a.id,
        interviewerId: team.interviewer.userId,
      });
      const url = `/api/v1/applications/${a.id}/decision`;
      const screened = await post(team.manager, url, {
        outcome: 'not_progressing',
        screening: { reasons: [{ criterionKey: 'audio' }] },
      });
      expect(screened.statusCode).toBe(409);
      expect(screened.json().error.message).toContain('has been scored');
      const plain = await post(team.manager, url, { outcome: 'not_progressing' });
      expect(plain.json().error.message).toBe('Approve the feedback first');
      expect(await messagesOf(a.id)).toEqual([]);
    });

    it('a cancelled decision email is sent again, or replaced by a new decision; each a fresh email', async () => {
      clock = new Date('2026-11-25T10:00:00.000Z');
      const a = await applicant('Cy Cancelled');
      const decide = (criterionKey: string) =>
        post(team.manager, `/api/v1/applications/${a.id}/decision`, {
          outcome: 'not_progressing',
          screening: { reasons: [{ criterionKey }] },
        });
      const sendAgain = () => post(team.manager, `/api/v1/applications/${a.id}/decision/send-again`, {});
      const cancel = async (messageId: string) => {
        const res = await post(team.manager, `/api/v1/messages/${messageId}/cancel`, {});
        expect(res.statusCode, res.body).toBe(200);
      };
      const keys = async () =>
        (
          await get()
            .ctx.kysely.selectFrom('message')
            .select(['idempotency_key', 'status', 'text'])
            .where('application_id', '=', a.id)
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        ).map((m) => [m.idempotency_key, m.status, m.text]);

      const first = await decide('audio');
      expect(first.statusCode, first.body).toBe(200);
      const waiting = await sendAgain();
      expect(waiting.statusCode).toBe(409);
      expect(waiting.json().error.message).toContain('still held');
      const twice = await decide('audio');
      expect(twice.statusCode).toBe(409);

      await cancel(first.json().messageId);
      const again = await sendAgain();
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().messageId).not.toBe(first.json().messageId);
      await cancel(again.json().messageId);
      const replaced = await decide('lighting');
      expect(replaced.statusCode, replaced.body).toBe(200);

      const written = await keys();
      expect(written.map(([key, status]) => [key, status])).toEqual([
        [`decision:not_progressing:${a.id}`, 'cancelled'],
        [`decision:not_progressing:${a.id}:attempt-2`, 'cancelled'],
        [`decision:not_progressing:${a.id}:attempt-3`, 'held'],
      ]);
      expect(written[1]![2]).toBe(written[0]![2]);
      expect(written[2]![2]).toContain('lighting at the "Competent" level');
      const audit = (await auditOf(a.id)).map((e) => e.action);
      expect(audit).toContain('application.decision_email_resent');
      expect(audit).toContain('application.decision_email_replaced');

      const { to_email } = await get()
        .ctx.kysely.selectFrom('message')
        .select('to_email')
        .where('application_id', '=', a.id)
        .limit(1)
        .executeTakeFirstOrThrow();
      const mails = await deliverOutbox(get().ctx, smtp);
      // Only the replacement reaches the candidate: the cancelled ones never leave.
      const theirs = mails.filter((m) => JSON.stringify(m.to).includes(to_email));
      expect(theirs).toHaveLength(1);
      expect(theirs[0]!.text).toContain('lighting at the "Competent" level');
      expect(await row(a.id)).toMatchObject({ stage: 'closed', told_via: 'email' });
      const told = await sendAgain();
      expect(told.statusCode).toBe(409);
    });
  },
  { now: () => clock },
);
