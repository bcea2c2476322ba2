// The experience survey's ask in the sweep, on both databases: asked once the organisation's
// working days have passed since the candidate was told, never before they are told, skipped when
// they answered in the last six months, and exactly once however often the sweep runs.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { insertTestCandidate, makeApplication } from '../../../test/support/factories/applications.ts';
import { makeOrganisation } from '../../../test/support/factories/organisations.ts';
import type { AppContext } from '../../app-context.ts';
import { newId } from '../../ids.ts';
import { runDecisionClockSweep } from '../../jobs/decision-clock-sweep.ts';
import { saveSettings } from './reputation.repository.ts';

let clock = new Date('2026-03-05T12:00:00.000Z');

async function closedApplication(
  ctx: AppContext,
  organisationId: string,
  options: { toldAt: string | null; candidateId?: string },
) {
  const app = await makeApplication(ctx, {
    organisationId,
    stage: 'not_progressing',
    ...(options.candidateId && { candidateId: options.candidateId }),
  });
  await ctx.kysely
    .updateTable('application')
    .set({
      outcome: 'not_progressing',
      decided_at: '2026-03-04T09:00:00.000Z',
      told_at: options.toldAt,
      told_via: options.toldAt ? 'email' : null,
    })
    .where('id', '=', app.id)
    .execute();
  return app;
}

async function answer(ctx: AppContext, organisationId: string, applicationId: string, at: string) {
  await ctx.kysely
    .insertInto('survey_response')
    .values({
      id: newId(),
      organisation_id: organisationId,
      application_id: applicationId,
      recommend: 9,
      told_when_promised: 5,
      feedback_useful: 4,
      treated_with_respect: 5,
      comment: null,
      created_at: at,
    })
    .execute();
}

async function surveyMessages(ctx: AppContext, applicationId: string) {
  return ctx.kysely
    .selectFrom('message')
    .select(['id', 'to_email', 'text'])
    .where('template_key', '=', 'experience_survey')
    .where('application_id', '=', applicationId)
    .execute();
}

async function requestStatus(ctx: AppContext, applicationId: string) {
  const row = await ctx.kysely
    .selectFrom('survey_request')
    .select(['status'])
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return row?.status;
}

describeEachDatabase(
  'experience survey sweep',
  (get) => {
    let ctx: AppContext;
    let organisationId: string;
    let told: { id: string };
    let untold: { id: string };
    let recentlyAnswered: { id: string };
    let answeredLongAgo: { id: string };
    let slowOrgTold: { id: string };
    beforeAll(async () => {
      ctx = get().ctx;
      clock = new Date('2026-03-05T12:00:00.000Z');
      organisationId = (await makeOrganisation(ctx)).id;
      // Told Thursday 5 March: with the default 2 working days, asked from Monday 9 March.
      told = await closedApplication(ctx, organisationId, { toldAt: '2026-03-05T10:00:00.000Z' });
      untold = await closedApplication(ctx, organisationId, { toldAt: null });

      const repeat = await insertTestCandidate(ctx, { organisationId });
      const earlier = await closedApplication(ctx, organisationId, {
        toldAt: '2025-12-01T10:00:00.000Z',
        candidateId: repeat.id,
      });
      await answer(ctx, organisationId, earlier.id, '2026-01-10T10:00:00.000Z');
      recentlyAnswered = await closedApplication(ctx, organisationId, {
        toldAt: '2026-03-05T10:00:00.000Z',
        candidateId: repeat.id,
      });

      const returning = await insertTestCandidate(ctx, { organisationId });
      const longAgo = await closedApplication(ctx, organisationId, {
        toldAt: '2025-07-01T10:00:00.000Z',
        candidateId: returning.id,
      });
      await answer(ctx, organisationId, longAgo.id, '2025-07-20T10:00:00.000Z');
      answeredLongAgo = await closedApplication(ctx, organisationId, {
        toldAt: '2026-03-05T10:00:00.000Z',
        candidateId: returning.id,
      });

      // An organisation that waits 5 working days: asked from Thursday 12 March.
      const slow = (await makeOrganisation(ctx)).id;
      await saveSettings(ctx.kysely, slow, { surveyWorkingDays: 5, promisePublishedAt: null }, null, clock);
      slowOrgTold = await closedApplication(ctx, slow, { toldAt: '2026-03-05T10:00:00.000Z' });
    });

    it('does not ask before the working days have passed', async () => {
      clock = new Date('2026-03-06T15:00:00.000Z'); // Friday
      await runDecisionClockSweep(ctx);
      clock = new Date('2026-03-08T15:00:00.000Z'); // Sunday
      await runDecisionClockSweep(ctx);
      expect(await surveyMessages(ctx, told.id)).toHaveLength(0);
      expect(await requestStatus(ctx, told.id)).toBeUndefined();
    });

    it('asks once after the working days, even with the sweep run twice and at once', async () => {
      clock = new Date('2026-03-09T08:00:00.000Z'); // Monday
      const [first, second] = await Promise.all([runDecisionClockSweep(ctx), runDecisionClockSweep(ctx)]);
      const third = await runDecisionClockSweep(ctx);
      expect(first.experienceSurveys + second.experienceSurveys).toBe(2);
      expect(third.experienceSurveys).toBe(0);
      const messages = await surveyMessages(ctx, told.id);
      expect(messages).toHaveLength(1);
      expect(await requestStatus(ctx, told.id)).toBe('sent');
    });

    it('never asks a candidate who has not been told', async () => {
      expect(await surveyMessages(ctx, untold.id)).toHaveLength(0);
      expect(await requestStatus(ctx, untold.id)).toBeUndefined();
    });

    it('skips a candidate who answered in the last six months, not one who answered before', async () => {
      expect(await surveyMessages(ctx, recentlyAnswered.id)).toHaveLength(0);
      expect(await requestStatus(ctx, recentlyAnswered.id)).toBe('skipped');
      expect(await surveyMessages(ctx, answeredLongAgo.id)).toHaveLength(1);
      expect(await requestStatus(ctx, answeredLongAgo.id)).toBe('sent');
    });

    it('follows the organisation’s number of working days', async () => {
      expect(await surveyMessages(ctx, slowOrgTold.id)).toHaveLength(0);
      clock = new Date('2026-03-11T15:00:00.000Z'); // Wednesday: 4 working days
      await runDecisionClockSweep(ctx);
      expect(await surveyMessages(ctx, slowOrgTold.id)).toHaveLength(0);
      clock = new Date('2026-03-12T08:00:00.000Z'); // Thursday: 5
      await runDecisionClockSweep(ctx);
      expect(await surveyMessages(ctx, slowOrgTold.id)).toHaveLength(1);
    });
  },
  { now: () => clock },
);
