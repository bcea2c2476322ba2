import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertAssessmentApplication,
  insertAssessmentInterview,
  scorecardBody,
} from '../../../test/support/factories/assessment.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { checkFeedback } from '../../domain/feedback/check.ts';
import { avTechnicianFramework } from '../../domain/frameworks/av-technician.ts';
import type { ApiApp } from '../../http/types.ts';
import { approvedFeedbackFor } from './feedback.service.ts';

type Level = 1 | 2 | 3 | 4;
const keys = avTechnicianFramework.criteria.map((c) => c.key);

const evidence: Record<string, string> = {
  signal_flow:
    'Candidate traced the planted fault to the crossed tie line in under ten minutes. He split the chain at the stage box and checked each point.',
  audio: 'Rang out the wedges with two narrow cuts; knew gain structure well.',
  video: 'Not sure about EDID; needed prompting to check the projector input.',
  lighting: 'Programmed a simple Eos cue stack and recorded a preset.',
  networking_control: 'He could not explain how Dante picks a clock leader.',
  rigging_power_safety: 'Checked the safety bonds and knew LOLER inspection intervals.',
  communication: 'Calm and clear with the client in the role-play; summarised the brief back.',
  show_operation: 'Followed the cue sheet and called standbys on time.',
  planning_documentation: 'Patch sheet was tidy but missing the spare channels.',
};

const privateNoteA =
  'PRIVATE-NOTE-A7731 wants more money than the band and seemed distracted by family stuff.';
const privateNoteB = 'PRIVATE-NOTE-B4410 not sure he would cope with a Saturday changeover on his own.';
const venueName = 'The Assembly Rooms';

