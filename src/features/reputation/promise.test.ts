// The public response promise on both databases: /p/{slug} and its badge are 404 until an admin
// publishes and while fewer than 10 candidates were told in 12 months, then show the live figures
// (the preview says the same first), and never anything that identifies a person.
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApplication } from '../../../test/support/factories/applications.ts';
import {
  makeMember,
  makeOrganisation,
  type TestMember,
} from '../../../test/support/factories/organisations.ts';
import type { AppContext } from '../../app-context.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { rebuildOrganisation } from './rollup.repository.ts';

const now = new Date('2026-04-01T12:00:00.000Z');

async function toldApplication(ctx: AppContext, organisationId: string, n: number, late: boolean) {
  const app = await makeApplication(ctx, {
    organisationId,
    stage: 'not_progressing',
    candidateName: `Jordan Candidate${n}`,
    candidateEmail: `jordan${n}@example.test`,
  });
  // Interview Monday 2 March; told Wednesday 4 March (2 working days), or Monday 16 March when late.
  const told = late ? '2026-03-16T10:00:00.000Z' : '2026-03-04T10:00:00.000Z';
  await ctx.kysely
    .updateTable('application')
    .set({
      outcome: 'not_progressing',
      last_interview_ended_at: '2026-03-02T16:00:00.000Z',
      decided_at: '2026-03-03T09:00:00.000Z',
      decision_due_date: '2026-03-09',
      decision_due_at: '2026-03-09T23:59:59.999Z',
      told_at: told,
      told_via: 'email',
    })
    .where('id', '=', app.id)
    .execute();
  await ctx.kysely
    .insertInto('survey_response')
    .values({
      id: newId(),
      organisation_id: organisationId,
      application_id: app.id,
      recommend: n % 2 === 0 ? 10 : 7,
      told_when_promised: 4,
      feedback_useful: 4,
      treated_with_respect: 5,
      comment: `Jordan Candidate${n} here, call me on 07700 900${String(n).padStart(3, '0')}`,
      created_at: '2026-03-20T10:00:00.000Z',
    })
    .execute();
  // Written as rows, past the services: the rollup is recounted from them.
  await rebuildOrganisation(ctx.kysely, organisationId);
}

describeEachDatabase(
  'public response promise',
  (get) => {
    let ctx: AppContext;
    let app: ApiApp;
    let admin: TestMember;
    let slug: string;
    let organisationId: string;
    const page = () => app.inject({ method: 'GET', url: `/p/${slug}` });
    const badge = () => app.inject({ method: 'GET', url: `/p/${slug}/badge.svg` });
    beforeAll(async () => {
      ctx = get().ctx;
      app = await buildTestApp(ctx);
      const org = await makeOrganisation(ctx, { name: 'Riverside <Halls>' });
      organisationId = org.id;
      slug = org.slug;
      admin = await makeMember(ctx, { organisationId, role: 'admin' });
      for (let n = 0; n < 9; n += 1) await toldApplication(ctx, organisationId, n, n === 0);
    });

    it('is 404 until published', async () => {
      expect((await page()).statusCode).toBe(404);
      expect((await badge()).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/p/no-such-organisation' })).statusCode).toBe(404);
    });

    it('stays 404 when published with fewer than 10 closures, and the preview says why', async () => {
      const patch = await app.inject({
        method: 'PATCH',
        url: '/api/v1/reputation/settings',
        headers: { cookie: admin.cookie },
        payload: { published: true },
      });
      expect(patch.statusCode).toBe(200);
      expect(patch.json()).toMatchObject({ published: true, slug });
      const preview = await app.inject({
        method: 'GET',
        url: '/api/v1/reputation/preview',
        headers: { cookie: admin.cookie },
      });
      expect(preview.json()).toMatchObject({ published: true, closures: 9, enoughData: false, lines: [] });
      expect((await page()).statusCode).toBe(404);
      expect((await badge()).statusCode).toBe(404);
    });

    it('shows the live figures from 10 closures, page and badge, with nothing identifying', async () => {
      await toldApplication(ctx, organisationId, 9, false);
      const preview = await app.inject({
        method: 'GET',
        url: '/api/v1/reputation/preview',
        headers: { cookie: admin.cookie },
      });
      // 9 of 10 told by the deadline; median 2 working days; NPS: 5 promoters, 0 detractors of 10.
      expect(preview.json()).toMatchObject({ closures: 10, enoughData: true });
      const lines: string[] = preview.json().lines;
      expect(lines).toContain('90% of candidates heard by the date we promised');
      expect(lines.some((l) => l.startsWith('Typically 2 working days'))).toBe(true);
      expect(lines).toContain('NPS +50 from 10 candidates');

      const html = await page();
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.body).toContain('Riverside &lt;Halls&gt;');
      expect(html.body).not.toContain('<script');
      for (const line of lines) expect(html.body).toContain(line);
      const svg = await badge();
      expect(svg.statusCode).toBe(200);
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.body).toContain('90% of candidates heard');
      for (const body of [html.body, svg.body]) {
        expect(body).not.toContain('Jordan');
        expect(body).not.toContain('example.test');
        expect(body).not.toContain('07700');
      }
    });

    it('is 404 again once withdrawn, and only admins change it', async () => {
      const manager = await makeMember(ctx, { organisationId, role: 'manager' });
      const denied = await app.inject({
        method: 'PATCH',
        url: '/api/v1/reputation/settings',
        headers: { cookie: manager.cookie },
        payload: { published: false },
      });
      expect(denied.statusCode).toBe(403);
      const patch = await app.inject({
        method: 'PATCH',
        url: '/api/v1/reputation/settings',
        headers: { cookie: admin.cookie },
        payload: { published: false, surveyWorkingDays: 4 },
      });
      expect(patch.json()).toMatchObject({ published: false, surveyWorkingDays: 4 });
      expect((await page()).statusCode).toBe(404);
      expect((await badge()).statusCode).toBe(404);
      const audit = await ctx.kysely
        .selectFrom('audit_event')
        .select(['action'])
        .where('organisation_id', '=', organisationId)
        .where('action', 'like', 'reputation.%')
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'reputation.promise_published',
        'reputation.promise_unpublished',
      ]);
    });
  },
  { now: () => now },
);
