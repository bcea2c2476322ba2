import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import type { ApiApp } from '../../http/types.ts';

const request = {
  organisation: { name: 'Northern Lights Venues', slug: 'northern-lights' },
  venue: {
    name: 'The Grand Theatre',
    region: 'england-and-wales',
    timezone: 'Europe/London',
    city: 'Leeds',
    postcode: 'LS1 6NZ',
  },
  admin: { name: 'Sam Okafor', email: 'Sam@Example.test', password: 'a long enough password' },
};

describeEachDatabase('first-run setup', (get) => {
  let app: ApiApp;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
  });
  afterAll(async () => app.close());

  it('is required on a fresh installation, creates everything once and signs the admin in', async () => {
    expect((await app.inject({ url: '/api/v1/setup' })).json()).toEqual({ required: true });

    const res = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: request });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.organisation).toMatchObject({ name: 'Northern Lights Venues', slug: 'northern-lights' });
    expect(body.venue).toMatchObject({ name: 'The Grand Theatre', region: 'england-and-wales' });
    expect(body.admin.email).toBe('sam@example.test');

    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toContain('session_token');
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      role: 'admin',
      organisation: { slug: 'northern-lights' },
      user: { name: 'Sam Okafor' },
    });

    expect((await app.inject({ url: '/api/v1/setup' })).json()).toEqual({ required: false });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...request, organisation: { name: 'Other', slug: 'other' } },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('setup_complete');
  });

  it('signs in and out through better-auth with the password chosen at setup', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: get().ctx.config.publicUrl },
      payload: { email: 'sam@example.test', password: 'a long enough password' },
    });
    expect(signIn.statusCode).toBe(200);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: get().ctx.config.publicUrl },
      payload: { email: 'sam@example.test', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("keeps better-auth's own organisation endpoints closed: our API guards and audits them", async () => {
    for (const path of [
      'organization/invite-member',
      'organization/update-member-role',
      'organization/create',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/auth/${path}`,
        headers: { origin: get().ctx.config.publicUrl },
        payload: {},
      });
      expect(res.statusCode, path).toBe(404);
    }
    const session = await app.inject({ url: '/api/auth/get-session' });
    expect(session.statusCode).toBe(200);
  });

  it('refuses self sign-up: people join by setup or invitation', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: get().ctx.config.publicUrl },
      payload: { name: 'Intruder', email: 'intruder@example.test', password: 'a long enough password' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    const users = await get().ctx.kysely.selectFrom('user').select('email').execute();
    expect(users.map((u) => u.email)).not.toContain('intruder@example.test');
  });
});

describeEachDatabase('setup validation', (get) => {
  let app: ApiApp;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
  });
  afterAll(async () => app.close());

  it('names every bad field and creates nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        ...request,
        organisation: { name: '', slug: 'Bad Slug!' },
        admin: { ...request.admin, password: 'short' },
      },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining(['organisation.name', 'organisation.slug', 'admin.password']),
    );
    expect((await app.inject({ url: '/api/v1/setup' })).json()).toEqual({ required: true });
  });
});
