import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/database.ts';
import { makeMember, makeOrganisation } from '../../test/support/factories/organisations.ts';
import type { AppContext } from '../app-context.ts';
import { emitEvent, type WebhookEventType } from '../features/webhooks/webhooks.events.ts';
import {
  claimDueDeliveries,
  insertEndpoint,
  recordAttempt,
  saveSetting,
} from '../features/webhooks/webhooks.repository.ts';
import { encryptSecret, newWebhookSecret } from '../features/webhooks/webhooks.secrets.ts';
import { newId } from '../ids.ts';
import { createWebhookWorker, type WebhookWorkerOptions, webhookRetryDelay } from './webhook-worker.ts';

describe('webhookRetryDelay', () => {
  it('doubles from the base up to the maximum, jittered down by at most a fifth', () => {
    expect([1, 2, 3, 4, 10].map((n) => webhookRetryDelay(n, 1000, 5000, () => 1))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
    expect(webhookRetryDelay(1, 1000, 5000, () => 0)).toBe(800);
  });
  it('spreads the default twelve attempts over about a day', () => {
    const total = (r: number) =>
      Array.from({ length: 11 }, (_, i) => webhookRetryDelay(i + 1, 60_000, 8 * 3_600_000, () => r)).reduce(
        (a, b) => a + b,
      );
    expect(total(1) / 3_600_000).toBeCloseTo(24.5, 1);
    expect(total(0) / 3_600_000).toBeGreaterThan(19);
  });
});

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1 that can answer an error, or go away and come back on its port. */
async function startReceiver() {
  const received: Received[] = [];
  let status = 204;
  let listening = true;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '' : 'receiver is unwell');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: `http://127.0.0.1:${port}/hooks/followspot`,
    answer(code: number) {
      status = code;
    },
    async down() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      listening = false;
    },
    async up() {
      if (listening) return;
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
      listening = true;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeEachDatabase('webhook worker', (get) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let clock: Date | undefined;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => receiver.close());
  afterEach(async () => {
    // Each test starts with an empty queue: the worker claims across organisations.
    await get()
      .ctx.kysely.updateTable('webhook_delivery')
      .set({ status: 'failed' })
      .where('status', 'in', ['pending', 'sending'])
      .execute();
    await receiver.up();
    receiver.received.length = 0;
    receiver.answer(204);
    clock = undefined;
  });

  /** The context with a clock the test may move (real time until it does). */
  const context = (): AppContext => ({ ...get().ctx, now: () => clock ?? new Date() });
  const advance = (ms: number) => {
    clock = new Date((clock ?? new Date()).getTime() + ms);
  };
  const worker = (options: Partial<WebhookWorkerOptions> = {}) =>
    createWebhookWorker({
      ctx: context(),
      random: () => 1,
      retryBaseMs: 1000,
      retryMaxMs: 60_000,
      leaseMs: 60_000,
      maxAttempts: 6,
      timeoutMs: 2000,
      ...options,
    });

  async function endpoint(
    options: { organisationId?: string; eventTypes?: WebhookEventType[]; allowPrivate?: boolean } = {},
  ) {
    const { ctx } = get();
    const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
    await saveSetting(ctx.kysely, organisationId, options.allowPrivate ?? true, ctx.now());
    const secret = newWebhookSecret();
    const id = newId();
    await insertEndpoint(
      ctx.kysely,
      organisationId,
      {
        id,
        url: receiver.url,
        description: null,
        eventTypes: options.eventTypes ?? ['decision.made', 'application.closed'],
        secretEncrypted: encryptSecret(ctx.config.secret, secret),
      },
      ctx.now(),
    );
    return { id, organisationId, secret };
  }
  const emit = (organisationId: string, type: WebhookEventType, data: object) =>
    get()
      .ctx.kysely.transaction()
      .execute((tx) => emitEvent(tx, organisationId, type, data, context().now()));
  const deliveriesOf = (endpointId: string) =>
    get()
      .ctx.kysely.selectFrom('webhook_delivery')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('id')
      .execute();

  it('signs each event so that the library verifies it, with the event id as webhook-id', async () => {
    const hook = await endpoint();
    const eventId = await emit(hook.organisationId, 'decision.made', {
      applicationId: 'app_1',
      decision: 'offer',
    });
    const result = await worker().runOnce();
    expect(result).toMatchObject({ claimed: 1, delivered: 1, failed: 0 });

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.headers['webhook-id']).toBe(eventId);
    expect(request!.headers['content-type']).toBe('application/json');
    const verified = new Webhook(hook.secret).verify(request!.body, request!.headers) as {
      type: string;
      timestamp: string;
      data: object;
    };
    expect(verified).toMatchObject({
      type: 'decision.made',
      data: { applicationId: 'app_1', decision: 'offer' },
    });
    // Another secret does not verify it, nor does a changed body.
    expect(() => new Webhook(newWebhookSecret()).verify(request!.body, request!.headers)).toThrow();
    expect(() =>
      new Webhook(hook.secret).verify(request!.body.replace('offer', 'nope'), request!.headers),
    ).toThrow();

    const [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, response_status: 204, lease_owner: null });
    expect(JSON.parse(row!.request_headers!)['webhook-id']).toBe(eventId);
    expect(row!.request_body).toBe(request!.body);
  });

  it('signs with both secrets while a rotation overlaps, then with the new one only', async () => {
    const hook = await endpoint();
    const { ctx } = get();
    const next = newWebhookSecret();
    await ctx.kysely
      .updateTable('webhook_endpoint')
      .set({
        secret_encrypted: encryptSecret(ctx.config.secret, next),
        previous_secret_encrypted: encryptSecret(ctx.config.secret, hook.secret),
        previous_secret_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .where('id', '=', hook.id)
      .execute();
    await emit(hook.organisationId, 'decision.made', { applicationId: 'app_2' });
    await worker().runOnce();
    const overlap = receiver.received[0]!;
    expect(overlap.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(hook.secret).verify(overlap.body, overlap.headers)).not.toThrow();
    expect(() => new Webhook(next).verify(overlap.body, overlap.headers)).not.toThrow();

    await ctx.kysely
      .updateTable('webhook_endpoint')
      .set({ previous_secret_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', hook.id)
      .execute();
    await emit(hook.organisationId, 'decision.made', { applicationId: 'app_3' });
    await worker().runOnce();
    const after = receiver.received[1]!;
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(hook.secret).verify(after.body, after.headers)).toThrow();
    expect(() => new Webhook(next).verify(after.body, after.headers)).not.toThrow();
  });

  it('retries across a receiver outage with growing delays, then delivers every event once', async () => {
    clock = new Date();
    const hook = await endpoint();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await emit(hook.organisationId, 'application.closed', { n: i }));
    await receiver.down();
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ claimed: 5, retried: 5, delivered: 0 });
    let rows = await deliveriesOf(hook.id);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 1)).toBe(true);
    expect(rows[0]!.last_error).toMatch(/^Could not deliver: .*ECONNREFUSED/);
    const firstDelay = Date.parse(rows[0]!.next_attempt_at) - clock.getTime();
    expect(firstDelay).toBe(1000);
    // Not due yet: nothing is claimed.
    expect((await w.runOnce()).claimed).toBe(0);

    advance(1000);
    expect(await w.runOnce()).toMatchObject({ claimed: 5, retried: 5 });
    rows = await deliveriesOf(hook.id);
    expect(Date.parse(rows[0]!.next_attempt_at) - clock.getTime()).toBe(2000);

    // Back, but failing with a server error for one more round.
    await receiver.up();
    receiver.answer(503);
    advance(2000);
    expect(await w.runOnce()).toMatchObject({ claimed: 5, retried: 5 });
    rows = await deliveriesOf(hook.id);
    expect(rows[0]).toMatchObject({ attempts: 3, response_status: 503, response_body: 'receiver is unwell' });
    expect(rows[0]!.last_error).toBe('The receiver answered 503');

    receiver.answer(200);
    advance(4000);
    expect(await w.runOnce()).toMatchObject({ claimed: 5, delivered: 5 });
    rows = await deliveriesOf(hook.id);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(5).fill(['delivered', 4]));
    // Two rounds reached the receiver (503, then 200), each time with the event's own webhook-id.
    expect(receiver.received).toHaveLength(10);
    expect(receiver.received.slice(5).map((r) => r.headers['webhook-id'])).toEqual(ids);
    const endpointRow = await get()
      .ctx.kysely.selectFrom('webhook_endpoint')
      .select(['enabled', 'failing_since'])
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(endpointRow).toMatchObject({ enabled: 1, failing_since: null });
  });

  it('takes over a delivery whose worker was killed mid-send once its lease expires', async () => {
    clock = new Date();
    const hook = await endpoint();
    const eventId = await emit(hook.organisationId, 'decision.made', { applicationId: 'app_9' });
    const { ctx } = get();
    // A worker claims it and dies before recording anything.
    const dead = await claimDueDeliveries(ctx.kysely, ctx.db.dialect, {
      owner: 'killed-worker',
      now: clock,
      leaseMs: 60_000,
      limit: 10,
    });
    expect(dead.map((d) => d.event_id)).toEqual([eventId]);
    const w = worker();
    expect((await w.runOnce()).claimed).toBe(0);
    advance(60_000);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([eventId]);
    const [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    // The killed worker, were it to wake, can no longer record over the result.
    const late = await recordAttempt(
      ctx.kysely,
      dead[0]!.id,
      'killed-worker',
      {
        status: 'pending',
        nextAttemptAt: clock,
        requestHeaders: null,
        requestBody: null,
        responseStatus: null,
        responseBody: null,
        error: 'late',
      },
      clock,
    );
    expect(late).toBe(false);
    expect((await deliveriesOf(hook.id))[0]!.status).toBe('delivered');
  });

  it('gives up after the last attempt', async () => {
    clock = new Date();
    const hook = await endpoint();
    receiver.answer(500);
    await emit(hook.organisationId, 'decision.made', {});
    const w = worker({ maxAttempts: 2, disableAfterMs: 10 * 3_600_000 });
    await w.runOnce();
    advance(1000);
    expect(await w.runOnce()).toMatchObject({ failed: 1 });
    const [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row!.last_error).toBe('Gave up after 2 attempts. The receiver answered 500');
  });

  it('turns off an endpoint that keeps failing, and emails its admins', async () => {
    clock = new Date();
    const admin = await makeMember(get().ctx, { role: 'admin', name: 'Ada Admin' });
    await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
    const hook = await endpoint({ organisationId: admin.organisationId });
    receiver.answer(500);
    await emit(hook.organisationId, 'decision.made', { n: 1 });
    await emit(hook.organisationId, 'decision.made', { n: 2 });
    const w = worker({ batchSize: 1, maxAttempts: 100, disableAfterMs: 3_600_000 });
    await w.runOnce();
    advance(30 * 60_000);
    expect(await w.runOnce()).toMatchObject({ retried: 1, disabled: 0 });
    advance(31 * 60_000);
    expect(await w.runOnce()).toMatchObject({ failed: 1, disabled: 1 });

    const { kysely } = get().ctx;
    const row = await kysely
      .selectFrom('webhook_endpoint')
      .select(['enabled', 'disabled_reason'])
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.enabled)).toBe(0);
    expect(row.disabled_reason).toMatch(/^Turned off automatically: .*The receiver answered 500$/);
    expect((await deliveriesOf(hook.id)).map((d) => d.status)).toEqual(['failed', 'failed']);
    const mails = await kysely
      .selectFrom('message')
      .select(['to_email', 'subject', 'text'])
      .where('organisation_id', '=', hook.organisationId)
      .where('template_key', '=', 'webhook_disabled')
      .execute();
    expect(mails.map((m) => m.to_email)).toEqual([admin.email]);
    expect(mails[0]!.subject).toBe(`Webhook turned off: ${receiver.url}`);
    expect(mails[0]!.text).toContain('The receiver answered 500');
    // A disabled endpoint gets nothing new.
    await emit(hook.organisationId, 'decision.made', { n: 3 });
    expect((await deliveriesOf(hook.id)).length).toBe(2);
  });

  it('refuses at delivery time a private address the organisation no longer allows', async () => {
    const hook = await endpoint();
    await emit(hook.organisationId, 'decision.made', {});
    await saveSetting(get().ctx.kysely, hook.organisationId, false, new Date());
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect(receiver.received).toHaveLength(0);
    const [row] = await deliveriesOf(hook.id);
    expect(row!.last_error).toMatch(/^Refused: the URL points at a loopback, private or link-local address/);
  });
});
