import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertTestCandidate,
  insertTestRole,
  makeApplication,
} from '../../../test/support/factories/applications.ts';
import { enqueueTestMessage, makeHiringScene } from '../../../test/support/factories/messages.ts';
import {
  makeMember,
  makeOrganisation,
  type TestMember,
} from '../../../test/support/factories/organisations.ts';
import type { AppContext } from '../../app-context.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { personalLinkMarker } from '../messages/sealed-links.ts';
import { anonymiseCandidate } from '../privacy/privacy.service.ts';
import {
  colleagueView,
  createReferralLink,
  currentReferralLink,
  expressInterest,
  hashReferralCode,
  joinNetworkByReferral,
  referralCodeOf,
  resolveReferralCode,
  revokeReferralLink,
} from './referrals.service.ts';

const privateNote = 'PRIVATE-NOTE-4471 hesitant with Dante';

describeEachDatabase('referrals', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let organisationId: string;
  let admin: TestMember;
  let roleId: string;
  let referrerA: string;
  let referrerB: string;

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    organisationId = (await makeOrganisation(ctx, { name: 'Northern Lights Venues' })).id;
    admin = await makeMember(ctx, { organisationId, role: 'admin' });
    roleId = (await insertTestRole(ctx, { organisationId, title: 'Lighting Technician' })).id;
    referrerA = (await insertTestCandidate(ctx, { organisationId, name: 'Priya Shah' })).id;
    referrerB = (await insertTestCandidate(ctx, { organisationId, name: 'Tom Okafor' })).id;
  });
  afterAll(async () => {
    await app.close();
  });

  const messagesOf = (template: string, candidateId?: string) => {
    let q = ctx.kysely
      .selectFrom('message')
      .select(['id', 'candidate_id', 'subject', 'text', 'html', 'template_key'])
      .where('organisation_id', '=', organisationId)
      .where('template_key', '=', template);
    if (candidateId) q = q.where('candidate_id', '=', candidateId);
    return q.execute();
  };

  it('makes unguessable codes and stores only their hash', async () => {
    const one = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerA,
      { secret: ctx.config.secret, showFirstName: true },
      ctx.now(),
    );
    const two = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerA,
      { secret: ctx.config.secret, showFirstName: true },
      ctx.now(),
    );
    expect(one.code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(one.code).not.toBe(two.code);
    const rows = await ctx.kysely
      .selectFrom('referral_link')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .execute();
    expect(rows.map((r) => r.code_hash)).toContain(hashReferralCode(one.code));
    expect(JSON.stringify(rows)).not.toContain(one.code);
    expect((await resolveReferralCode(ctx.kysely, one.code, ctx.now()))?.id).toBe(one.link.id);
    // One character changed, or a malformed code: nothing.
    const altered = `${one.code.slice(0, -1)}${one.code.endsWith('A') ? 'B' : 'A'}`;
    expect(await resolveReferralCode(ctx.kysely, altered, ctx.now())).toBeUndefined();
    expect(await resolveReferralCode(ctx.kysely, 'short', ctx.now())).toBeUndefined();
    // The referrer's page shows the newest working link again (its code is derived, not stored).
    const current = await currentReferralLink(
      ctx.kysely,
      ctx.config.secret,
      organisationId,
      referrerA,
      ctx.now(),
    );
    expect(current?.code).toBe(two.code);
    expect(referralCodeOf('another-secret-another-secret-0123456', two.link.id)).not.toBe(two.code);
  });

  it('treats revoked and expired links as unknown', async () => {
    const { code, link } = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerA,
      { secret: ctx.config.secret, showFirstName: false },
      ctx.now(),
    );
    const later = new Date(ctx.now().getTime() + 181 * 86_400_000);
    expect(await resolveReferralCode(ctx.kysely, code, later)).toBeUndefined();
    expect(await revokeReferralLink(ctx.kysely, organisationId, referrerA, link.id, ctx.now())).toBe(true);
    expect(await resolveReferralCode(ctx.kysely, code, ctx.now())).toBeUndefined();
    // Another referrer cannot revoke it (and it is already revoked).
    expect(await revokeReferralLink(ctx.kysely, organisationId, referrerB, link.id, ctx.now())).toBe(false);
  });

  it('turns interest into a candidate and an applied application, referred by the referrer, thanked once', async () => {
    const { code } = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerA,
      { secret: ctx.config.secret, showFirstName: true },
      ctx.now(),
    );
    const link = await resolveReferralCode(ctx.kysely, code, ctx.now());
    if (!link) throw new Error('link');
    const result = await expressInterest(ctx, link, {
      name: 'Jo Bloggs',
      email: 'jo.bloggs@example.test',
      roleId,
    });
    const application = await ctx.kysely
      .selectFrom('application')
      .select(['stage', 'candidate_id', 'role_id'])
      .where('id', '=', result.applicationId)
      .executeTakeFirstOrThrow();
    expect(application).toEqual({ stage: 'applied', candidate_id: result.candidateId, role_id: roleId });
    const candidate = await ctx.kysely
      .selectFrom('candidate')
      .select(['name', 'source'])
      .where('id', '=', result.candidateId)
      .executeTakeFirstOrThrow();
    expect(candidate).toEqual({ name: 'Jo Bloggs', source: 'Referral' });
    // Again (a double submit): the same application, one thanks.
    const again = await expressInterest(ctx, link, {
      name: 'Jo Bloggs',
      email: 'JO.BLOGGS@example.test',
      roleId,
    });
    expect(again.applicationId).toBe(result.applicationId);
    const thanks = await messagesOf('referral_thanks', referrerA);
    expect(thanks).toHaveLength(1);
    expect(thanks[0]?.subject).toBe('Thank you for recommending Jo');

    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/referrals?candidateId=${result.candidateId}`,
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      referrer: { id: referrerA, name: 'Priya Shah' },
      candidate: { id: result.candidateId, name: 'Jo Bloggs' },
      applicationId: result.applicationId,
      roleTitle: 'Lighting Technician',
      status: 'applied',
    });
  });

  it('keeps both referrers when the same colleague comes through two links', async () => {
    const a = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerA,
      { secret: ctx.config.secret, showFirstName: true },
      ctx.now(),
    );
    const b = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerB,
      { secret: ctx.config.secret, showFirstName: true },
      ctx.now(),
    );
    const linkA = await resolveReferralCode(ctx.kysely, a.code, ctx.now());
    const linkB = await resolveReferralCode(ctx.kysely, b.code, ctx.now());
    if (!linkA || !linkB) throw new Error('links');
    const first = await joinNetworkByReferral(ctx, linkA, { name: 'Kit Marlowe', email: 'kit@example.test' });
    const second = await joinNetworkByReferral(ctx, linkB, {
      name: 'Kit Marlowe',
      email: 'Kit@Example.test ',
    });
    expect(second.candidateId).toBe(first.candidateId);
    expect(second.referralId).not.toBe(first.referralId);
    const members = await ctx.kysely
      .selectFrom('talent_network_member')
      .select(['candidate_id', 'left_at'])
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', '=', first.candidateId)
      .execute();
    expect(members.filter((m) => m.left_at === null).length).toBeGreaterThan(0);
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/referrals?candidateId=${first.candidateId}`,
      headers: { cookie: admin.cookie },
    });
    const data = res.json().data as { referrer: { id: string }; status: string }[];
    expect(data.map((r) => r.referrer.id).sort()).toEqual([referrerA, referrerB].sort());
    expect(data.every((r) => r.status === 'joined_network')).toBe(true);
    const filtered = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals?status=joined_network',
      headers: { cookie: admin.cookie },
    });
    expect(filtered.json().data.length).toBeGreaterThanOrEqual(2);
    expect((await messagesOf('referral_thanks', referrerB)).length).toBeGreaterThanOrEqual(1);

    const counts = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals/referrers',
      headers: { cookie: admin.cookie },
    });
    expect(counts.statusCode).toBe(200);
    const tom = (
      counts.json().data as { referrer: { id: string }; joinedNetwork: number; links: number }[]
    ).find((r) => r.referrer.id === referrerB);
    expect(tom).toMatchObject({ joinedNetwork: 1, links: 1 });
  });

  it('thanks each referrer once when the colleague is hired, saying nothing of the assessment', async () => {
    const { code } = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerB,
      { secret: ctx.config.secret, showFirstName: true },
      ctx.now(),
    );
    const link = await resolveReferralCode(ctx.kysely, code, ctx.now());
    if (!link) throw new Error('link');
    const { applicationId } = await expressInterest(ctx, link, {
      name: 'Ari Lumen',
      email: 'ari@example.test',
      roleId,
    });
    // Through the lifecycle to an offer, with a private note on a scorecard.
    await ctx.kysely
      .updateTable('application')
      .set({ stage: 'offer' })
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
        interviewer_id: admin.userId,
        framework_id: 'builtin-av-technician-v1',
        framework_version_id: 'builtin-av-technician-v1',
        status: 'submitted',
        recommendation: 'yes',
        private_notes: privateNote,
        submitted_at: at,
        amended_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const hired = await app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${applicationId}`,
      headers: { cookie: admin.cookie },
      payload: { stage: 'hired' },
    });
    expect(hired.statusCode, hired.body).toBe(200);
    const thanks = await messagesOf('referral_hired_thanks', referrerB);
    expect(thanks).toHaveLength(1);
    expect(thanks[0]?.subject).toBe('Thank you: Ari is joining us');
    const all = `${thanks[0]?.subject} ${thanks[0]?.text} ${thanks[0]?.html}`;
    expect(all).not.toContain('PRIVATE-NOTE');
    expect(all).not.toMatch(/score|scorecard|recommendation: yes/i);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/referrals?referredBy=${referrerB}&status=hired`,
      headers: { cookie: admin.cookie },
    });
    expect(listed.json().data.map((r: { applicationId: string }) => r.applicationId)).toEqual([
      applicationId,
    ]);
  });

  it('ends decision and network emails with the ask, which an admin can turn off per template', async () => {
    const scene = await makeHiringScene(ctx);
    const owner = await makeMember(ctx, { organisationId: scene.organisationId, role: 'admin' });
    const bodyOf = async (id: string) =>
      ctx.kysely
        .selectFrom('message')
        .select(['text', 'html'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const askUrl = `/c/${personalLinkMarker}#refer`;
    const send = (template: 'not_progressing' | 'offer' | 'holding_update') =>
      enqueueTestMessage(ctx, {
        organisationId: scene.organisationId,
        template,
        applicationId: scene.applicationId,
      });

    const settings = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals/ask-settings',
      headers: { cookie: owner.cookie },
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().templates).toMatchObject({ not_progressing: true, offer: true });

    const rejected = await bodyOf((await send('not_progressing')).id);
    expect(rejected.text).toContain('Know someone who would enjoy working with us?');
    expect(rejected.text).toContain(askUrl);
    expect(rejected.html).toContain(`${askUrl}"`);
    // Not every candidate email asks: a holding update is not a decision.
    expect((await bodyOf((await send('holding_update')).id)).text).not.toContain('Know someone');

    const off = await app.inject({
      method: 'PATCH',
      url: '/api/v1/referrals/ask-settings',
      headers: { cookie: owner.cookie },
      payload: { templates: { not_progressing: false } },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().templates).toMatchObject({ not_progressing: false, offer: true });
    expect((await bodyOf((await send('not_progressing')).id)).text).not.toContain('Know someone');
    expect((await bodyOf((await send('offer')).id)).text).toContain('Know someone');
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select('action')
      .where('organisation_id', '=', scene.organisationId)
      .where('action', '=', 'referrals.ask_settings_changed')
      .execute();
    expect(audit).toHaveLength(1);
    // The setting is the organisation's own: another organisation still asks.
    const other = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals/ask-settings',
      headers: { cookie: admin.cookie },
    });
    expect(other.json().templates.not_progressing).toBe(true);
    // Back on; managers may not change it.
    const manager = await makeMember(ctx, { organisationId: scene.organisationId, role: 'manager' });
    const denied = await app.inject({
      method: 'PATCH',
      url: '/api/v1/referrals/ask-settings',
      headers: { cookie: manager.cookie },
      payload: { templates: { not_progressing: true } },
    });
    expect(denied.statusCode).toBe(403);
    const on = await app.inject({
      method: 'PATCH',
      url: '/api/v1/referrals/ask-settings',
      headers: { cookie: owner.cookie },
      payload: { templates: { not_progressing: true } },
    });
    expect(on.json().templates.not_progressing).toBe(true);
    expect((await bodyOf((await send('not_progressing')).id)).text).toContain('Know someone');
  });

  it("tells each link's story: opens counted without the visitor, who came forward, where they are", async () => {
    const referrer = (await insertTestCandidate(ctx, { organisationId, name: 'Lena Vos' })).id;
    const made = new Date('2026-11-02T09:00:00.000Z');
    const { code, link: created } = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrer,
      { secret: ctx.config.secret, roleId, kindOfWork: 'rigging', showFirstName: true },
      made,
    );
    const link = await resolveReferralCode(ctx.kysely, code, ctx.now());
    if (!link) throw new Error('link');
    const linksOf = async (member: TestMember, query = `referredBy=${referrer}`) => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/referrals/links?${query}`,
        headers: { cookie: member.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    // Made, not opened yet.
    const fresh = (await linksOf(admin)).data;
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      id: created.id,
      referrer: { id: referrer, name: 'Lena Vos' },
      roleTitle: 'Lighting Technician',
      state: 'active',
      opened: { count: 0, first: null, last: null },
      referrals: [],
    });
    expect(fresh[0].timeline.map((e: { kind: string }) => e.kind)).toEqual(['made']);

    const firstOpen = new Date('2026-11-03T20:15:00.000Z');
    const lastOpen = new Date('2026-11-04T07:40:00.000Z');
    await colleagueView(ctx.kysely, link, firstOpen);
    await colleagueView(ctx.kysely, link, lastOpen);
    const joined = await joinNetworkByReferral(ctx, link, { name: 'Noor Hale', email: 'noor@example.test' });
    const interested = await expressInterest(ctx, link, {
      name: 'Ravi Kent',
      email: 'ravi@example.test',
      roleId,
    });
    // Interviewed and offered (the lifecycle's own tests cover those steps), then hired.
    await ctx.kysely
      .updateTable('application')
      .set({ stage: 'offer' })
      .where('id', '=', interested.applicationId)
      .execute();
    const hired = await app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${interested.applicationId}`,
      headers: { cookie: admin.cookie },
      payload: { stage: 'hired' },
    });
    expect(hired.statusCode, hired.body).toBe(200);

    const [story] = (await linksOf(admin)).data;
    expect(story.opened).toEqual({
      count: 2,
      first: firstOpen.toISOString(),
      last: lastOpen.toISOString(),
    });
    expect(story.referrals).toEqual([
      {
        id: joined.referralId,
        candidate: { id: joined.candidateId, name: 'Noor Hale' },
        applicationId: null,
        roleTitle: null,
        status: 'joined_network',
      },
      {
        id: interested.referralId,
        candidate: { id: interested.candidateId, name: 'Ravi Kent' },
        applicationId: interested.applicationId,
        roleTitle: 'Lighting Technician',
        status: 'hired',
      },
    ]);
    const kinds = story.timeline.map((e: { kind: string; candidate: { name: string } | null }) =>
      e.candidate ? `${e.kind}:${e.candidate.name}` : e.kind,
    );
    expect(kinds).toEqual([
      'made',
      'first_opened',
      'last_opened',
      'joined_network:Noor Hale',
      'applied:Ravi Kent',
      'hired:Ravi Kent',
    ]);
    expect(story.timeline[0].at).toBe(made.toISOString());

    // The row holds a count and two times; nothing of whoever opened it.
    const row = await ctx.kysely
      .selectFrom('referral_link')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(
      [
        'code_hash',
        'created_at',
        'expires_at',
        'first_viewed_at',
        'id',
        'kind_of_work',
        'last_viewed_at',
        'organisation_id',
        'referrer_candidate_id',
        'revoked_at',
        'role_id',
        'show_first_name',
        'view_count',
      ].sort(),
    );

    // Another organisation sees none of it, and an interviewer may not look.
    const outsider = await makeMember(ctx, {
      organisationId: (await makeOrganisation(ctx)).id,
      role: 'admin',
    });
    expect((await linksOf(outsider, '')).data).toEqual([]);
    const viewer = await makeMember(ctx, { organisationId, role: 'interviewer' });
    const denied = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals/links',
      headers: { cookie: viewer.cookie },
    });
    expect(denied.statusCode).toBe(403);

    // The referrer erased: the link is revoked and the work they named goes; counts and dates stay.
    await ctx.kysely
      .transaction()
      .execute((tx) =>
        anonymiseCandidate(tx, organisationId, referrer, 'system', 'erased_by_admin', ctx.now()),
      );
    const [after] = (await linksOf(admin)).data;
    expect(after).toMatchObject({ state: 'revoked', kindOfWork: null, opened: { count: 2 } });
    expect(after.referrer.name).not.toBe('Lena Vos');
    expect(after.timeline.at(-1).kind).toBe('revoked');
  });

  it('keeps every organisation to its own referrals', async () => {
    const other = (await makeOrganisation(ctx, { name: 'Other Halls' })).id;
    const outsider = await makeMember(ctx, { organisationId: other, role: 'admin' });
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals',
      headers: { cookie: outsider.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([]);
    const referrers = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals/referrers',
      headers: { cookie: outsider.cookie },
    });
    expect(referrers.json().data).toEqual([]);
    // A link of the first organisation offers only its own roles and records there.
    const otherRole = await insertTestRole(ctx, { organisationId: other, title: 'Rigger' });
    const { code } = await createReferralLink(
      ctx.kysely,
      organisationId,
      referrerA,
      { secret: ctx.config.secret, showFirstName: true },
      ctx.now(),
    );
    const link = await resolveReferralCode(ctx.kysely, code, ctx.now());
    if (!link) throw new Error('link');
    await expect(
      expressInterest(ctx, link, { name: 'Sly Cross', email: 'sly@example.test', roleId: otherRole.id }),
    ).rejects.toThrow();
    // A candidate of another organisation is never reused, even with the same email.
    await makeApplication(ctx, { organisationId: other, candidateEmail: 'dual@example.test' });
    const joined = await joinNetworkByReferral(ctx, link, { name: 'Dee Dual', email: 'dual@example.test' });
    const colleague = await ctx.kysely
      .selectFrom('candidate')
      .select('organisation_id')
      .where('id', '=', joined.candidateId)
      .executeTakeFirstOrThrow();
    expect(colleague.organisation_id).toBe(organisationId);
    // Members without hiring rights cannot list.
    const viewer = await makeMember(ctx, { organisationId, role: 'interviewer' });
    const denied = await app.inject({
      method: 'GET',
      url: '/api/v1/referrals',
      headers: { cookie: viewer.cookie },
    });
    expect(denied.statusCode).toBe(403);
  });
});
