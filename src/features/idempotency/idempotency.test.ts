import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApiKey, makeMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { runDecisionClockSweep } from '../../jobs/decision-clock-sweep.ts';
import { claimKey } from './idempotency.repository.ts';
import {
  abandonedAfterMs,
  idempotencyService,
  idempotencyTtlMs,
  requestHashOf,
} from './idempotency.service.ts';

describeEachDatabase('Idempotency-Key on API POSTs', (get) => {
  let app: ApiApp;
  let integrator: Awaited<ReturnType<typeof makeApiKey>>;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    integrator = await makeApiKey(get().ctx);
  });
  afterAll(async () => app.close());

  const post = (
    key: string | undefined,
    payload: unknown,
    headers: Record<string, string> = integrator.headers,
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers: { ...headers, ...(key !== undefined && { 'idempotency-key': key }) },
      payload: payload as Record<string, unknown>,
    });
  const candidatesNamed = async (organisationId: string, email: string) =>
    get()
      .ctx.kysely.selectFrom('candidate')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('email', '=', email)
      .execute();

  it('answers a retry with the first response and acts once', async () => {
    const body = { name: 'Ola Retry', email: 'ola.retry@example.com' };
    const first = await post('create-ola-1', body);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post('create-ola-1', body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toContain('application/json');
    expect(again.json()).toEqual(first.json());
    expect(await candidatesNamed(integrator.organisationId, 'ola.retry@example.com')).toHaveLength(1);
  });

  it('refuses the same key with a different request, naming the header', async () => {
    expect((await post('create-kim', { name: 'Kim', email: 'kim@example.com' })).statusCode).toBe(201);
    const reused = await post('create-kim', { name: 'Kim Other', email: 'kim.other@example.com' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(await candidatesNamed(integrator.organisationId, 'kim.other@example.com')).toHaveLength(0);
  });

  it('records nothing for a request refused by validation, so the corrected request can use the key', async () => {
    const refused = await post('create-sam', { name: 'Sam', email: 'not-an-email' });
    expect(refused.statusCode).toBe(400);
    const corrected = await post('create-sam', { name: 'Sam', email: 'sam@example.com' });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key', async () => {
    const res = await post('has spaces in it', { name: 'Lee', email: 'lee@example.com' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('Idempotency-Key');
    expect((await post('x'.repeat(256), { name: 'Lee', email: 'lee@example.com' })).statusCode).toBe(400);
    expect(await candidatesNamed(integrator.organisationId, 'lee@example.com')).toHaveLength(0);
  });

  it('keeps keys apart per caller and per organisation', async () => {
    const other = await makeApiKey(get().ctx);
    const manager = await makeMember(get().ctx, {
      role: 'manager',
      organisationId: integrator.organisationId,
    });
    const body = { name: 'Jo Shared', email: 'jo.shared@example.com' };
    expect((await post('shared-key', body)).statusCode).toBe(201);
    const fromOtherOrg = await post('shared-key', body, other.headers);
    expect(fromOtherOrg.statusCode).toBe(201);
    expect(fromOtherOrg.headers['idempotent-replayed']).toBeUndefined();
    const fromManager = await post(
      'shared-key',
      { ...body, email: 'jo.manager@example.com' },
      { cookie: manager.cookie },
    );
    expect(fromManager.statusCode).toBe(201);
    expect(await candidatesNamed(other.organisationId, 'jo.shared@example.com')).toHaveLength(1);
  });

  it('says 409 while the first request runs, and lets an abandoned one be retried', async () => {
    const { ctx } = get();
    const scope = (key: string) => ({
      organisationId: integrator.organisationId,
      caller: `api_key:${integrator.apiKey.id}`,
      key,
    });
    const body = { name: 'Ren', email: 'ren@example.com' };
    const url = '/api/v1/candidates';
    await claimKey(
      ctx.kysely,
      scope('running'),
      requestHashOf('POST', url, body),
      ctx.now(),
      idempotencyTtlMs,
    );
    const busy = await post('running', body);
    expect(busy.statusCode).toBe(409);
    expect(await candidatesNamed(integrator.organisationId, 'ren@example.com')).toHaveLength(0);

    const longAgo = new Date(ctx.now().getTime() - abandonedAfterMs - 1000);
    await claimKey(
      ctx.kysely,
      scope('abandoned'),
      requestHashOf('POST', url, body),
      longAgo,
      idempotencyTtlMs,
    );
    expect((await post('abandoned', body)).statusCode).toBe(201);
  });

  it('forgets keys after 24 hours, in the sweep', async () => {
    const { ctx } = get();
    const dayAgo = new Date(ctx.now().getTime() - idempotencyTtlMs - 1000);
    const scope = { organisationId: integrator.organisationId, caller: 'api_key:gone', key: 'old' };
    await claimKey(ctx.kysely, scope, 'hash', dayAgo, idempotencyTtlMs);
    const fresh = { ...scope, key: 'fresh' };
    await claimKey(ctx.kysely, fresh, 'hash', ctx.now(), idempotencyTtlMs);
    await runDecisionClockSweep(ctx);
    const left = await ctx.kysely
      .selectFrom('idempotency_key')
      .select('id')
      .where('caller', '=', 'api_key:gone')
      .execute();
    expect(left).toHaveLength(1);
    expect(await idempotencyService(ctx).purgeExpired()).toBe(0);
  });

  it('documents the header on authenticated POSTs only', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const names = (op: { parameters?: { name: string; in: string }[] }) =>
      (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    expect(names(doc.paths['/api/v1/candidates'].post)).toContain('Idempotency-Key');
    expect(names(doc.paths['/api/v1/candidates'].get)).not.toContain('Idempotency-Key');
    expect(names(doc.paths['/api/v1/setup'].post)).not.toContain('Idempotency-Key');
  });
});
