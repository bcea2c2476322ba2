// The decision clock through the real HTTP app on both databases, with an injected clock: deadlines per
// UK nation (expected dates worked out by hand from the GOV.UK bank holidays, explained beside each),
// recomputed when interviews, roles or settings change; holding updates; the queues; settings.
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
import { enqueueTestMessage } from '../../../test/support/factories/messages.ts';
import { makeApiKey, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';

let clock = new Date('2026-12-01T10:00:00Z');
const at = (iso: string) => {
  clock = new Date(iso);
};

describeEachDatabase(
  'decision clock API',
  (get) => {
    let app: ApiApp;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
    });
    afterAll(async () => app.close());

    const as = (member: TestMember) => ({ cookie: member.cookie });

    async function application(team: Team, id: string) {
      const response = await app.inject({ url: `/api/v1/applications/${id}`, headers: as(team.manager) });
      expect(response.statusCode).toBe(200);
      return response.json();
    }
    const dueDates = async (team: Team, ids: string[]) =>
      Promise.all(ids.map(async (id) => (await application(team, id)).decisionDueDate));

    async function patchRole(team: Team, roleId: string, payload: Record<string, unknown>) {
      return app.inject({
        method: 'PATCH',
        url: `/api/v1/roles/${roleId}`,
        headers: as(team.manager),
        payload,
      });
    }

    async function patchSettings(member: TestMember, payload: Record<string, unknown>) {
      return app.inject({
        method: 'PATCH',
        url: '/api/v1/settings/decision-clock',
        headers: as(member),
        payload,
      });
    }

    async function threeNations(team: Team) {
      const apps = [];
      for (const region of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
        apps.push(await makeClockApplication(get().ctx, team, { region }));
      }
      return apps;
    }

    it('gives each UK nation its own deadline across Christmas and recomputes it as interviews change', async () => {
      at('2026-12-01T10:00:00Z');
      const team = await makeTeam(get().ctx, 'Christmas');
      const [ew, sc, ni] = await threeNations(team);
      const ids = [ew!.applicationId, sc!.applicationId, ni!.applicationId];
      const interviews: string[] = [];
      for (const id of ids) {
        interviews.push(
          await arrangeInterview(app, team, {
            applicationId: id,
            startsAt: '2026-12-17T14:00:00Z',
            endsAt: '2026-12-17T16:00:00Z',
          }),
        );
      }
      // Before the interview has ended there is no deadline to show.
      const before = await application(team, ew!.applicationId);
      expect(before).toMatchObject({
        stage: 'interviewing',
        decisionDueDate: null,
        decisionDueAt: null,
        lastInterviewEndedAt: null,
      });

      at('2026-12-17T16:30:00Z');
      // Thursday 17 December 2026, 16:00 GMT, N = 5 (the organisation's default), the 17th not counted:
      // Fri 18 (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5). Christmas is not reached, so all three
      // nations agree: due Thursday 24 December, at 23:59:59.999 GMT.
      expect(await dueDates(team, ids)).toEqual(['2026-12-24', '2026-12-24', '2026-12-24']);
      expect(await application(team, ew!.applicationId)).toMatchObject({
        decisionDueAt: '2026-12-24T23:59:59.999Z',
        lastInterviewEndedAt: '2026-12-17T16:00:00.000Z',
        holdingUpdates: 0,
        holdingUpdateSuggested: false,
      });

      // The role's own deadline, 10 working days, recomputes its open applications. Counting on from
      // Thu 24 (5): Fri 25 Christmas Day and Mon 28 Boxing Day (substitute day: the 26th is a Saturday)
      // are bank holidays in all three nations; Tue 29 (6), Wed 30 (7), Thu 31 (8); Fri 1 January New
      // Year's Day everywhere. Mon 4 January 2027 is a working day in England and Wales and in Northern
      // Ireland (9), so Tue 5 (10); in Scotland it is the 2nd January substitute day (the 2nd is a
      // Saturday), so Tue 5 (9), Wed 6 (10).
      for (const a of [ew!, sc!, ni!]) {
        expect((await patchRole(team, a.roleId, { decisionWorkingDays: 10 })).statusCode).toBe(200);
      }
      expect(await dueDates(team, ids)).toEqual(['2027-01-05', '2027-01-06', '2027-01-05']);
      const role = await app.inject({ url: `/api/v1/roles/${ew!.roleId}`, headers: as(team.manager) });
      expect(role.json().decisionWorkingDays).toBe(10);

      // Back to the organisation's 5.
      for (const a of [ew!, sc!, ni!]) await patchRole(team, a.roleId, { decisionWorkingDays: null });
      expect(await dueDates(team, ids)).toEqual(['2026-12-24', '2026-12-24', '2026-12-24']);

      // The interview moves to Wednesday 23 December, 16:00 GMT, N = 5: Thu 24 (1); Fri 25, Mon 28 bank
      // holidays; Tue 29 (2), Wed 30 (3), Thu 31 (4); Fri 1 Jan bank holiday; Mon 4 (5) in England and
      // Wales and Northern Ireland; Scotland skips Mon 4 (2nd January substitute): Tue 5 (5).
      at('2026-12-23T17:00:00Z');
      for (const id of interviews) {
        const moved = await app.inject({
          method: 'PATCH',
          url: `/api/v1/interviews/${id}`,
          headers: as(team.manager),
          payload: { startsAt: '2026-12-23T14:00:00Z', endsAt: '2026-12-23T16:00:00Z' },
        });
        expect(moved.statusCode).toBe(200);
      }
      expect(await dueDates(team, ids)).toEqual(['2027-01-04', '2027-01-05', '2027-01-04']);

      // An earlier interview does not move the clock; deleting the last one does. From Friday 18
      // December, 16:00: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), then Christmas and Boxing Day
      // (substitute) off everywhere: Tue 29 (5).
      const earlier = await arrangeInterview(app, team, {
        applicationId: ew!.applicationId,
        startsAt: '2026-12-18T14:00:00Z',
        endsAt: '2026-12-18T16:00:00Z',
      });
      expect((await application(team, ew!.applicationId)).decisionDueDate).toBe('2027-01-04');
      const deleted = await app.inject({
        method: 'DELETE',
        url: `/api/v1/interviews/${interviews[0]}`,
        headers: as(team.manager),
      });
      expect(deleted.statusCode).toBe(204);
      expect(await application(team, ew!.applicationId)).toMatchObject({
        decisionDueDate: '2026-12-29',
        lastInterviewEndedAt: '2026-12-18T16:00:00.000Z',
      });
      await app.inject({ method: 'DELETE', url: `/api/v1/interviews/${earlier}`, headers: as(team.manager) });
      expect(await application(team, ew!.applicationId)).toMatchObject({
        decisionDueDate: null,
        decisionDueAt: null,
        lastInterviewEndedAt: null,
      });
    });

    it("puts Scotland's deadline after St Andrew's Day", async () => {
      at('2026-11-26T17:00:00Z');
      const team = await makeTeam(get().ctx, 'St Andrew');
      const apps = await threeNations(team);
      for (const a of apps) {
        await arrangeInterview(app, team, {
          applicationId: a.applicationId,
          startsAt: '2026-11-26T14:00:00Z',
          endsAt: '2026-11-26T16:00:00Z',
        });
      }
      // Thursday 26 November 2026, 16:00 GMT, N = 5: Fri 27 (1); Monday 30 November is St Andrew's Day,
      // a bank holiday in Scotland only (on a Monday, so no substitute). England and Wales and Northern
      // Ireland: Mon 30 (2), Tue 1 (3), Wed 2 (4), Thu 3 December (5). Scotland: Tue 1 (2), Wed 2 (3),
      // Thu 3 (4), Fri 4 December (5).
      expect(
        await dueDates(
          team,
          apps.map((a) => a.applicationId),
        ),
      ).toEqual(['2026-12-03', '2026-12-04', '2026-12-03']);
      expect((await application(team, apps[1]!.applicationId)).decisionDueAt).toBe(
        '2026-12-04T23:59:59.999Z',
      );

      // A venue that turns out to be in Scotland takes Scotland's calendar, and its deadlines move.
      const moved = await app.inject({
        method: 'PATCH',
        url: `/api/v1/venues/${apps[0]!.venueId}`,
        headers: as(team.admin),
        payload: { region: 'scotland' },
      });
      expect(moved.statusCode).toBe(200);
      expect((await application(team, apps[0]!.applicationId)).decisionDueDate).toBe('2026-12-04');
    });

    it("puts Northern Ireland's deadline after the Battle of the Boyne, in summer time, and follows the organisation's settings", async () => {
      at('2027-07-09T12:00:00Z');
      const team = await makeTeam(get().ctx, 'Boyne');
      const apps = await threeNations(team);
      const ids = apps.map((a) => a.applicationId);
      for (const id of ids) {
        await arrangeInterview(app, team, {
          applicationId: id,
          startsAt: '2027-07-08T12:00:00Z',
          endsAt: '2027-07-08T14:00:00Z',
        });
      }
      // Thursday 8 July 2027, 15:00 BST, N = 5: Fri 9 (1); Monday 12 July 2027 is the Battle of the Boyne
      // (Orangemen's Day), a bank holiday in Northern Ireland only. England and Wales, Scotland: Mon 12 (2),
      // Tue 13 (3), Wed 14 (4), Thu 15 (5). Northern Ireland: Tue 13 (2), Wed 14 (3), Thu 15 (4), Fri 16 (5).
      // Due at 23:59:59.999 BST, which is 22:59:59.999 UTC.
      expect(await dueDates(team, ids)).toEqual(['2027-07-15', '2027-07-15', '2027-07-16']);
      expect((await application(team, ids[2]!)).decisionDueAt).toBe('2027-07-16T22:59:59.999Z');

      // The organisation's deadline, 3 working days: England and Wales Fri 9, Mon 12, Tue 13;
      // Northern Ireland Fri 9, Tue 13, Wed 14.
      const three = await patchSettings(team.admin, { workingDays: 3 });
      expect(three.statusCode).toBe(200);
      expect(await dueDates(team, ids)).toEqual(['2027-07-13', '2027-07-13', '2027-07-14']);

      // A closure on Tuesday 13 July (the whole organisation): England and Wales and Scotland Fri 9,
      // Mon 12, Wed 14; Northern Ireland Fri 9, Wed 14, Thu 15.
      const closed = await patchSettings(team.admin, {
        closures: [{ date: '2027-07-13', label: 'Summer shutdown' }],
      });
      expect(closed.json()).toMatchObject({
        workingDays: 3,
        closures: [{ date: '2027-07-13', label: 'Summer shutdown' }],
        automaticHoldingUpdates: false,
      });
      expect(await dueDates(team, ids)).toEqual(['2027-07-14', '2027-07-14', '2027-07-15']);

      // A role's own deadline wins over the organisation's: 5 again for Northern Ireland's role, with
      // the closure: Fri 9, Wed 14, Thu 15, Fri 16, Mon 19.
      await patchRole(team, apps[2]!.roleId, { decisionWorkingDays: 5 });
      expect(await dueDates(team, ids)).toEqual(['2027-07-14', '2027-07-14', '2027-07-19']);

      const audit = await get()
        .ctx.kysely.selectFrom('audit_event')
        .select(['action', 'detail'])
        .where('organisation_id', '=', team.organisationId)
        .where('action', 'in', ['settings.decision_clock_changed', 'role.decision_working_days_changed'])
        .orderBy('id')
        .execute();
      expect(audit.map((a) => [a.action, JSON.parse(a.detail!).deadlinesMoved ?? null])).toEqual([
        ['settings.decision_clock_changed', 3],
        ['settings.decision_clock_changed', 3],
        ['role.decision_working_days_changed', null],
      ]);
    });

    it('keeps decision settings to admins and names the field that is wrong', async () => {
      const team = await makeTeam(get().ctx, 'Settings');
      const read = await app.inject({ url: '/api/v1/settings/decision-clock', headers: as(team.admin) });
      expect(read.json()).toEqual({
        workingDays: 5,
        closures: [],
        automaticHoldingUpdates: false,
        updatedAt: null,
      });
      for (const member of [team.manager, team.interviewer]) {
        expect(
          (await app.inject({ url: '/api/v1/settings/decision-clock', headers: as(member) })).statusCode,
        ).toBe(403);
        expect((await patchSettings(member, { workingDays: 4 })).statusCode).toBe(403);
      }
      const cases: [Record<string, unknown>, string][] = [
        [{ workingDays: 0 }, 'workingDays'],
        [{ workingDays: 31 }, 'workingDays'],
        [{ workingDays: 2.5 }, 'workingDays'],
        [{ closures: [{ date: '2026-02-30' }] }, 'closures.0.date'],
        [{ closures: [{ date: '2026-12-24' }, { date: '2026-12-24' }] }, 'closures'],
      ];
      for (const [payload, field] of cases) {
        const response = await patchSettings(team.admin, payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json().error.field).toBe(field);
      }
      at('2026-12-01T10:00:00Z');
      const saved = await patchSettings(team.admin, {
        workingDays: 7,
        automaticHoldingUpdates: true,
        closures: [
          { date: '2026-12-31', label: null },
          { date: '2026-12-24', label: 'Christmas shutdown' },
        ],
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toEqual({
        workingDays: 7,
        automaticHoldingUpdates: true,
        closures: [
          { date: '2026-12-24', label: 'Christmas shutdown' },
          { date: '2026-12-31', label: null },
        ],
        updatedAt: '2026-12-01T10:00:00.000Z',
      });
      // A partial change keeps the rest.
      const partial = await patchSettings(team.admin, { workingDays: 6 });
      expect(partial.json()).toMatchObject({ workingDays: 6, automaticHoldingUpdates: true });
      expect(partial.json().closures).toHaveLength(2);

      const role = await makeClockApplication(get().ctx, team);
      const bad = await patchRole(team, role.roleId, { decisionWorkingDays: 0 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('decisionWorkingDays');
    });

    it("holds candidate emails over the organisation's closure days", async () => {
      at('2026-12-01T10:00:00Z');
      const team = await makeTeam(get().ctx, 'Closures');
      const scene = await makeClockApplication(get().ctx, team);
      const send = async () => {
        const result = await enqueueTestMessage(get().ctx, {
          organisationId: team.organisationId,
          template: 'holding_update',
          applicationId: scene.applicationId,
        });
        return get()
          .ctx.kysely.selectFrom('message')
          .select(['send_after', 'send_window'])
          .where('id', '=', result.id)
          .executeTakeFirstOrThrow();
      };
      // Wednesday 23 December 2026, 18:00: after the window. Without closures, Thursday 24 at 09:00.
      at('2026-12-23T18:00:00Z');
      expect((await send()).send_after).toBe('2026-12-24T09:00:00.000Z');
      // Closed on the 24th and the 29th: Christmas Day and Boxing Day (substitute, Mon 28) are bank
      // holidays, so the next working morning is Wednesday 30 December.
      await patchSettings(team.admin, {
        closures: [
          { date: '2026-12-24', label: 'Christmas shutdown' },
          { date: '2026-12-29', label: 'Christmas shutdown' },
        ],
      });
      const held = await send();
      expect(held.send_after).toBe('2026-12-30T09:00:00.000Z');
      // The worker re-checks the window with the same closures.
      expect(JSON.parse(held.send_window!)).toEqual({
        nation: 'england-and-wales',
        timezone: 'Europe/London',
        closures: ['2026-12-24', '2026-12-29'],
      });
    });

    it('sends a holding update that moves the deadline, records the slip, and escalates a second slip', async () => {
      at('2026-12-03T15:00:00Z');
      const team = await makeTeam(get().ctx, 'Holding');
      const scene = await makeClockApplication(get().ctx, team, { candidateName: 'Ola Fader' });
      const id = scene.applicationId;
      await arrangeInterview(app, team, {
        applicationId: id,
        startsAt: '2026-12-03T14:00:00Z',
        endsAt: '2026-12-03T16:00:00Z',
      });
      const hold = (payload: Record<string, unknown>, member: TestMember = team.manager) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/applications/${id}/holding-update`,
          headers: as(member),
          payload,
        });

      // The clock has not started while the interview is still going on.
      const early = await hold({ newDate: '2026-12-15' });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toMatch(/last interview has ended/);

      // Thursday 3 December 16:00, N = 5: due Thursday 10 December (Fri 4, Mon 7, Tue 8, Wed 9, Thu 10).
      at('2026-12-08T10:00:00Z');
      expect(await application(team, id)).toMatchObject({
        decisionDueDate: '2026-12-10',
        holdingUpdateSuggested: false,
      });
      await patchSettings(team.admin, { closures: [{ date: '2026-12-16', label: 'Panto get-in' }] });
      const refused: [string, RegExp][] = [
        ['2026-12-12', /Saturday 12 December 2026 is a weekend day/],
        ['2026-12-25', /Friday 25 December 2026 is a bank holiday in England and Wales \(Christmas Day\)/],
        ['2026-12-07', /Monday 7 December 2026 is not after today \(Tuesday 8 December 2026\)/],
        ['2026-12-08', /not after today/],
        ['2026-12-09', /not after the current deadline \(Thursday 10 December 2026\)/],
        ['2026-12-16', /closure day of your organisation \(Panto get-in\)/],
        ['15/12/2026', /YYYY-MM-DD/],
      ];
      for (const [newDate, message] of refused) {
        const response = await hold({ newDate });
        expect(response.statusCode, newDate).toBe(400);
        expect(response.json().error.field).toBe('newDate');
        expect(response.json().error.message).toMatch(message);
      }
      expect((await hold({})).json().error.field).toBe('newDate');
      // Nothing was written by the refusals.
      expect(await application(team, id)).toMatchObject({ decisionDueDate: '2026-12-10', holdingUpdates: 0 });

      // From Wednesday 9 December 09:00 (the working day before the deadline) a holding update is offered.
      at('2026-12-09T09:00:00Z');
      expect((await application(team, id)).holdingUpdateSuggested).toBe(true);
      const first = await hold({
        newDate: '2026-12-15',
        message: 'two of the panel are at a trade show until Monday.',
      });
      expect(first.statusCode).toBe(201);
      expect(first.json().holdingUpdate).toMatchObject({
        applicationId: id,
        number: 1,
        fromDueDate: '2026-12-10',
        toDueDate: '2026-12-15',
        automatic: false,
        reason: 'two of the panel are at a trade show until Monday.',
      });
      expect(first.json().application).toMatchObject({
        decisionDueDate: '2026-12-15',
        decisionDueAt: '2026-12-15T23:59:59.999Z',
        holdingUpdates: 1,
        // The new deadline is more than a working day away again.
        holdingUpdateSuggested: false,
      });
      const email = await get()
        .ctx.kysely.selectFrom('message')
        .select([
          'id',
          'template_key',
          'recipient_kind',
          'to_email',
          'reply_to_email',
          'text',
          'idempotency_key',
        ])
        .where('application_id', '=', id)
        .where('template_key', '=', 'holding_update')
        .execute();
      expect(email).toHaveLength(1);
      expect(email[0]).toMatchObject({
        id: first.json().holdingUpdate.messageId,
        recipient_kind: 'candidate',
        to_email: scene.candidateEmail,
        reply_to_email: team.manager.email,
        idempotency_key: `holding-update:${id}:1`,
      });
      expect(email[0]!.text).toContain('Tuesday 15 December 2026');
      expect(email[0]!.text).toContain('two of the panel are at a trade show until Monday.');

      // The same date again is no longer after the deadline; a later one is the second slip.
      expect((await hold({ newDate: '2026-12-15' })).json().error.message).toMatch(/current deadline/);
      const escalationsBefore = await escalations(id);
      expect(escalationsBefore).toEqual([]);
      const second = await hold({ newDate: '2026-12-17' });
      expect(second.statusCode).toBe(201);
      expect(second.json().holdingUpdate).toMatchObject({ number: 2, fromDueDate: '2026-12-15' });
      expect(second.json().holdingUpdate.reason).toBeNull();
      expect(second.json().application).toMatchObject({ decisionDueDate: '2026-12-17', holdingUpdates: 2 });
      // The second slip escalates to the organisation's admin: one email and one notification.
      expect(await escalations(id)).toEqual([
        { idempotency_key: `slip-escalation:${id}:2:${team.admin.userId}`, to_email: team.admin.email },
      ]);
      const noticed = await app.inject({ url: '/api/v1/notifications', headers: as(team.admin) });
      expect(noticed.json().data).toEqual([
        expect.objectContaining({
          kind: 'escalation',
          linkPath: `/applications/${id}`,
          title: 'Decision slipped 2 times: Ola Fader',
          read: false,
        }),
      ]);

      const history = await app.inject({
        url: `/api/v1/applications/${id}/holding-updates`,
        headers: as(team.interviewer),
      });
      expect(
        history.json().data.map((h: { number: number; toDueDate: string }) => [h.number, h.toDueDate]),
      ).toEqual([
        [1, '2026-12-15'],
        [2, '2026-12-17'],
      ]);
      const audit = await get()
        .ctx.kysely.selectFrom('audit_event')
        .select(['action', 'actor_id'])
        .where('subject_id', '=', id)
        .where('action', '=', 'application.holding_update_sent')
        .execute();
      expect(audit).toEqual([
        { action: 'application.holding_update_sent', actor_id: team.manager.userId },
        { action: 'application.holding_update_sent', actor_id: team.manager.userId },
      ]);

      // Another organisation's application is not found, never touched.
      const stranger = await makeTeam(get().ctx, 'Stranger');
      const foreign = await hold({ newDate: '2026-12-18' }, stranger.manager);
      expect(foreign.statusCode).toBe(404);
      const foreignHistory = await app.inject({
        url: `/api/v1/applications/${id}/holding-updates`,
        headers: as(stranger.manager),
      });
      expect(foreignHistory.statusCode).toBe(404);
      expect((await application(team, id)).decisionDueDate).toBe('2026-12-17');

      // Interviewers cannot send one.
      expect((await hold({ newDate: '2026-12-18' }, team.interviewer)).statusCode).toBe(403);

      // Once decided, there is nothing to hold: the decision time is recorded.
      const decided = await app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${id}`,
        headers: as(team.manager),
        payload: { stage: 'not_progressing' },
      });
      expect(decided.json()).toMatchObject({
        stage: 'not_progressing',
        decidedAt: '2026-12-09T09:00:00.000Z',
        toldAt: null,
        holdingUpdateSuggested: false,
      });
      expect((await hold({ newDate: '2026-12-18' })).statusCode).toBe(409);
    });

    async function escalations(applicationId: string) {
      return get()
        .ctx.kysely.selectFrom('message')
        .select(['idempotency_key', 'to_email'])
        .where('application_id', '=', applicationId)
        .where('template_key', '=', 'escalation')
        .orderBy('idempotency_key')
        .execute();
    }

    it('lists the needs-decision and overdue queues by deadline, for the organisation and per manager', async () => {
      at('2026-12-01T10:00:00Z');
      const team = await makeTeam(get().ctx, 'Queues');
      const ctx = get().ctx;
      const interviewer = team.interviewer.userId;
      async function scene(
        name: string,
        interview: { start: string; end: string },
        options: { scorecard?: boolean; managerId?: string; stage?: 'awaiting_decision' | 'interviewing' },
      ) {
        const a = await makeClockApplication(ctx, team, {
          candidateName: name,
          stage: options.stage ?? 'awaiting_decision',
          ...(options.managerId && { hiringManagerId: options.managerId }),
        });
        const interviewId = await arrangeInterview(app, team, {
          applicationId: a.applicationId,
          startsAt: interview.start,
          endsAt: interview.end,
        });
        if (options.scorecard) {
          await insertSubmittedScorecard(ctx, {
            organisationId: team.organisationId,
            interviewId,
            applicationId: a.applicationId,
            interviewerId: interviewer,
          });
        }
        return a.applicationId;
      }
      const day = (d: string) => ({ start: `${d}T14:00:00Z`, end: `${d}T16:00:00Z` });
      // Due dates (N = 5, England and Wales, no bank holidays in early December 2026):
      // ended Wed 2 Dec → Wed 9; Thu 3 → Thu 10; Fri 4 → Fri 11; Mon 7 → Mon 14; Tue 8 → Tue 15.
      const f = await scene('Fay', day('2026-12-02'), { scorecard: true, managerId: team.admin.userId });
      const a = await scene('Abe', day('2026-12-03'), { scorecard: true });
      const b = await scene('Bea', day('2026-12-07'), { scorecard: false });
      const c = await scene('Cal', day('2026-12-08'), { scorecard: true });
      const d = await scene('Dee', day('2026-12-04'), { scorecard: true, stage: 'interviewing' });
      const e = await scene('Eve', day('2026-12-01'), { scorecard: true });
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${e}`,
        headers: as(team.manager),
        payload: { stage: 'not_progressing' },
      });
      // An interview still to come keeps Gus out of "needs decision" although his first scorecard is in.
      const g = await scene('Gus', day('2026-12-02'), { scorecard: true });
      await arrangeInterview(app, team, {
        applicationId: g,
        ...{ startsAt: '2026-12-16T14:00:00Z', endsAt: '2026-12-16T16:00:00Z' },
      });

      at('2026-12-14T12:00:00Z');
      const list = async (query: string, member: TestMember = team.manager) => {
        const response = await app.inject({ url: `/api/v1/applications?${query}`, headers: as(member) });
        expect(response.statusCode, response.body).toBe(200);
        return response.json();
      };
      const ids = (page: { data: { id: string }[] }) => page.data.map((r) => r.id);
      // Needs decision (ready to decide): past the last interview, undecided, every scorecard in; by
      // deadline (Fay 9, Abe 10, Dee 11, Cal 15). Dee is overdue and still at interviewing: she shows
      // here and in overdue. Bea has a scorecard missing, Gus an interview to come, Eve is decided.
      expect(ids(await list('view=needs-decision'))).toEqual([f, a, d, c]);
      expect(ids(await list('view=needs-decision&hiringManagerId=me'))).toEqual([a, d, c]);
      // Waiting on scorecards: Bea, with who owes it and since when.
      const waiting = await list('view=waiting-on-scorecards');
      expect(ids(waiting)).toEqual([b]);
      expect(waiting.data[0].scorecardsOwed).toEqual([
        {
          interviewId: expect.any(String),
          interviewerId: interviewer,
          interviewerName: 'Queues Interviewer',
          since: '2026-12-07T16:00:00.000Z',
          started: false,
        },
      ]);
      expect(ids(await list(`view=needs-decision&hiringManagerId=${team.admin.userId}`))).toEqual([f]);
      // Overdue at Monday 14 December noon: due before now and undecided (Fay 9, Abe 10, Dee 11); Bea is
      // due at the end of today; Eve is decided.
      expect(ids(await list('view=overdue'))).toEqual([f, a, d]);
      expect(ids(await list('view=overdue&hiringManagerId=me'))).toEqual([a, d]);
      // Paged by (deadline, id).
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(
          `view=overdue&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([f, a, d]);
      // The plain list is unchanged (newest first) and shows each deadline.
      const all = await list('limit=100');
      expect(all.data.find((r: { id: string }) => r.id === b)).toMatchObject({
        decisionDueDate: '2026-12-14',
        stage: 'awaiting_decision',
      });

      const badCursor = await app.inject({
        url: '/api/v1/applications?view=overdue&cursor=abc',
        headers: as(team.manager),
      });
      expect(badCursor.statusCode).toBe(400);
      expect(badCursor.json().error.field).toBe('cursor');
      const badView = await app.inject({ url: '/api/v1/applications?view=late', headers: as(team.manager) });
      expect(badView.json().error.field).toBe('view');
      const key = await makeApiKey(ctx, { organisationId: team.organisationId });
      const me = await app.inject({ url: '/api/v1/applications?hiringManagerId=me', headers: key.headers });
      expect(me.statusCode).toBe(400);
      expect(me.json().error.field).toBe('hiringManagerId');

      // Another organisation sees none of them.
      const stranger = await makeTeam(ctx, 'Other queues');
      expect(ids(await list('view=overdue', stranger.manager))).toEqual([]);
    });
  },
  { now: () => clock },
);
