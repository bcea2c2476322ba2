// What a request must be before any route acts on it: authenticated and authorised before it is
// validated, from our own pages when it rides on a session cookie, JSON when it has a body, and not
// nested deeper than any of our schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { createTestContext, describeEachDatabase } from '../../test/support/database.ts';
import { makeApiKey, makeMember, type TestMember } from '../../test/support/factories/organisations.ts';
import type { AppContext } from '../app-context.ts';
import { jsonDepth, maxJsonDepth } from './body-rules.ts';
import type { ApiApp } from './types.ts';

const venue = { name: 'Studio Two', region: 'england-and-wales', timezone: 'Europe/London' };

function deep(n: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

describeEachDatabase('request rules', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let admin: TestMember;
  let interviewer: TestMember;

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    admin = await makeMember(ctx, { role: 'admin' });
    interviewer = await makeMember(ctx, { organisationId: admin.organisationId, role: 'interviewer' });
  });
  afterAll(async () => app.close());

  const venueCount = async () =>
    Number(
      (
        await ctx.kysely
          .selectFrom('venue')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('organisation_id', '=', admin.organisationId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('cross-site requests on a session', () => {
    it('refuses a foreign Origin, and nothing is created', async () => {
      const before = await venueCount();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/venues',
        headers: { cookie: admin.cookie, origin: 'https://evil.example' },
        payload: venue,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/another site/);
      expect(await venueCount()).toBe(before);
    });

    it('refuses Origin: null unless the fetch metadata says same-origin', async () => {
      const nullOrigin = await app.inject({
        method: 'POST',
        url: '/api/v1/notifications/read-all',
        headers: { cookie: admin.cookie, origin: 'null' },
      });
      expect(nullOrigin.statusCode).toBe(403);
      const sameSite = await app.inject({
        method: 'POST',
        url: '/api/v1/notifications/read-all',
        headers: { cookie: admin.cookie, origin: 'null', 'sec-fetch-site': 'same-origin' },
      });
      expect(sameSite.statusCode).toBeLessThan(300);
    });

    it('refuses a cross-site fetch without Origin by its fetch metadata or Referer', async () => {
      for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { referer: 'https://evil.example/page' }]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/venues',
          headers: { cookie: admin.cookie, ...headers },
          payload: venue,
        });
        expect(res.statusCode).toBe(403);
      }
    });

    it('accepts our own pages, and reads from anywhere', async () => {
      const ours = await app.inject({
        method: 'POST',
        url: '/api/v1/venues',
        headers: { cookie: admin.cookie, origin: ctx.config.publicUrl, 'sec-fetch-site': 'same-origin' },
        payload: venue,
      });
      expect(ours.statusCode).toBe(201);
      const read = await app.inject({
        url: '/api/v1/venues',
        headers: { cookie: admin.cookie, origin: 'https://evil.example' },
      });
      expect(read.statusCode).toBe(200);
    });

    it('lets an API key through whatever the Origin: it is not a cookie a browser adds', async () => {
      const key = await makeApiKey(ctx, { organisationId: admin.organisationId });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/candidates',
        headers: { ...key.headers, origin: 'https://integrator.example' },
        payload: { name: 'Jo Bloggs', email: `jo.${Date.now()}@example.test` },
      });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('bodies', () => {
    it('refuses a text/plain or form body with 415, even with no body at all', async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/notifications/read-all',
          headers: { cookie: admin.cookie, 'content-type': type },
          payload: '',
        });
        expect(res.statusCode, type).toBe(415);
        expect(res.json().error).toMatchObject({ code: 'unsupported_media_type' });
      }
      const venueAsText = await app.inject({
        method: 'POST',
        url: '/api/v1/venues',
        headers: { cookie: admin.cookie, 'content-type': 'text/plain' },
        payload: JSON.stringify(venue),
      });
      expect(venueAsText.statusCode).toBe(415);
    });

    it(`refuses JSON nested more than ${maxJsonDepth} levels with 400, on our API and on sign-in`, async () => {
      for (const url of ['/api/v1/venues', '/api/auth/sign-in/email']) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { cookie: admin.cookie, 'content-type': 'application/json' },
          payload: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
        });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'body' });
      }
    });
  });

  describe('authentication and roles come before validation', () => {
    it('answers 401 to an invalid body without credentials, revealing no field rules', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/venues', payload: { name: 42 } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.field).toBeUndefined();
    });

    it('answers 403 to an invalid body from a role that may not call the operation', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/venues',
        headers: { cookie: interviewer.cookie },
        payload: { name: 42 },
      });
      expect(res.statusCode).toBe(403);
    });

    it('documents session-only operations as such', async () => {
      const doc = (await app.inject({ url: '/api/openapi.json' })).json();
      expect(doc.paths['/api/v1/invitations'].post.security).toEqual([{ session: [] }]);
      expect(doc.paths['/api/v1/venues'].get.security).toEqual([{ bearer: [] }, { session: [] }]);
      expect(doc.paths['/api/v1/setup'].get.security).toEqual([]);
      // Candidate pages are for people, not integrators.
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/c'))).toEqual([]);
    });
  });
});

describe('HSTS', () => {
  it('is sent only when PUBLIC_URL is https', async () => {
    for (const [publicUrl, expected] of [
      ['http://127.0.0.1:3000', false],
      ['https://hiring.example-venues.co.uk', true],
    ] as const) {
      const { ctx, close } = await createTestContext('sqlite');
      ctx.config.publicUrl = publicUrl;
      const app = await buildTestApp(ctx);
      const res = await app.inject({ url: '/healthz' });
      expect(res.headers['strict-transport-security'] !== undefined, publicUrl).toBe(expected);
      await app.close();
      await close();
    }
  });
});

describe('jsonDepth', () => {
  it('measures depth without recursion and stops early', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(jsonDepth(deep(100_000), 40)).toBe(41);
  });
});
