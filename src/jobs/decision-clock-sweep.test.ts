// The decision-clock sweep on both databases with an injected clock: each stage move, reminder,
// escalation, digest, scorecard reminder and automatic holding update happens once, at its moment,
// however often the sweep runs — and on PostgreSQL with two sweepers (two application contexts on the
// same database) running at the same time.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import { insertTestMemberUser, makeInterview } from '../../test/support/factories/applications.ts';
import {
  arrangeInterview,
  makeClockApplication,
  makeTeam,
  type Team,
} from '../../test/support/factories/decision-clock.ts';
import type { TestMember } from '../../test/support/factories/organisations.ts';
import type { AppContext } from '../app-context.ts';
import { createContext } from '../context.ts';
import type { ApiApp } from '../http/types.ts';
import { type DecisionClockSweepResult, runDecisionClockSweep } from './decision-clock-sweep.ts';

let clock = new Date('2026-12-01T10:00:00Z');

const zero: DecisionClockSweepResult = {
  repaired: 0,
  movedToAwaitingDecision: 0,
  decisionReminders: 0,
  escalations: 0,
  automaticHoldingUpdates: 0,
  scorecardReminders: 0,
  managerDigests: 0,
  futureFitReminders: 0,
  networkInvitationReminders: 0,
  reconsentRequests: 0,
  networkExpiries: 0,
  experienceSurveys: 0,
  retentionAnonymised: 0,
  failed: 0,
};

function add(a: DecisionClockSweepResult, b: DecisionClockSweepResult): DecisionClockSweepResult {
  const sum = { ...a };
  for (const k of Object.keys(sum) as (keyof DecisionClockSweepResult)[]) sum[k] += b[k];
  return sum;
}

const errors: unknown[] = [];
const logger = {
  info() {},
  warn() {},
  error(obj: object) {
    errors.push(obj);
  },
};

