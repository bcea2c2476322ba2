import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { enqueueTestMessage, makeHiringScene } from '../../../test/support/factories/messages.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { templateKeys, templates } from '../../mail/catalogue.ts';

describeEachDatabase('templates API', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin', name: 'Priya Shah' });
  });
  afterAll(async () => app.close());

  const put = (member: TestMember, key: string, payload: object) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/templates/${key}`,
      headers: { cookie: member.cookie },
      payload,
    });
  const preview = (member: TestMember, key: string, payload: object = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/templates/${key}/preview`,
      headers: { cookie: member.cookie },
      payload,
    });

  it('lists every template, at the built-in version 1 until an admin changes one', async () => {
    const res = await app.inject({ url: '/api/v1/templates', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.map((t: { key: string }) => t.key)).toEqual([...templateKeys]);
    expect(
      data.every(
        (t: { currentVersion: number; customised: boolean }) => t.currentVersion === 1 && !t.customised,
      ),
    ).toBe(true);
    expect(data.find((t: { key: string }) => t.key === 'organisation_invitation').audience).toBe('email');
  });

  it('reads a template with its variables and default text', async () => {
    const res = await app.inject({
      url: '/api/v1/templates/not_progressing',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.subject).toBe(templates.not_progressing.defaults.subject);
    expect(detail.body).toBe(templates.not_progressing.defaults.body);
    expect(detail.versions).toEqual([]);
    expect(detail.variables.map((v: { path: string }) => v.path)).toContain('feedback.strengths[].evidence');
    const unknown = await app.inject({ url: '/api/v1/templates/nope', headers: { cookie: admin.cookie } });
    expect(unknown.statusCode).toBe(400);
  });

  it('saves a new version, keeping the default as version 1, and audits it', async () => {
    const org = await makeMember(get().ctx, { role: 'admin', name: 'Ola Admin' });
    const saved = await put(org, 'holding_update', {
      subject: 'News about {{ role.title }}',
      body: 'Dear {{ candidate.firstName }},\n\nWe need until **{{ update.newDate }}**.',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const detail = saved.json();
    expect(detail).toMatchObject({
      currentVersion: 2,
      customised: true,
      subject: 'News about {{ role.title }}',
    });
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(detail.versions[0].createdBy).toEqual({ id: org.userId, name: 'Ola Admin' });
    expect(detail.versions[1]).toMatchObject({
      createdBy: null,
      subject: templates.holding_update.defaults.subject,
    });

    const same = await put(org, 'holding_update', { subject: detail.subject, body: detail.body });
    expect(same.json().currentVersion).toBe(2);

    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('organisation_id', '=', org.organisationId)
      .where('action', '=', 'template.updated')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses an unknown variable when saving, naming it, and saves nothing', async () => {
    const org = await makeMember(get().ctx, { role: 'admin' });
    const res = await put(org, 'offer', {
      subject: 'Offer',
      body: 'Dear {{ candidate.firstName }}, you start on {{ offer.startDat }}.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'body' });
    expect(res.json().error.message).toContain('Unknown variable "offer.startDat"');
    const subject = await put(org, 'offer', { subject: 'Hi {{ candidate.surname }}', body: 'x' });
    expect(subject.json().error).toMatchObject({ field: 'subject' });
    expect(subject.json().error.message).toContain('candidate.surname');
    const include = await put(org, 'offer', { subject: 'x', body: '{% include "../../etc/passwd" %}' });
    expect(include.statusCode).toBe(400);
    const two = await put(org, 'offer', { subject: 'one\ntwo', body: 'x' });
    expect(two.statusCode).toBe(400);
    const rows = await get()
      .ctx.kysely.selectFrom('message_template_version')
      .select('id')
      .where('organisation_id', '=', org.organisationId)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('previews with sample data when there is no application', async () => {
    const org = await makeMember(get().ctx, { role: 'admin' });
    const current = await app.inject({
      method: 'POST',
      url: '/api/v1/templates/reconsent/preview',
      headers: { cookie: org.cookie },
    });
    expect(current.statusCode, current.body).toBe(200);
    expect(current.json().subject).toMatch(/^Would you like to stay in the Test Venues .* talent network\?$/);
    expect(current.json().text).toContain('Unsubscribe: http://127.0.0.1:3000/unsubscribe/preview');
    const res = await preview(org, 'offer', { body: 'Dear {{ candidate.firstName }}, {{ offer.salary }}' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'sample', applicationId: null });
    expect(res.json().text).toContain('Dear Sam, £29,500 a year');
    expect(res.json().html).toContain('max-width:600px');
  });

  it('previews with a real application, the newest by default, and rejects an unknown variable live', async () => {
    const org = await makeMember(get().ctx, { role: 'admin' });
    const scene = await makeHiringScene(get().ctx, {
      organisationId: org.organisationId,
      candidateName: 'Morgan <i>Evans</i>',
    });
    const res = await preview(org, 'not_progressing');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ source: 'application', applicationId: scene.applicationId });
    expect(body.subject).toBe('Your application for AV Technician — Main House');
    expect(body.html).toContain('Dear Morgan,');
    expect(body.text).toContain('Jo Okafor');
    const named = await preview(org, 'offer', {
      applicationId: scene.applicationId,
      subject: 'For {{ candidate.name }}',
    });
    expect(named.json().subject).toBe('For Morgan <i>Evans</i>');
    expect(named.json().html).toContain('<title>For Morgan &lt;i&gt;Evans&lt;/i&gt;</title>');
    const bad = await preview(org, 'offer', { body: '{{ offer.bonus }}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('offer.bonus');
    const foreign = await makeHiringScene(get().ctx);
    const elsewhere = await preview(org, 'offer', { applicationId: foreign.applicationId });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('previews the referral ask exactly as the email carries it, and drops it when turned off', async () => {
    const org = await makeMember(get().ctx, { role: 'admin' });
    const scene = await makeHiringScene(get().ctx, { organisationId: org.organisationId });
    const ask =
      /Know someone who would enjoy working with us\? Your page has .*a link you can send them.*, if you'd like to\./;
    const shown = (await preview(org, 'not_progressing')).json();
    const sent = await enqueueTestMessage(get().ctx, {
      organisationId: org.organisationId,
      template: 'not_progressing',
      applicationId: scene.applicationId,
    });
    const stored = await get()
      .ctx.kysely.selectFrom('message')
      .select(['text', 'html'])
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    // The same body, the same ask: only the personal link differs (the preview cannot issue one).
    const withoutLinks = (text: string) => text.replace(/https?:\/\/\S+/g, 'LINK');
    expect(withoutLinks(shown.text)).toBe(withoutLinks(stored.text));
    expect(shown.text).toMatch(ask);
    expect(shown.html).toContain('your-personal-link#refer');
    // A candidate email outside the ask, and an ask turned off, preview without it.
    expect((await preview(org, 'reconsent')).json().text).not.toMatch(ask);
    const off = await app.inject({
      method: 'PATCH',
      url: '/api/v1/referrals/ask-settings',
      headers: { cookie: org.cookie },
      payload: { templates: { not_progressing: false } },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await preview(org, 'not_progressing')).json().text).not.toMatch(ask);
    expect((await preview(org, 'offer')).json().text).toMatch(ask);
  });

  it('records on every message the template version it used', async () => {
    const org = await makeMember(get().ctx, { role: 'admin' });
    const scene = await makeHiringScene(get().ctx, { organisationId: org.organisationId });
    const first = await enqueueTestMessage(get().ctx, {
      organisationId: org.organisationId,
      template: 'experience_survey',
      applicationId: scene.applicationId,
    });
    await put(org, 'experience_survey', {
      subject: 'Tell us how we did, {{ candidate.firstName }}',
      body: 'Please rate us: {{ survey.url }}',
    });
    const second = await enqueueTestMessage(get().ctx, {
      organisationId: org.organisationId,
      template: 'experience_survey',
      applicationId: scene.applicationId,
    });
    const read = async (id: string) =>
      (await app.inject({ url: `/api/v1/messages/${id}`, headers: { cookie: org.cookie } })).json();
    const [a, b] = [await read(first.id), await read(second.id)];
    expect(a.templateVersion.version).toBe(1);
    expect(b.templateVersion.version).toBe(2);
    expect(b.subject).toBe('Tell us how we did, Sam');
    expect(a.subject).toContain('How did we do?');
  });

  it('lets managers read and preview but only admins save; interviewers see nothing', async () => {
    const manager = await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
    const tech = await makeMember(get().ctx, { role: 'interviewer', organisationId: admin.organisationId });
    expect(
      (await app.inject({ url: '/api/v1/templates', headers: { cookie: manager.cookie } })).statusCode,
    ).toBe(200);
    expect((await preview(manager, 'offer')).statusCode).toBe(200);
    expect((await put(manager, 'offer', { subject: 'x', body: 'y' })).statusCode).toBe(403);
    expect(
      (await app.inject({ url: '/api/v1/templates', headers: { cookie: tech.cookie } })).statusCode,
    ).toBe(403);
    const key = await makeApiKey(get().ctx, { organisationId: admin.organisationId });
    const byKey = await app.inject({
      method: 'PUT',
      url: '/api/v1/templates/offer',
      headers: key.headers,
      payload: { subject: 'x', body: 'y' },
    });
    expect(byKey.statusCode).toBe(403);
  });

  it("keeps each organisation's versions to itself", async () => {
    const mine = await makeMember(get().ctx, { role: 'admin' });
    const theirs = await makeMember(get().ctx, { role: 'admin' });
    await put(theirs, 'referral_thanks', { subject: 'Cheers', body: 'Thanks for {{ referral.name }}' });
    const detail = (
      await app.inject({ url: '/api/v1/templates/referral_thanks', headers: { cookie: mine.cookie } })
    ).json();
    expect(detail.currentVersion).toBe(1);
    expect(detail.subject).toBe(templates.referral_thanks.defaults.subject);
  });
});

describeEachDatabase('branding settings API', (get) => {
  let app: ApiApp;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
  });
  afterAll(async () => app.close());

  it('stores the logo and colour, validates them, and uses them in emails', async () => {
    const admin = await makeMember(get().ctx, { role: 'admin' });
    const empty = await app.inject({ url: '/api/v1/settings/branding', headers: { cookie: admin.cookie } });
    expect(empty.json()).toEqual({ logoUrl: null, brandColour: null, updatedAt: null });

    const saved = await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/branding',
      headers: { cookie: admin.cookie },
      payload: { logoUrl: 'https://cdn.example.co.uk/logo.png', brandColour: '#AA3311' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      logoUrl: 'https://cdn.example.co.uk/logo.png',
      brandColour: '#aa3311',
    });

    const colourOnly = await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/branding',
      headers: { cookie: admin.cookie },
      payload: { brandColour: '#123456' },
    });
    expect(colourOnly.json()).toMatchObject({
      logoUrl: 'https://cdn.example.co.uk/logo.png',
      brandColour: '#123456',
    });

    for (const payload of [
      { brandColour: 'red' },
      { brandColour: '#12345' },
      { logoUrl: 'http://cdn.example.co.uk/logo.png' },
      { logoUrl: 'javascript:alert(1)' },
      { logoUrl: 'https://x.example/"onerror="alert(1)' },
    ]) {
      const res = await app.inject({
        method: 'PATCH',
        url: '/api/v1/settings/branding',
        headers: { cookie: admin.cookie },
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }

    const shown = await app.inject({
      method: 'POST',
      url: '/api/v1/templates/offer/preview',
      headers: { cookie: admin.cookie },
      payload: {},
    });
    expect(shown.json().html).toContain('src="https://cdn.example.co.uk/logo.png"');
    expect(shown.json().html).toContain('background-color:#123456');
  });

  it('is for admins only', async () => {
    const manager = await makeMember(get().ctx, { role: 'manager' });
    expect(
      (await app.inject({ url: '/api/v1/settings/branding', headers: { cookie: manager.cookie } }))
        .statusCode,
    ).toBe(403);
    const patch = await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/branding',
      headers: { cookie: manager.cookie },
      payload: { brandColour: '#000000' },
    });
    expect(patch.statusCode).toBe(403);
  });
});

describe('template keys', () => {
  it('are one per email the product sends', () => {
    expect(templateKeys).toHaveLength(24);
  });
});
