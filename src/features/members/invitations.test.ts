import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const password = 'correct horse battery staple';
let emailCounter = 0;
const freshEmail = () => `invitee-${Date.now().toString(36)}-${emailCounter++}@example.test`;

/** The cookie header a browser would send back after this response. */
function cookieFrom(res: LightMyRequestResponse): string {
  const setCookie = res.headers['set-cookie'];
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

function tokenOf(link: string): string {
  const match = /^http:\/\/127\.0\.0\.1:3000\/invite\/([A-Za-z0-9_-]+)$/.exec(link);
  if (!match) throw new Error(`unexpected link ${link}`);
  return match[1]!;
}

function helpers(getApp: () => ApiApp) {
  return {
    async invite(admin: TestMember, email: string, role = 'interviewer') {
      const res = await getApp().inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { cookie: admin.cookie },
        payload: { email, role },
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      return { ...body, token: tokenOf(body.link) } as {
        invitation: {
          id: string;
          email: string;
          role: string;
          status: string;
          expiresAt: string;
          createdAt: string;
        };
        link: string;
        token: string;
      };
    },
    preview(token: string) {
      return getApp().inject({ url: `/api/v1/invitations/by-token/${token}` });
    },
    accept(token: string, body: { name?: string; password?: string } = {}) {
      return getApp().inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        payload: { token, name: 'Nia Newcomer', password, ...body },
      });
    },
    pending(admin: TestMember) {
      return getApp().inject({ url: '/api/v1/invitations', headers: { cookie: admin.cookie } });
    },
  };
}

