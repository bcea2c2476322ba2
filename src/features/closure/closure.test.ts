import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { evidence, keys } from '../../../test/support/factories/assessed.ts';
import {
  insertAssessmentApplication,
  insertAssessmentInterview,
  insertAssessmentRole,
  scorecardBody,
} from '../../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { ApiApp } from '../../http/types.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { createSmtpTransport, type MailTransport } from '../../mail/transport.ts';
import { csvCell } from './closure.service.ts';

// Wednesday 25 November 2026, 10:00 in London (GMT): inside the sending window.
const WEDNESDAY_10AM = '2026-11-25T10:00:00.000Z';
let clock = new Date(WEDNESDAY_10AM);

describe('closure helpers', () => {
  it('escapes CSV cells and neutralises formulas', () => {
    expect(csvCell('Shah, Priya')).toBe('"Shah, Priya"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });
});

describeEachDatabase(
  'closure: decisions, told, close the rest, report, timeline',
  (get) => {
    let app: ApiApp;
    let team: Team;
    let other: TestMember;
    let smtp: TestSmtpServer;
    let transport: MailTransport;

    beforeAll(async () => {
      const { ctx } = get();
      app = await buildTestApp(ctx);
      team = await makeTeam(ctx, 'Closure');
      other = await makeMember(ctx, { role: 'manager' });
      smtp = await startTestSmtpServer();
      transport = createSmtpTransport(smtp.url);
    });
    afterAll(async () => {
      await app.close();
      transport.close();
      await smtp.close();
    });

    const as = (member: TestMember) => ({ cookie: member.cookie });
    const post = (member: TestMember, url: string, payload?: object) =>
      app.inject({ method: 'POST', url, headers: as(member), ...(payload !== undefined && { payload }) });
    const getAs = (member: TestMember, url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers: { ...as(member), ...headers } });

    /** Runs the outbox worker once against the real SMTP server (held messages are released first). */
    async function deliver() {
      const { ctx } = get();
      const worker = createOutboxWorker({
        db: ctx.kysely,
        dialect: ctx.db.dialect,
        transport,
        mailFrom: 'Followspot <followspot@example.test>',
        now: () => clock,
        batchSize: 50,
      });
      await worker.releaseHeld();
      return worker.runOnce();
    }

    async function row(id: string) {
      return get()
        .ctx.kysely.selectFrom('application')
        .select(['stage', 'told_at', 'told_via', 'told_note', 'decided_at', 'outcome'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    }
    async function messagesOf(applicationId: string) {
      return get()
        .ctx.kysely.selectFrom('message')
        .select(['id', 'template_key', 'status', 'send_after', 'to_email'])
        .where('application_id', '=', applicationId)
        .execute();
    }
    async function setStage(id: string, stage: string) {
      await get().ctx.kysely.updateTable('application').set({ stage }).where('id', '=', id).execute();
    }

    /** An application with an ended interview and a submitted scorecard by the team's interviewer. */
    async function assessed(roleId: string, candidateName: string) {
      const { ctx } = get();
      const application = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId,
        candidateName,
      });
      const interview = await insertAssessmentInterview(ctx, {
        organisationId: team.organisationId,
        applicationId: application.id,
        interviewerIds: [team.interviewer.userId],
      });
      const opened = await post(team.interviewer, '/api/v1/scorecards', { interviewId: interview.id });
      expect(opened.statusCode, opened.body).toBe(201);
      const id = opened.json().id as string;
      const ratings = Object.fromEntries(keys.map((k) => [k, k === 'video' ? 2 : 3])) as Record<
        string,
        2 | 3
      >;
      const body = scorecardBody(keys, {
        ratings,
        recommendation: 'no',
        evidence: (key) => evidence[key] ?? null,
      });
      const put = await app.inject({
        method: 'PUT',
        url: `/api/v1/scorecards/${id}`,
        headers: as(team.interviewer),
        payload: body,
      });
      expect(put.statusCode, put.body).toBe(200);
      const submitted = await post(team.interviewer, `/api/v1/scorecards/${id}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      await setStage(application.id, 'awaiting_decision');
      return application;
    }

    async function approvedFeedback(applicationId: string) {
      const drafted = await post(team.manager, `/api/v1/applications/${applicationId}/feedback/draft`);
      expect(drafted.statusCode, drafted.body).toBe(200);
      const approved = await post(team.manager, `/api/v1/applications/${applicationId}/feedback/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
    }

    it('offer: stage and offer email in one transaction; only after an interview', async () => {
      clock = new Date(WEDNESDAY_10AM);
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const app1 = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Olu Offer',
      });
      await setStage(app1.id, 'awaiting_decision');
      const res = await post(team.manager, `/api/v1/applications/${app1.id}/decision`, {
        outcome: 'offer',
        message: 'We would love you to start before panto season.',
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ id: app1.id, stage: 'offer', decidedAt: WEDNESDAY_10AM, toldAt: null });
      const messages = await messagesOf(app1.id);
      expect(messages).toEqual([expect.objectContaining({ id: body.messageId, template_key: 'offer' })]);

      const applied = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Early Offer',
      });
      await setStage(applied.id, 'applied');
      const refused = await post(team.manager, `/api/v1/applications/${applied.id}/decision`, {
        outcome: 'offer',
      });
      expect(refused.statusCode).toBe(409);
      expect(await messagesOf(applied.id)).toEqual([]);
      expect((await row(applied.id)).stage).toBe('applied');

      // The candidate answers: hired closes it at once, told by their response, no email.
      const hired = await post(team.manager, `/api/v1/applications/${app1.id}/decision`, {
        outcome: 'hired',
      });
      expect(hired.statusCode, hired.body).toBe(200);
      expect(hired.json()).toMatchObject({ stage: 'closed', messageId: null, toldAt: WEDNESDAY_10AM });
      expect(await row(app1.id)).toMatchObject({
        stage: 'closed',
        outcome: 'hired',
        told_via: 'candidate_response',
      });
    });

    it('offer declined and withdrawn close with how the candidate told us', async () => {
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const a = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
      });
      await setStage(a.id, 'offer');
      const declined = await post(team.manager, `/api/v1/applications/${a.id}/decision`, {
        outcome: 'offer_declined',
        note: 'Took a touring job',
      });
      expect(declined.statusCode, declined.body).toBe(200);
      expect(await row(a.id)).toMatchObject({
        stage: 'closed',
        outcome: 'offer_declined',
        told_via: 'candidate_response',
        told_note: 'Took a touring job',
      });

      const b = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
      });
      const short = await post(team.manager, `/api/v1/applications/${b.id}/decision`, {
        outcome: 'withdrawn',
        note: 'no',
      });
      expect(short.statusCode).toBe(400);
      const missing = await post(team.manager, `/api/v1/applications/${b.id}/decision`, {
        outcome: 'withdrawn',
      });
      expect(missing.statusCode).toBe(400);
      const withdrawn = await post(team.manager, `/api/v1/applications/${b.id}/decision`, {
        outcome: 'withdrawn',
        note: 'Emailed to say they have moved to Glasgow',
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json()).toMatchObject({ stage: 'closed', messageId: null });
      expect(await row(b.id)).toMatchObject({
        stage: 'closed',
        outcome: 'withdrawn',
        told_via: 'candidate_withdrew',
        told_note: 'Emailed to say they have moved to Glasgow',
      });
      const audit = await get()
        .ctx.kysely.selectFrom('audit_event')
        .select(['action'])
        .where('subject_id', '=', b.id)
        .orderBy('id')
        .execute();
      expect(audit.map((r) => r.action)).toEqual([
        'application.decision',
        'application.told',
        'application.closed',
      ]);
    });

    it('not progressing needs approved feedback; no email without its state, no state without its email', async () => {
      clock = new Date(WEDNESDAY_10AM);
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const a = await assessed(role.id, 'Nina Gate');
      const refused = await post(team.manager, `/api/v1/applications/${a.id}/decision`, {
        outcome: 'not_progressing',
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toBe('Approve the feedback first');
      expect((await row(a.id)).stage).toBe('awaiting_decision');
      expect(await messagesOf(a.id)).toEqual([]);

      // Approved feedback whose variables cannot fill the email: the email fails, so the stage rolls back.
      await approvedFeedback(a.id);
      const saved = await get()
        .ctx.kysely.selectFrom('feedback')
        .select(['structured'])
        .where('application_id', '=', a.id)
        .executeTakeFirstOrThrow();
      const broken = JSON.parse(saved.structured);
      broken.strengths = [{ criterion: 'Audio' }];
      await get()
        .ctx.kysely.updateTable('feedback')
        .set({ structured: JSON.stringify(broken) })
        .where('application_id', '=', a.id)
        .execute();
      const failed = await post(team.manager, `/api/v1/applications/${a.id}/decision`, {
        outcome: 'not_progressing',
      });
      expect(failed.statusCode).toBe(500);
      expect(await row(a.id)).toMatchObject({ stage: 'awaiting_decision', decided_at: null, outcome: null });
      expect(await messagesOf(a.id)).toEqual([]);
      const audit = await get()
        .ctx.kysely.selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', a.id)
        .where('action', 'like', 'application.%')
        .execute();
      expect(audit).toEqual([]);
    });

    it('queued until the window, the role guard says why; the worker sends it and the application closes', async () => {
      // Wednesday 18:00: after the window, so the email waits for 09:00 Thursday.
      clock = new Date('2026-11-25T18:00:00.000Z');
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const priya = await assessed(role.id, 'Priya Shah');
      const tom = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Tom Reed',
      });
      await approvedFeedback(priya.id);
      const decided = await post(team.manager, `/api/v1/applications/${priya.id}/decision`, {
        outcome: 'not_progressing',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({ stage: 'not_progressing', toldAt: null });
      const [message] = await messagesOf(priya.id);
      expect(message).toMatchObject({ id: decided.json().messageId, template_key: 'not_progressing' });
      expect(new Date(message!.send_after).toISOString()).toBe('2026-11-26T09:00:00.000Z');

      for (const status of ['filled', 'archived']) {
        const guarded = await app.inject({
          method: 'PATCH',
          url: `/api/v1/roles/${role.id}`,
          headers: as(team.manager),
          payload: { status },
        });
        expect(guarded.statusCode).toBe(409);
        expect(guarded.json().error.message).toContain(
          'Still waiting: Priya Shah: not progressing, email held in the outbox (email sending is not set up); Tom Reed: interviewing',
        );
      }
      // Once released to the queue (SMTP configured), the guard names the time it leaves.
      await get()
        .ctx.kysely.updateTable('message')
        .set({ status: 'queued' })
        .where('id', '=', message!.id)
        .execute();
      const guarded = await app.inject({
        method: 'PATCH',
        url: `/api/v1/roles/${role.id}`,
        headers: as(team.manager),
        payload: { status: 'filled' },
      });
      expect(guarded.json().error.message).toContain(
        'Priya Shah: not progressing, email queued to leave tomorrow at 09:00; Tom Reed: interviewing',
      );

      // Thursday 09:05: the worker sends it; in the same transaction Priya is told and closed.
      clock = new Date('2026-11-26T09:05:00.000Z');
      const before = smtp.received.length;
      const cycle = await deliver();
      expect(cycle.sent).toBeGreaterThanOrEqual(1);
      expect(smtp.received.length).toBeGreaterThan(before);
      const mail = smtp.received.find((m) => m.messageId.startsWith(message!.id));
      expect(mail).toBeDefined();
      expect(mail!.envelopeTo).toEqual([message!.to_email]);
      expect(await row(priya.id)).toMatchObject({
        stage: 'closed',
        told_via: 'email',
        outcome: 'not_progressing',
      });
      expect(new Date((await row(priya.id)).told_at!).toISOString()).toBe('2026-11-26T09:05:00.000Z');

      const still = await app.inject({
        method: 'PATCH',
        url: `/api/v1/roles/${role.id}`,
        headers: as(team.manager),
        payload: { status: 'filled' },
      });
      expect(still.statusCode).toBe(409);
      expect(still.json().error.message).not.toContain('Priya Shah');
      await setStage(tom.id, 'closed');
      const filled = await app.inject({
        method: 'PATCH',
        url: `/api/v1/roles/${role.id}`,
        headers: as(team.manager),
        payload: { status: 'filled' },
      });
      expect(filled.statusCode, filled.body).toBe(200);
    });

    it('told by call: from an outcome only, not in the future; closes and audits', async () => {
      clock = new Date(WEDNESDAY_10AM);
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const a = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
      });
      const early = await post(team.manager, `/api/v1/applications/${a.id}/told`, {
        via: 'call',
        at: '2026-11-25T09:00:00.000Z',
        note: 'Rang to explain',
      });
      expect(early.statusCode).toBe(409);
      await setStage(a.id, 'not_progressing');
      const future = await post(team.manager, `/api/v1/applications/${a.id}/told`, {
        via: 'call',
        at: '2026-11-25T11:00:00.000Z',
        note: 'Rang to explain',
      });
      expect(future.statusCode).toBe(400);
      const noNote = await post(team.manager, `/api/v1/applications/${a.id}/told`, {
        via: 'call',
        at: '2026-11-25T09:00:00.000Z',
      });
      expect(noNote.statusCode).toBe(400);
      const told = await post(team.manager, `/api/v1/applications/${a.id}/told`, {
        via: 'call',
        at: '2026-11-25T09:00:00.000Z',
        note: 'Rang to explain and talked through the feedback',
      });
      expect(told.statusCode, told.body).toBe(200);
      expect(told.json()).toMatchObject({ stage: 'closed', toldAt: '2026-11-25T09:00:00.000Z' });
      expect(await row(a.id)).toMatchObject({
        told_via: 'call',
        told_note: 'Rang to explain and talked through the feedback',
      });
      const audit = await get()
        .ctx.kysely.selectFrom('audit_event')
        .select(['action', 'actor_id'])
        .where('subject_id', '=', a.id)
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'application.told', actor_id: team.manager.userId },
        { action: 'application.closed', actor_id: team.manager.userId },
      ]);
    });

    it('close the rest: five drafts reviewed, approved and sent; every candidate gets their email', async () => {
      clock = new Date(WEDNESDAY_10AM);
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const names = ['Ava Bright', 'Ben Cable', 'Cara Desk', 'Dev Fader', 'Eve Gobo'];
      const five = [];
      for (const name of names) five.push(await assessed(role.id, name));
      const unscored = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Zed Unscored',
      });
      const url = `/api/v1/roles/${role.id}/close-the-rest`;

      const composed = await post(team.manager, url);
      expect(composed.statusCode, composed.body).toBe(200);
      const queue = composed.json().queue;
      expect(queue).toHaveLength(6);
      for (const item of queue.slice(0, 5)) {
        expect(item).toMatchObject({ feedbackStatus: 'draft', check: { pass: true } });
        expect(item.problem).toBeUndefined();
      }
      expect(queue[5]).toMatchObject({
        applicationId: unscored.id,
        candidate: { name: 'Zed Unscored' },
        stage: 'interviewing',
        kind: 'screening',
        check: { pass: true },
        ready: true,
        receives: { template: 'not_progressing_screening' },
      });
      expect(queue[5].problem).toBeUndefined();
      expect((await getAs(team.manager, url)).json()).toEqual(composed.json());

      const refused = await post(team.manager, `${url}/send`, {});
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('Ava Bright (feedback draft)');
      expect(refused.json().error.message).not.toContain('Zed Unscored');
      expect(await messagesOf(five[0]!.id)).toEqual([]);

      for (const a of five.slice(0, 4)) {
        const approved = await post(team.manager, `/api/v1/applications/${a.id}/feedback/approve`);
        expect(approved.statusCode, approved.body).toBe(200);
      }
      const stillRefused = await post(team.manager, `${url}/send`);
      expect(stillRefused.statusCode).toBe(409);
      expect(stillRefused.json().error.message).toContain('Eve Gobo');
      expect(stillRefused.json().error.message).not.toContain('Ava Bright');

      const sent = await post(team.manager, `${url}/send`, { onlyApproved: true });
      expect(sent.statusCode, sent.body).toBe(200);
      // Inside the window (Wednesday 10:00 in London): each queued email leaves straight away.
      const queuedNow = { sendAfter: WEDNESDAY_10AM, sendAfterText: 'straight away' };
      expect(sent.json().results).toEqual([
        ...five.slice(0, 4).map((a) => ({ applicationId: a.id, status: 'queued', ...queuedNow })),
        { applicationId: five[4]!.id, status: 'skipped', reason: 'feedback not approved' },
        { applicationId: unscored.id, status: 'queued', ...queuedNow },
      ]);
      expect(
        (await getAs(team.manager, url)).json().queue.map((q: { applicationId: string }) => q.applicationId),
      ).toEqual([five[4]!.id]);
      const last = await post(team.manager, `${url}/approve`, { applicationIds: [five[4]!.id] });
      expect(last.statusCode, last.body).toBe(200);
      expect(last.json().results).toEqual([{ applicationId: five[4]!.id, status: 'approved' }]);
      expect((await post(team.manager, `${url}/send`)).json().results).toEqual([
        { applicationId: five[4]!.id, status: 'queued', ...queuedNow },
      ]);
      expect((await messagesOf(unscored.id)).map((m) => m.template_key)).toEqual([
        'not_progressing_screening',
      ]);

      const before = smtp.received.length;
      const cycle = await deliver();
      expect(cycle.sent).toBe(6);
      await smtp.waitFor(before + 6);
      const emails = await Promise.all(
        smtp.received.slice(before).map(async (m) => (await smtp.parse(m)).text ?? ''),
      );
      expect(emails.filter((text) => text.includes('What went well'))).toHaveLength(5);
      for (const a of [...five, unscored]) {
        expect(await row(a.id)).toMatchObject({
          stage: 'closed',
          told_via: 'email',
          outcome: 'not_progressing',
        });
      }
    });

    it('close the rest at every stage: selection, offers-out guard, edit in place, approve many, send', async () => {
      clock = new Date(WEDNESDAY_10AM);
      const { ctx } = get();
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const scored = await assessed(role.id, 'Ava Scored');
      const applied = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Ben Applied',
      });
      const unscored = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Cara Unscored',
      });
      await insertAssessmentInterview(ctx, {
        organisationId: team.organisationId,
        applicationId: unscored.id,
        interviewerIds: [team.interviewer.userId],
      });
      await setStage(unscored.id, 'interviewing');
      const offered = await assessed(role.id, 'Dev Offered');
      await setStage(offered.id, 'offer');
      const url = `/api/v1/roles/${role.id}/close-the-rest`;

      const guarded = await post(team.manager, url, {});
      expect(guarded.statusCode).toBe(409);
      expect(guarded.json().error.message).toContain('an offer out and nobody hired');
      expect((await getAs(team.manager, url)).json().queue).toEqual([]);

      const foreign = await post(team.manager, url, {
        applicationIds: [offered.id],
        confirmOffersOut: true,
      });
      expect(foreign.statusCode).toBe(400);

      const composed = await post(team.manager, url, {
        applicationIds: [applied.id, unscored.id, scored.id],
        confirmOffersOut: true,
      });
      expect(composed.statusCode, composed.body).toBe(200);
      const byName = (queue: { candidate: { name: string } }[], name: string) =>
        queue.find((q) => q.candidate.name === name) as Record<string, unknown>;
      const queue = composed.json().queue;
      expect(queue).toHaveLength(3);
      expect(byName(queue, 'Ava Scored')).toMatchObject({
        kind: 'feedback',
        feedbackStatus: 'draft',
        ready: false,
      });
      expect(byName(queue, 'Ben Applied')).toMatchObject({ kind: 'screening', ready: true });
      expect(byName(queue, 'Cara Unscored')).toMatchObject({ kind: 'without_scorecards', ready: false });
      expect(byName(queue, 'Cara Unscored').problem).toContain('chase the scorecards');

      const notYet = await post(team.manager, `${url}/approve`, { applicationIds: [unscored.id] });
      expect(notYet.json().results[0]).toMatchObject({ status: 'refused' });

      const criterionKey = (await getAs(team.manager, `/api/v1/roles/${role.id}/screening-reasons`)).json()
        .reasons[0].criterionKey;
      const leaky = await app.inject({
        method: 'PATCH',
        url: `${url}/${applied.id}`,
        headers: as(team.manager),
        payload: {
          screening: { reasons: [{ criterionKey }], note: 'Honestly you are too old for a crew like ours.' },
        },
      });
      expect(leaky.statusCode, leaky.body).toBe(200);
      expect(leaky.json()).toMatchObject({ ready: false, check: { pass: false } });
      expect(leaky.json().findings.map((f: { kind: string }) => f.kind)).toContain(
        'protected-characteristic',
      );

      const fixed = await app.inject({
        method: 'PATCH',
        url: `${url}/${applied.id}`,
        headers: as(team.manager),
        payload: {
          screening: { reasons: [{ criterionKey }], note: 'Thank you for your interest in the crew.' },
        },
      });
      expect(fixed.json()).toMatchObject({ ready: true, check: { pass: true } });
      expect(fixed.json().receives.text).toContain('Thank you for your interest in the crew.');

      const noted = await app.inject({
        method: 'PATCH',
        url: `${url}/${unscored.id}`,
        headers: as(team.manager),
        payload: {
          screening: { reasons: [{ criterionKey }] },
          withoutScorecardsNote: 'The interviewer has left the company; the panel agreed in person.',
        },
      });
      expect(noted.statusCode, noted.body).toBe(200);
      expect(noted.json()).toMatchObject({ ready: false });

      const approved = await post(team.manager, `${url}/approve`, {
        applicationIds: [scored.id, unscored.id],
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().results).toEqual([
        { applicationId: scored.id, status: 'approved' },
        { applicationId: unscored.id, status: 'approved' },
      ]);
      expect(approved.json().queue.every((q: { ready: boolean }) => q.ready)).toBe(true);

      const sent = await post(team.manager, `${url}/send`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json().results.map((r: { status: string }) => r.status)).toEqual([
        'queued',
        'queued',
        'queued',
      ]);
      expect((await messagesOf(applied.id)).map((m) => m.template_key)).toEqual([
        'not_progressing_screening',
      ]);
      expect((await messagesOf(unscored.id)).map((m) => m.template_key)).toEqual([
        'not_progressing_screening',
      ]);
      expect((await messagesOf(scored.id)).map((m) => m.template_key)).toEqual(['not_progressing']);
      expect((await row(offered.id)).stage).toBe('offer');
      const audit = await ctx.kysely
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', unscored.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'closure.without_scorecards_note',
          'closure.item_approved',
          'decision.without_scorecards',
        ]),
      );
      const report = (await getAs(team.manager, `/api/v1/roles/${role.id}/closure-report`)).json();
      expect(report.rows.filter((r: { outcome: string }) => r.outcome === 'not_progressing')).toHaveLength(3);
    });

    it('closure report: JSON and CSV, working days across a weekend', async () => {
      clock = new Date(WEDNESDAY_10AM);
      const { ctx } = get();
      const role = await insertAssessmentRole(ctx, {
        organisationId: team.organisationId,
        title: 'Sound No. 2',
      });
      const told = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Shah, Priya',
      });
      const waiting = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Tom Reed',
      });
      // The last interview ended on Friday 20 November; told by call on Tuesday 24th: Monday and Tuesday.
      await ctx.kysely
        .updateTable('application')
        .set({ last_interview_ended_at: '2026-11-20T15:00:00.000Z', stage: 'not_progressing' })
        .where('id', '=', told.id)
        .execute();
      const logged = await post(team.manager, `/api/v1/applications/${told.id}/told`, {
        via: 'call',
        at: '2026-11-24T11:00:00.000Z',
        note: 'Talked it through',
      });
      expect(logged.statusCode, logged.body).toBe(200);
      // Priya joined the talent network from her page: the report says so.
      await ctx.kysely
        .insertInto('talent_network_member')
        .values({
          id: 'network-priya',
          organisation_id: team.organisationId,
          candidate_id: told.candidateId,
          consent_version: 'network-consent-2026-11',
          joined_at: '2026-11-24T12:00:00.000Z',
          expires_at: '2027-11-24T12:00:00.000Z',
          left_at: null,
        })
        .execute();

      const url = `/api/v1/roles/${role.id}/closure-report`;
      const json = await getAs(team.manager, url);
      expect(json.statusCode, json.body).toBe(200);
      expect(json.json()).toEqual({
        role: { id: role.id, title: 'Sound No. 2' },
        rows: [
          {
            applicationId: told.id,
            name: 'Shah, Priya',
            outcome: 'not_progressing',
            told: true,
            toldOn: '2026-11-24',
            toldVia: 'call',
            workingDaysToTold: 2,
            feedbackCheckScore: null,
            networkStatus: 'joined',
          },
          {
            applicationId: waiting.id,
            name: 'Tom Reed',
            outcome: 'interviewing',
            told: false,
            toldOn: null,
            toldVia: null,
            workingDaysToTold: null,
            feedbackCheckScore: null,
            networkStatus: 'not asked',
          },
        ],
      });
      const expected =
        'Name,Outcome,Told,When told,How told,Working days to told,Feedback check score,Network status\r\n' +
        '"Shah, Priya",not_progressing,yes,2026-11-24,call,2,,joined\r\n' +
        'Tom Reed,interviewing,no,,,,,not asked\r\n';
      for (const res of [
        await getAs(team.manager, `${url}?format=csv`),
        await getAs(team.manager, url, { accept: 'text/csv' }),
      ]) {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('text/csv');
        expect(res.body).toBe(expected);
      }
    });

    it('timeline: touchpoints in time order, without ratings or private notes', async () => {
      const { ctx } = get();
      clock = new Date('2026-11-23T09:00:00.000Z');
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const a = await assessed(role.id, 'Tia Line');
      await ctx.kysely
        .updateTable('scorecard')
        .set({ private_notes: 'PRIVATE-NOTE-XYZ' })
        .where('application_id', '=', a.id)
        .execute();
      // Applied on the 19th, interview arranged on the 20th (the factory writes both "now").
      await ctx.kysely
        .updateTable('application')
        .set({ created_at: '2026-11-19T09:00:00.000Z' })
        .where('id', '=', a.id)
        .execute();
      await ctx.kysely
        .updateTable('interview')
        .set({ created_at: '2026-11-20T09:00:00.000Z' })
        .where('application_id', '=', a.id)
        .execute();
      clock = new Date('2026-11-24T10:00:00.000Z');
      await approvedFeedback(a.id);
      clock = new Date('2026-11-24T11:00:00.000Z');
      const decided = await post(team.manager, `/api/v1/applications/${a.id}/decision`, {
        outcome: 'not_progressing',
        sendAt: 'now',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      clock = new Date('2026-11-24T11:01:00.000Z');
      await deliver();
      // Then, on their own page, the candidate joined the talent network.
      await ctx.kysely
        .insertInto('talent_network_member')
        .values({
          id: 'network-tia',
          organisation_id: team.organisationId,
          candidate_id: a.candidateId,
          consent_version: 'network-consent-2026-11',
          joined_at: '2026-11-24T12:00:00.000Z',
          expires_at: '2027-11-24T12:00:00.000Z',
          left_at: null,
        })
        .execute();

      const res = await getAs(team.manager, `/api/v1/candidates/${a.candidateId}/timeline`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain('PRIVATE-NOTE');
      expect(res.body).not.toContain('rating');
      const events = res.json().events as {
        at: string;
        kind: string;
        summary: string;
        status: string | null;
      }[];
      expect(events.map((e) => e.kind)).toEqual([
        'application_created',
        'interview_scheduled',
        'interview_held',
        'scorecard_submitted',
        'decision',
        'message',
        'told',
        'stage_changed',
        'portal_action',
      ]);
      expect(events.at(-1)!.summary).toBe('Joined the talent network');
      const ats = events.map((e) => Date.parse(e.at));
      expect([...ats].sort((x, y) => x - y)).toEqual(ats);
      expect(events[3]!.summary).toBe('Scorecard submitted by Closure Interviewer');
      expect(events[5]).toMatchObject({ status: 'sent' });
    });

    it("timeline: a feedback-call request shows the candidate's question and good times", async () => {
      const { ctx } = get();
      clock = new Date('2026-11-23T09:00:00.000Z');
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const a = await assessed(role.id, 'Quin Asker');
      await ctx.kysely
        .insertInto('feedback_call_request')
        .values({
          id: 'call-quin',
          organisation_id: team.organisationId,
          candidate_id: a.candidateId,
          application_id: a.id,
          note: 'Was my rigging answer the problem?',
          preferred_times: 'weekday mornings',
          created_at: '2026-11-23T10:00:00.000Z',
        })
        .execute();
      const res = await getAs(team.manager, `/api/v1/candidates/${a.candidateId}/timeline`);
      expect(res.statusCode, res.body).toBe(200);
      const events = res.json().events as { kind: string; summary: string; applicationId: string | null }[];
      expect(events.filter((e) => e.kind === 'portal_action')).toEqual([
        expect.objectContaining({
          applicationId: a.id,
          summary:
            'Asked for a feedback call: \u201cWas my rigging answer the problem?\u201d (good times: weekday mornings)',
        }),
      ]);
    });

    it('invites the candidate to a feedback call: an email with a calendar invitation, audited', async () => {
      const { ctx } = get();
      clock = new Date(WEDNESDAY_10AM);
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const a = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Cal Invite',
      });
      const url = `/api/v1/applications/${a.id}/feedback-call`;
      const tooLong = await post(team.manager, url, {
        startsAt: '2026-12-03T14:00:00.000Z',
        endsAt: '2026-12-03T17:00:00.000Z',
        location: 'Phone',
      });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.field).toBe('endsAt');
      const invited = await post(team.manager, url, {
        startsAt: '2026-12-03T14:00:00.000Z',
        endsAt: '2026-12-03T14:30:00.000Z',
        location: 'Phone: I will call you',
        message: 'We can go through each part of your feedback.',
      });
      expect(invited.statusCode, invited.body).toBe(201);
      const before = smtp.received.length;
      await deliver();
      await smtp.waitFor(before + 1);
      const mail = await smtp.parse(smtp.received.at(-1)!);
      expect(mail.subject).toBe(
        `Your feedback call about ${role.title}: Thursday 3 December 2026, 14:00–14:30`,
      );
      expect(mail.text).toContain('Phone: I will call you');
      const ics = mail.attachments.find((att) => att.contentType.startsWith('text/calendar'));
      expect(ics?.content.toString()).toContain('METHOD:REQUEST');
      const audit = await ctx.kysely
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', a.id)
        .where('action', '=', 'feedback_call.invited')
        .execute();
      expect(audit).toHaveLength(1);
      const foreign = await post(team.manager, `/api/v1/applications/nope-${a.id}/feedback-call`, {
        startsAt: '2026-12-03T14:00:00.000Z',
        endsAt: '2026-12-03T14:30:00.000Z',
        location: 'Phone',
      });
      expect(foreign.statusCode).toBe(404);
    });

    it('another organisation gets 404; an interviewer gets 403', async () => {
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const a = await insertAssessmentApplication(get().ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
      });
      await setStage(a.id, 'not_progressing');
      const calls: [string, string, object | undefined][] = [
        ['POST', `/api/v1/applications/${a.id}/decision`, { outcome: 'withdrawn', note: 'moved away' }],
        [
          'POST',
          `/api/v1/applications/${a.id}/told`,
          { via: 'call', at: '2026-11-20T09:00:00.000Z', note: 'x' },
        ],
        [
          'POST',
          `/api/v1/applications/${a.id}/feedback-call`,
          { startsAt: '2026-12-03T14:00:00.000Z', endsAt: '2026-12-03T14:30:00.000Z', location: 'Phone' },
        ],
        ['POST', `/api/v1/roles/${role.id}/close-the-rest`, undefined],
        ['GET', `/api/v1/roles/${role.id}/close-the-rest`, undefined],
        ['POST', `/api/v1/roles/${role.id}/close-the-rest/send`, {}],
        ['POST', `/api/v1/roles/${role.id}/close-the-rest/approve`, { applicationIds: [a.id] }],
        [
          'PATCH',
          `/api/v1/roles/${role.id}/close-the-rest/${a.id}`,
          { screening: { reasons: [{ criterionKey: 'x' }] } },
        ],
        ['GET', `/api/v1/roles/${role.id}/closure-report`, undefined],
        ['GET', `/api/v1/candidates/${a.candidateId}/timeline`, undefined],
      ];
      for (const [method, url, payload] of calls) {
        const inject = (member: TestMember) =>
          app.inject({
            method: method as 'GET' | 'POST' | 'PATCH',
            url,
            headers: as(member),
            ...(payload !== undefined && { payload }),
          });
        expect((await inject(other)).statusCode, `${method} ${url}`).toBe(404);
        expect((await inject(team.interviewer)).statusCode, `${method} ${url}`).toBe(403);
      }
      expect((await row(a.id)).stage).toBe('not_progressing');
    });
  },
  { now: () => clock },
);