describeEachDatabase(
  'decision clock sweep',
  (get, dialect) => {
    let app: ApiApp;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
    });
    afterAll(async () => app.close());

    const as = (member: TestMember) => ({ cookie: member.cookie });

    async function sweepAt(iso: string, ctx: AppContext = get().ctx): Promise<DecisionClockSweepResult> {
      clock = new Date(iso);
      const result = await runDecisionClockSweep(ctx, { logger });
      expect(errors).toEqual([]);
      return result;
    }

    async function messages(organisationId: string) {
      return get()
        .ctx.kysely.selectFrom('message')
        .select(['template_key', 'idempotency_key', 'to_email', 'send_after', 'text', 'variables'])
        .where('organisation_id', '=', organisationId)
        .orderBy('id')
        .execute();
    }
    const keysOf = async (organisationId: string, template: string) =>
      (await messages(organisationId))
        .filter((m) => m.template_key === template)
        .map((m) => m.idempotency_key);

    async function notifications(member: TestMember) {
      const response = await app.inject({ url: '/api/v1/notifications?limit=100', headers: as(member) });
      expect(response.statusCode).toBe(200);
      return response.json().data as { kind: string; title: string; body: string; linkPath: string | null }[];
    }

    it('moves, reminds, escalates and digests exactly once, each at its moment', async () => {
      clock = new Date('2026-12-01T10:00:00Z');
      const team = await makeTeam(get().ctx, 'Sweep');
      const { organisationId } = team;
      const secondAdmin = await insertTestMemberUser(get().ctx, {
        organisationId,
        name: 'Second Admin',
        role: 'admin',
      });
      const scene = await makeClockApplication(get().ctx, team, { candidateName: 'Sam Rigby' });
      const id = scene.applicationId;
      const interviewId = await arrangeInterview(app, team, {
        applicationId: id,
        startsAt: '2026-12-03T14:00:00Z',
        endsAt: '2026-12-03T16:00:00Z',
      });
      const stage = async () => {
        const row = await get()
          .ctx.kysely.selectFrom('application')
          .select('stage')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return row.stage;
      };

      // During the interview nothing happens.
      expect(await sweepAt('2026-12-03T15:00:00Z')).toEqual(zero);
      expect(await stage()).toBe('interviewing');

      // The interview has ended: awaiting a decision, once. The clock started after this morning's
      // window opened, so there is no digest today.
      expect(await sweepAt('2026-12-03T16:05:00Z')).toEqual({ ...zero, movedToAwaitingDecision: 1 });
      expect(await sweepAt('2026-12-03T16:06:00Z')).toEqual(zero);
      expect(await stage()).toBe('awaiting_decision');
      const moves = await get()
        .ctx.kysely.selectFrom('audit_event')
        .select(['actor_type', 'detail'])
        .where('subject_id', '=', id)
        .where('action', '=', 'application.stage_changed')
        .orderBy('id')
        .execute();
      expect(moves.map((m) => [m.actor_type, JSON.parse(m.detail!).to])).toEqual([
        ['member', 'interviewing'],
        ['system', 'awaiting_decision'],
      ]);
      // Integrators hear of both, once: the interview ended, and the stage it moved the application to.
      const events = await get()
        .ctx.kysely.selectFrom('webhook_event')
        .select(['type', 'payload'])
        .where('organisation_id', '=', organisationId)
        .where('type', 'in', ['interview.ended', 'application.stage_changed'])
        .orderBy('id')
        .execute();
      expect(events.map((e) => [e.type, JSON.parse(e.payload)]).slice(-2)).toEqual([
        [
          'interview.ended',
          { applicationId: id, lastInterviewEndedAt: expect.stringMatching(/^2026-12-03T16:00/) },
        ],
        ['application.stage_changed', { applicationId: id, from: 'interviewing', to: 'awaiting_decision' }],
      ]);
      expect(events.filter((e) => e.type === 'interview.ended')).toHaveLength(1);

      // Friday 4 December, the next working morning: the interviewer's scorecard reminder and the
      // manager's first digest, at 09:00 and not a minute before.
      expect(await sweepAt('2026-12-04T08:59:00Z')).toEqual(zero);
      expect(await sweepAt('2026-12-04T09:00:00Z')).toEqual({
        ...zero,
        scorecardReminders: 1,
        managerDigests: 1,
      });
      expect(await sweepAt('2026-12-04T09:01:00Z')).toEqual(zero);
      expect(await sweepAt('2026-12-04T15:00:00Z')).toEqual(zero);
      expect(await keysOf(organisationId, 'scorecard_reminder')).toEqual([
        `scorecard-reminder:${interviewId}:${team.interviewer.userId}`,
      ]);
      const [digest] = (await messages(organisationId)).filter((m) => m.template_key === 'manager_digest');
      expect(digest).toMatchObject({
        idempotency_key: `manager-digest:${organisationId}:${team.manager.userId}:2026-12-04`,
        to_email: team.manager.email,
      });
      expect(JSON.parse(digest!.variables).digest).toMatchObject({
        date: 'Friday 4 December 2026',
        counts: { awaitingDecision: 1, dueToday: 0, overdue: 0, scorecardsMissing: 1 },
        items: [{ candidate: 'Sam Rigby', status: 'Decision due', dueOn: 'Thursday 10 December 2026' }],
      });
      expect((await notifications(team.interviewer)).map((n) => [n.kind, n.linkPath])).toEqual([
        ['scorecard_reminder', `/applications/${id}`],
      ]);

      // No digest at the weekend; Monday's comes.
      expect(await sweepAt('2026-12-05T10:00:00Z')).toEqual(zero);
      expect(await sweepAt('2026-12-07T09:30:00Z')).toEqual({ ...zero, managerDigests: 1 });

      // Due Thursday 10 December (Fri 4, Mon 7, Tue 8, Wed 9, Thu 10): the manager is reminded from
      // 09:00 on Wednesday 9, the working day before.
      expect(await sweepAt('2026-12-09T08:59:00Z')).toEqual(zero);
      expect(await sweepAt('2026-12-09T09:00:00Z')).toEqual({
        ...zero,
        decisionReminders: 1,
        managerDigests: 1,
      });
      expect(await sweepAt('2026-12-09T12:00:00Z')).toEqual(zero);
      const [reminder] = (await messages(organisationId)).filter(
        (m) => m.template_key === 'decision_reminder',
      );
      expect(reminder).toMatchObject({
        idempotency_key: `decision-reminder:${id}:2026-12-10`,
        to_email: team.manager.email,
      });
      expect(reminder!.text).toContain('Thursday 10 December 2026');
      expect(reminder!.text).toContain('1 working day from now');

      // The deadline passes at the end of Thursday 10 (GMT): both admins are told, once, and at once
      // (escalations are urgent: they do not wait for working hours), with their notifications.
      expect(await sweepAt('2026-12-10T23:59:00Z')).toEqual(zero);
      expect(await sweepAt('2026-12-11T00:00:01Z')).toEqual({ ...zero, escalations: 1 });
      expect(await sweepAt('2026-12-11T00:05:00Z')).toEqual(zero);
      const escalations = (await messages(organisationId)).filter((m) => m.template_key === 'escalation');
      expect(escalations.map((m) => [m.idempotency_key, m.to_email, m.send_after]).sort()).toEqual(
        [
          [`escalation:${id}:2026-12-10:${team.admin.userId}`, team.admin.email, '2026-12-11T00:00:01.000Z'],
          [
            `escalation:${id}:2026-12-10:${secondAdmin.userId}`,
            secondAdmin.email,
            '2026-12-11T00:00:01.000Z',
          ],
        ].sort(),
      );
      // Friday is the first working day after the deadline.
      expect(escalations[0]!.text).toContain('is now 1 working day late');
      expect((await notifications(team.admin)).map((n) => n.title)).toEqual(['Overdue decision: Sam Rigby']);

      // Friday's digest shows it overdue; once decided, nothing more is sent about it.
      expect(await sweepAt('2026-12-11T09:00:00Z')).toEqual({ ...zero, managerDigests: 1 });
      const friday = (await messages(organisationId))
        .filter((m) => m.template_key === 'manager_digest')
        .at(-1)!;
      expect(JSON.parse(friday.variables).digest.counts).toMatchObject({ overdue: 1, awaitingDecision: 1 });
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${id}`,
        headers: as(team.manager),
        payload: { stage: 'not_progressing' },
      });
      expect(await sweepAt('2026-12-14T09:00:00Z')).toEqual(zero);

      // Every nudge once: one nudge row per key, one message per key, one notification per key.
      const nudges = await get()
        .ctx.kysely.selectFrom('nudge')
        .select(['kind'])
        .where('organisation_id', '=', organisationId)
        .execute();
      const byKind: Record<string, number> = {};
      for (const { kind } of nudges) byKind[kind] = (byKind[kind] ?? 0) + 1;
      expect(byKind).toEqual({
        awaiting_decision: 1,
        scorecard_reminder: 1,
        manager_digest: 4,
        decision_reminder: 1,
        escalation: 1,
      });
      const all = await messages(organisationId);
      expect(
        all
          .filter((m) => m.template_key !== 'holding_update')
          .map((m) => m.template_key)
          .sort(),
      ).toEqual(
        [
          'decision_reminder',
          'escalation',
          'escalation',
          'manager_digest',
          'manager_digest',
          'manager_digest',
          'manager_digest',
          'scorecard_reminder',
        ].sort(),
      );
    });

    it('sends automatic holding updates when the organisation wants them, and escalates the second slip', async () => {
      clock = new Date('2026-12-01T10:00:00Z');
      const team = await makeTeam(get().ctx, 'Automatic');
      const { organisationId } = team;
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/settings/decision-clock',
        headers: as(team.admin),
        payload: { automaticHoldingUpdates: true },
      });
      const scene = await makeClockApplication(get().ctx, team, { candidateName: 'Kit Gaffer' });
      const id = scene.applicationId;
      await arrangeInterview(app, team, {
        applicationId: id,
        startsAt: '2026-12-03T14:00:00Z',
        endsAt: '2026-12-03T16:00:00Z',
      });
      await sweepAt('2026-12-03T16:05:00Z');
      await sweepAt('2026-12-09T09:00:00Z');

      // Due Thursday 10 December: nothing before the window opens that day; at 09:00 the candidate is
      // sent a holding update with a new date 3 working days on (half of 5, rounded up): Fri 11, Mon 14,
      // Tue 15 December.
      expect((await sweepAt('2026-12-10T08:59:00Z')).automaticHoldingUpdates).toBe(0);
      expect(await sweepAt('2026-12-10T09:00:00Z')).toEqual({
        ...zero,
        automaticHoldingUpdates: 1,
        managerDigests: 1,
      });
      expect((await sweepAt('2026-12-10T09:05:00Z')).automaticHoldingUpdates).toBe(0);
      const read = async () =>
        (await app.inject({ url: `/api/v1/applications/${id}`, headers: as(team.manager) })).json();
      expect(await read()).toMatchObject({ decisionDueDate: '2026-12-15', holdingUpdates: 1 });
      const held = (await messages(organisationId)).filter((m) => m.template_key === 'holding_update');
      expect(held.map((m) => [m.idempotency_key, m.to_email])).toEqual([
        [`holding-update:${id}:1`, scene.candidateEmail],
      ]);
      expect(held[0]!.text).toContain('Tuesday 15 December 2026');
      expect((await notifications(team.manager)).find((n) => n.kind === 'holding_update')).toMatchObject({
        title: 'Holding update sent to Kit Gaffer',
      });

      // The old deadline never passes undecided, so it is not escalated; the new one is reminded
      // (Monday 14, 09:00) and, still undecided on Tuesday 15 at 09:00, slips again to Friday 18
      // (Wed 16, Thu 17, Fri 18) — the second slip escalates to the admin.
      expect((await sweepAt('2026-12-11T00:00:01Z')).escalations).toBe(0);
      expect((await sweepAt('2026-12-14T09:00:00Z')).decisionReminders).toBe(1);
      expect(await sweepAt('2026-12-15T09:00:00Z')).toMatchObject({
        automaticHoldingUpdates: 1,
        escalations: 0,
      });
      expect(await read()).toMatchObject({ decisionDueDate: '2026-12-18', holdingUpdates: 2 });
      expect(await keysOf(organisationId, 'escalation')).toEqual([
        `slip-escalation:${id}:2:${team.admin.userId}`,
      ]);
      const slips = await get()
        .ctx.kysely.selectFrom('decision_slip')
        .select(['number', 'from_due_date', 'to_due_date', 'automatic', 'created_by'])
        .where('application_id', '=', id)
        .orderBy('number')
        .execute();
      expect(slips.map((s) => ({ ...s, number: Number(s.number), automatic: Number(s.automatic) }))).toEqual([
        { number: 1, from_due_date: '2026-12-10', to_due_date: '2026-12-15', automatic: 1, created_by: null },
        { number: 2, from_due_date: '2026-12-15', to_due_date: '2026-12-18', automatic: 1, created_by: null },
      ]);
    });

    it('computes the clock of applications whose interviews were written before it existed', async () => {
      clock = new Date('2026-12-07T10:00:00Z');
      const team = await makeTeam(get().ctx, 'Repair');
      const scene = await makeClockApplication(get().ctx, team, { stage: 'interviewing' });
      await makeInterview(get().ctx, {
        organisationId: team.organisationId,
        applicationId: scene.applicationId,
        startsAt: '2026-12-03T14:00:00Z',
        endsAt: '2026-12-03T16:00:00Z',
        interviewerIds: [team.interviewer.userId],
      });
      const result = await sweepAt('2026-12-07T10:00:00Z');
      expect(result.repaired).toBe(1);
      expect(result.movedToAwaitingDecision).toBe(1);
      const read = await app.inject({
        url: `/api/v1/applications/${scene.applicationId}`,
        headers: as(team.manager),
      });
      expect(read.json()).toMatchObject({ decisionDueDate: '2026-12-10', stage: 'awaiting_decision' });
      expect((await sweepAt('2026-12-07T10:01:00Z')).repaired).toBe(0);
    });

    // Two organisations, six applications, every kind of nudge, swept at seven moments. On PostgreSQL
    // two application contexts (as two worker processes) sweep the same database at the same time,
    // repeatedly; on SQLite one context sweeps repeatedly. Either way each nudge happens once.
    it(`makes every nudge exactly once with ${dialect === 'postgres' ? 'two concurrent sweepers' : 'repeated sweeps'}`, async () => {
      clock = new Date('2026-12-01T10:00:00Z');
      const manual = await makeTeam(get().ctx, 'Manual');
      await insertTestMemberUser(get().ctx, { organisationId: manual.organisationId, role: 'admin' });
      const automatic = await makeTeam(get().ctx, 'Auto');
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/settings/decision-clock',
        headers: as(automatic.admin),
        payload: { automaticHoldingUpdates: true },
      });
      const apps: { team: Team; id: string }[] = [];
      for (const [team, n] of [
        [manual, 4],
        [automatic, 2],
      ] as const) {
        for (let i = 0; i < n; i++) {
          const scene = await makeClockApplication(get().ctx, team, { candidateName: `Candidate ${i}` });
          await arrangeInterview(app, team, {
            applicationId: scene.applicationId,
            startsAt: '2026-12-03T14:00:00Z',
            endsAt: '2026-12-03T16:00:00Z',
          });
          apps.push({ team, id: scene.applicationId });
        }
      }

      // Earlier tests' applications share this database: withdraw them so the sweep totals are this scenario's.
      await get()
        .ctx.kysely.updateTable('application')
        .set({ stage: 'withdrawn' })
        .where('organisation_id', 'not in', [manual.organisationId, automatic.organisationId])
        .execute();
      const second =
        dialect === 'postgres'
          ? await createContext(get().ctx.config, { now: () => clock, migrate: false })
          : undefined;
      let total = zero;
      try {
        for (const moment of [
          '2026-12-03T16:05:00Z', // all six move to awaiting a decision
          '2026-12-04T09:00:00Z', // six scorecard reminders, two digests
          '2026-12-09T09:00:00Z', // six decision reminders, two digests
          '2026-12-10T09:00:00Z', // two automatic holding updates (to the 15th), two digests
          '2026-12-11T00:00:01Z', // four escalations (two admins each)
          '2026-12-14T09:00:00Z', // two reminders for the 15th, two digests
          '2026-12-15T09:00:00Z', // two second automatic slips (to the 18th) escalated, two digests
        ]) {
          clock = new Date(moment);
          for (let round = 0; round < 4; round++) {
            const sweeps = second
              ? [runDecisionClockSweep(get().ctx, { logger }), runDecisionClockSweep(second, { logger })]
              : [runDecisionClockSweep(get().ctx, { logger })];
            for (const result of await Promise.all(sweeps)) total = add(total, result);
          }
        }
      } finally {
        await second?.db.destroy();
      }
      expect(errors).toEqual([]);
      expect(total).toEqual({
        ...zero,
        repaired: 0,
        movedToAwaitingDecision: 6,
        scorecardReminders: 6,
        managerDigests: 10,
        decisionReminders: 8,
        escalations: 4,
        automaticHoldingUpdates: 4,
        futureFitReminders: 0,
        networkInvitationReminders: 0,
        reconsentRequests: 0,
        networkExpiries: 0,
        experienceSurveys: 0,
        failed: 0,
      });

      const ids = apps.map((a) => a.id);
      const db = get().ctx.kysely;
      const outbox = await db
        .selectFrom('message')
        .select(['template_key', 'idempotency_key'])
        .where('organisation_id', 'in', [manual.organisationId, automatic.organisationId])
        .execute();
      const count = (template: string) => outbox.filter((m) => m.template_key === template).length;
      expect(new Set(outbox.map((m) => m.idempotency_key)).size).toBe(outbox.length);
      expect({
        scorecard_reminder: count('scorecard_reminder'),
        manager_digest: count('manager_digest'),
        decision_reminder: count('decision_reminder'),
        escalation: count('escalation'),
        holding_update: count('holding_update'),
      }).toEqual({
        scorecard_reminder: 6,
        manager_digest: 10,
        decision_reminder: 8,
        // Four deadline escalations to two admins, two second-slip escalations to one admin.
        escalation: 10,
        holding_update: 4,
      });
      const nudges = await db
        .selectFrom('nudge')
        .select('key')
        .where('organisation_id', 'in', [manual.organisationId, automatic.organisationId])
        .execute();
      expect(nudges).toHaveLength(6 + 6 + 10 + 8 + 4 + 4 + 2);
      const notes = await db
        .selectFrom('notification')
        .select('dedupe_key')
        .where('organisation_id', 'in', [manual.organisationId, automatic.organisationId])
        .execute();
      // Scorecard 6, digests 10, reminders 8, escalations 8 + 2, automatic holding updates 4 (to the manager).
      expect(notes).toHaveLength(6 + 10 + 8 + 10 + 4);
      // What has no unique key of its own: the stage move's audit entry and the slip records.
      const audits = await db
        .selectFrom('audit_event')
        .select(['subject_id', 'action'])
        .where('subject_id', 'in', ids)
        .where('actor_type', '=', 'system')
        .execute();
      expect(audits.filter((a) => a.action === 'application.stage_changed')).toHaveLength(6);
      expect(audits.filter((a) => a.action === 'application.holding_update_sent')).toHaveLength(4);
      const slips = await db
        .selectFrom('decision_slip')
        .select('application_id')
        .where('application_id', 'in', ids)
        .execute();
      expect(slips).toHaveLength(4);
    }, 120_000);
  },
  { now: () => clock },
);