describeEachDatabase('invitations API', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  const { invite, preview, accept, pending } = helpers(() => app);
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin', name: 'Ada Admin' });
  });
  afterAll(async () => app.close());

  describe('creating', () => {
    it('returns a link once and stores only the SHA-256 of its token', async () => {
      const email = freshEmail();
      const { invitation, token } = await invite(admin, email.toUpperCase(), 'manager');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      expect(invitation).toMatchObject({
        email,
        role: 'manager',
        status: 'pending',
        invitedBy: { name: 'Ada Admin' },
      });
      expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(
        7 * 24 * 60 * 60 * 1000,
      );

      const rows = await get()
        .ctx.kysely.selectFrom('invitation')
        .selectAll()
        .where('email', '=', email)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).not.toBe(token);
      expect(rows[0]!.id).toBe(sha256(token));
      expect(invitation.id).toBe(sha256(token));
      expect(rows[0]).toMatchObject({ organizationId: admin.organisationId, inviterId: admin.userId });

      const audit = await get()
        .ctx.kysely.selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'invitation.created')
        .where('subject_id', '=', invitation.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail!)).toMatchObject({ email, role: 'manager' });
      expect(JSON.stringify(audit)).not.toContain(token);
    });

    it('refuses to invite someone who is already a member, naming the email field', async () => {
      const member = await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { cookie: admin.cookie },
        payload: { email: member.email, role: 'admin' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', field: 'email' });
      expect(res.json().error.message).toContain(member.email);
    });

    it('replaces a pending invitation for the same email', async () => {
      const email = freshEmail();
      const first = await invite(admin, email, 'interviewer');
      const second = await invite(admin, email, 'manager');

      expect((await preview(first.token)).json().status).toBe('canceled');
      expect((await preview(second.token)).json()).toMatchObject({ status: 'pending', role: 'manager' });
      const listed = (await pending(admin)).json().data.filter((i: { email: string }) => i.email === email);
      expect(listed.map((i: { id: string }) => i.id)).toEqual([second.invitation.id]);
      const refused = await accept(first.token);
      expect(refused.statusCode).toBe(409);
    });

    it('names the field when the email is not an email address', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { cookie: admin.cookie },
        payload: { email: 'not-an-email', role: 'manager' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('email');
    });
  });

  describe('accepting', () => {
    it('creates the account and membership, and signs the person in with the invited role', async () => {
      const email = freshEmail();
      const { token, invitation } = await invite(admin, email, 'manager');

      const shown = await preview(token);
      expect(shown.statusCode).toBe(200);
      expect(shown.json()).toEqual({
        organisationName: expect.stringContaining('Test Venues'),
        email,
        role: 'manager',
        status: 'pending',
      });

      const res = await accept(token, { name: 'Nia Newcomer' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({
        organisation: { id: admin.organisationId, name: expect.any(String), slug: expect.any(String) },
        role: 'manager',
      });

      const me = await app.inject({ url: '/api/v1/me', headers: { cookie: cookieFrom(res) } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: { name: 'Nia Newcomer', email },
        organisation: { id: admin.organisationId },
        role: 'manager',
      });

      // The new password works for an ordinary sign-in too.
      const signIn = await get().ctx.auth.api.signInEmail({ body: { email, password }, asResponse: true });
      expect(signIn.ok).toBe(true);

      expect((await preview(token)).json().status).toBe('accepted');
      const members = (
        await app.inject({ url: '/api/v1/members', headers: { cookie: admin.cookie } })
      ).json();
      expect(members.data).toEqual(
        expect.arrayContaining([expect.objectContaining({ email, role: 'manager', name: 'Nia Newcomer' })]),
      );
      expect((await pending(admin)).json().data.map((i: { id: string }) => i.id)).not.toContain(
        invitation.id,
      );
    });

    it('refuses a token that has already been used, asking for a fresh invitation', async () => {
      const { token } = await invite(admin, freshEmail());
      expect((await accept(token)).statusCode).toBe(201);
      const again = await accept(token, { password: 'another long password' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/fresh invitation/);
      expect(again.headers['set-cookie']).toBeUndefined();
    });

    it('refuses an expired invitation, and no longer lists it as pending', async () => {
      const email = freshEmail();
      const { token, invitation } = await invite(admin, email);
      await get()
        .ctx.kysely.updateTable('invitation')
        .set({ expiresAt: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', invitation.id)
        .execute();

      expect((await preview(token)).json().status).toBe('expired');
      const res = await accept(token);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/expired.*fresh invitation/);
      expect((await pending(admin)).json().data.map((i: { id: string }) => i.id)).not.toContain(
        invitation.id,
      );
      const user = await get()
        .ctx.kysely.selectFrom('user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      expect(user).toBeUndefined();
    });

    it('answers 404 for an unknown token and reveals nothing', async () => {
      const unknown = 'x'.repeat(43);
      const shown = await preview(unknown);
      expect(shown.statusCode).toBe(404);
      expect(Object.keys(shown.json())).toEqual(['error']);
      expect(shown.json().error.code).toBe('not_found');
      // The stored id is no use as a token.
      const { invitation } = await invite(admin, freshEmail());
      expect((await preview(invitation.id)).statusCode).toBe(404);
      expect((await accept(invitation.id)).statusCode).toBe(404);
    });

    it('joins an existing account only with its password, and makes the new organisation active', async () => {
      const elsewhere = await makeMember(get().ctx, { role: 'admin', name: 'Elsie Elsewhere' });
      const { token } = await invite(admin, elsewhere.email, 'interviewer');

      const wrong = await accept(token, { name: 'Someone Else', password: 'not the right password' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error).toMatchObject({ code: 'unauthenticated', field: 'password' });
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect((await preview(token)).json().status).toBe('pending');
      const membership = await get()
        .ctx.kysely.selectFrom('member')
        .select('role')
        .where('userId', '=', elsewhere.userId)
        .where('organizationId', '=', admin.organisationId)
        .executeTakeFirst();
      expect(membership).toBeUndefined();

      const right = await accept(token, { name: 'Someone Else', password: elsewhere.password });
      expect(right.statusCode, right.body).toBe(201);
      expect(right.json().role).toBe('interviewer');
      const me = (await app.inject({ url: '/api/v1/me', headers: { cookie: cookieFrom(right) } })).json();
      expect(me).toMatchObject({
        user: { id: elsewhere.userId, name: 'Elsie Elsewhere' },
        organisation: { id: admin.organisationId },
        role: 'interviewer',
      });
      // Their own organisation is untouched.
      const original = (
        await app.inject({ url: '/api/v1/me', headers: { cookie: elsewhere.cookie } })
      ).json();
      expect(original).toMatchObject({ organisation: { id: elsewhere.organisationId }, role: 'admin' });
    });

    it('refuses an account that became a member meanwhile, leaving no session behind', async () => {
      const email = freshEmail();
      const { token } = await invite(admin, email, 'manager');
      const joined = await makeMember(get().ctx, {
        role: 'interviewer',
        organisationId: admin.organisationId,
        email,
      });
      const sessionsOf = async () =>
        Number(
          (
            await sql<{
              n: number | string;
            }>`select count(*) as n from "session" where "userId" = ${joined.userId}`.execute(
              get().ctx.kysely,
            )
          ).rows[0]!.n,
        );
      const before = await sessionsOf();

      const res = await accept(token, { password: joined.password });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('already a member');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await sessionsOf()).toBe(before);
      expect((await preview(token)).json().status).toBe('pending');
      const me = (await app.inject({ url: '/api/v1/me', headers: { cookie: joined.cookie } })).json();
      expect(me.role).toBe('interviewer');
    });

    it('refuses a weak password for a new account, naming the field', async () => {
      const { token } = await invite(admin, freshEmail());
      const res = await accept(token, { password: 'short' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('password');
      expect((await preview(token)).json().status).toBe('pending');
    });
  });

  describe('listing and cancelling', () => {
    it('lists pending invitations and cancels one, whose link then stops working', async () => {
      const org = await makeMember(get().ctx, { role: 'admin' });
      const keep = await invite(org, freshEmail(), 'manager');
      const drop = await invite(org, freshEmail(), 'interviewer');

      const before = (await pending(org)).json().data.map((i: { id: string }) => i.id);
      expect(before.sort()).toEqual([keep.invitation.id, drop.invitation.id].sort());

      const cancelled = await app.inject({
        method: 'POST',
        url: `/api/v1/invitations/${drop.invitation.id}/cancel`,
        headers: { cookie: org.cookie },
      });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ id: drop.invitation.id, status: 'canceled' });

      expect((await pending(org)).json().data.map((i: { id: string }) => i.id)).toEqual([keep.invitation.id]);
      expect((await preview(drop.token)).json().status).toBe('canceled');
      const refused = await accept(drop.token);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toMatch(/cancelled.*fresh invitation/);

      const twice = await app.inject({
        method: 'POST',
        url: `/api/v1/invitations/${drop.invitation.id}/cancel`,
        headers: { cookie: org.cookie },
      });
      expect(twice.statusCode).toBe(409);
    });

    it("answers 404 when cancelling another organisation's invitation, and leaves it pending", async () => {
      const foreignAdmin = await makeMember(get().ctx, { role: 'admin' });
      const foreign = await invite(foreignAdmin, freshEmail());
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/invitations/${foreign.invitation.id}/cancel`,
        headers: { cookie: admin.cookie },
      });
      expect(res.statusCode).toBe(404);
      expect((await preview(foreign.token)).json().status).toBe('pending');
      expect((await pending(admin)).json().data.map((i: { id: string }) => i.id)).not.toContain(
        foreign.invitation.id,
      );
    });
  });

  describe('permissions', () => {
    it('lets only admins invite: managers and interviewers get 403, API keys are sent to the app', async () => {
      const manager = await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
      const tech = await makeMember(get().ctx, { role: 'interviewer', organisationId: admin.organisationId });
      const key = await makeApiKey(get().ctx, { organisationId: admin.organisationId });
      const email = freshEmail();

      for (const headers of [{ cookie: manager.cookie }, { cookie: tech.cookie }, key.headers]) {
        const create = await app.inject({
          method: 'POST',
          url: '/api/v1/invitations',
          headers,
          payload: { email, role: 'admin' },
        });
        expect(create.statusCode).toBe(403);
        expect(create.json().error.code).toBe('forbidden');
        const list = await app.inject({ url: '/api/v1/invitations', headers });
        expect(list.statusCode).toBe(403);
      }
      const byKey = await app.inject({ url: '/api/v1/invitations', headers: key.headers });
      expect(byKey.json().error.message).toMatch(/an API key cannot/);

      const rows = await get()
        .ctx.kysely.selectFrom('invitation')
        .select('id')
        .where('email', '=', email)
        .execute();
      expect(rows).toHaveLength(0);
    });
  });
});

describe('invitation expiry on the clock', () => {
  let clock = new Date('2026-11-02T09:00:00.000Z');
  describeEachDatabase(
    'invitations expire after 7 days',
    (get) => {
      let app: ApiApp;
      const { invite, preview, accept } = helpers(() => app);
      beforeAll(async () => {
        app = await buildTestApp(get().ctx);
      });
      afterAll(async () => app.close());

      it('is pending just before 7 days and expired at 7 days', async () => {
        clock = new Date('2026-11-02T09:00:00.000Z');
        const admin = await makeMember(get().ctx, { role: 'admin' });
        const { token, invitation } = await invite(admin, freshEmail());
        expect(invitation.expiresAt).toBe('2026-11-09T09:00:00.000Z');

        clock = new Date('2026-11-09T08:59:59.000Z');
        expect((await preview(token)).json().status).toBe('pending');

        clock = new Date('2026-11-09T09:00:00.000Z');
        expect((await preview(token)).json().status).toBe('expired');
        const res = await accept(token);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.message).toContain('expired on 9 November 2026');
      });
    },
    { now: () => clock },
  );
});
