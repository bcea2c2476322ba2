import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { approveFeedback, assessedApplication } from '../../../test/support/factories/assessed.ts';
import { insertAssessmentRole } from '../../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import type { TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';

// Wednesday 25 November 2026, 10:00 in London: inside the sending window.
const WEDNESDAY_10AM = '2026-11-25T10:00:00.000Z';
const clock = new Date(WEDNESDAY_10AM);

describeEachDatabase(
  'no untold path: outcomes by PATCH carry their email or are to tell',
  (get) => {
    let app: ApiApp;
    let team: Team;

    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Tell');
    });
    afterAll(async () => app.close());

    const patch = (member: TestMember, id: string, payload: object) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${id}`,
        headers: { cookie: member.cookie },
        payload,
      });
    const toTellIds = async (query = '') => {
      const res = await app.inject({
        url: `/api/v1/applications?toTell=true${query}`,
        headers: { cookie: team.manager.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().data as { id: string }[]).map((a) => a.id);
    };
    const messagesOf = (applicationId: string) =>
      get()
        .ctx.kysely.selectFrom('message')
        .select(['id', 'template_key', 'status'])
        .where('application_id', '=', applicationId)
        .execute();

    it('a stage-only PATCH to not progressing sends nothing, says so and lands in the to-tell queue', async () => {
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const a = await assessedApplication(get().ctx, app, team, role.id, 'Nia Patch');
      const res = await patch(team.manager, a.id, { stage: 'not_progressing' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        stage: 'not_progressing',
        toTell: true,
        messageId: null,
        toldAt: null,
        decidedAt: WEDNESDAY_10AM,
      });
      expect(res.json().toTellReason).toContain('send the decision email or log the call or meeting');
      expect(await messagesOf(a.id)).toEqual([]);
      expect(await toTellIds(`&roleId=${role.id}`)).toEqual([a.id]);

      // Telling from the queue: the decision on an application already at that outcome sends its email.
      const early = await patch(team.manager, a.id, { stage: 'not_progressing', tell: true });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toBe('Approve the feedback first');
      await approveFeedback(app, team, a.id);
      const told = await patch(team.manager, a.id, { stage: 'not_progressing', tell: true });
      expect(told.statusCode, told.body).toBe(200);
      expect(told.json()).toMatchObject({ stage: 'not_progressing', toTell: false });
      const messages = await messagesOf(a.id);
      expect(messages).toEqual([
        { id: told.json().messageId, template_key: 'not_progressing', status: 'held' },
      ]);
      expect(await toTellIds(`&roleId=${role.id}`)).toEqual([]);

      // Once on its way, a second decision refuses rather than sending twice.
      const again = await app.inject({
        method: 'POST',
        url: `/api/v1/applications/${a.id}/decision`,
        headers: { cookie: team.manager.cookie },
        payload: { outcome: 'not_progressing' },
      });
      expect(again.statusCode).toBe(409);
      expect(await messagesOf(a.id)).toHaveLength(1);

      // A cancelled email tells nobody: the application is to tell again.
      await get()
        .ctx.kysely.updateTable('message')
        .set({ status: 'cancelled' })
        .where('application_id', '=', a.id)
        .execute();
      expect(await toTellIds(`&roleId=${role.id}`)).toEqual([a.id]);
    });

    it('PATCH with tell moves and tells in one step, as the decision does', async () => {
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const a = await assessedApplication(get().ctx, app, team, role.id, 'Omar Offer');
      const offered = await patch(team.manager, a.id, {
        stage: 'offer',
        tell: true,
        message: 'Start in May.',
      });
      expect(offered.statusCode, offered.body).toBe(200);
      expect(offered.json()).toMatchObject({ stage: 'offer', toTell: false });
      expect(await messagesOf(a.id)).toEqual([expect.objectContaining({ template_key: 'offer' })]);

      const b = await assessedApplication(get().ctx, app, team, role.id, 'Wren Withdrew');
      const noNote = await patch(team.manager, b.id, { stage: 'withdrawn', tell: true });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().error.field).toBe('note');
      const withdrew = await patch(team.manager, b.id, {
        stage: 'withdrawn',
        tell: true,
        note: 'Phoned to say they took a touring job',
      });
      expect(withdrew.statusCode, withdrew.body).toBe(200);
      expect(withdrew.json()).toMatchObject({ stage: 'closed', toTell: false, messageId: null });

      const c = await assessedApplication(get().ctx, app, team, role.id, 'Ivo Interview');
      const notOutcome = await patch(team.manager, c.id, { stage: 'interviewing', tell: true });
      expect(notOutcome.statusCode).toBe(400);
      expect(notOutcome.json().error.field).toBe('tell');

      // Stage-only withdrawn and offer are to tell too; a logged call takes the withdrawn one out.
      const d = await assessedApplication(get().ctx, app, team, role.id, 'Dee Drop');
      expect((await patch(team.manager, d.id, { stage: 'withdrawn' })).json().toTell).toBe(true);
      const e = await assessedApplication(get().ctx, app, team, role.id, 'Eli Offer');
      expect((await patch(team.manager, e.id, { stage: 'offer' })).json().toTell).toBe(true);
      expect((await toTellIds(`&roleId=${role.id}`)).sort()).toEqual([d.id, e.id].sort());
      const logged = await app.inject({
        method: 'POST',
        url: `/api/v1/applications/${d.id}/told`,
        headers: { cookie: team.manager.cookie },
        payload: { via: 'call', at: WEDNESDAY_10AM, note: 'Called to wish them well' },
      });
      expect(logged.statusCode, logged.body).toBe(200);
      expect(logged.json()).toMatchObject({ stage: 'closed', toTell: false });
      expect(await toTellIds(`&roleId=${role.id}`)).toEqual([e.id]);
      const others = await app.inject({
        url: `/api/v1/applications?toTell=false&roleId=${role.id}`,
        headers: { cookie: team.manager.cookie },
      });
      expect((others.json().data as { id: string }[]).map((x) => x.id)).not.toContain(e.id);
    });
  },
  { now: () => clock },
);
