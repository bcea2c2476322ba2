import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { everyRowAsText, tablesContaining } from '../../../test/support/every-row.ts';
import { approveFeedback, assessedApplication } from '../../../test/support/factories/assessed.ts';
import {
  insertAssessmentApplication,
  insertAssessmentRole,
} from '../../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import type { AppContext } from '../../app-context.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { joinNetwork } from '../network/network.service.ts';
import { insertNotification } from '../notifications/notifications.repository.ts';
import { anonymiseCandidate, flushErasedPages } from './privacy.service.ts';

/**
 * A candidate with everything a hiring round leaves behind: scorecard evidence, approved feedback,
 * the not-progressing email, a logged call with a note, a survey answer with a comment, a
 * notification and an audit detail naming them, a talent-network profile with skills.
 */
export async function candidateWithHistory(
  ctx: AppContext,
  app: ApiApp,
  team: Team,
  roleId: string,
  who: { name: string; phone: string; note: string; comment: string },
) {
  const application = await assessedApplication(ctx, app, team, roleId, who.name);
  await ctx.kysely
    .updateTable('candidate')
    .set({ phone: who.phone, location: 'Penzance' })
    .where('id', '=', application.candidateId)
    .execute();
  await approveFeedback(app, team, application.id);
  const decided = await app.inject({
    method: 'POST',
    url: `/api/v1/applications/${application.id}/decision`,
    headers: { cookie: team.manager.cookie },
    payload: { outcome: 'not_progressing', sendAt: 'now' },
  });
  expect(decided.statusCode, decided.body).toBe(200);
  const told = await app.inject({
    method: 'POST',
    url: `/api/v1/applications/${application.id}/told`,
    headers: { cookie: team.manager.cookie },
    payload: { via: 'call', toldAt: ctx.now().toISOString(), note: who.note },
  });
  expect(told.statusCode, told.body).toBe(200);
  const { email } = await ctx.kysely
    .selectFrom('candidate')
    .select('email')
    .where('id', '=', application.candidateId)
    .executeTakeFirstOrThrow();
  const now = ctx.now();
  await ctx.kysely.transaction().execute(async (tx) => {
    await tx
      .insertInto('survey_response')
      .values({
        id: newId(),
        organisation_id: team.organisationId,
        application_id: application.id,
        recommend: 9,
        told_when_promised: 5,
        feedback_useful: 4,
        treated_with_respect: 5,
        comment: who.comment,
        created_at: now.toISOString(),
      })
      .execute();
    await insertNotification(
      tx,
      {
        organisationId: team.organisationId,
        userId: team.admin.userId,
        kind: 'data_request',
        title: `${who.name} asked us to delete their data`,
        body: `Write to ${email} or ring ${who.phone}.`,
        linkPath: null,
        dedupeKey: `privacy-test:${application.id}`,
      },
      now,
    );
    await recordAudit(
      tx,
      team.organisationId,
      'system',
      {
        action: 'test.detail',
        subjectType: 'import',
        subjectId: null,
        detail: { row: `${who.name},${email}` },
      },
      now,
    );
    await joinNetwork(tx, team.organisationId, application.candidateId, 'candidate_page', now, {
      interests: { region: 'West Cornwall', skills: ['Kernow rigging ticket 4471'] },
    });
  });
  const feedback = await ctx.kysely
    .selectFrom('feedback')
    .select('text')
    .where('application_id', '=', application.id)
    .executeTakeFirstOrThrow();
  return { ...application, email, feedbackText: feedback.text };
}

