import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import {
  insertTestCandidate,
  insertTestRole,
  makeApplication,
} from '../../test/support/factories/applications.ts';
import { makeMember, makeOrganisation, type TestMember } from '../../test/support/factories/organisations.ts';
import type { AppContext } from '../app-context.ts';
import { rateLimits } from '../http/rate-limits.ts';
import type { ApiApp } from '../http/types.ts';
import { issueCandidateLink } from './links.ts';
import { redactPortalUrl } from './log.ts';

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
const codeIn = (page: string) => {
  const match = /\/r\/([A-Za-z0-9_-]{32})/.exec(page);
  if (!match?.[1]) throw new Error('no referral link on the page');
  return match[1];
};

let address = 0;
const nextAddress = () => `203.0.113.${(address++ % 250) + 1}`;

describeEachDatabase('referral pages', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let organisationId: string;
  let admin: TestMember;
  let referrerId: string;
  let roleId: string;
  let pagePath: string;

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    organisationId = (await makeOrganisation(ctx, { name: 'Northern Lights Venues' })).id;
    admin = await makeMember(ctx, { organisationId, role: 'admin' });
    roleId = (await insertTestRole(ctx, { organisationId, title: 'Sound <Engineer> & "Mixer"' })).id;
    await insertTestRole(ctx, { organisationId, title: 'Closed Role', status: 'closed' });
    referrerId = (await insertTestCandidate(ctx, { organisationId, name: 'Priya Shah' })).id;
    await makeApplication(ctx, { organisationId, candidateId: referrerId, stage: 'not_progressing' });
    pagePath = new URL(await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId: referrerId }))
      .pathname;
  });
  afterAll(async () => {
    await app.close();
  });

  const get_ = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });
  const post = (url: string, values: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: form(values), headers: { ...formHeaders, ...headers } });

  let code: string;

  it('gives the referrer a personal link to share, with a ready message and share links', async () => {
    const before = (await get_(pagePath)).body;
    expect(before).toContain('Recommend a colleague');
    expect(before).not.toContain('/r/');
    const csrf = csrfFor(before, `${pagePath}/referral/link`);
    expect((await post(`${pagePath}/referral/link`, { showFirstName: 'yes' })).statusCode).toBe(403);
    const made = await post(`${pagePath}/referral/link`, { csrf, showFirstName: 'yes' });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toContain('done=referral-link');
    const page = (await get_(pagePath)).body;
    code = codeIn(page);
    const url = `http://127.0.0.1:3000/r/${code}`;
    expect(page).toContain(`value="${url}"`);
    expect(page).toContain('https://wa.me/?text=');
    expect(page).toContain(encodeURIComponent(url));
    expect(page).toContain('mailto:?subject=AV%20work%20at%20Northern%20Lights%20Venues&amp;body=');
    expect(page).toContain('https://www.linkedin.com/sharing/share-offsite/?url=');
    expect(page).toContain('I applied for AV work with Northern Lights Venues');
    // A second press does not make a second link.
    await post(`${pagePath}/referral/link`, { csrf, showFirstName: 'yes' });
    expect(codeIn((await get_(pagePath)).body)).toBe(code);
    const links = await ctx.kysely
      .selectFrom('referral_link')
      .select(['code_hash'])
      .where('referrer_candidate_id', '=', referrerId)
      .execute();
    expect(links).toHaveLength(1);
    expect(JSON.stringify(links)).not.toContain(code);
  });

  it('puts the referrer’s own words in the share links, escaped', async () => {
    const words = 'Come & work here <b>mate</b>';
    const page = (await get_(`${pagePath}?message=${encodeURIComponent(words)}`)).body;
    expect(page).toContain('Come &amp; work here &lt;b&gt;mate&lt;/b&gt;</textarea>');
    expect(page).not.toContain('<b>mate</b>');
    expect(page).toContain(
      `https://wa.me/?text=${encodeURIComponent(`${words} http://127.0.0.1:3000/r/${code}`).replaceAll("'", '%27')}`.replaceAll(
        '&',
        '&amp;',
      ),
    );
  });

  it('shows the colleague who recommended them (first name only), the venue and the open roles', async () => {
    const res = await get_(`/r/${code}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('Priya thought you&#39;d like to work with Northern Lights Venues');
    expect(res.body).not.toContain('Shah');
    expect(res.body).toContain('Sound &lt;Engineer&gt; &amp; &quot;Mixer&quot;');
    expect(res.body).not.toContain('Closed Role');
    expect(res.body).not.toContain('<script');
    expect(res.body).toContain(`action="/r/${code}/interest"`);
    expect(res.body).toContain(`action="/r/${code}/network"`);
    const link = await ctx.kysely
      .selectFrom('referral_link')
      .select(['view_count'])
      .where('referrer_candidate_id', '=', referrerId)
      .executeTakeFirstOrThrow();
    expect(Number(link.view_count)).toBeGreaterThanOrEqual(1);
    // The referrer can hide their name.
    const page = (await get_(pagePath)).body;
    await post(`${pagePath}/referral/name`, { csrf: csrfFor(page, `${pagePath}/referral/name`) });
    const hidden = (await get_(`/r/${code}`)).body;
    expect(hidden).not.toContain('Priya');
    expect(hidden).toContain('Someone who knows Northern Lights Venues');
    await post(`${pagePath}/referral/name`, {
      csrf: csrfFor(page, `${pagePath}/referral/name`),
      showFirstName: 'yes',
    });
    expect((await get_(`/r/${code}`)).body).toContain('Priya thought');
  });

  it('refuses the colleague’s forms without their CSRF token or from another site', async () => {
    const page = (await get_(`/r/${code}`)).body;
    const csrf = csrfFor(page, `/r/${code}/network`);
    const values = { name: 'Kit Marlowe', email: 'kit@example.test', consent: 'yes' };
    expect((await post(`/r/${code}/network`, values)).statusCode).toBe(403);
    expect(
      (await post(`/r/${code}/network`, { ...values, csrf: csrfFor(page, `/r/${code}/interest`) }))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(`/r/${code}/network`, { ...values, csrf }, { origin: 'https://evil.example' })).statusCode,
    ).toBe(403);
    // Without the consent box ticked: nothing joins.
    const unticked = await post(`/r/${code}/network`, {
      name: 'Kit Marlowe',
      email: 'kit@example.test',
      csrf,
    });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.body).toContain('Tick the box');
    const none = await ctx.kysely
      .selectFrom('candidate')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('email', '=', 'kit@example.test')
      .execute();
    expect(none).toHaveLength(0);
  });

  it('lets the colleague join the network: a referral, the referrer thanked once', async () => {
    const page = (await get_(`/r/${code}`)).body;
    const csrf = csrfFor(page, `/r/${code}/network`);
    const values = { name: 'Kit Marlowe', email: 'kit@example.test', consent: 'yes', csrf };
    const res = await post(`/r/${code}/network`, values, { origin: 'http://127.0.0.1:3000' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/r/${code}?done=network`);
    const opens = async () =>
      Number(
        (
          await ctx.kysely
            .selectFrom('referral_link')
            .select(['view_count'])
            .where('referrer_candidate_id', '=', referrerId)
            .executeTakeFirstOrThrow()
        ).view_count,
      );
    const before = await opens();
    expect((await get_(res.headers.location as string)).body).toContain(
      'you&#39;ve joined our talent network',
    );
    // The page the form returns to is not another opening of the link.
    expect(await opens()).toBe(before);
    await post(`/r/${code}/network`, values);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/referrals?referredBy=${referrerId}`,
      headers: { cookie: admin.cookie },
    });
    const data = listed.json().data as { candidate: { name: string }; status: string }[];
    expect(data.map((r) => [r.candidate.name, r.status])).toEqual([['Kit Marlowe', 'joined_network']]);
    const thanks = await ctx.kysely
      .selectFrom('message')
      .select(['subject'])
      .where('candidate_id', '=', referrerId)
      .where('template_key', '=', 'referral_thanks')
      .execute();
    expect(thanks).toEqual([{ subject: 'Thank you for recommending Kit' }]);
  });

  it('lets the colleague express interest in a role: an application in applied', async () => {
    const page = (await get_(`/r/${code}`)).body;
    const csrf = csrfFor(page, `/r/${code}/interest`);
    const bad = await post(`/r/${code}/interest`, { csrf, name: 'Jo', email: 'not-an-email', roleId });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Give an email address we can reply to.');
    const res = await post(`/r/${code}/interest`, {
      csrf,
      name: 'Jo Bloggs',
      email: 'jo@example.test',
      roleId,
    });
    expect(res.statusCode).toBe(303);
    const row = await ctx.kysely
      .selectFrom('application')
      .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
      .select(['application.stage', 'candidate.source'])
      .where('candidate.email', '=', 'jo@example.test')
      .where('application.role_id', '=', roleId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ stage: 'applied', source: 'Referral' });
  });

  it('answers unknown, malformed and revoked codes with the same neutral page', async () => {
    const unknown = await get_(`/r/${'x'.repeat(32)}`);
    expect(unknown.statusCode).toBe(404);
    expect((await get_('/r/short')).body).toBe(unknown.body);
    const page = (await get_(pagePath)).body;
    const renewed = await post(`${pagePath}/referral/new`, {
      csrf: csrfFor(page, `${pagePath}/referral/new`),
    });
    expect(renewed.statusCode).toBe(303);
    const fresh = codeIn((await get_(pagePath)).body);
    expect(fresh).not.toBe(code);
    const revoked = await get_(`/r/${code}`);
    expect(revoked.statusCode).toBe(404);
    expect(revoked.body).toBe(unknown.body);
    expect(revoked.body).not.toContain('Northern Lights');
    const posted = await post(`/r/${code}/network`, {
      name: 'Late Comer',
      email: 'late@example.test',
      consent: 'yes',
    });
    expect(posted.statusCode).toBe(404);
    expect((await get_(`/r/${fresh}`)).statusCode).toBe(200);
    code = fresh;
  });

  it('keeps the code out of the request log', () => {
    expect(redactPortalUrl(`/r/${'a'.repeat(32)}/network?done=1`)).toBe('/r/[code]/network?done=1');
  });

  it('limits the forms per address and the page per code from many addresses', async () => {
    const limited = await buildTestApp(ctx, { rateLimits: true });
    try {
      const page = (await limited.inject({ url: `/r/${code}`, remoteAddress: '198.51.100.7' })).body;
      const csrf = csrfFor(page, `/r/${code}/network`);
      const codes: number[] = [];
      for (let i = 0; i <= rateLimits.referralFormPerAddress.max; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: `/r/${code}/network`,
          remoteAddress: '198.51.100.7',
          headers: formHeaders,
          payload: form({ csrf, name: `Flood ${i}`, email: `flood-${i}@example.test` }),
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, -1).every((c) => c === 400)).toBe(true);
      expect(codes.at(-1)).toBe(429);
      const views: number[] = [];
      for (let i = 0; i <= rateLimits.referralPerCode.max; i++) {
        views.push((await limited.inject({ url: `/r/${code}`, remoteAddress: nextAddress() })).statusCode);
      }
      // Each from a new address: only the code's own limit stops them.
      expect(views[0]).toBe(200);
      expect(views.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('keeps another organisation’s candidate page free of this organisation’s links', async () => {
    const other = (await makeOrganisation(ctx, { name: 'Other Halls' })).id;
    const candidate = await insertTestCandidate(ctx, { organisationId: other, name: 'Olu Other' });
    const otherPath = new URL(
      await issueCandidateLink(ctx.kysely, ctx, { organisationId: other, candidateId: candidate.id }),
    ).pathname;
    const page = (await get_(otherPath)).body;
    expect(page).toContain('Recommend a colleague');
    expect(page).not.toContain(`/r/${code}`);
    expect(page).not.toMatch(/\/r\/[A-Za-z0-9_-]{32}/);
  });
});
