// The dashboard's figures on both databases: fixtures with known timings and survey answers, and
// the same figures computed here independently (weekdays counted by hand; no bank holidays fall in
// February or March 2026 in England) for the whole organisation and each filter.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertTestMemberUser,
  insertTestRole,
  makeApplication,
} from '../../../test/support/factories/applications.ts';
import {
  makeMember,
  makeOrganisation,
  type TestMember,
} from '../../../test/support/factories/organisations.ts';
import { makeVenue } from '../../../test/support/factories/venues.ts';
import type { AppContext } from '../../app-context.ts';
import { findPersonalData } from '../../domain/personal-data.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import type { Metrics } from './reputation.schema.ts';
import { percentile, reputationService } from './reputation.service.ts';

const now = new Date('2026-04-01T12:00:00.000Z');

interface Fixture {
  role: 'r1' | 'r2';
  end: string;
  told: string | null;
  due: string;
  slips?: number;
  /** recommend, told when promised, feedback useful, treated with respect, comment */
  answer?: [number, number, number, number, string?];
}

// Role 1 (venue 1, manager 1): interviews end Mon 2 Feb, decision due Mon 9 Feb.
// Role 2 (venue 2, manager 2): interviews end Mon 2 Mar, decision due Mon 9 Mar.
const fixtures: Fixture[] = [
  {
    role: 'r1',
    end: '2026-02-02',
    told: '2026-02-03',
    due: '2026-02-09',
    answer: [10, 5, 5, 5, 'Quick and clear answer.'],
  },
  { role: 'r1', end: '2026-02-02', told: '2026-02-04', due: '2026-02-09', answer: [9, 4, 5, 5] },
  {
    role: 'r1',
    end: '2026-02-02',
    told: '2026-02-04',
    due: '2026-02-09',
    answer: [9, 4, 4, 5, 'Thanks to Sam Taylor for the call.'],
  },
  { role: 'r1', end: '2026-02-02', told: '2026-02-05', due: '2026-02-09', answer: [7, 3, 4, 4] },
  { role: 'r1', end: '2026-02-02', told: '2026-02-09', due: '2026-02-09', answer: [6, 5, 3, 4] },
  { role: 'r1', end: '2026-02-02', told: '2026-02-12', due: '2026-02-09', answer: [3, 2, 3, 4] },
  { role: 'r2', end: '2026-03-02', told: '2026-03-03', due: '2026-03-09', answer: [10, 4, 4, 5] },
  { role: 'r2', end: '2026-03-02', told: '2026-03-04', due: '2026-03-09', answer: [2, 1, 2, 3] },
  { role: 'r2', end: '2026-03-02', told: '2026-03-10', due: '2026-03-11', slips: 1, answer: [8, 3, 3, 4] },
  { role: 'r2', end: '2026-03-02', told: '2026-03-16', due: '2026-03-09' },
  // Decided, never told.
  { role: 'r2', end: '2026-03-02', told: null, due: '2026-03-09' },
];

/** Weekdays after `from` up to and including `to`. */
function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = new Date(`${from}T12:00:00Z`); ; ) {
    d = new Date(d.getTime() + 86_400_000);
    if (d.toISOString().slice(0, 10) > to) return n;
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n += 1;
  }
}

/** The figures for a subset of the fixtures, computed without the database. */
function expected(subset: Fixture[]) {
  const told = subset.filter((f) => f.told !== null);
  const days = told.map((f) => weekdaysBetween(f.end, f.told!)).sort((a, b) => a - b);
  const nearestRank = (p: number) => days[Math.ceil((p / 100) * days.length) - 1];
  const answers = told.flatMap((f) => (f.answer ? [f.answer] : []));
  const enough = answers.length >= 5;
  const mean = (i: 1 | 2 | 3) =>
    Math.round((answers.reduce((s, a) => s + a[i], 0) / answers.length) * 10) / 10;
  const promoters = answers.filter((a) => a[0] >= 9).length;
  const detractors = answers.filter((a) => a[0] <= 6).length;
  return {
    decided: subset.length,
    told: told.length,
    untold: subset.length - told.length,
    onTime: told.filter((f) => f.told! <= f.due).length / told.length,
    held: subset.filter((f) => (f.slips ?? 0) > 0).length,
    median: nearestRank(50),
    p90: nearestRank(90),
    responses: answers.length,
    nps: enough ? Math.round(((promoters - detractors) / answers.length) * 100) : null,
    toldMean: enough ? mean(1) : null,
    usefulMean: enough ? mean(2) : null,
    respectMean: enough ? mean(3) : null,
    responseRate: answers.length / told.length,
  };
}

