// The dashboard's figures on both databases: fixtures with known timings and survey answers, and
// the same figures computed here independently (weekdays counted by hand; no bank holidays fall in
// February or March 2026 in England) for the whole organisation and each filter.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertTestCandidate,
  insertTestMemberUser,
  insertTestRole,
  makeApplication,
  makeInterview,
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
import { rebuildOrganisation } from './rollup.repository.ts';

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
      const manager1 = (await insertTestMemberUser(ctx, { organisationId, role: 'manager' })).userId;
      manager2 = (await insertTestMemberUser(ctx, { organisationId, role: 'manager' })).userId;
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
      // The fixtures are written as rows, past the services: the rollup is built from them once.
      await rebuildOrganisation(ctx.kysely, organisationId);
      await rebuildOrganisation(ctx.kysely, other.id);
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

describeEachDatabase(
  'reputation metrics: feedback, scorecards, network and referrals',
  (get) => {
    let ctx: AppContext;
    let organisationId: string;
    let venueA: string;
    let venueB: string;
    let ada: string;
    let ben: string;
    const query = { from: '2026-01-01T00:00:00.000Z', to: now.toISOString() };

    async function application(
      roleId: string,
      outcome: string,
      told: string | null,
      candidateId?: string,
      createdAt = '2026-01-10T10:00:00.000Z',
    ) {
      const a = await makeApplication(ctx, {
        organisationId,
        roleId,
        stage: outcome === 'hired' ? 'hired' : 'not_progressing',
        ...(candidateId && { candidateId }),
      });
      await ctx.kysely
        .updateTable('application')
        .set({
          outcome,
          created_at: createdAt,
          last_interview_ended_at: '2026-02-02T16:00:00.000Z',
          decided_at: told ?? '2026-02-03T09:00:00.000Z',
          told_at: told,
          told_via: told ? 'email' : null,
        })
        .where('id', '=', a.id)
        .execute();
      return a;
    }

    async function feedback(applicationId: string, status: string, override: string | null, pass: boolean[]) {
      const feedbackId = newId();
      const at = '2026-02-03T09:00:00.000Z';
      await ctx.kysely
        .insertInto('feedback')
        .values({
          id: feedbackId,
          organisation_id: organisationId,
          application_id: applicationId,
          version: pass.length,
          status,
          structured: '{}',
          text: 'Thank you.',
          check_result: JSON.stringify({ pass: pass.at(-1), score: 1, findings: [] }),
          approved_by_type: status === 'approved' ? 'member' : null,
          approved_by: status === 'approved' ? 'someone' : null,
          approved_at: status === 'approved' ? at : null,
          override_reason: override,
          created_at: at,
          updated_at: at,
        })
        .execute();
      for (const [i, passed] of pass.entries()) {
        await ctx.kysely
          .insertInto('feedback_version')
          .values({
            id: newId(),
            organisation_id: organisationId,
            feedback_id: feedbackId,
            application_id: applicationId,
            version: i + 1,
            event: i === 0 ? 'composed' : 'edited',
            status: 'draft',
            structured: '{}',
            text: 'Thank you.',
            check_result: JSON.stringify({ pass: passed, score: passed ? 1 : 0.4, findings: [] }),
            override_reason: null,
            actor_type: 'member',
            actor_id: null,
            created_at: at,
          })
          .execute();
      }
    }

    async function scorecard(interviewId: string, applicationId: string, interviewerId: string, at: string) {
      await ctx.kysely
        .insertInto('scorecard')
        .values({
          id: newId(),
          organisation_id: organisationId,
          interview_id: interviewId,
          application_id: applicationId,
          interviewer_id: interviewerId,
          framework_id: 'builtin-av-technician-v1',
          framework_version_id: 'builtin-av-technician-v1',
          status: 'submitted',
          recommendation: 'no',
          private_notes: null,
          submitted_at: at,
          amended_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }

    async function slip(applicationId: string, at: string) {
      await ctx.kysely
        .insertInto('decision_slip')
        .values({
          id: newId(),
          organisation_id: organisationId,
          application_id: applicationId,
          number: 1,
          from_due_date: '2026-02-09',
          to_due_date: '2026-02-12',
          automatic: 0,
          reason: null,
          message_id: null,
          created_by: null,
          created_at: at,
        })
        .execute();
    }

    async function member(candidateId: string, joinedAt: string) {
      await ctx.kysely
        .insertInto('network_profile')
        .values({
          id: newId(),
          organisation_id: organisationId,
          candidate_id: candidateId,
          status: 'member',
          joined_at: joinedAt,
          consent_version: 'v1',
          consent_expires_at: '2027-06-01T00:00:00.000Z',
          left_at: null,
          region: null,
          travel_miles: null,
          available_permanent: 1,
          available_freelance: 0,
          casual_crew: 0,
          notice_weeks: null,
          last_contact_at: null,
          unsubscribed_at: null,
          created_at: joinedAt,
          updated_at: joinedAt,
        })
        .execute();
    }

    beforeAll(async () => {
      ctx = get().ctx;
      organisationId = (await makeOrganisation(ctx)).id;
      venueA = (await makeVenue(ctx, { organisationId, name: 'Arena' })).id;
      venueB = (await makeVenue(ctx, { organisationId, name: 'Bandstand' })).id;
      const roleA = (await insertTestRole(ctx, { organisationId, venueId: venueA })).id;
      await insertTestRole(ctx, { organisationId, venueId: venueB });
      ada = (await insertTestMemberUser(ctx, { organisationId, name: 'Ada Interviewer' })).userId;
      ben = (await insertTestMemberUser(ctx, { organisationId, name: 'Ben Interviewer' })).userId;

      // Four interviewed candidates told "no"; feedback checked and approved for one only.
      const told = '2026-02-06T10:00:00.000Z';
      const a1 = await application(roleA, 'not_progressing', told);
      const a2 = await application(roleA, 'not_progressing', told);
      const a3 = await application(roleA, 'not_progressing', told);
      await application(roleA, 'not_progressing', told);
      await feedback(a1.id, 'approved', null, [true, true]);
      await feedback(a2.id, 'approved', 'The candidate asked for exactly this wording.', [false]);
      await feedback(a3.id, 'draft', null, [true]);
      // Holding updates: two in the period, one before it.
      await slip(a1.id, '2026-02-04T09:00:00.000Z');
      await slip(a2.id, '2026-02-04T09:00:00.000Z');
      await slip(a3.id, '2025-12-20T09:00:00.000Z');

      // Ada: on time (18 h) and one owed; Ben: late (3 days); an interview still to come counts for nobody.
      const i1 = await makeInterview(ctx, {
        organisationId,
        applicationId: a1.id,
        startsAt: '2026-02-02T15:00:00.000Z',
        endsAt: '2026-02-02T16:00:00.000Z',
        interviewerIds: [ada, ben],
      });
      await scorecard(i1.id, a1.id, ada, '2026-02-03T10:00:00.000Z');
      await scorecard(i1.id, a1.id, ben, '2026-02-05T16:00:00.000Z');
      await makeInterview(ctx, {
        organisationId,
        applicationId: a2.id,
        startsAt: '2026-02-10T15:00:00.000Z',
        endsAt: '2026-02-10T16:00:00.000Z',
        interviewerIds: [ada],
      });
      await makeInterview(ctx, {
        organisationId,
        applicationId: a3.id,
        startsAt: '2026-05-01T15:00:00.000Z',
        endsAt: '2026-05-01T16:00:00.000Z',
        interviewerIds: [ben],
      });

      // a1's candidate joined the network after applying; a returning member applied again and was hired.
      await member(a1.candidateId, '2026-02-20T10:00:00.000Z');
      const returning = await insertTestCandidate(ctx, { organisationId });
      await member(returning.id, '2025-06-01T10:00:00.000Z');
      const rehired = await application(roleA, 'hired', told, returning.id, '2026-02-15T10:00:00.000Z');

      // Two colleagues came forward through a referral link; one applied and was hired.
      const linkId = newId();
      await ctx.kysely
        .insertInto('referral_link')
        .values({
          id: linkId,
          organisation_id: organisationId,
          referrer_candidate_id: a1.candidateId,
          code_hash: newId(),
          role_id: null,
          kind_of_work: null,
          show_first_name: 0,
          view_count: 0,
          last_viewed_at: null,
          expires_at: '2027-01-01T00:00:00.000Z',
          revoked_at: null,
          created_at: '2026-02-01T10:00:00.000Z',
        })
        .execute();
      for (const applicationId of [rehired.id, null]) {
        const colleague = await insertTestCandidate(ctx, { organisationId });
        await ctx.kysely
          .insertInto('referral')
          .values({
            id: newId(),
            organisation_id: organisationId,
            link_id: linkId,
            referrer_candidate_id: a1.candidateId,
            candidate_id: colleague.id,
            application_id: applicationId,
            joined_network_at: null,
            interest_at: null,
            arrival_thanks_at: null,
            hired_thanks_at: null,
            created_at: '2026-02-12T10:00:00.000Z',
            updated_at: '2026-02-12T10:00:00.000Z',
          })
          .execute();
      }
      await rebuildOrganisation(ctx.kysely, organisationId);
    });

    it('counts holding updates, checked feedback and first-draft passes', async () => {
      const m = await reputationService(ctx).metrics(organisationId, query);
      expect(m.feedback).toEqual({
        holdingUpdatesSent: 2,
        unsuccessfulInterviewed: 4,
        withCheckedFeedback: 1,
        checkedFeedbackRate: 0.25,
        firstDrafts: 3,
        firstDraftPassRate: 2 / 3,
      });
    });

    it('counts scorecards on time by interviewer', async () => {
      const m = await reputationService(ctx).metrics(organisationId, query);
      expect(m.scorecards).toMatchObject({ due: 3, submitted: 2, onTime: 1, onTimeRate: 1 / 3 });
      expect(m.scorecards.byInterviewer).toEqual([
        { interviewerId: ada, name: 'Ada Interviewer', due: 2, submitted: 1, onTime: 1, onTimeRate: 0.5 },
        { interviewerId: ben, name: 'Ben Interviewer', due: 1, submitted: 1, onTime: 0, onTimeRate: 0 },
      ]);
    });

    it('counts network opt-in, re-engaged members, hires from the network and referrals', async () => {
      const m = await reputationService(ctx).metrics(organisationId, query);
      expect(m.network).toEqual({
        toldNotHired: 4,
        joined: 1,
        optInRate: 0.25,
        reengaged: 1,
        hiresFromNetwork: 1,
      });
      expect(m.referrals).toEqual({ received: 2, hired: 1 });
      // By venue, a referral counts where its colleague applied.
      const a = await reputationService(ctx).metrics(organisationId, { ...query, venueId: venueA });
      expect(a.referrals).toEqual({ received: 1, hired: 1 });
      const b = await reputationService(ctx).metrics(organisationId, { ...query, venueId: venueB });
      expect(b.referrals).toEqual({ received: 0, hired: 0 });
      expect(b.network.toldNotHired).toBe(0);
      expect(b.scorecards.byInterviewer).toEqual([]);
      expect(b.feedback.holdingUpdatesSent).toBe(0);
    });
  },
  { now: () => now },
);