describeEachDatabase(
  'anonymising a candidate',
  (get, dialect) => {
    let app: ApiApp;
    let team: Team;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Privacy');
    });
    afterAll(async () => app.close());

    const target = {
      name: 'Morwenna Quillfeather',
      phone: '07700 900461',
      note: 'Rang her at home; she said her back injury is better now',
      comment: 'The stage door keeper Bryok was very kind to me',
    };

    it('leaves none of their name, email, phone or free text anywhere, and every count unchanged', async () => {
      const ctx = get().ctx;
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const other = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Tamsin Control',
      });
      const subject = await candidateWithHistory(ctx, app, team, role.id, target);
      // A sentence of the feedback that came from the scorecard evidence.
      const evidenceSentence = 'traced the planted fault to the crossed tie line';
      expect(subject.feedbackText).toContain('crossed tie line');
      const needles = [
        target.name,
        'Quillfeather',
        subject.email,
        target.phone,
        target.note,
        target.comment,
        evidenceSentence,
        'Kernow rigging ticket',
        'West Cornwall',
        'Penzance',
      ];
      expect(tablesContaining(await everyRowAsText(ctx), needles).length).toBeGreaterThan(8);

      const report = async () =>
        (
          await app.inject({
            url: `/api/v1/roles/${role.id}/closure-report`,
            headers: { cookie: team.manager.cookie },
          })
        ).json() as { rows: Record<string, unknown>[] };
      const metrics = async () =>
        (
          await app.inject({
            url: `/api/v1/metrics?from=2020-01-01T00:00:00.000Z&to=2099-01-01T00:00:00.000Z`,
            headers: { cookie: team.admin.cookie },
          })
        ).json();
      const counted = (r: { rows: Record<string, unknown>[] }) =>
        r.rows.map(({ name: _name, networkStatus: _network, ...rest }) => rest);
      const reportBefore = await report();
      const metricsBefore = await metrics();
      expect(reportBefore.rows.map((r) => r.name)).toContain(target.name);

      const done = await ctx.kysely
        .transaction()
        .execute((tx) =>
          anonymiseCandidate(tx, team.organisationId, subject.candidateId, 'system', 'retention', ctx.now()),
        );
      expect(done).toBe(true);
      await flushErasedPages(ctx.kysely);

      expect(tablesContaining(await everyRowAsText(ctx), needles)).toEqual([]);
      const reportAfter = await report();
      expect(counted(reportAfter)).toEqual(counted(reportBefore));
      expect(reportAfter.rows.map((r) => r.name)).toContain('Erased candidate');
      expect(await metrics()).toEqual(metricsBefore);
      // Outcomes, dates, scores and survey figures stay.
      const application = await ctx.kysely
        .selectFrom('application')
        .select(['stage', 'outcome', 'told_via', 'told_at', 'decided_at'])
        .where('id', '=', subject.id)
        .executeTakeFirstOrThrow();
      expect(application).toMatchObject({ stage: 'closed', outcome: 'not_progressing', told_via: 'call' });
      expect(application.told_at).not.toBeNull();
      const ratings = await ctx.kysely
        .selectFrom('scorecard_rating')
        .innerJoin('scorecard', 'scorecard.id', 'scorecard_rating.scorecard_id')
        .select(['scorecard_rating.rating', 'scorecard_rating.evidence'])
        .where('scorecard.application_id', '=', subject.id)
        .execute();
      expect(ratings.length).toBeGreaterThan(0);
      expect(ratings.every((r) => r.rating !== null && r.evidence === null)).toBe(true);
      const survey = await ctx.kysely
        .selectFrom('survey_response')
        .select(['recommend', 'comment'])
        .where('application_id', '=', subject.id)
        .executeTakeFirstOrThrow();
      expect({ recommend: Number(survey.recommend), comment: survey.comment }).toEqual({
        recommend: 9,
        comment: '',
      });
      // Another candidate of the same round keeps their data.
      const kept = await ctx.kysely
        .selectFrom('candidate')
        .select(['name', 'anonymised_at'])
        .where('id', '=', other.candidateId)
        .executeTakeFirstOrThrow();
      expect(kept).toEqual({ name: 'Tamsin Control', anonymised_at: null });
      // Once only: a second call does nothing and audits nothing.
      const again = await ctx.kysely
        .transaction()
        .execute((tx) =>
          anonymiseCandidate(tx, team.organisationId, subject.candidateId, 'system', 'retention', ctx.now()),
        );
      expect(again).toBe(false);
      const audits = await ctx.kysely
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'candidate.anonymised')
        .where('subject_id', '=', subject.candidateId)
        .execute();
      expect(audits).toHaveLength(1);
      expect(JSON.parse(audits[0]?.detail ?? '{}')).toMatchObject({ reason: 'retention' });

      if (dialect === 'sqlite') {
        // Not in the file's free pages nor in the write-ahead log either.
        const file = ctx.config.databaseUrl;
        const bytes = [file, `${file}-wal`]
          .filter((f) => existsSync(f))
          .map((f) => readFileSync(f).toString('latin1'))
          .join('');
        expect(bytes.length).toBeGreaterThan(0);
        expect(needles.filter((n) => bytes.includes(n))).toEqual([]);
        expect(bytes).toContain('Tamsin Control');
      }
    });
  },
  { sqliteFile: true },
);