function expectFigures(m: Metrics, subset: Fixture[]) {
  const e = expected(subset);
  expect(m.closures.decided).toBe(e.decided);
  expect(m.closures.told).toBe(e.told);
  expect(m.closures.untold).toBe(e.untold);
  expect(m.closures.closureRate).toBeCloseTo(e.told / e.decided, 10);
  expect(m.closures.toldOnTimeRate).toBeCloseTo(e.onTime, 10);
  expect(m.closures.withHoldingUpdate).toBe(e.held);
  expect(m.timeToTell.samples).toBe(e.told);
  expect(m.timeToTell.medianWorkingDays).toBe(e.median);
  expect(m.timeToTell.p90WorkingDays).toBe(e.p90);
  expect(m.survey.responses).toBe(e.responses);
  expect(m.survey.asked).toBe(e.told);
  expect(m.survey.responseRate).toBeCloseTo(e.responseRate, 10);
  expect(m.survey.nps).toBe(e.nps);
  expect(m.survey.toldOnTime).toBe(e.toldMean);
  expect(m.survey.feedbackUseful).toBe(e.usefulMean);
  expect(m.survey.treatedWithRespect).toBe(e.respectMean);
}

async function insertFixtures(ctx: AppContext, organisationId: string, roles: Record<string, string>) {
  for (const f of fixtures) {
    const app = await makeApplication(ctx, {
      organisationId,
      roleId: roles[f.role]!,
      stage: 'not_progressing',
    });
    const toldAt = f.told ? `${f.told}T10:00:00.000Z` : null;
    await ctx.kysely
      .updateTable('application')
      .set({
        outcome: 'not_progressing',
        last_interview_ended_at: `${f.end}T16:00:00.000Z`,
        decided_at: toldAt ? `${f.told}T09:00:00.000Z` : `${f.end}T17:00:00.000Z`,
        decision_due_date: f.due,
        decision_due_at: `${f.due}T23:59:59.999Z`,
        decision_slips: f.slips ?? 0,
        told_at: toldAt,
        told_via: toldAt ? 'email' : null,
      })
      .where('id', '=', app.id)
      .execute();
    if (!toldAt) continue;
    await ctx.kysely
      .insertInto('survey_request')
      .values({
        application_id: app.id,
        organisation_id: organisationId,
        status: 'sent',
        created_at: `${f.told}T12:00:00.000Z`,
      })
      .execute();
    if (!f.answer) continue;
    const [recommend, told, useful, respect, comment] = f.answer;
    await ctx.kysely
      .insertInto('survey_response')
      .values({
        id: newId(),
        organisation_id: organisationId,
        application_id: app.id,
        recommend,
        told_when_promised: told,
        feedback_useful: useful,
        treated_with_respect: respect,
        comment: comment ?? null,
        created_at: `${f.told}T15:00:00.000Z`,
      })
      .execute();
  }
}

describe('the independent figures', () => {
  it('agree with the hand-worked numbers of the fixtures', () => {
    const all = expected(fixtures);
    expect(all.median).toBe(2);
    expect(all.p90).toBe(8);
    expect(all.onTime).toBe(0.8);
    expect(all.nps).toBe(11);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(findPersonalData('Thanks to Sam Taylor for the call.')).toEqual(['name']);
  });
});

