// Rate limits hold in every mode, from the socket's address unless a proxy is configured, and the
// second keys (email, link, invitation, caller) hold when the address changes on every request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import { insertTestCandidate } from '../../test/support/factories/applications.ts';
import { makeApiKey, makeMember, type TestMember } from '../../test/support/factories/organisations.ts';
import type { AppContext } from '../app-context.ts';
import { parseTrustProxy } from '../config.ts';
import { issueCandidateLink } from '../portal/links.ts';
import { rateLimits } from './rate-limits.ts';
import type { ApiApp } from './types.ts';

let address = 0;
/** A different documentation address (TEST-NET-3) for every call. */
const nextAddress = () => `203.0.113.${(address++ % 250) + 1}`;

describeEachDatabase('rate limits', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let member: TestMember;

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx, { rateLimits: true });
    member = await makeMember(ctx, { role: 'manager' });
  });
  afterAll(async () => app.close());

  async function statuses(n: number, request: () => Promise<{ statusCode: number }>): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await request()).statusCode);
    return out;
  }

  it('limits sign-in per address, and X-Forwarded-For does not choose the address', async () => {
    const codes = await statuses(rateLimits.signInPerAddress.max + 1, () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        remoteAddress: '198.51.100.10',
        // A caller rotating this header is still one address: no proxy is trusted by default.
        headers: { 'x-forwarded-for': nextAddress(), 'content-type': 'application/json' },
        payload: { email: `nobody-${address}@example.test`, password: 'wrong password here' },
      }),
    );
    expect(codes.slice(0, -1).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it('limits sign-in per email from many addresses', async () => {
    const codes = await statuses(rateLimits.signInPerEmail.max + 1, () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        remoteAddress: nextAddress(),
        headers: { 'content-type': 'application/json' },
        payload: { email: member.email.toUpperCase(), password: 'a guessed password' },
      }),
    );
    expect(codes.slice(0, -1).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const body = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        remoteAddress: nextAddress(),
        headers: { 'content-type': 'application/json' },
        payload: { email: member.email, password: member.password },
      })
    ).json();
    expect(body.error.code).toBe('rate_limited');
  });

  it('limits one invitation link from many addresses', async () => {
    const token = 'z'.repeat(43);
    const codes = await statuses(rateLimits.invitationLinkPerToken.max + 1, () =>
      app.inject({ url: `/api/v1/invitations/by-token/${token}`, remoteAddress: nextAddress() }),
    );
    expect(codes.slice(0, -1).every((c) => c === 404)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // Another invitation is not affected.
    expect(
      (
        await app.inject({
          url: `/api/v1/invitations/by-token/${'w'.repeat(43)}`,
          remoteAddress: nextAddress(),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('limits the invitation routes per address', async () => {
    const codes = await statuses(rateLimits.invitationLinkPerAddress.max + 1, () =>
      app.inject({
        url: `/api/v1/invitations/by-token/${String(address++).padStart(43, 'q')}`,
        remoteAddress: '198.51.100.20',
      }),
    );
    expect(codes.at(-2)).toBe(404);
    expect(codes.at(-1)).toBe(429);
  });

  it('limits a candidate link from many addresses, and the portal per address', async () => {
    const candidate = await insertTestCandidate(ctx, { organisationId: member.organisationId });
    const url = await issueCandidateLink(ctx.kysely, ctx, {
      organisationId: member.organisationId,
      candidateId: candidate.id,
    });
    const path = new URL(url).pathname;
    const perLink = await statuses(rateLimits.portalPerLink.max + 1, () =>
      app.inject({ url: path, remoteAddress: nextAddress() }),
    );
    expect(perLink.slice(0, -1).every((c) => c === 200)).toBe(true);
    expect(perLink.at(-1)).toBe(429);
    const perAddress = await statuses(rateLimits.portalPerAddress.max + 1, () =>
      app.inject({ url: `/c/${String(address++).padStart(43, 'p')}`, remoteAddress: '198.51.100.30' }),
    );
    expect(perAddress.at(-2)).toBe(404);
    expect(perAddress.at(-1)).toBe(429);
  });

  it('limits the feedback check per address and per caller', async () => {
    const key = await makeApiKey(ctx, { organisationId: member.organisationId });
    const check = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/feedback/check',
        headers: key.headers,
        payload: { text: 'Short.' },
        remoteAddress,
      });
    const perCaller = await statuses(rateLimits.feedbackCheckPerCaller.max + 1, () => check(nextAddress()));
    expect(perCaller.slice(0, -1).every((c) => c === 200)).toBe(true);
    expect(perCaller.at(-1)).toBe(429);
    const other = await makeApiKey(ctx, { organisationId: member.organisationId });
    const perAddress = await statuses(rateLimits.feedbackCheckPerAddress.max + 1, () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/feedback/check',
        headers: other.headers,
        payload: { text: 'Short.' },
        remoteAddress: '198.51.100.40',
      }),
    );
    expect(perAddress.at(-1)).toBe(429);
  });

  it('limits every API request per address, loopback included', async () => {
    const codes = await statuses(rateLimits.api.max + 1, () =>
      app.inject({ url: '/api/v1/me', headers: { cookie: member.cookie }, remoteAddress: '127.0.0.1' }),
    );
    expect(codes.slice(0, -1).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    expect(
      (
        await app.inject({
          url: '/api/v1/me',
          headers: { cookie: member.cookie },
          remoteAddress: '127.0.0.1',
        })
      ).json().error.code,
    ).toBe('rate_limited');
  });
});

describeEachDatabase('rate limits behind a configured proxy', (get) => {
  let app: ApiApp;
  beforeAll(async () => {
    const ctx = get().ctx;
    ctx.config.trustProxy = ['198.51.100.99'];
    app = await buildTestApp(ctx, { rateLimits: true });
  });
  afterAll(async () => app.close());

  it('takes the address from the trusted proxy, and only from it', async () => {
    const preview = (remoteAddress: string, client: string) =>
      app.inject({
        url: `/api/v1/invitations/by-token/${String(address++).padStart(43, 'k')}`,
        remoteAddress,
        headers: { 'x-forwarded-for': client },
      });
    const max = rateLimits.invitationLinkPerAddress.max;
    // One client behind the proxy uses up its allowance…
    for (let i = 0; i < max; i++) expect((await preview('198.51.100.99', '192.0.2.1')).statusCode).toBe(404);
    expect((await preview('198.51.100.99', '192.0.2.1')).statusCode).toBe(429);
    // …and another client behind the same proxy still has its own.
    expect((await preview('198.51.100.99', '192.0.2.2')).statusCode).toBe(404);
    // An address that is not the proxy is the client, whatever header it sends.
    for (let i = 0; i < max; i++) expect((await preview('192.0.2.50', nextAddress())).statusCode).toBe(404);
    expect((await preview('192.0.2.50', nextAddress())).statusCode).toBe(429);
  });
});

describe('TRUST_PROXY', () => {
  it('is off unless configured, and takes a hop count or addresses', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16, loopback')).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
    ]);
  });

  it('refuses to trust everyone, naming the variable', () => {
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY must be a hop count/);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/TRUST_PROXY: "proxy.example"/);
  });
});
