import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { assessedApplication } from '../../../test/support/factories/assessed.ts';
import {
  insertAssessmentApplication,
  insertAssessmentInterview,
  insertAssessmentRole,
} from '../../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import type { TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { boundTo } from '../jobs/job-context.ts';
import { composeJob, inlineLimit, sendJob } from './close-the-rest-job.ts';

// Wednesday 25 November 2026, 10:00 in London: inside the sending window.
const clock = new Date('2026-11-25T10:00:00.000Z');

describeEachDatabase(
  'close the rest as background jobs',
  (get) => {
    let app: ApiApp;
    let team: Team;

    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Bulk closure');
    });
    afterAll(async () => {
      await app.close();
    });

    const post = (member: TestMember, url: string, payload?: object) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: member.cookie },
        ...(payload !== undefined && { payload }),
      });
    const read = (url: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: team.manager.cookie } });

    it('more than 25 open applications compose and send as jobs with progress; every one gets its email', async () => {
      const { ctx } = get();
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      const scored = [];
      for (let i = 0; i < 3; i++)
        scored.push(await assessedApplication(ctx, app, team, role.id, `Scored ${i}`));
      const applied = [];
      for (let i = 0; i < 60; i++) {
        const a = await insertAssessmentApplication(ctx, {
          organisationId: team.organisationId,
          roleId: role.id,
          candidateName: `Applied ${String(i).padStart(2, '0')}`,
        });
        await ctx.kysely
          .updateTable('application')
          .set({ stage: 'applied' })
          .where('id', '=', a.id)
          .execute();
        applied.push(a);
      }
      const unscored = await insertAssessmentApplication(ctx, {
        organisationId: team.organisationId,
        roleId: role.id,
        candidateName: 'Unscored Interviewee',
      });
      await insertAssessmentInterview(ctx, {
        organisationId: team.organisationId,
        applicationId: unscored.id,
        interviewerIds: [team.interviewer.userId],
      });
      const all = [...scored, ...applied, unscored];
      expect(all.length).toBeGreaterThan(inlineLimit);
      const url = `/api/v1/roles/${role.id}/close-the-rest`;

      const started = await post(team.manager, url, {});
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json()).toMatchObject({
        kind: 'closure.close-the-rest.compose',
        status: 'queued',
        total: 2,
      });
      const jobId = started.json().id as string;
      // Asking again while it waits answers with the same job.
      expect((await post(team.manager, url, {})).json().id).toBe(jobId);
      expect((await read(url)).json().queue).toEqual([]);

      const runner = createJobRunner({ ctx: { ...ctx, now: () => clock }, handlers: [composeJob, sendJob] });
      expect(await runner.runOnce()).toMatchObject({ jobId, outcome: 'succeeded' });
      const job = (await read(`/api/v1/jobs/${jobId}`)).json();
      expect(job).toMatchObject({ status: 'succeeded', done: 2, total: 2, progress: 1 });
      expect(job.result).toEqual({ roleId: role.id, composed: all.length });

      const queue = (await read(url)).json().queue as {
        applicationId: string;
        kind: string;
        ready: boolean;
      }[];
      expect(queue).toHaveLength(all.length);
      expect(queue.filter((q) => q.kind === 'feedback')).toHaveLength(3);
      expect(queue.filter((q) => q.kind === 'screening' && q.ready)).toHaveLength(60);
      expect(queue.find((q) => q.applicationId === unscored.id)).toMatchObject({
        kind: 'without_scorecards',
        ready: false,
      });

      // Approve the drafts, give the note for the one without scorecards.
      const approved = await post(team.manager, `${url}/approve`, {
        applicationIds: scored.map((s) => s.id),
      });
      expect(approved.json().results.every((r: { status: string }) => r.status === 'approved')).toBe(true);
      const reasons = (await read(`/api/v1/roles/${role.id}/screening-reasons`)).json().reasons;
      const noted = await app.inject({
        method: 'PATCH',
        url: `${url}/${unscored.id}`,
        headers: { cookie: team.manager.cookie },
        payload: {
          screening: { reasons: [{ criterionKey: reasons[0].criterionKey }] },
          withoutScorecardsNote: 'The interviewer left before writing it up; the panel agreed.',
        },
      });
      expect(noted.statusCode, noted.body).toBe(200);
      expect(
        (await post(team.manager, `${url}/approve`, { applicationIds: [unscored.id] })).json().results,
      ).toEqual([{ applicationId: unscored.id, status: 'approved' }]);

      const sending = await post(team.manager, `${url}/send`, {});
      expect(sending.statusCode, sending.body).toBe(202);
      expect(sending.json()).toMatchObject({ kind: 'closure.close-the-rest.send', total: 2 });
      expect(await runner.runOnce()).toMatchObject({ jobId: sending.json().id, outcome: 'succeeded' });
      const sent = (await read(`/api/v1/jobs/${sending.json().id}`)).json();
      expect(sent.result.results).toHaveLength(all.length);
      expect(sent.result.results.every((r: { status: string }) => r.status === 'queued')).toBe(true);

      const messages = await ctx.kysely
        .selectFrom('message')
        .select(['application_id', 'template_key'])
        .where(
          'application_id',
          'in',
          all.map((a) => a.id),
        )
        .execute();
      expect(messages).toHaveLength(all.length);
      const templates = new Map(messages.map((m) => [m.application_id, m.template_key]));
      for (const s of scored) expect(templates.get(s.id)).toBe('not_progressing');
      for (const a of applied) expect(templates.get(a.id)).toBe('not_progressing_screening');
      expect(templates.get(unscored.id)).toBe('not_progressing_screening');
      expect((await read(url)).json().queue).toEqual([]);
      const report = (await read(`/api/v1/roles/${role.id}/closure-report`)).json();
      expect(report.rows.filter((r: { outcome: string }) => r.outcome === 'not_progressing')).toHaveLength(
        all.length,
      );
    });

    it('a few applications still answer in the request, unless a background job is asked for', async () => {
      const { ctx } = get();
      const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
      await insertAssessmentApplication(ctx, { organisationId: team.organisationId, roleId: role.id });
      const url = `/api/v1/roles/${role.id}/close-the-rest`;
      const inline = await post(team.manager, url, {});
      expect(inline.statusCode, inline.body).toBe(200);
      expect(inline.json().queue).toHaveLength(1);
      const asJob = await post(team.manager, `${url}/send`, { background: true });
      expect(asJob.statusCode, asJob.body).toBe(202);
      expect(asJob.json()).toMatchObject({ kind: 'closure.close-the-rest.send', total: 1 });
    });

    it("a service's own transaction inside a job step is a savepoint: its failure undoes only its work", async () => {
      const { ctx } = get();
      const count = async () =>
        Number(
          (
            await ctx.kysely
              .selectFrom('audit_event')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('action', 'like', 'savepoint.%')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const audit = (db: typeof ctx.kysely, action: string) =>
        db
          .insertInto('audit_event')
          .values({
            id: `${action}-${Math.random().toString(36).slice(2)}`,
            organisation_id: team.organisationId,
            actor_type: 'system',
            actor_id: null,
            action,
            subject_type: 'role',
            subject_id: 'x',
            detail: '{}',
            created_at: clock.toISOString(),
          })
          .execute();
      await ctx.kysely.transaction().execute(async (tx) => {
        const bound = boundTo(ctx, tx);
        await audit(bound.kysely, 'savepoint.kept');
        await expect(
          bound.kysely.transaction().execute(async (inner) => {
            await audit(inner, 'savepoint.undone');
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        await bound.kysely.transaction().execute((inner) => audit(inner, 'savepoint.nested'));
      });
      expect(await count()).toBe(2);
    });
  },
  { now: () => clock },
);
