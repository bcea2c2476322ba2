import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertAssessmentApplication,
  insertAssessmentInterview,
  scorecardBody,
  type TestRoleLevel,
} from '../../../test/support/factories/assessment.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { type Nation, workingDaysBetween } from '../../domain/calendar.ts';
import { avTechnicianFramework } from '../../domain/frameworks/av-technician.ts';
import { defaultRequirements } from '../../domain/frameworks/requirements.ts';
import type { ApiApp } from '../../http/types.ts';
import { dueScorecardReminders } from './scorecards.repository.ts';

const keys = avTechnicianFramework.criteria.map((c) => c.key);
const builtInId = 'builtin-av-technician-v1';
const hour = 60 * 60 * 1000;

describeEachDatabase('scorecards API', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  let manager: TestMember;
  let organisationId: string;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin', name: 'Ada Admin' });
    organisationId = admin.organisationId;
    manager = await makeMember(get().ctx, { role: 'manager', organisationId, name: 'Morgan Manager' });
  });
  afterAll(async () => app.close());

  async function setup(options: { level?: TestRoleLevel; endsInFuture?: boolean } = {}) {
    const ctx = get().ctx;
    const a = await makeMember(ctx, { role: 'interviewer', organisationId, name: 'Alex Amp' });
    const b = await makeMember(ctx, { role: 'interviewer', organisationId, name: 'Bea Boom' });
    const application = await insertAssessmentApplication(ctx, {
      organisationId,
      ...(options.level && { level: options.level }),
    });
    const now = ctx.now().getTime();
    const interview = await insertAssessmentInterview(ctx, {
      organisationId,
      applicationId: application.id,
      interviewerIds: [a.userId, b.userId],
      ...(options.endsInFuture && { startsAt: new Date(now - hour), endsAt: new Date(now + hour) }),
    });
    return { a, b, application, interview };
  }

  const open = (member: { cookie: string }, interviewId: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/scorecards',
      headers: { cookie: member.cookie },
      payload: { interviewId },
    });
  const save = (member: { cookie: string }, id: string, payload: object) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/scorecards/${id}`,
      headers: { cookie: member.cookie },
      payload,
    });
  const submit = (member: { cookie: string }, id: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/submit`,
      headers: { cookie: member.cookie },
    });
  const read = (member: { cookie: string }, id: string) =>
    app.inject({ url: `/api/v1/scorecards/${id}`, headers: { cookie: member.cookie } });

  async function fill(member: TestMember, interviewId: string, body: ReturnType<typeof scorecardBody>) {
    const id = (await open(member, interviewId)).json().id as string;
    expect((await save(member, id, body)).statusCode).toBe(200);
    const submitted = await submit(member, id);
    expect(submitted.statusCode, submitted.body).toBe(200);
    return id;
  }

  it("opens a draft against the role's framework version, once per interviewer, and saves it idempotently", async () => {
    const { a, interview, application } = await setup();
    const created = await open(a, interview.id);
    expect(created.statusCode).toBe(201);
    const card = created.json();
    expect(card).toMatchObject({
      interviewId: interview.id,
      applicationId: application.id,
      interviewer: { id: a.userId, name: 'Alex Amp' },
      status: 'draft',
      recommendation: null,
      privateNotes: null,
      framework: { id: builtInId, versionId: builtInId, version: 1 },
      permissions: { edit: true, amend: false },
    });
    expect(card.ratings.map((r: { criterionKey: string }) => r.criterionKey)).toEqual(keys);
    expect(card.dueSince).toBe(interview.endsAt);

    const again = await open(a, interview.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(card.id);

    const draft = {
      ratings: [
        { criterionKey: 'audio', rating: 3, evidence: 'Rang out the wedge with two narrow cuts.' },
        { criterionKey: 'video', rating: null, evidence: 'Still thinking' },
      ],
      recommendation: 'yes',
      privateNotes: 'Typed while they set up',
    };
    const first = await save(a, card.id, draft);
    expect(first.statusCode).toBe(200);
    const second = await save(a, card.id, draft);
    const strip = (c: { updatedAt: string }) => ({ ...c, updatedAt: undefined });
    expect(strip(second.json())).toEqual(strip(first.json()));
    const audio = second.json().ratings.find((r: { criterionKey: string }) => r.criterionKey === 'audio');
    expect(audio).toEqual({
      criterionKey: 'audio',
      name: 'Audio',
      rating: 3,
      evidence: 'Rang out the wedge with two narrow cuts.',
      notAssessed: false,
    });
    expect(second.json().privateNotes).toBe('Typed while they set up');

    // A PUT is the whole content: criteria left out are cleared.
    const replaced = (await save(a, card.id, { ratings: [{ criterionKey: 'lighting', rating: 2 }] })).json();
    expect(replaced.ratings.filter((r: { rating: number | null }) => r.rating !== null)).toEqual([
      { criterionKey: 'lighting', name: 'Lighting', rating: 2, evidence: null, notAssessed: false },
    ]);
    expect(replaced.recommendation).toBeNull();

    const detail = (await read(a, card.id)).json();
    expect(detail.guide).toHaveLength(9);
    expect(detail.guide[0]).toMatchObject({ key: 'signal_flow', name: 'Signal flow and fault-finding' });
    expect(detail.guide[0].kit.length).toBeGreaterThanOrEqual(2);
    expect(detail.guide[0].descriptors.competent).toContain('patch bay');
  });

  it('submits with a criterion "Not assessed", which then counts for nothing', async () => {
    const { a, application, interview } = await setup();
    const id = (await open(a, interview.id)).json().id;
    const [skipped, ...rest] = keys;
    const body = scorecardBody(rest, { rating: 3 });
    const withSkip = {
      ...body,
      ratings: [{ criterionKey: skipped!, rating: 4, evidence: null, notAssessed: true }, ...body.ratings],
    };
    expect((await save(a, id, withSkip)).statusCode).toBe(200);
    const draft = (await read(a, id)).json();
    expect(draft.ratings.find((r: { criterionKey: string }) => r.criterionKey === skipped)).toMatchObject({
      rating: null,
      notAssessed: true,
    });
    const submitted = await submit(a, id);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const summary = (
      await app.inject({
        url: `/api/v1/applications/${application.id}/summary`,
        headers: { cookie: manager.cookie },
      })
    ).json();
    const criterion = summary.criteria.find((c: { key: string }) => c.key === skipped);
    expect(criterion.ratings).toHaveLength(0);
    expect(criterion.mean).toBeNull();
    // Shown as not assessed by that scorecard, and only on that criterion.
    expect(criterion.notAssessedBy).toEqual([id]);
    for (const c of summary.criteria.filter((c: { key: string }) => c.key !== skipped))
      expect(c.notAssessedBy).toEqual([]);
    // Submitting refreshed the candidate's fit summary for talent-network matching.
    const fit = await get()
      .ctx.kysely.selectFrom('network_fit')
      .select(['criterion_key', 'level'])
      .where('candidate_id', '=', application.candidateId)
      .orderBy('criterion_key')
      .execute();
    expect(fit).toEqual([...rest].sort().map((criterion_key) => ({ criterion_key, level: 3 })));
  });

  it('refuses a scorecard where every criterion is "Not assessed"', async () => {
    const { a, interview } = await setup();
    const id = (await open(a, interview.id)).json().id;
    await save(a, id, {
      ratings: keys.map((criterionKey) => ({ criterionKey, rating: null, notAssessed: true })),
      recommendation: 'yes',
    });
    const refused = await submit(a, id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('rate at least one');
  });

  it('refuses to submit until complete, naming the criterion, then locks', async () => {
    const { a, interview } = await setup();
    const id = (await open(a, interview.id)).json().id;

    const empty = await submit(a, id);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      code: 'validation_failed',
      field: 'ratings.signal_flow.rating',
    });
    expect(empty.json().error.message).toContain(
      'Signal flow and fault-finding (signal_flow): choose a rating',
    );
    expect(empty.json().error.message).toContain('recommendation');

    const noEvidence = scorecardBody(keys, {
      ratings: { audio: 4, lighting: 1 },
      evidence: (key, rating) => (rating === 4 || rating === 1 ? '   ' : `Saw ${key}`),
    });
    await save(a, id, noEvidence);
    const missing = await submit(a, id);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('ratings.audio.evidence');
    expect(missing.json().error.message).toContain(
      'Audio (audio): evidence is required for a rating of 4 (Strong)',
    );
    expect(missing.json().error.message).toContain(
      'Lighting (lighting): evidence is required for a rating of 1',
    );

    // Ratings of 2 and 3 may go without evidence.
    await save(a, id, scorecardBody(keys, { rating: 2, evidence: () => null, recommendation: 'no' }));
    const ok = await submit(a, id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted', recommendation: 'no', dueSince: null });
    expect(ok.json().submittedAt).toBeTruthy();
    expect(ok.json().permissions).toEqual({ edit: false, amend: true });

    expect((await save(a, id, scorecardBody(keys))).statusCode).toBe(409);
    expect((await submit(a, id)).statusCode).toBe(409);
  });

  it('names the field when a draft is malformed', async () => {
    const { a, interview } = await setup();
    const id = (await open(a, interview.id)).json().id;
    const unknown = await save(a, id, { ratings: [{ criterionKey: 'juggling', rating: 3 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('ratings.0.criterionKey');
    expect(unknown.json().error.message).toContain('"juggling" is not on this scorecard');
    const level = await save(a, id, { ratings: [{ criterionKey: 'audio', rating: 5 }] });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.field).toBe('ratings.0.rating');
    const neutral = await save(a, id, { ratings: [], recommendation: 'maybe' });
    expect(neutral.statusCode).toBe(400);
    expect(neutral.json().error.field).toBe('recommendation');
    const twice = await save(a, id, {
      ratings: [
        { criterionKey: 'audio', rating: 3 },
        { criterionKey: 'audio', rating: 2 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.field).toBe('ratings.1.criterionKey');
  });

  it("lets only the interview's interviewers write its scorecards", async () => {
    const { a, b, interview } = await setup();
    const outsider = await makeMember(get().ctx, { role: 'interviewer', organisationId });
    expect((await open(outsider, interview.id)).statusCode).toBe(403);
    expect((await open(manager, interview.id)).statusCode).toBe(403);
    const key = await makeApiKey(get().ctx, { organisationId });
    const byKey = await app.inject({
      method: 'POST',
      url: '/api/v1/scorecards',
      headers: key.headers,
      payload: { interviewId: interview.id },
    });
    expect(byKey.statusCode).toBe(403);

    const id = (await open(a, interview.id)).json().id;
    expect((await save(b, id, scorecardBody(keys))).statusCode).toBe(403);
    expect((await save(admin, id, scorecardBody(keys))).statusCode).toBe(403);
    expect((await submit(b, id)).statusCode).toBe(403);

    // Taken off the interview: no longer writes its scorecard.
    await get()
      .ctx.kysely.deleteFrom('interview_interviewer')
      .where('interview_id', '=', interview.id)
      .where('user_id', '=', a.userId)
      .execute();
    expect((await save(a, id, scorecardBody(keys))).statusCode).toBe(403);

    const unknown = await open(a, 'no-such-interview');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('interviewId');
  });

  it('refuses a submission before the interview has started', async () => {
    const { a, application } = await setup();
    const now = get().ctx.now().getTime();
    const later = await insertAssessmentInterview(get().ctx, {
      organisationId,
      applicationId: application.id,
      interviewerIds: [a.userId],
      startsAt: new Date(now + 24 * hour),
    });
    const id = (await open(a, later.id)).json().id;
    await save(a, id, scorecardBody(keys));
    const early = await submit(a, id);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/interview has started/);
  });

  it('keeps interviewers independent until they have submitted their own', async () => {
    const { a, b, interview, application } = await setup();
    const aId = await fill(
      a,
      interview.id,
      scorecardBody(keys, { rating: 3, privateNotes: 'A-PRIVATE-7731' }),
    );
    const bId = (await open(b, interview.id)).json().id;

    const blocked = await read(b, aId);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toMatch(/independent/);
    const listBefore = (
      await app.inject({
        url: `/api/v1/scorecards?applicationId=${application.id}`,
        headers: { cookie: b.cookie },
      })
    ).json();
    expect(listBefore.data.map((s: { id: string }) => s.id)).toEqual([bId]);
    const summaryBefore = await app.inject({
      url: `/api/v1/applications/${application.id}/summary`,
      headers: { cookie: b.cookie },
    });
    expect(summaryBefore.statusCode).toBe(403);

    // A, having submitted, still cannot see B's draft.
    expect((await read(a, bId)).statusCode).toBe(403);

    await save(b, bId, scorecardBody(keys, { rating: 2, privateNotes: 'B-PRIVATE-4410' }));
    expect((await submit(b, bId)).statusCode).toBe(200);

    const seen = await read(b, aId);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).not.toHaveProperty('privateNotes');
    expect(seen.body).not.toContain('A-PRIVATE-7731');
    const listAfter = (
      await app.inject({
        url: `/api/v1/scorecards?applicationId=${application.id}`,
        headers: { cookie: b.cookie },
      })
    ).json();
    expect(listAfter.data.map((s: { id: string }) => s.id).sort()).toEqual([aId, bId].sort());

    // Managers and admins see everything, private notes included; an API key without them.
    const byManager = (await read(manager, aId)).json();
    expect(byManager.privateNotes).toBe('A-PRIVATE-7731');
    const key = await makeApiKey(get().ctx, { organisationId });
    const byKey = await app.inject({ url: `/api/v1/scorecards/${aId}`, headers: key.headers });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.body).not.toContain('A-PRIVATE-7731');
  });

  it('shows managers every scorecard, drafts included, and filters the list', async () => {
    const { a, b, interview, application } = await setup();
    const aId = await fill(a, interview.id, scorecardBody(keys));
    const bId = (await open(b, interview.id)).json().id;
    const all = (
      await app.inject({
        url: `/api/v1/scorecards?applicationId=${application.id}`,
        headers: { cookie: manager.cookie },
      })
    ).json();
    expect(all.data.map((s: { id: string; status: string }) => [s.id, s.status]).sort()).toEqual(
      [
        [aId, 'submitted'],
        [bId, 'draft'],
      ].sort(),
    );
    const drafts = (
      await app.inject({
        url: `/api/v1/scorecards?applicationId=${application.id}&status=draft`,
        headers: { cookie: manager.cookie },
      })
    ).json();
    expect(drafts.data.map((s: { id: string }) => s.id)).toEqual([bId]);
    const mine = (
      await app.inject({ url: '/api/v1/scorecards?interviewerId=me', headers: { cookie: a.cookie } })
    ).json();
    expect(mine.data.map((s: { id: string }) => s.id)).toEqual([aId]);
    expect(JSON.stringify(all)).not.toContain('privateNotes');
  });

  it('records an amendment with before and after, by the author or an admin only', async () => {
    const { a, b, interview } = await setup();
    const id = await fill(a, interview.id, scorecardBody(keys, { rating: 3 }));
    await fill(b, interview.id, scorecardBody(keys, { rating: 3 }));

    const noReason = await app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/amend`,
      headers: { cookie: a.cookie },
      payload: scorecardBody(keys, { rating: 3 }),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');

    const amended = await app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/amend`,
      headers: { cookie: a.cookie },
      payload: {
        ...scorecardBody(keys, { rating: 3, ratings: { audio: 4 } }),
        reason: 'Remembered the RF rescan',
      },
    });
    expect(amended.statusCode).toBe(200);
    expect(amended.json().amendedAt).toBeTruthy();
    expect(amended.json().status).toBe('submitted');

    const incomplete = await app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/amend`,
      headers: { cookie: a.cookie },
      payload: {
        ...scorecardBody(keys, { ratings: { video: 1 }, evidence: (k, r) => (r === 1 ? null : `Saw ${k}`) }),
        reason: 'Try',
      },
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.field).toBe('ratings.video.evidence');

    const byOther = await app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/amend`,
      headers: { cookie: b.cookie },
      payload: { ...scorecardBody(keys), reason: 'Not mine' },
    });
    expect(byOther.statusCode).toBe(403);
    const byManager = await app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/amend`,
      headers: { cookie: manager.cookie },
      payload: { ...scorecardBody(keys), reason: 'Not mine' },
    });
    expect(byManager.statusCode).toBe(403);
    const byAdmin = await app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/amend`,
      headers: { cookie: admin.cookie },
      payload: {
        ...scorecardBody(keys, { rating: 3, ratings: { audio: 4 }, recommendation: 'strong_yes' }),
        reason: 'Panel agreed',
      },
    });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json().recommendation).toBe('strong_yes');

    const events = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select(['action', 'actor_id', 'detail'])
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'scorecard.submitted',
      'scorecard.amended',
      'scorecard.amended',
    ]);
    const first = JSON.parse(events[1]!.detail!);
    expect(first.reason).toBe('Remembered the RF rescan');
    const rating = (snap: { ratings: { criterionKey: string; rating: number }[] }, key: string) =>
      snap.ratings.find((r) => r.criterionKey === key)?.rating;
    expect(rating(first.before, 'audio')).toBe(3);
    expect(rating(first.after, 'audio')).toBe(4);
    expect(events[2]!.actor_id).toBe(admin.userId);
    expect(JSON.parse(events[2]!.detail!).after.recommendation).toBe('strong_yes');
  });

  it('refuses to amend a draft', async () => {
    const { a, interview } = await setup();
    const id = (await open(a, interview.id)).json().id;
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/scorecards/${id}/amend`,
      headers: { cookie: a.cookie },
      payload: { ...scorecardBody(keys), reason: 'Early' },
    });
    expect(res.statusCode).toBe(409);
  });

  it('summarises an application per criterion, with gaps, disagreement and no private notes', async () => {
    const { a, b, interview, application } = await setup({ level: 'technician' });
    await fill(
      a,
      interview.id,
      scorecardBody(keys, {
        rating: 3,
        ratings: { signal_flow: 4, audio: 2 },
        recommendation: 'yes',
        privateNotes: 'PRIVATE-NOTE-MARKER-A',
      }),
    );
    await fill(
      b,
      interview.id,
      scorecardBody(keys, {
        rating: 3,
        ratings: { signal_flow: 2, audio: 2 },
        recommendation: 'no',
        privateNotes: 'PRIVATE-NOTE-MARKER-B',
      }),
    );
    const res = await app.inject({
      url: `/api/v1/applications/${application.id}/summary`,
      headers: { cookie: manager.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('PRIVATE-NOTE-MARKER');
    expect(res.body).not.toMatch(/private_?notes/i);
    const summary = res.json();
    expect(summary).toMatchObject({
      applicationId: application.id,
      role: { id: application.roleId },
      framework: { id: builtInId, versionId: builtInId, version: 1 },
      recommendations: { strong_no: 0, no: 1, yes: 1, strong_yes: 0 },
      scorecards: { expected: 2, submitted: 2, share: 1 },
      frameworkVersionIds: [builtInId],
    });
    const byKey = new Map(summary.criteria.map((c: { key: string }) => [c.key, c]));
    expect(byKey.get('signal_flow')).toMatchObject({
      mean: 3,
      spread: 2,
      disagreement: true,
      belowRequired: false,
    });
    expect(byKey.get('audio')).toMatchObject({
      mean: 2,
      spread: 0,
      belowRequired: true,
      gap: 1,
      requiredLevel: 3,
    });
    expect(summary.gaps).toEqual(['audio']);
    expect(summary.disagreements).toEqual(['signal_flow']);
    const evidence = (
      byKey.get('signal_flow') as {
        ratings: { interviewerId: string; interviewerName: string; evidence: string }[];
      }
    ).ratings;
    expect(evidence.map((r) => [r.interviewerId, r.interviewerName, r.evidence]).sort()).toEqual(
      [
        [a.userId, 'Alex Amp', 'Saw signal_flow at 4'],
        [b.userId, 'Bea Boom', 'Saw signal_flow at 2'],
      ].sort(),
    );
    // Weighted by the technician defaults: every other criterion at 3.
    const weights = new Map(defaultRequirements(keys, 'technician').map((d) => [d.criterionKey, d.weight]));
    const means: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 3]));
    means.audio = 2;
    const total = keys.reduce((s, k) => s + weights.get(k)!, 0);
    const mean = keys.reduce((s, k) => s + weights.get(k)! * means[k]!, 0) / total;
    expect(summary.overall.score).toBe(Math.round(((mean - 1) / 3) * 100));
    expect(summary.overall.totalWeight).toBe(total);

    // An interviewer who has left the organisation keeps their evidence, without a name.
    await get()
      .ctx.kysely.deleteFrom('member')
      .where('userId', '=', b.userId)
      .where('organizationId', '=', organisationId)
      .execute();
    const after = (
      await app.inject({
        url: `/api/v1/applications/${application.id}/summary`,
        headers: { cookie: a.cookie },
      })
    ).json();
    expect(after.interviewers).toEqual(
      expect.arrayContaining([
        { id: a.userId, name: 'Alex Amp' },
        { id: b.userId, name: null },
      ]),
    );

    // No private notes in any list, read by a colleague, or the API key's view.
    const key = await makeApiKey(get().ctx, { organisationId });
    for (const url of [
      `/api/v1/applications/${application.id}/summary`,
      `/api/v1/scorecards?applicationId=${application.id}`,
    ]) {
      const body = (await app.inject({ url, headers: key.headers })).body;
      expect(body, url).not.toContain('PRIVATE-NOTE-MARKER');
    }
  });

  it('pins a scorecard to the framework version it was written against', async () => {
    const { a, b, interview, application } = await setup();
    const copy = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/frameworks/${builtInId}/copy`,
        headers: { cookie: admin.cookie },
        payload: { name: 'House framework' },
      })
    ).json();
    const requirements = await app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${application.roleId}/requirements`,
      headers: { cookie: manager.cookie },
      payload: {
        frameworkId: copy.id,
        criteria: [{ criterionKey: 'lighting', weight: 0, requiredLevel: 1 }],
      },
    });
    expect(requirements.statusCode).toBe(200);
    const first = (await open(a, interview.id)).json();
    expect(first.framework).toMatchObject({
      id: copy.id,
      versionId: copy.version.id,
      version: 1,
      name: 'House framework',
    });
    expect(first.ratings.map((r: { criterionKey: string }) => r.criterionKey)).not.toContain('lighting');
    expect(first.ratings).toHaveLength(8);

    // Version 2 renames a criterion and adds one.
    const criteria = structuredClone(copy.criteria);
    criteria[1].name = 'Sound';
    criteria.push({ ...structuredClone(criteria[0]), key: 'rf_licensing', name: 'RF licensing' });
    const v2 = (
      await app.inject({
        method: 'PUT',
        url: `/api/v1/frameworks/${copy.id}`,
        headers: { cookie: admin.cookie },
        payload: { name: 'House framework', criteria },
      })
    ).json();
    expect(v2.version.version).toBe(2);
    const stillV1 = (await read(a, first.id)).json();
    expect(stillV1.framework.versionId).toBe(copy.version.id);
    expect(stillV1.ratings.find((r: { criterionKey: string }) => r.criterionKey === 'audio').name).toBe(
      'Audio',
    );

    // The role moves to version 2: new scorecards use it; the open one keeps version 1.
    await app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${application.roleId}/requirements`,
      headers: { cookie: manager.cookie },
      payload: { frameworkId: copy.id, version: 2, criteria: [] },
    });
    const second = (await open(b, interview.id)).json();
    expect(second.framework).toMatchObject({ versionId: v2.version.id, version: 2 });
    expect(second.ratings.map((r: { criterionKey: string }) => r.criterionKey)).toContain('rf_licensing');
    expect((await read(a, first.id)).json().framework.versionId).toBe(copy.version.id);

    // The summary shows both versions' criteria by key.
    await save(
      a,
      first.id,
      scorecardBody(first.ratings.map((r: { criterionKey: string }) => r.criterionKey)),
    );
    await submit(a, first.id);
    await save(
      b,
      second.id,
      scorecardBody(
        second.ratings.map((r: { criterionKey: string }) => r.criterionKey),
        { rating: 2 },
      ),
    );
    await submit(b, second.id);
    const summary = (
      await app.inject({
        url: `/api/v1/applications/${application.id}/summary`,
        headers: { cookie: manager.cookie },
      })
    ).json();
    expect(summary.frameworkVersionIds.sort()).toEqual([copy.version.id, v2.version.id].sort());
    const audio = summary.criteria.find((c: { key: string }) => c.key === 'audio');
    expect(audio).toMatchObject({ name: 'Sound', mean: 2.5 });
    expect(summary.criteria.find((c: { key: string }) => c.key === 'rf_licensing').ratings).toHaveLength(1);
  });

  it('lists what an interviewer owes, the completion share, and due reminders', async () => {
    const { a, b, interview, application } = await setup();
    const future = await setup({ endsInFuture: true });

    const owedBefore = (
      await app.inject({ url: '/api/v1/scorecards?owed=me', headers: { cookie: a.cookie } })
    ).json();
    expect(owedBefore.data).toEqual([
      expect.objectContaining({
        id: null,
        interviewId: interview.id,
        applicationId: application.id,
        status: 'not_started',
        dueSince: interview.endsAt,
        interviewer: { id: a.userId, name: 'Alex Amp' },
      }),
    ]);
    const futureOwed = (
      await app.inject({ url: '/api/v1/scorecards?owed=me', headers: { cookie: future.a.cookie } })
    ).json();
    expect(futureOwed.data).toEqual([]);

    const draftId = (await open(a, interview.id)).json().id;
    const owedDraft = (
      await app.inject({ url: '/api/v1/scorecards?owed=me', headers: { cookie: a.cookie } })
    ).json();
    expect(owedDraft.data).toEqual([expect.objectContaining({ id: draftId, status: 'draft' })]);

    const due = await dueScorecardReminders(get().ctx.kysely, get().ctx.now());
    const forInterview = due.filter((d) => d.interviewId === interview.id);
    expect(forInterview.map((d) => [d.interviewerId, d.dueSince, d.scorecardId]).sort()).toEqual(
      [
        [a.userId, interview.endsAt, draftId],
        [b.userId, interview.endsAt, null],
      ].sort(),
    );
    expect(forInterview.every((d) => d.organisationId === organisationId)).toBe(true);
    expect(due.some((d) => d.interviewId === future.interview.id)).toBe(false);

    await save(a, draftId, scorecardBody(keys));
    await submit(a, draftId);
    const owedAfter = (
      await app.inject({ url: '/api/v1/scorecards?owed=me', headers: { cookie: a.cookie } })
    ).json();
    expect(owedAfter.data).toEqual([]);
    const dueAfter = await dueScorecardReminders(get().ctx.kysely, get().ctx.now());
    expect(dueAfter.filter((d) => d.interviewId === interview.id).map((d) => d.interviewerId)).toEqual([
      b.userId,
    ]);

    // In the stage for ten calendar days: the pipeline counts working days in the venue's calendar.
    const ctx = get().ctx;
    const since = new Date(ctx.now().getTime() - 10 * 24 * hour);
    await ctx.kysely
      .updateTable('application')
      .set({ stage_changed_at: since.toISOString() })
      .where('id', '=', application.id)
      .execute();
    const venue = await ctx.kysely
      .selectFrom('role')
      .innerJoin('venue', 'venue.id', 'role.venue_id')
      .select(['venue.region', 'venue.timezone'])
      .where('role.id', '=', application.roleId)
      .executeTakeFirstOrThrow();
    const calendar = { nation: venue.region as Nation, timezone: venue.timezone };
    const completion = await app.inject({
      url: `/api/v1/roles/${application.roleId}/scorecard-completion`,
      headers: { cookie: manager.cookie },
    });
    expect(completion.statusCode).toBe(200);
    expect(completion.json()).toEqual({
      roleId: application.roleId,
      expected: 2,
      submitted: 1,
      share: 0.5,
      benchmark: 0.9,
      meetsBenchmark: false,
      applications: [
        {
          applicationId: application.id,
          expected: 2,
          submitted: 1,
          overallScore: expect.any(Number),
          overallMean: expect.any(Number),
          recommendations: expect.any(Object),
          workingDaysInStage: workingDaysBetween(calendar, since, ctx.now()),
        },
      ],
    });
    // The pipeline's figures: the summary's score, the one recommendation in, none for an interviewer.
    const [row] = completion.json().applications;
    expect(row.workingDaysInStage).toBeGreaterThanOrEqual(6); // not the 10 calendar days
    expect(row.workingDaysInStage).toBeLessThanOrEqual(8);
    const summary = (
      await app.inject({
        url: `/api/v1/applications/${application.id}/summary`,
        headers: { cookie: manager.cookie },
      })
    ).json();
    expect(row.overallScore).toBe(summary.overall.score);
    expect(row.overallMean).toBe(summary.overall.meanRating);
    expect(row.recommendations).toEqual(summary.recommendations);
    expect(Object.values(row.recommendations as Record<string, number>).reduce((n, v) => n + v, 0)).toBe(1);
    const asInterviewer = (
      await app.inject({
        url: `/api/v1/roles/${application.roleId}/scorecard-completion`,
        headers: { cookie: b.cookie },
      })
    ).json();
    expect(asInterviewer.applications).toEqual([
      expect.objectContaining({
        applicationId: application.id,
        overallScore: null,
        overallMean: null,
        recommendations: null,
      }),
    ]);
    const none = (
      await app.inject({
        url: `/api/v1/roles/${future.application.roleId}/scorecard-completion`,
        headers: { cookie: manager.cookie },
      })
    ).json();
    expect(none).toMatchObject({ expected: 0, submitted: 0, share: null, meetsBenchmark: null });

    const key = await makeApiKey(get().ctx, { organisationId });
    const byKey = await app.inject({ url: '/api/v1/scorecards?owed=me', headers: key.headers });
    expect(byKey.statusCode).toBe(400);
    expect(byKey.json().error.field).toBe('owed');
  });

  it("answers 404 for another organisation's scorecards, applications and roles", async () => {
    const { a, interview, application } = await setup();
    const id = await fill(a, interview.id, scorecardBody(keys));
    const other = await makeMember(get().ctx, { role: 'admin' });
    const headers = { cookie: other.cookie };
    const requests = [
      { method: 'GET' as const, url: `/api/v1/scorecards/${id}` },
      { method: 'PUT' as const, url: `/api/v1/scorecards/${id}`, payload: scorecardBody(keys) },
      { method: 'POST' as const, url: `/api/v1/scorecards/${id}/submit` },
      {
        method: 'POST' as const,
        url: `/api/v1/scorecards/${id}/amend`,
        payload: { ...scorecardBody(keys), reason: 'x' },
      },
      { method: 'GET' as const, url: `/api/v1/applications/${application.id}/summary` },
      { method: 'GET' as const, url: `/api/v1/roles/${application.roleId}/scorecard-completion` },
    ];
    for (const r of requests) {
      const res = await app.inject({ ...r, headers });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const opened = await open(other, interview.id);
    expect(opened.statusCode).toBe(400);
    const list = (await app.inject({ url: '/api/v1/scorecards', headers })).json();
    expect(list.data).toEqual([]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/scorecards',
        '/api/v1/scorecards/{id}',
        '/api/v1/scorecards/{id}/submit',
        '/api/v1/scorecards/{id}/amend',
        '/api/v1/roles/{id}/scorecard-completion',
        '/api/v1/applications/{id}/summary',
      ]),
    );
    const summary = JSON.stringify(doc.paths['/api/v1/applications/{id}/summary']);
    expect(summary).not.toMatch(/privateNotes/);
  });
});