describeEachDatabase(
  'reputation metrics',
  (get) => {
    let ctx: AppContext;
    let app: ApiApp;
    let organisationId: string;
    let admin: TestMember;
    let venue1: string;
    let manager2: string;
    let role2: string;
    beforeAll(async () => {
      ctx = get().ctx;
      app = await buildTestApp(ctx);
      organisationId = (await makeOrganisation(ctx)).id;
      admin = await makeMember(ctx, { organisationId, role: 'admin' });
      venue1 = (await makeVenue(ctx, { organisationId, name: 'Main House' })).id;
      const venue2 = (await makeVenue(ctx, { organisationId, name: 'Studio' })).id;
      const manager1 = (await insertTestMemberUser(ctx, { organisationId, role: 'hiring_manager' })).userId;
      manager2 = (await insertTestMemberUser(ctx, { organisationId, role: 'hiring_manager' })).userId;
      const role1 = (await insertTestRole(ctx, { organisationId, venueId: venue1 })).id;
      role2 = (await insertTestRole(ctx, { organisationId, venueId: venue2 })).id;
      await ctx.kysely
        .updateTable('role')
        .set({ hiring_manager_id: manager1 })
        .where('id', '=', role1)
        .execute();
      await ctx.kysely
        .updateTable('role')
        .set({ hiring_manager_id: manager2 })
        .where('id', '=', role2)
        .execute();
      await insertFixtures(ctx, organisationId, { r1: role1, r2: role2 });
      // Another organisation's closures never count.
      const other = await makeOrganisation(ctx);
      const otherRole = (await insertTestRole(ctx, { organisationId: other.id })).id;
      await insertFixtures(ctx, other.id, { r1: otherRole, r2: otherRole });
    });

    const query = { from: '2026-01-01T00:00:00.000Z', to: now.toISOString() };

    it('computes the whole organisation’s figures', async () => {
      const m = await reputationService(ctx).metrics(organisationId, query);
      expectFigures(m, fixtures);
    });

    it('filters by venue, by role, by hiring manager and by period', async () => {
      const service = reputationService(ctx);
      const r1 = fixtures.filter((f) => f.role === 'r1');
      const r2 = fixtures.filter((f) => f.role === 'r2');
      expectFigures(await service.metrics(organisationId, { ...query, venueId: venue1 }), r1);
      expectFigures(await service.metrics(organisationId, { ...query, roleId: role2 }), r2);
      expectFigures(await service.metrics(organisationId, { ...query, hiringManagerId: manager2 }), r2);
      expectFigures(
        await service.metrics(organisationId, { ...query, from: '2026-03-01T00:00:00.000Z' }),
        r2,
      );
    });

    it('suppresses survey figures of groups under 5 responses, overall and by month', async () => {
      const m = await reputationService(ctx).metrics(organisationId, { ...query, roleId: role2 });
      expect(m.survey.responses).toBe(3);
      expect(m.survey.nps).toBeNull();
      expect(m.survey.feedbackUseful).toBeNull();
      expect(m.comments).toEqual([]);
      const all = await reputationService(ctx).metrics(organisationId, query);
      const feb = all.monthly.find((x) => x.month === '2026-02')!;
      const mar = all.monthly.find((x) => x.month === '2026-03')!;
      expect(feb.told).toBe(6);
      expect(feb.toldOnTimeRate).toBeCloseTo(5 / 6, 10);
      expect(feb.survey.nps).toBe(expected(fixtures.filter((f) => f.role === 'r1')).nps);
      expect(mar.told).toBe(4);
      expect(mar.survey.responses).toBe(3);
      expect(mar.survey.nps).toBeNull();
    });

    it('shows comments without names and withholds those that may identify someone', async () => {
      const m = await reputationService(ctx).metrics(organisationId, { ...query, venueId: venue1 });
      expect(m.comments).toEqual([{ month: '2026-02', text: 'Quick and clear answer.' }]);
      expect(m.commentsWithheld).toBe(1);
    });

    it('serves the figures at GET /api/v1/metrics with the filters as query parameters', async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/metrics?venueId=${venue1}&from=${query.from}&to=${query.to}`,
        headers: { cookie: admin.cookie },
      });
      expect(response.statusCode).toBe(200);
      expectFigures(
        response.json(),
        fixtures.filter((f) => f.role === 'r1'),
      );
      const body = response.body;
      expect(body).not.toContain('Sam Taylor');
      expect(body).not.toContain('@example.test');
    });
  },
  { now: () => now },
);
