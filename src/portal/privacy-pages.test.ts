import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import { everyRowAsText, tablesContaining } from '../../test/support/every-row.ts';
import { insertAssessmentApplication } from '../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../test/support/factories/decision-clock.ts';
import type { AppContext } from '../app-context.ts';
import { joinNetwork } from '../features/network/network.service.ts';
import type { ApiApp } from '../http/types.ts';
import { newId } from '../ids.ts';
import { issueCandidateLink } from './links.ts';

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

function csrfFor(page: string, action: string): string {
  const at = page.indexOf(`action="${action}"`);
  expect(at, `form ${action}`).toBeGreaterThan(-1);
  const match = /name="csrf" value="([^"]+)"/.exec(page.slice(at));
  if (!match?.[1]) throw new Error(`no csrf for ${action}`);
  return match[1];
}

describeEachDatabase('candidate page: my data and deleting it', (get) => {
  let app: ApiApp;
  let team: Team;
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    team = await makeTeam(ctx, 'Privacy pages');
  });
  afterAll(async () => app.close());

  /** A candidate told they did not progress, who rated the process and asked for a call, in the network. */
  let phones = 100;
  async function candidate(name: string) {
    const phone = `07700 900${phones++}`;
    const application = await insertAssessmentApplication(ctx, {
      organisationId: team.organisationId,
      candidateName: name,
    });
    const at = ctx.now().toISOString();
    await ctx.kysely
      .updateTable('application')
      .set({ stage: 'closed', outcome: 'not_progressing', decided_at: at, told_at: at, told_via: 'email' })
      .where('id', '=', application.id)
      .execute();
    await ctx.kysely
      .updateTable('candidate')
      .set({ phone, location: 'Truro' })
      .where('id', '=', application.candidateId)
      .execute();
    await ctx.kysely
      .insertInto('survey_response')
      .values({
        id: newId(),
        organisation_id: team.organisationId,
        application_id: application.id,
        recommend: 7,
        told_when_promised: 4,
        feedback_useful: 3,
        treated_with_respect: 5,
        comment: `Comment by ${name}: the lighting desk was ancient`,
        created_at: at,
      })
      .execute();
    await ctx.kysely
      .insertInto('feedback_call_request')
      .values({
        id: newId(),
        organisation_id: team.organisationId,
        candidate_id: application.candidateId,
        application_id: application.id,
        note: `Question from ${name} about rigging`,
        preferred_times: 'Weekday mornings',
        created_at: at,
      })
      .execute();
    await ctx.kysely
      .transaction()
      .execute((tx) =>
        joinNetwork(tx, team.organisationId, application.candidateId, 'candidate_page', ctx.now()),
      );
    const { email } = await ctx.kysely
      .selectFrom('candidate')
      .select('email')
      .where('id', '=', application.candidateId)
      .executeTakeFirstOrThrow();
    const url = await issueCandidateLink(ctx.kysely, ctx, {
      organisationId: team.organisationId,
      candidateId: application.candidateId,
    });
    return { ...application, email, phone, path: new URL(url).pathname };
  }
  const get_ = (url: string) => app.inject({ method: 'GET', url });
  const post = (url: string, values: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(values).toString(),
      headers: formHeaders,
    });

  it('shows everything held about them as a readable page, in plain words, beside the JSON', async () => {
    const c = await candidate('Senara Readable');
    const main = (await get_(c.path)).body;
    expect(main).toContain(`href="${c.path}/my-data"`);
    expect(main).toContain(`href="${c.path}/my-data.json"`);
    const res = await get_(`${c.path}/my-data`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const page = res.body;
    expect(page).toContain('Everything we hold about you');
    for (const text of [
      'Senara Readable',
      c.email,
      c.phone,
      'Truro',
      'Not progressing',
      'the lighting desk was ancient',
      'about rigging',
      'Weekday mornings',
      '7 out of 10',
      'Joined',
    ]) {
      expect(page).toContain(text);
    }
    expect(page).not.toMatch(/>\s*closed\s*</i);
    expect(page).not.toContain('<script');
  });

  it('deletes their data at once after asking, keeps the request as proof, and the page reflects it', async () => {
    const c = await candidate('Ythan Deleteme');
    const needles = [
      'Ythan Deleteme',
      'Deleteme',
      c.email,
      c.phone,
      'Question from Ythan',
      'Comment by Ythan',
    ];
    const confirm = (await get_(`${c.path}/delete-my-data`)).body;
    expect(confirm).toContain('As soon as you confirm, straight away');
    expect(confirm).toContain('you leave our talent network');
    const csrf = csrfFor(confirm, `${c.path}/delete-my-data`);
    // Without the confirmation field: back to the question, nothing done.
    const unconfirmed = await post(`${c.path}/delete-my-data`, { csrf });
    expect(unconfirmed.statusCode).toBe(303);
    expect(unconfirmed.headers.location).toBe(`${c.path}/delete-my-data`);
    expect(tablesContaining(await everyRowAsText(ctx), needles).length).toBeGreaterThan(0);
    // A forged form does nothing.
    expect(
      (await post(`${c.path}/delete-my-data`, { csrf: 'x'.repeat(43), confirm: 'yes' })).statusCode,
    ).toBe(403);

    const done = await post(`${c.path}/delete-my-data`, { csrf, confirm: 'yes' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('Your data has been deleted');
    expect(done.body).not.toContain('Ythan');
    // The page reflects it at once: the link no longer opens anything.
    expect((await get_(c.path)).statusCode).toBe(404);
    expect((await get_(`${c.path}/my-data`)).statusCode).toBe(404);

    expect(tablesContaining(await everyRowAsText(ctx), needles)).toEqual([]);
    const requests = await ctx.kysely
      .selectFrom('data_request')
      .select(['kind', 'status', 'closed_at'])
      .where('candidate_id', '=', c.candidateId)
      .execute();
    expect(requests).toMatchObject([{ kind: 'deletion', status: 'done' }]);
    // Integrators hear of it once, with ids only.
    const events = await ctx.kysely
      .selectFrom('webhook_event')
      .select('payload')
      .where('organisation_id', '=', team.organisationId)
      .where('type', '=', 'data_request.received')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([
      expect.objectContaining({ candidateId: c.candidateId, kind: 'deletion' }),
    ]);
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('organisation_id', '=', team.organisationId)
      .where('action', '=', 'candidate.anonymised')
      .where('subject_id', '=', c.candidateId)
      .execute();
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ reason: 'erasure_request', requestsMet: 1 });
    // The figures stay: the application and its survey rating.
    const survey = await ctx.kysely
      .selectFrom('survey_response')
      .select('recommend')
      .where('application_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(survey.recommend)).toBe(7);
    const admins = await app.inject({ url: '/api/v1/data-requests', headers: { cookie: team.admin.cookie } });
    const kept = admins.json().data.find((r: { candidate: unknown; status: string }) => r.status === 'done');
    expect(kept).toMatchObject({ status: 'done', candidate: null });
  });

  it('on legal hold records the request due in one month, notifies the admins, and says so on the page', async () => {
    const c = await candidate('Gwithian Onhold');
    const hold = await app.inject({
      method: 'PUT',
      url: `/api/v1/candidates/${c.candidateId}/legal-hold`,
      headers: { cookie: team.admin.cookie },
      payload: { reason: 'County court claim in progress' },
    });
    expect(hold.statusCode, hold.body).toBe(200);
    const confirm = (await get_(`${c.path}/delete-my-data`)).body;
    expect(confirm).toContain('because of a legal claim');
    const res = await post(`${c.path}/delete-my-data`, {
      csrf: csrfFor(confirm, `${c.path}/delete-my-data`),
      confirm: 'yes',
    });
    expect(res.statusCode).toBe(303);
    const rows = await ctx.kysely
      .selectFrom('data_request')
      .select(['status', 'requested_at', 'due_at'])
      .where('candidate_id', '=', c.candidateId)
      .execute();
    expect(rows).toMatchObject([{ status: 'open' }]);
    const days =
      (new Date(rows[0]?.due_at ?? '').getTime() - new Date(rows[0]?.requested_at ?? '').getTime()) /
      86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);
    const notes = await ctx.kysely
      .selectFrom('notification')
      .select(['user_id', 'title'])
      .where('organisation_id', '=', team.organisationId)
      .where('kind', '=', 'data_request')
      .where('title', 'like', '%legal hold%')
      .execute();
    expect(notes.map((n) => n.user_id)).toEqual([team.admin.userId]);
    expect(notes[0]?.title).not.toContain('Gwithian');
    const after = (await get_(res.headers.location as string)).body;
    expect(after).toContain('because of a legal claim');
    expect(after).toContain('You asked us to delete your data on');
    const state = await ctx.kysely
      .selectFrom('candidate')
      .select(['name', 'anonymised_at'])
      .where('id', '=', c.candidateId)
      .executeTakeFirstOrThrow();
    expect(state).toEqual({ name: 'Gwithian Onhold', anonymised_at: null });
  });
});
