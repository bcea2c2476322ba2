import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { emitEvent } from './webhooks.events.ts';
import { decryptSecret } from './webhooks.secrets.ts';

describeEachDatabase('webhooks API', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  let manager: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin' });
    manager = await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
  });
  afterAll(async () => app.close());

  const call = (member: TestMember, method: string, url: string, payload?: object) =>
    app.inject({
      method: method as 'POST',
      url,
      headers: { cookie: member.cookie },
      ...(payload && { payload }),
    });
  const allowPrivate = (member: TestMember, allow: boolean) =>
    call(member, 'PUT', '/api/v1/settings/webhooks', { allowPrivateAddresses: allow });

  it('refuses other schemes, credentials and loopback, private or link-local addresses unless allowed', async () => {
    const owner = await makeMember(get().ctx, { role: 'admin' });
    const refused: Record<string, string> = {};
    for (const url of [
      'ftp://example.com/hook',
      'file:///etc/passwd',
      'https://user:pw@example.com/hook',
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const res = await call(owner, 'POST', '/api/v1/webhooks', { url, eventTypes: ['decision.made'] });
      refused[url] = `${res.statusCode} ${res.json().error?.field}`;
    }
    expect(
      Object.values(refused).every((v) => v === '400 url'),
      JSON.stringify(refused),
    ).toBe(true);
    expect((await call(owner, 'GET', '/api/v1/webhooks')).json().data).toEqual([]);

    expect((await call(owner, 'GET', '/api/v1/settings/webhooks')).json()).toEqual({
      allowPrivateAddresses: false,
    });
    expect((await allowPrivate(owner, true)).json()).toEqual({ allowPrivateAddresses: true });
    const local = await call(owner, 'POST', '/api/v1/webhooks', {
      url: 'http://127.0.0.1:8080/hook',
      eventTypes: ['decision.made'],
    });
    expect(local.statusCode).toBe(201);
    // Other schemes stay refused whatever the setting.
    const ftp = await call(owner, 'POST', '/api/v1/webhooks', {
      url: 'ftp://127.0.0.1/hook',
      eventTypes: ['decision.made'],
    });
    expect(ftp.statusCode).toBe(400);
  });

  it('creates an endpoint showing its secret once, and changes, rotates, disables and deletes it', async () => {
    await allowPrivate(admin, true);
    const created = await call(admin, 'POST', '/api/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      description: 'Our ATS',
      eventTypes: ['decision.made', 'application.closed'],
    });
    expect(created.statusCode).toBe(201);
    const hook = created.json();
    expect(hook).toMatchObject({
      url: 'http://127.0.0.1:9/hook',
      description: 'Our ATS',
      eventTypes: ['decision.made', 'application.closed'],
      enabled: true,
      previousSecretExpiresAt: null,
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);

    // Stored encrypted, never answered again.
    const row = await get()
      .ctx.kysely.selectFrom('webhook_endpoint')
      .select(['secret_encrypted'])
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_encrypted).not.toContain(hook.secret.slice(6));
    expect(decryptSecret(get().ctx.config.secret, row.secret_encrypted)).toBe(hook.secret);
    const read = await call(admin, 'GET', `/api/v1/webhooks/${hook.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().secret).toBeUndefined();
    const list = await call(admin, 'GET', '/api/v1/webhooks');
    expect(list.json().data.map((w: { id: string }) => w.id)).toContain(hook.id);
    expect(list.body).not.toContain(hook.secret);

    const changed = await call(admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, {
      eventTypes: ['network.joined'],
    });
    expect(changed.json()).toMatchObject({ eventTypes: ['network.joined'], url: 'http://127.0.0.1:9/hook' });
    const repeated = await call(admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, {
      eventTypes: ['network.joined', 'network.joined'],
    });
    expect(repeated.statusCode).toBe(400);

    const rotated = await call(admin, 'POST', `/api/v1/webhooks/${hook.id}/rotate-secret`, {
      overlapHours: 2,
    });
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().secret;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(hook.secret);
    const overlapEnds = Date.parse(rotated.json().previousSecretExpiresAt);
    expect(overlapEnds - get().ctx.now().getTime()).toBeGreaterThan(119 * 60_000);
    expect(overlapEnds - get().ctx.now().getTime()).toBeLessThanOrEqual(120 * 60_000);
    const after = await get()
      .ctx.kysely.selectFrom('webhook_endpoint')
      .select(['secret_encrypted', 'previous_secret_encrypted'])
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(decryptSecret(get().ctx.config.secret, after.secret_encrypted)).toBe(newSecret);
    expect(decryptSecret(get().ctx.config.secret, after.previous_secret_encrypted!)).toBe(hook.secret);

    const disabled = await call(admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false });
    expect(disabled.json()).toMatchObject({ enabled: false, disabledReason: 'Disabled by an admin' });
    const enabled = await call(admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: true });
    expect(enabled.json()).toMatchObject({ enabled: true, disabledReason: null });

    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', hook.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['webhook.created', 'webhook.secret_rotated', 'webhook.updated']),
    );

    expect((await call(admin, 'DELETE', `/api/v1/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/api/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
  });

  it('lists deliveries of emitted events, sends one again, and keeps them to admins of the organisation', async () => {
    await allowPrivate(admin, true);
    const hook = (
      await call(admin, 'POST', '/api/v1/webhooks', {
        url: 'http://127.0.0.1:9/deliveries',
        eventTypes: ['decision.made'],
      })
    ).json();
    const { kysely } = get().ctx;
    await kysely.transaction().execute(async (tx) => {
      await emitEvent(tx, admin.organisationId, 'decision.made', { applicationId: 'app_1' }, get().ctx.now());
      // Not subscribed: no delivery to this endpoint.
      await emitEvent(tx, admin.organisationId, 'network.left', { candidateId: 'cand_1' }, get().ctx.now());
    });
    // A change that rolls back emits nothing.
    await kysely
      .transaction()
      .execute(async (tx) => {
        await emitEvent(
          tx,
          admin.organisationId,
          'decision.made',
          { applicationId: 'app_2' },
          get().ctx.now(),
        );
        throw new Error('rolled back');
      })
      .catch(() => {});

    const log = await call(admin, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    expect(log.statusCode).toBe(200);
    const deliveries = log.json().data;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      endpointId: hook.id,
      eventType: 'decision.made',
      status: 'pending',
      attempts: 0,
      request: null,
    });
    expect(deliveries[0].eventId).toMatch(/^evt_/);

    await kysely
      .updateTable('webhook_delivery')
      .set({ status: 'failed', attempts: 8, last_error: 'gave up' })
      .where('id', '=', deliveries[0].id)
      .execute();
    const again = await call(
      admin,
      'POST',
      `/api/v1/webhooks/${hook.id}/deliveries/${deliveries[0].id}/send-again`,
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pending', attempts: 0, eventId: deliveries[0].eventId });

    expect((await call(manager, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)).statusCode).toBe(403);
    expect((await call(manager, 'POST', '/api/v1/webhooks', { url: 'https://example.com' })).statusCode).toBe(
      403,
    );
    const stranger = await makeMember(get().ctx, { role: 'admin' });
    expect((await call(stranger, 'GET', `/api/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
    expect((await call(stranger, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)).statusCode).toBe(404);
    expect(
      (await call(stranger, 'POST', `/api/v1/webhooks/${hook.id}/deliveries/${deliveries[0].id}/send-again`))
        .statusCode,
    ).toBe(404);
  });
});
