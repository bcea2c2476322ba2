import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertTestMemberUser,
  makeApplication,
  makeInterview,
} from '../../../test/support/factories/applications.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { feedbackFindingKinds } from '../../domain/feedback/check.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { feedbackCheckSchema, feedbackFindingKindSchema } from './feedback.schema.ts';

const good = `Dear Sam,

Thank you for interviewing for the AV Technician role. Your fault-finding was methodical: you traced the planted fault to the crossed tie line in under ten minutes. Your client communication in the role-play was clear and calm.

The area to develop is Dante: you could not yet explain how it picks a clock leader, and the sample-rate mismatch went unnoticed. Dante Certification Level 2 would close that gap, and we would welcome an application once you have it.

Best wishes,
Priya Shah`;

const privateNote =
  'Not sure he would cope with a Saturday changeover on his own. Wants more money than the band.';
/** Names an interviewer in the body and repeats the private note. */
const leaky = good.replace(
  'Your client communication',
  'Tom felt you were not sure he would cope with a Saturday changeover on his own. Your client communication',
);

describeEachDatabase('feedback check API', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  let applicationId: string;
  beforeAll(async () => {
    const { ctx } = get();
    app = await buildTestApp(ctx);
    manager = await makeMember(ctx, { role: 'manager' });
    const application = await makeApplication(ctx, {
      organisationId: manager.organisationId,
      candidateName: 'Sam Okafor',
      stage: 'awaiting_decision',
    });
    applicationId = application.id;
    const priya = await insertTestMemberUser(ctx, {
      organisationId: manager.organisationId,
      name: 'Priya Shah',
    });
    const tom = await insertTestMemberUser(ctx, {
      organisationId: manager.organisationId,
      name: 'Tom Briggs',
    });
    const interview = await makeInterview(ctx, {
      organisationId: manager.organisationId,
      applicationId,
      interviewerIds: [priya.userId, tom.userId],
    });
    const at = ctx.now().toISOString();
    await ctx.kysely
      .insertInto('scorecard')
      .values({
        id: newId(),
        organisation_id: manager.organisationId,
        interview_id: interview.id,
        application_id: applicationId,
        interviewer_id: tom.userId,
        framework_id: 'builtin-av-technician-v1',
        framework_version_id: 'builtin-av-technician-v1',
        status: 'submitted',
        recommendation: 'no',
        private_notes: privateNote,
        submitted_at: at,
        amended_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  afterAll(async () => app.close());

  const check = (payload: object, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/feedback/check', headers, payload });

  it('passes specific feedback, in the documented shape', async () => {
    const res = await check({ text: good }, { cookie: manager.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ pass: true, score: 100, findings: [] });
  });

  it('reports findings with offsets into the text', async () => {
    const text = `${good}\n\nPS: we felt you were overqualified and not the right fit.`;
    const res = await check({ text }, { cookie: manager.cookie });
    const body = feedbackCheckSchema.parse(res.json());
    expect(body.pass).toBe(false);
    const spans = body.findings.map((f) => [f.kind, text.slice(f.start, f.end)]);
    expect(spans).toEqual(
      expect.arrayContaining([
        ['protected-characteristic', 'overqualified'],
        ['vague', 'not the right fit'],
      ]),
    );
    expect(body.score).toBe(60);
  });

  it("checks against the application's interviewers and their private notes", async () => {
    // Without the application, "Tom felt you…" still reads as a colleague's view; the note is unknown.
    const without = (await check({ text: leaky }, { cookie: manager.cookie })).json();
    expect(
      without.findings.map((f: { kind: string; start: number; end: number }) => [
        f.kind,
        leaky.slice(f.start, f.end),
      ]),
    ).toEqual([['interviewer-name', 'Tom']]);

    const res = await check({ text: leaky, applicationId }, { cookie: manager.cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pass).toBe(false);
    const found = body.findings.map((f: { kind: string; start: number; end: number }) => [
      f.kind,
      leaky.slice(f.start, f.end),
    ]);
    expect(found).toEqual([
      ['interviewer-name', 'Tom'],
      ['private-note-leak', 'not sure he would cope with a Saturday changeover on his own'],
    ]);
    // The note itself never comes back.
    expect(JSON.stringify(body)).not.toContain('Wants more money');
    // The signature is an interviewer too, and is not a finding.
    expect(found.map(([, span]: [string, string]) => span)).not.toContain('Priya Shah');
  });

  it("answers 404 for another organisation's application, and 400 for a missing text", async () => {
    const foreign = await makeApplication(get().ctx);
    const res = await check({ text: good, applicationId: foreign.id }, { cookie: manager.cookie });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'not_found', message: 'Application not found' });
    const unknown = await check(
      { text: good, applicationId: 'no-such-application' },
      { cookie: manager.cookie },
    );
    expect(unknown.statusCode).toBe(404);

    const invalid = await check({ applicationId }, { cookie: manager.cookie });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('validation_failed');
    expect(invalid.json().error.message).toContain('text');
  });

  it('refuses a text over the limit with a 400 naming it, and answers a long hostile one at once', async () => {
    const over = await check({ text: 'a'.repeat(20_001) }, { cookie: manager.cookie });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({
      code: 'validation_failed',
      field: 'text',
      message: 'text: is longer than 20,000 characters: shorten it',
    });
    // The reported attack: 20,000 newlines once held the server for 21 s. Correctness only here;
    // its cost against normal text is measured in bench/feedback-check.ts.
    const newlines = await check({ text: '\n'.repeat(20_000) }, { cookie: manager.cookie });
    expect(newlines.statusCode).toBe(200);
    expect(newlines.json().pass).toBe(false);
  });

  it('lets any member or API key check, and no one else', async () => {
    const interviewer = await makeMember(get().ctx, {
      role: 'interviewer',
      organisationId: manager.organisationId,
    });
    expect((await check({ text: good, applicationId }, { cookie: interviewer.cookie })).statusCode).toBe(200);
    const key = await makeApiKey(get().ctx, { organisationId: manager.organisationId });
    expect((await check({ text: good, applicationId }, key.headers)).statusCode).toBe(200);
    const otherKey = await makeApiKey(get().ctx);
    expect((await check({ text: good, applicationId }, otherKey.headers)).statusCode).toBe(404);
    const anonymous = await check({ text: good }, {});
    expect(anonymous.statusCode).toBe(401);
  });

  it('documents the route, with the same kinds as the check', async () => {
    expect(feedbackFindingKindSchema.options).toEqual([...feedbackFindingKinds]);
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/feedback/check'].post.summary).toBe(
      'Check candidate feedback before it is sent',
    );
  });
});
