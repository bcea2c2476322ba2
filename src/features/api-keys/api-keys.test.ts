import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { hashToken } from './api-keys.repository.ts';

describeEachDatabase('API keys', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin' });
  });
  afterAll(async () => app.close());

  it('creates a key shown once, stores only its hash, authenticates with it, and revokes it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: admin.cookie },
      payload: { name: 'ATS sync' },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, token } = created.json();
    expect(token).toMatch(/^fsk_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(apiKey.prefix)).toBe(true);

    const row = await get()
      .ctx.kysely.selectFrom('api_key')
      .select(['token_hash'])
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(row.token_hash).not.toContain(token.slice(4));

    const listed = (await app.inject({ url: '/api/v1/api-keys', headers: { cookie: admin.cookie } })).json();
    expect(JSON.stringify(listed)).not.toContain(token);

    const used = await app.inject({ url: '/api/v1/venues', headers: { authorization: `Bearer ${token}` } });
    expect(used.statusCode).toBe(200);
    const afterUse = (
      await app.inject({ url: '/api/v1/api-keys', headers: { cookie: admin.cookie } })
    ).json();
    expect(afterUse.data.find((k: { id: string }) => k.id === apiKey.id).lastUsedAt).not.toBeNull();

    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${apiKey.id}/revoke`,
      headers: { cookie: admin.cookie },
    });
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await app.inject({
      url: '/api/v1/venues',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.statusCode).toBe(401);

    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', apiKey.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('keeps keys to admins and to their own organisation', async () => {
    const manager = await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
    expect(
      (await app.inject({ url: '/api/v1/api-keys', headers: { cookie: manager.cookie } })).statusCode,
    ).toBe(403);
    const otherAdmin = await makeMember(get().ctx, { role: 'admin' });
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { cookie: admin.cookie },
        payload: { name: 'Mine' },
      })
    ).json();
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${created.apiKey.id}/revoke`,
      headers: { cookie: otherAdmin.cookie },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses an unknown key without saying more', async () => {
    const res = await app.inject({
      url: '/api/v1/venues',
      headers: { authorization: 'Bearer fsk_not-a-real-key' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});

let clock = new Date('2026-03-02T10:00:00.000Z');
describeEachDatabase(
  'API keys: when last used',
  (get) => {
    let app: ApiApp;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
    });
    afterAll(async () => app.close());

    it('writes last_used_at at most once a minute per key', async () => {
      const admin = await makeMember(get().ctx, { role: 'admin' });
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { cookie: admin.cookie },
        payload: { name: 'Rota sync' },
      });
      const { apiKey, token } = created.json();
      const lastUsed = async () =>
        (
          await get()
            .ctx.kysely.selectFrom('api_key')
            .select(['last_used_at'])
            .where('id', '=', apiKey.id)
            .executeTakeFirstOrThrow()
        ).last_used_at;
      const use = async () => {
        const res = await app.inject({
          url: '/api/v1/venues',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.statusCode).toBe(200);
      };

      const first = clock.toISOString();
      await use();
      expect(new Date(String(await lastUsed())).toISOString()).toBe(first);
      clock = new Date(clock.getTime() + 59_000);
      await use();
      await use();
      expect(new Date(String(await lastUsed())).toISOString()).toBe(first);
      clock = new Date(clock.getTime() + 2_000);
      await use();
      expect(new Date(String(await lastUsed())).toISOString()).toBe(clock.toISOString());
    });
  },
  { now: () => clock },
);
