import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import {
  insertTestCandidate,
  insertTestRole,
  makeApplication,
} from '../../test/support/factories/applications.ts';
import { makeMember, makeOrganisation, type TestMember } from '../../test/support/factories/organisations.ts';
import { deliverOutbox, linksIn, startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import type { AppContext } from '../app-context.ts';
import type { StructuredFeedback } from '../domain/feedback/document.ts';
import { enqueue } from '../features/messages/outbox.ts';
import { personalLinkMarker } from '../features/messages/sealed-links.ts';
import type { ApiApp } from '../http/types.ts';
import { newId } from '../ids.ts';
import { markdownToHtml, parseMarkdown } from '../mail/markdown.ts';
import { buildServer } from '../server.ts';
import { html, trusted } from './html.ts';
import { hashToken, issueCandidateLink } from './links.ts';
import { redactPortalUrl } from './log.ts';
import { renderMarkdown } from './pages.ts';
import { networkConsentVersion } from './portal.routes.ts';

const hostileName = '<script>alert("name")</script> Sam & "Rigby"';
const hostileFeedback =
  'You traced the fault **quickly**. <img src=x onerror=alert(1)> <script>alert("fb")</script> [click](javascript:alert(1))';
const privateNote = 'PRIVATE-NOTE-9931 seemed distracted';

function structured(): StructuredFeedback {
  return {
    strengths: [
      { criterionKey: 'signal_flow', criterion: 'Signal flow', evidence: 'Quick.', cautious: false },
    ],
    developmentAreas: [
      {
        criterionKey: 'networking_control',
        criterion: 'Networked audio',
        reason: 'lowest_rated',
        level: 2,
        evidence: 'Dante took a while.',
        training: 'the Dante Level 2 certification',
        suggestions: [
          {
            id: 'dante-2',
            name: 'Dante Level 2 certification',
            provider: 'Audinate',
            form: 'online',
            url: 'https://www.getdante.com/support/training/',
          },
        ],
        cautious: false,
      },
    ],
    encouragement: { kind: 'talent_network', futureRole: null, trainingName: null, text: 'Stay in touch.' },
    score: 55,
    edited: false,
  };
}

async function approveFeedback(
  ctx: AppContext,
  organisationId: string,
  applicationId: string,
  approver: string,
) {
  const at = ctx.now().toISOString();
  await ctx.kysely
    .insertInto('feedback')
    .values({
      id: newId(),
      organisation_id: organisationId,
      application_id: applicationId,
      version: 1,
      status: 'approved',
      structured: JSON.stringify(structured()),
      text: hostileFeedback,
      check_result: JSON.stringify({ pass: true, score: 100, findings: [] }),
      approved_by_type: 'member',
      approved_by: approver,
      approved_at: at,
      override_reason: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** The CSRF token of the form posting to `action` on a page. */
function csrfFor(page: string, action: string): string {
  const at = page.indexOf(`action="${action}"`);
  expect(at, `form ${action}`).toBeGreaterThan(-1);
  const match = /name="csrf" value="([^"]+)"/.exec(page.slice(at));
  if (!match?.[1]) throw new Error(`no csrf for ${action}`);
  return match[1];
}

const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

describe('portal helpers', () => {
  it('escapes every interpolated value and keeps trusted HTML', () => {
    expect(html`<p title="${'"x" <y>'}">${'<b>&</b>'}${trusted('<i>ok</i>')}${['<a>', 1]}</p>`.value).toBe(
      '<p title="&quot;x&quot; &lt;y&gt;">&lt;b&gt;&amp;&lt;/b&gt;<i>ok</i>&lt;a&gt;1</p>',
    );
  });
  it('redacts the token of personal links, not the fixed routes', () => {
    expect(redactPortalUrl('/c/abcDEF_-123/applications/x/survey?done=1')).toBe(
      '/c/[token]/applications/x/survey?done=1',
    );
    expect(redactPortalUrl('/c/fresh-link')).toBe('/c/fresh-link');
    expect(redactPortalUrl('/c/assets/portal.css')).toBe('/c/assets/portal.css');
    expect(redactPortalUrl('/api/v1/roles')).toBe('/api/v1/roles');
  });
});

describeEachDatabase('candidate portal', (get) => {
  let app: ApiApp;
  let ctx: AppContext;
  let organisationId: string;
  let admin: TestMember;
  let manager: TestMember;
  let candidateId: string;
  let candidateEmail: string;
  let applicationId: string;
  let openApplicationId: string;
  let url: string;
  let path: string;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    smtp = await startTestSmtpServer();
    organisationId = (await makeOrganisation(ctx, { name: 'Northern Lights Venues' })).id;
    admin = await makeMember(ctx, { organisationId, role: 'admin' });
    manager = await makeMember(ctx, { organisationId, role: 'manager', name: 'Morgan Manager' });
    const role = await insertTestRole(ctx, { organisationId, title: 'AV Technician — Main House' });
    await ctx.kysely
      .updateTable('role')
      .set({ hiring_manager_id: manager.userId })
      .where('id', '=', role.id)
      .execute();
    const candidate = await insertTestCandidate(ctx, { organisationId, name: hostileName });
    candidateId = candidate.id;
    candidateEmail = candidate.email;
    applicationId = (
      await makeApplication(ctx, { organisationId, roleId: role.id, candidateId, stage: 'not_progressing' })
    ).id;
    openApplicationId = (await makeApplication(ctx, { organisationId, candidateId, stage: 'interviewing' }))
      .id;
    await approveFeedback(ctx, organisationId, applicationId, manager.userId);
    // The not-progressing email has gone: the candidate has been told, so the page shows the outcome.
    await ctx.kysely
      .updateTable('application')
      .set({ told_at: ctx.now().toISOString(), told_via: 'email' })
      .where('id', '=', applicationId)
      .execute();
    const at = ctx.now().toISOString();
    const interviewId = newId();
    await ctx.kysely
      .insertInto('interview')
      .values({
        id: interviewId,
        organisation_id: organisationId,
        application_id: applicationId,
        kind: 'practical',
        starts_at: '2026-11-20T10:00:00.000Z',
        ends_at: '2026-11-20T11:00:00.000Z',
        location: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await ctx.kysely
      .insertInto('scorecard')
      .values({
        id: newId(),
        organisation_id: organisationId,
        interview_id: interviewId,
        application_id: applicationId,
        interviewer_id: manager.userId,
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
    url = await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId });
    path = new URL(url).pathname;
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const page = async (p = path) => app.inject({ method: 'GET', url: p });
  const post = (p: string, values: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: p, payload: form(values), headers: { ...formHeaders, ...headers } });

  it('issues a 43-character token and stores only its hash', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/c\/[A-Za-z0-9_-]{43}$/);
    const token = path.slice(3);
    const rows = await ctx.kysely
      .selectFrom('candidate_link')
      .selectAll()
      .where('candidate_id', '=', candidateId)
      .execute();
    expect(rows.some((r) => r.token_hash === hashToken(token))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('keeps a decision off the page until its email has told the candidate', async () => {
    await ctx.kysely
      .updateTable('application')
      .set({ told_at: null })
      .where('id', '=', applicationId)
      .execute();
    const before = await page();
    expect(before.body).not.toContain('decided not to progress');
    expect(before.body).not.toContain('Your feedback');
    expect(before.body).toContain('making our decision');
    await ctx.kysely
      .updateTable('application')
      .set({ told_at: ctx.now().toISOString() })
      .where('id', '=', applicationId)
      .execute();
    expect((await page()).body).toContain('decided not to progress');
  });

  it('shows the outcome and the approved feedback with its training, everything escaped', async () => {
    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body;
    expect(body).toContain(
      'We&#39;ve decided not to progress your application for AV Technician — Main House. Here is what we saw and how to develop it.',
    );
    expect(body).toContain('<strong>quickly</strong>');
    expect(body).toContain('href="https://www.getdante.com/support/training/"');
    expect(body).toContain('Northern Lights Venues');
    expect(body).toContain('<link rel="stylesheet" href="/c/assets/portal.css">');
    expect(body).toContain('lang="en-GB"');
    // Hostile name and feedback stay text.
    expect(body).not.toContain('<script');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('href="javascript');
    expect(body).toContain(
      '&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Sam &amp; &quot;Rigby&quot;',
    );
    // An undecided application shows no feedback and no call form.
    expect(body).toContain('You&#39;re interviewing for AV Technician');
    expect(body).not.toContain(`/applications/${openApplicationId}/feedback-call`);
    const css = await page('/c/assets/portal.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('refuses expired, altered and foreign links with the same neutral 404', async () => {
    const token = path.slice(3);
    const altered = `/c/${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const expiredUrl = await issueCandidateLink(ctx.kysely, ctx, {
      organisationId,
      candidateId,
      lifetimeDays: -1,
    });
    const other = await makeApplication(ctx, { stage: 'not_progressing' });
    await ctx.kysely
      .updateTable('application')
      .set({ told_at: ctx.now().toISOString(), told_via: 'email' })
      .where('id', '=', other.id)
      .execute();
    const otherUrl = await issueCandidateLink(ctx.kysely, ctx, {
      organisationId: other.organisationId,
      candidateId: other.candidateId,
    });
    const otherPath = new URL(otherUrl).pathname;
    const responses = await Promise.all([
      page(altered),
      page(new URL(expiredUrl).pathname),
      page('/c/not-a-token'),
      page(`${path}/nothing-here`),
      app.inject({ method: 'GET', url: `${otherPath}/my-data.json` }).then(async (r) => {
        expect(r.statusCode).toBe(200);
        return page(altered);
      }),
    ]);
    const first = responses[0];
    for (const res of responses) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(first?.body);
    }
    expect(first?.body).toContain('This link does not work');
    expect(first?.body).not.toMatch(/Sam|Rigby|Northern Lights/);

    // Another candidate's application through this link: the same 404, nothing written.
    const otherPage = (await page(otherPath)).body;
    const survey = { recommend: '9', toldWhenPromised: '5', feedbackUseful: '5', treatedWithRespect: '5' };
    const csrf = csrfFor(otherPage, `${otherPath}/applications/${other.id}/survey`);
    const foreign = await post(`${path}/applications/${other.id}/survey`, { csrf, ...survey });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(first?.body);
    const crossOrg = await post(`${otherPath}/applications/${applicationId}/survey`, { csrf, ...survey });
    expect(crossOrg.statusCode).toBe(404);
    expect(await ctx.kysely.selectFrom('survey_response').selectAll().execute()).toHaveLength(0);
  });

  it('accepts its own forms as a real browser sends them, and tells the browser to send its origin', async () => {
    const shown = await page();
    expect(shown.headers['referrer-policy']).toBe('same-origin');
    // Under a strict referrer policy Chromium posts same-site forms with "Origin: null".
    const res = await post(
      `${path}/network/join`,
      { csrf: csrfFor(shown.body, `${path}/network/join`) },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
    );
    expect(res.statusCode).toBe(303);
    const rows = await ctx.kysely
      .selectFrom('talent_network_member')
      .select(['left_at'])
      .where('candidate_id', '=', candidateId)
      .execute();
    expect(rows).toHaveLength(1);
    // Leave again, so the tests after this one start outside the network.
    const again = await page();
    await post(`${path}/network/leave`, { csrf: csrfFor(again.body, `${path}/network/leave`) });
    await ctx.kysely.deleteFrom('talent_network_member').where('candidate_id', '=', candidateId).execute();
  });

  it('shows feedback headings below the page headings, and a hire that closed as a welcome', async () => {
    const body = (await page()).body;
    expect(body).toMatch(/<h4>What went well<\/h4>|<h4>[^<]*<\/h4>/);
    expect(body).not.toMatch(/<h2>What went well/);
    const hired = await makeApplication(ctx, { organisationId, candidateId, stage: 'closed' });
    await ctx.kysely
      .updateTable('application')
      .set({ outcome: 'hired', told_at: ctx.now().toISOString(), told_via: 'candidate_response' })
      .where('id', '=', hired.id)
      .execute();
    expect((await page()).body).toContain('Welcome!');
    await ctx.kysely.deleteFrom('application').where('id', '=', hired.id).execute();
  });

  it('refuses POSTs without a CSRF token, with a wrong one or from a foreign origin, changing nothing', async () => {
    const body = (await page()).body;
    const action = `${path}/network/join`;
    const csrf = csrfFor(body, action);
    const wrongForm = csrfFor((await page(`${path}/delete-my-data`)).body, `${path}/delete-my-data`);
    const attempts = [
      await post(action, {}),
      await post(action, { csrf: 'x'.repeat(43) }),
      await post(action, { csrf: wrongForm }),
      await post(action, { csrf }, { origin: 'https://evil.example' }),
      await post(action, { csrf }, { referer: 'https://evil.example/page' }),
      // An opaque origin that fetch metadata does not vouch for as this site.
      await post(action, { csrf }, { origin: 'null', 'sec-fetch-site': 'cross-site' }),
    ];
    for (const res of attempts) expect(res.statusCode).toBe(403);
    expect(
      await ctx.kysely
        .selectFrom('talent_network_member')
        .selectAll()
        .where('candidate_id', '=', candidateId)
        .execute(),
    ).toHaveLength(0);
    // The API does not accept form bodies (no cross-site form posts to it).
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      payload: form({ name: 'x' }),
      headers: { ...formHeaders, cookie: admin.cookie },
    });
    expect(api.statusCode).toBe(415);
  });

  it('requests a feedback call: a row, a notification to the hiring manager, an audit event; shown afterwards', async () => {
    const body = (await page()).body;
    const action = `${path}/applications/${applicationId}/feedback-call`;
    const res = await post(
      action,
      { csrf: csrfFor(body, action), note: 'The Dante part', preferredTimes: 'weekday mornings' },
      { origin: 'http://127.0.0.1:3000' },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${path}?done=call#app-${applicationId}`);
    const rows = await ctx.kysely
      .selectFrom('feedback_call_request')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute();
    expect(rows).toMatchObject([
      { note: 'The Dante part', preferred_times: 'weekday mornings', candidate_id: candidateId },
    ]);
    const notes = await ctx.kysely
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'feedback_call_request')
      .execute();
    expect(notes.map((n) => n.user_id)).toEqual([manager.userId]);
    // The candidate's question reaches the hiring manager, not only their good times.
    expect(notes[0]?.body).toContain('“The Dante part”');
    expect(notes[0]?.body).toContain('Good times: weekday mornings.');
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'portal.feedback_call_requested')
      .execute();
    expect(audit).toMatchObject([
      { actor_type: 'candidate', actor_id: candidateId, subject_id: applicationId },
    ]);
    const after = (await page(`${path}?done=call`)).body;
    expect(after).toContain('You asked for a feedback call on');
    expect(after).toContain('asked the hiring manager to arrange a feedback call');
    expect(after).not.toContain(`action="${action}"`);
  });

  it('joins and leaves the talent network with the consent version', async () => {
    let body = (await page()).body;
    expect(body).toContain('12 months');
    const join = await post(`${path}/network/join`, { csrf: csrfFor(body, `${path}/network/join`) });
    expect(join.statusCode).toBe(303);
    let rows = await ctx.kysely
      .selectFrom('talent_network_member')
      .selectAll()
      .where('candidate_id', '=', candidateId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ consent_version: networkConsentVersion, left_at: null });
    const joined = new Date(rows[0]?.joined_at ?? '');
    const expires = new Date(rows[0]?.expires_at ?? '');
    expect(Math.round((expires.getTime() - joined.getTime()) / 86_400_000)).toBeGreaterThanOrEqual(365);
    body = (await page()).body;
    expect(body).toContain('Leave the talent network');
    // Renewing (the re-consent email's link leads here) records consent again, from the email.
    const renew = await post(`${path}/network/renew`, { csrf: csrfFor(body, `${path}/network/renew`) });
    expect(renew.statusCode).toBe(303);
    const consents = await ctx.kysely
      .selectFrom('network_consent')
      .select(['kind', 'source'])
      .where('candidate_id', '=', candidateId)
      .orderBy('id')
      .execute();
    expect(consents.slice(-2)).toEqual([
      { kind: 'given', source: 'candidate_page' },
      { kind: 'renewed', source: 'email' },
    ]);
    body = (await page()).body;
    const leave = await post(`${path}/network/leave`, { csrf: csrfFor(body, `${path}/network/leave`) });
    expect(leave.statusCode).toBe(303);
    rows = await ctx.kysely
      .selectFrom('talent_network_member')
      .selectAll()
      .where('candidate_id', '=', candidateId)
      .execute();
    expect(rows[0]?.left_at).not.toBeNull();
    expect((await page()).body).toContain('Join the talent network');
  });

  it('stores one survey response per application and refuses a second politely', async () => {
    const body = (await page()).body;
    const action = `${path}/applications/${applicationId}/survey`;
    const csrf = csrfFor(body, action);
    const answers = {
      csrf,
      recommend: '8',
      toldWhenPromised: '4',
      feedbackUseful: '5',
      treatedWithRespect: '5',
    };
    expect((await post(action, { ...answers, recommend: '11' })).statusCode).toBe(400);
    const first = await post(action, { ...answers, comment: 'Clear and kind.' });
    expect(first.headers.location).toBe(`${path}?done=survey#app-${applicationId}`);
    const second = await post(action, { ...answers, recommend: '0' });
    expect(second.headers.location).toBe(`${path}?done=survey-done#app-${applicationId}`);
    const rows = await ctx.kysely
      .selectFrom('survey_response')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.recommend)).toBe(8);
    expect((await page(`${path}?done=survey-done`)).body).toContain('already rated your experience');
  });

  it('downloads my data: the candidate, applications, interviews, feedback, requests — no private notes', async () => {
    const res = await page(`${path}/my-data.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.candidate).toMatchObject({ name: hostileName, email: candidateEmail });
    const application = data.applications.find((a: { id: string }) => a.id === applicationId);
    expect(application).toMatchObject({
      role: 'AV Technician — Main House',
      status: 'not_progressing',
      interviews: [{ kind: 'practical', startsAt: '2026-11-20T10:00:00.000Z' }],
      feedback: { text: hostileFeedback },
    });
    expect(data.feedbackCallRequests).toHaveLength(1);
    expect(data.talentNetwork[0]).toMatchObject({ consentVersion: networkConsentVersion });
    expect(data.surveyResponses[0]).toMatchObject({ recommend: 8 });
    expect(res.body).not.toContain(privateNote);
    expect(res.body).not.toMatch(/private|recommendation|scorecard|Morgan/i);
  });

  it('asks before deleting their data, saying what happens and when (the deletion: src/portal/privacy-pages.test.ts)', async () => {
    const body = (await page()).body;
    expect(body).toContain(`href="${path}/delete-my-data"`);
    expect(body).not.toContain(`action="${path}/deletion-request"`);
    // The old one-tap address is gone, so nothing can delete without the confirmation.
    expect((await post(`${path}/deletion-request`, {})).statusCode).toBe(404);
    const confirm = (await page(`${path}/delete-my-data`)).body;
    expect(confirm).toContain('As soon as you confirm, straight away');
    expect(confirm).toContain('This cannot be undone');
    expect(confirm).toContain('You still have an open application');
    expect(csrfFor(confirm, `${path}/delete-my-data`)).toMatch(/\S{20,}/);
    // Nothing happened by looking.
    const rows = await ctx.kysely
      .selectFrom('data_request')
      .select('id')
      .where('candidate_id', '=', candidateId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('puts a personal link in every candidate email as it is sent, never in the stored email', async () => {
    const message = await ctx.kysely.transaction().execute((tx) =>
      enqueue(tx, ctx, {
        organisationId,
        idempotencyKey: `thanks-${newId()}`,
        template: 'referral_thanks',
        variables: { referral: { name: 'Alex Morgan' } },
        to: { kind: 'candidate', candidateId },
        send: 'now',
      }),
    );
    const stored = async () =>
      ctx.kysely.selectFrom('message').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
    const before = await stored();
    expect(before.text).toContain(`/c/${personalLinkMarker}`);
    expect(before.html).toContain(`/c/${personalLinkMarker}`);
    expect(`${before.html}${before.text}${before.variables}`).not.toMatch(/\/c\/[A-Za-z0-9_-]{43}/);

    const mails = await deliverOutbox(ctx, smtp);
    const mail = mails.find((m) => m.subject === before.subject);
    const [link] = mail ? linksIn(mail) : [];
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/c\/[A-Za-z0-9_-]{43}$/);
    expect((await page(new URL(link ?? '').pathname)).statusCode).toBe(200);
    // What was sent is not what is kept.
    const after = await stored();
    expect(after.status).toBe('sent');
    expect(`${after.html}${after.text}${after.variables}`).not.toContain(new URL(link ?? '').pathname);
  });

  it('answers the fresh-link form the same for known and unknown emails and emails only known ones', async () => {
    const formPage = (await page('/c/fresh-link')).body;
    const csrf = csrfFor(formPage, '/c/fresh-link');
    const before = await ctx.kysely
      .selectFrom('message')
      .select('id')
      .where('template_key', '=', 'fresh_link')
      .execute();
    expect(before).toHaveLength(0);
    const known = await post('/c/fresh-link', { csrf, email: candidateEmail.toUpperCase() });
    const unknown = await post('/c/fresh-link', { csrf, email: 'nobody@example.test' });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    expect(known.body).toBe(unknown.body);
    const sent = await ctx.kysely
      .selectFrom('message')
      .selectAll()
      .where('template_key', '=', 'fresh_link')
      .execute();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ candidate_id: candidateId, to_email: candidateEmail });
    expect(sent[0]?.text).toContain(`/c/${personalLinkMarker}`);
    // Once the fresh link has gone, the earlier ones stop working.
    const earlier = (await page()).statusCode;
    const mails = await deliverOutbox(ctx, smtp);
    const fresh = mails.find((m) => m.subject?.startsWith('Your link to'));
    const [freshLink] = fresh ? linksIn(fresh) : [];
    expect(earlier).toBe(200);
    expect(freshLink).toBeDefined();
    expect((await page(new URL(freshLink ?? '').pathname)).statusCode).toBe(200);
    expect((await page()).statusCode).toBe(404);
    url = freshLink ?? '';
    path = new URL(url).pathname;
    expect((await page('/c/fresh-link?sent=1')).body).toContain(
      'If we have your email, a fresh link is on its way.',
    );
    // Without the form's token: refused.
    expect((await post('/c/fresh-link', { email: candidateEmail })).statusCode).toBe(403);
    // At most five a hour per email: the same answer, no more emails.
    for (let i = 0; i < 5; i++) await post('/c/fresh-link', { csrf, email: candidateEmail });
    const capped = await ctx.kysely
      .selectFrom('message')
      .select('id')
      .where('template_key', '=', 'fresh_link')
      .execute();
    expect(capped).toHaveLength(5);
  });

  it('loads no remote image from text, and its policy allows images only from us and the logo', async () => {
    const pixel = '![thanks](https://tracker.example/p.gif)';
    expect(String(renderMarkdown(`Great work. ${pixel}`))).not.toContain('<img');
    expect(markdownToHtml(parseMarkdown(`Great work. ${pixel}`), '#224466')).not.toContain('<img');
    await ctx.kysely
      .insertInto('organisation_settings')
      .values({
        organisation_id: organisationId,
        logo_url: 'https://cdn.example-venues.co.uk/logo.png',
        brand_colour: null,
        updated_at: ctx.now().toISOString(),
      })
      .onConflict((oc) =>
        oc.column('organisation_id').doUpdateSet({ logo_url: 'https://cdn.example-venues.co.uk/logo.png' }),
      )
      .execute();
    const res = await page();
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("img-src 'self' data: https://cdn.example-venues.co.uk");
    expect(policy).not.toMatch(/img-src[^;]*https:(?!\/\/cdn)/);
    expect(policy).toContain("form-action 'self'");
  });

  it('never writes the token to the request log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildServer(
      { ...ctx, config: { ...ctx.config, logLevel: 'info' } },
      { logStream: stream },
    );
    await logged.ready();
    const token = path.slice(3);
    await logged.inject({ method: 'GET', url: path });
    await logged.inject({ method: 'GET', url: `${path}/my-data.json` });
    await logged.close();
    const log = lines.join('');
    expect(log).toContain('/c/[token]');
    expect(log).toContain('/c/[token]/my-data.json');
    expect(log).not.toContain(token);
  });
});