describeEachDatabase('feedback drafts and approval API', (get) => {
  let app: ApiApp;
  let manager: TestMember;
  let organisationId: string;
  let priya: TestMember;
  let tom: TestMember;

  beforeAll(async () => {
    const { ctx } = get();
    app = await buildTestApp(ctx);
    manager = await makeMember(ctx, { role: 'manager', name: 'Morgan Manager' });
    organisationId = manager.organisationId;
    priya = await makeMember(ctx, { role: 'interviewer', organisationId, name: 'Priya Shah' });
    tom = await makeMember(ctx, { role: 'interviewer', organisationId, name: 'Tom Briggs' });
  });
  afterAll(async () => app.close());

  const inject = (
    member: { cookie?: string; headers?: Record<string, string> },
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      headers: member.headers ?? { cookie: member.cookie ?? '' },
      ...(payload !== undefined && { payload }),
    });

  async function submitScorecard(
    member: TestMember,
    interviewId: string,
    ratings: Record<string, Level>,
    options: { privateNotes?: string; evidence?: Record<string, string> } = {},
  ) {
    const opened = await inject(member, 'POST', '/api/v1/scorecards', { interviewId });
    const id = opened.json().id as string;
    const body = scorecardBody(keys, {
      ratings,
      recommendation: 'no',
      privateNotes: options.privateNotes ?? null,
      evidence: (key) => options.evidence?.[key] ?? evidence[key] ?? null,
    });
    expect((await inject(member, 'PUT', `/api/v1/scorecards/${id}`, body)).statusCode).toBe(200);
    const submitted = await inject(member, 'POST', `/api/v1/scorecards/${id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
  }

  /** An application with an ended interview by Priya and Tom; scorecards are submitted by the test. */
  async function setup() {
    const ctx = get().ctx;
    const application = await insertAssessmentApplication(ctx, {
      organisationId,
      candidateName: 'Sam Okafor',
    });
    const role = await ctx.kysely
      .selectFrom('role')
      .select(['venue_id'])
      .where('id', '=', application.roleId)
      .executeTakeFirstOrThrow();
    await ctx.kysely.updateTable('venue').set({ name: venueName }).where('id', '=', role.venue_id).execute();
    const interview = await insertAssessmentInterview(ctx, {
      organisationId,
      applicationId: application.id,
      interviewerIds: [priya.userId, tom.userId],
    });
    return { application, interview, base: `/api/v1/applications/${application.id}/feedback` };
  }

  const ratings = (rating: Level, overrides: Partial<Record<string, Level>> = {}) =>
    Object.fromEntries(keys.map((k) => [k, overrides[k] ?? rating])) as Record<string, Level>;

  /** Every string in a response, for "never in any response" assertions. */
  const expectNoPrivateNotes = (body: string) => {
    expect(body).not.toContain('PRIVATE-NOTE');
    expect(body).not.toContain('more money than the band');
    expect(body).not.toContain('Saturday changeover');
    expect(body).not.toContain('privateNotes');
  };

  it('answers 409 with a clear message when no scorecard is submitted', async () => {
    const { base } = await setup();
    const res = await inject(manager, 'POST', `${base}/draft`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'conflict',
      message:
        'No scorecard has been submitted for this application yet: feedback is built from the interviewers’ submitted scorecards.',
    });
    const none = await inject(manager, 'GET', base);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toContain('no feedback yet');
  });

  it('drafts, edits and approves: the round trip, with the preview the candidate will receive', async () => {
    const { application, interview, base } = await setup();
    await submitScorecard(priya, interview.id, ratings(3, { signal_flow: 4, video: 2 }), {
      privateNotes: privateNoteA,
    });
    await submitScorecard(tom, interview.id, ratings(3, { signal_flow: 4, video: 2 }), {
      privateNotes: privateNoteB,
    });

    const drafted = await inject(manager, 'POST', `${base}/draft`);
    expect(drafted.statusCode, drafted.body).toBe(200);
    expectNoPrivateNotes(drafted.body);
    const { feedback, preview } = drafted.json();
    expect(feedback).toMatchObject({
      applicationId: application.id,
      status: 'draft',
      approvedAt: null,
      approvedBy: null,
      overrideReason: null,
      check: { pass: true, score: 100, findings: [] },
    });
    expect(feedback.text).not.toMatch(/Priya|Tom|Shah|Briggs|Sam\b|Okafor/);
    const strength = feedback.structured.strengths[0];
    expect(strength).toMatchObject({
      criterionKey: 'signal_flow',
      criterion: 'Signal flow and fault-finding',
    });
    expect(strength.evidence).toContain('You traced the planted fault to the crossed tie line');
    const area = feedback.structured.developmentAreas[0];
    expect(area).toMatchObject({ criterionKey: 'video', reason: 'below_required', level: 2 });
    const trainingNames = area.suggestions.map((s: { name: string }) => s.name);
    // One suggestion, fitted to the gap; never in-house practice for an external candidate.
    expect(trainingNames).toEqual(['Video switching and signal distribution courses']);

    // The preview is the organisation's not_progressing email with this feedback in it.
    expect(preview.subject).toBe('Your application for AV Technician — Main House');
    for (const part of [preview.html, preview.text]) {
      expect(part).toContain('You traced the planted fault to the crossed tie line');
      for (const name of trainingNames) expect(part).toContain(name);
      expect(part).toContain(venueName);
      expect(part).toContain('Dear Sam');
    }
    // The whole email, greeting and sign-off included, passes the check too.
    const wholeEmail = checkFeedback(preview.text, {
      privateNotes: [privateNoteA, privateNoteB],
      interviewerNames: ['Priya Shah', 'Tom Briggs'],
      candidateName: 'Sam Okafor',
    });
    expect(wholeEmail.pass).toBe(true);
    expect(preview.text).toContain('What went well');
    expect(preview.text).toContain('A good next step:');

    const read = await inject(manager, 'GET', base);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(drafted.json());

    // Edit: the strength reworded; checked again, still a draft.
    const text = feedback.text.replace('You traced the planted fault', 'You calmly traced the planted fault');
    // The unsaved text's email, as the editor previews it: what the save below would send, nothing stored.
    const unsaved = await inject(manager, 'POST', `${base}/preview`, { text });
    expect(unsaved.statusCode, unsaved.body).toBe(200);
    expectNoPrivateNotes(unsaved.body);
    expect(unsaved.json().text).toContain('You calmly traced the planted fault');
    expect((await inject(manager, 'GET', base)).json()).toEqual(drafted.json());
    const edited = await inject(manager, 'PUT', base, { text });
    expect(edited.statusCode, edited.body).toBe(200);
    expectNoPrivateNotes(edited.body);
    expect(edited.json().feedback).toMatchObject({ status: 'draft', text, check: { pass: true } });
    expect(edited.json().feedback.structured.edited).toBe(true);
    expect(edited.json().feedback.structured.strengths[0].criterionKey).toBe('signal_flow');
    expect(edited.json().preview.text).toContain('You calmly traced the planted fault');

    const approved = await inject(manager, 'POST', `${base}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expectNoPrivateNotes(approved.body);
    expect(approved.json().feedback).toMatchObject({
      status: 'approved',
      text,
      overrideReason: null,
      approvedBy: { kind: 'member', id: manager.userId, name: 'Morgan Manager' },
    });
    expect(approved.json().feedback.approvedAt).toBe(approved.json().feedback.updatedAt);
    // Approving again changes nothing.
    expect((await inject(manager, 'POST', `${base}/approve`)).json()).toEqual(approved.json());

    const ctx = get().ctx;
    const sent = await approvedFeedbackFor(ctx.kysely, organisationId, application.id);
    expect(sent).toMatchObject({ text, approvedAt: approved.json().feedback.approvedAt });
    expect(sent?.variables.strengths[0]?.evidence).toContain('You calmly traced');
    expect(await approvedFeedbackFor(ctx.kysely, 'another-organisation', application.id)).toBeUndefined();

    const history = await ctx.kysely
      .selectFrom('feedback_version')
      .select(['version', 'event', 'status', 'actor_id'])
      .where('application_id', '=', application.id)
      .orderBy('version')
      .execute();
    expect(history.map((h) => [Number(h.version), h.event, h.status])).toEqual([
      [1, 'composed', 'draft'],
      [2, 'edited', 'draft'],
      [3, 'approved', 'approved'],
    ]);
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select(['action'])
      .where('subject_id', '=', application.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['feedback.approved']);

    // Approved feedback is composed again only on request; an edit makes it a draft again.
    const again = await inject(manager, 'POST', `${base}/draft`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('"recompose": true');
    const recomposed = await inject(manager, 'POST', `${base}/draft`, { recompose: true });
    expect(recomposed.statusCode).toBe(200);
    expect(recomposed.json().feedback).toMatchObject({ status: 'draft', approvedAt: null, approvedBy: null });
    expect(recomposed.json().feedback.text).toBe(feedback.text);
    expect(await approvedFeedbackFor(ctx.kysely, organisationId, application.id)).toBeUndefined();
  });

  it('refuses to approve a failing check without a reason, and audits an override without the text', async () => {
    const { application, interview, base } = await setup();
    await submitScorecard(priya, interview.id, ratings(3, { audio: 4, networking_control: 1 }), {
      privateNotes: privateNoteA,
    });
    const { feedback } = (await inject(manager, 'POST', `${base}/draft`)).json();
    const vague = `${feedback.text}\nIn the end you were not the right fit for the crew.`;
    const edited = await inject(manager, 'PUT', base, { text: vague });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().feedback.check.pass).toBe(false);
    expect(edited.json().feedback.check.findings.map((f: { kind: string }) => f.kind)).toContain('vague');

    const refused = await inject(manager, 'POST', `${base}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    expect(refused.json().error.message).toContain('overrideReason');
    expect(refused.json().error.message).toContain('vague: "Not the right fit" tells the candidate nothing');

    const tooShort = await inject(manager, 'POST', `${base}/approve`, { overrideReason: 'Because.' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toContain('at least 20 characters');
    expect((await inject(manager, 'GET', base)).json().feedback.status).toBe('draft');

    const reason = 'The candidate asked for a blunt summary on the phone; this matches what we said.';
    const overridden = await inject(manager, 'POST', `${base}/approve`, { overrideReason: reason });
    expect(overridden.statusCode, overridden.body).toBe(200);
    expect(overridden.json().feedback).toMatchObject({ status: 'approved', overrideReason: reason });
    expectNoPrivateNotes(overridden.body);

    const rows = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select(['action', 'actor_type', 'actor_id', 'subject_type', 'detail'])
      .where('subject_id', '=', application.id)
      .execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      action: 'feedback.override_approved',
      actor_type: 'member',
      actor_id: manager.userId,
      subject_type: 'application',
    });
    const detail = JSON.parse(row.detail!);
    expect(detail).toMatchObject({ feedbackId: feedback.id, findingKinds: ['vague'], reason });
    // Never the feedback text, nor any part of it.
    expect(row.detail).not.toContain('right fit');
    expect(row.detail).not.toContain('You ');
    expect(row.detail).not.toContain('text');
    for (const s of feedback.structured.strengths) expect(row.detail).not.toContain(s.evidence);
  });

  it('covers every criterion below the level: one taken out needs a reason before approval', async () => {
    const { interview, base } = await setup();
    await submitScorecard(
      priya,
      interview.id,
      ratings(3, { audio: 4, signal_flow: 2, video: 2, lighting: 2 }),
    );
    const { feedback } = (await inject(manager, 'POST', `${base}/draft`)).json();
    const gapKeys = ['signal_flow', 'video', 'lighting'];
    expect(feedback.structured.gaps.map((g: { criterionKey: string }) => g.criterionKey).sort()).toEqual(
      [...gapKeys].sort(),
    );
    expect(
      feedback.structured.developmentAreas.map((d: { criterionKey: string }) => d.criterionKey).sort(),
    ).toEqual([...gapKeys].sort());

    // The manager deletes the lighting point: saved, but approval names what is missing.
    const withoutLighting = feedback.text
      .split('\n')
      .filter((line: string) => !line.startsWith('- **Lighting:**'))
      .join('\n');
    const lightingPoint = feedback.structured.developmentAreas.find(
      (d: { criterionKey: string }) => d.criterionKey === 'lighting',
    );
    const edited = await inject(manager, 'PUT', base, { text: withoutLighting });
    expect(edited.statusCode).toBe(200);
    // The removed point is kept spare with the feedback (for the editor to put back), never sent.
    expect(edited.json().feedback.structured.spare.developmentAreas).toEqual([lightingPoint]);
    expect(edited.json().preview.text).not.toContain(lightingPoint.evidence);
    const refused = await inject(manager, 'POST', `${base}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('Lighting is below the level this role needs');
    expect(refused.json().error.message).toContain('leftOut');

    // A left-out criterion must be one of the gaps, with a real reason.
    const notAGap = await inject(manager, 'PUT', base, {
      text: withoutLighting,
      leftOut: [{ criterionKey: 'audio', reason: 'Audio was already covered on the phone.' }],
    });
    expect(notAGap.statusCode).toBe(400);
    expect(notAGap.json().error.message).toContain('not a criterion below the required level');
    const short = await inject(manager, 'PUT', base, {
      text: withoutLighting,
      leftOut: [{ criterionKey: 'lighting', reason: 'no' }],
    });
    expect(short.statusCode).toBe(400);

    const reason = 'Lighting is covered by the venue LX team; this role runs sound and video only.';
    const leftOut = await inject(manager, 'PUT', base, {
      text: withoutLighting,
      leftOut: [{ criterionKey: 'lighting', reason }],
    });
    expect(leftOut.statusCode, leftOut.body).toBe(200);
    expect(leftOut.json().feedback.structured.leftOut).toEqual([
      { criterionKey: 'lighting', criterion: 'Lighting', reason },
    ]);
    // The reason is the manager's, never the candidate's to read.
    expect(leftOut.json().preview.text).not.toContain('LX team');
    const approved = await inject(manager, 'POST', `${base}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().feedback.status).toBe('approved');
    expect(approved.json().feedback.text).not.toContain('**Lighting:**');
  });

  it('composes from one interviewer', async () => {
    const { interview, base } = await setup();
    await submitScorecard(tom, interview.id, ratings(3, { rigging_power_safety: 4, networking_control: 1 }), {
      privateNotes: privateNoteB,
    });
    const res = await inject(manager, 'POST', `${base}/draft`);
    expect(res.statusCode, res.body).toBe(200);
    expectNoPrivateNotes(res.body);
    const { feedback } = res.json();
    expect(feedback.check.pass).toBe(true);
    expect(feedback.structured.strengths[0].criterionKey).toBe('rigging_power_safety');
    expect(feedback.structured.developmentAreas[0]).toMatchObject({
      criterionKey: 'networking_control',
      reason: 'below_required',
      level: 1,
    });
    // A Dante clocking gap: the Dante course, not general networking.
    expect(feedback.structured.developmentAreas[0].training).toContain(
      'Dante Certification Level 1 — Audinate — ',
    );
    expect(feedback.text).not.toMatch(/Tom|Briggs/);
  });

  it('words conflicting ratings cautiously', async () => {
    const { interview, base } = await setup();
    await submitScorecard(priya, interview.id, ratings(3, { video: 1 }));
    await submitScorecard(tom, interview.id, ratings(3, { video: 3 }), {
      evidence: { video: 'Set up the projector and sorted the EDID handshake without prompting.' },
    });
    const { feedback } = (await inject(manager, 'POST', `${base}/draft`)).json();
    expect(feedback.check.pass).toBe(true);
    const video = feedback.structured.developmentAreas.find(
      (d: { criterionKey: string }) => d.criterionKey === 'video',
    );
    expect(video).toMatchObject({ cautious: true });
    expect(video.evidence).toMatch(/^You showed some of this, but not consistently: /);
  });

  it("answers 404 for another organisation's application, and 400 for a text not in the email's shape", async () => {
    const { interview, base } = await setup();
    await submitScorecard(priya, interview.id, ratings(3, { video: 2 }));
    expect((await inject(manager, 'POST', `${base}/draft`)).statusCode).toBe(200);

    const outsider = await makeMember(get().ctx, { role: 'admin' });
    for (const [method, url, payload] of [
      ['POST', `${base}/draft`, {}],
      ['GET', base, undefined],
      ['PUT', base, { text: '## What went well\n' }],
      ['POST', `${base}/approve`, {}],
      ['POST', `${base}/preview`, { text: '## What went well\n' }],
    ] as const) {
      const res = await inject(outsider, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error).toEqual({ code: 'not_found', message: 'Application not found' });
    }
    const unknown = await inject(manager, 'POST', '/api/v1/applications/no-such-application/feedback/draft');
    expect(unknown.statusCode).toBe(404);

    const bad = await inject(manager, 'PUT', base, { text: 'Dear Sam, thanks for coming in.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', field: 'text' });
    expect(bad.json().error.message).toContain('## What went well');
    const badPreview = await inject(manager, 'POST', `${base}/preview`, { text: 'Dear Sam, thanks.' });
    expect(badPreview.statusCode).toBe(400);
    expect(badPreview.json().error).toMatchObject({ code: 'validation_failed', field: 'text' });
  });

  it('lets managers, admins and API keys draft, edit and approve; interviewers get 403', async () => {
    const { interview, base } = await setup();
    await submitScorecard(priya, interview.id, ratings(3, { video: 2 }));
    for (const [method, url, payload] of [
      ['POST', `${base}/draft`, {}],
      ['GET', base, undefined],
      ['PUT', base, { text: '## What went well\n' }],
      ['POST', `${base}/approve`, {}],
    ] as const) {
      const res = await inject(priya, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const key = await makeApiKey(get().ctx, { organisationId });
    const drafted = await inject(key, 'POST', `${base}/draft`);
    expect(drafted.statusCode, drafted.body).toBe(200);
    const approved = await inject(key, 'POST', `${base}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().feedback.approvedBy).toMatchObject({ kind: 'api_key', name: 'test key' });
    const admin = await makeMember(get().ctx, { role: 'admin', organisationId });
    expect((await inject(admin, 'POST', `${base}/draft`, { recompose: true })).statusCode).toBe(200);
    expect((await inject(admin, 'GET', base)).statusCode).toBe(200);
    expect((await inject(priya, 'GET', '/api/v1/training?criterion=audio&level=2')).statusCode).toBe(200);
  });

  it('lists training for the picker by criterion and level, from the role’s framework or the built-in', async () => {
    const builtIn = await inject(manager, 'GET', '/api/v1/training?criterion=networking_control&level=2');
    expect(builtIn.statusCode).toBe(200);
    expect(builtIn.json().framework).toMatchObject({ id: 'builtin-av-technician-v1' });
    expect(builtIn.json().data.map((t: { id: string }) => t.id)).toEqual([
      'comptia-network-plus',
      'dante-level-1',
      'dante-level-2',
      'qsys-level-1-2',
    ]);
    expect(builtIn.json().data[1]).toMatchObject({
      criterionKey: 'networking_control',
      criterionName: 'AV networking and control',
      name: 'Dante Certification Level 1',
      title: 'Dante Certification Level 1 from Audinate (level 1, online)',
      forLevels: [1, 2],
    });

    const further = await inject(manager, 'GET', '/api/v1/training?criterion=signal_flow&level=4');
    expect(further.json().data[0].id).toBe('avixa-cts-i');
    const all = await inject(manager, 'GET', '/api/v1/training');
    expect(all.json().data.length).toBe(avTechnicianFramework.criteria.flatMap((c) => c.training).length);

    const { application } = await setup();
    const forApplication = await inject(
      manager,
      'GET',
      `/api/v1/training?applicationId=${application.id}&criterion=audio&level=3`,
    );
    expect(forApplication.statusCode).toBe(200);
    expect(forApplication.json().data.every((t: { forLevels: number[] }) => t.forLevels.includes(3))).toBe(
      true,
    );

    const unknown = await inject(manager, 'GET', '/api/v1/training?criterion=juggling');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('signal_flow');
    const foreign = await inject(manager, 'GET', '/api/v1/training?roleId=no-such-role');
    expect(foreign.statusCode).toBe(404);
    expect((await inject(manager, 'GET', '/api/v1/training?level=5')).statusCode).toBe(400);
  });
});
