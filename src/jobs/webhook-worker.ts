// The webhook worker: claims due deliveries with a lease (like the outbox worker), POSTs each event
// signed per the Standard Webhooks specification with the `standardwebhooks` library, and records the
// request and the response. Delivery is at least once with a stable `webhook-id` (the event's id): a
// worker killed mid-send leaves its claim, which another worker takes over once the lease expires.
// Failures are retried with exponential backoff (about 24 h in all by default); an endpoint that has
// failed without a single success for `disableAfterMs` is turned off and its admins are emailed.
import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { hostname } from 'node:os';
import { Webhook } from 'standardwebhooks';
import type { AppContext } from '../app-context.ts';
import { findAdminUserIds } from '../features/decision-clock/decision-clock.repository.ts';
import { enqueue } from '../features/messages/outbox.ts';
import {
  allowsPrivateAddresses,
  type ClaimedDelivery,
  claimDueDeliveries,
  failPendingForEndpoint,
  findEndpoint,
  findEventForDelivery,
  recordAttempt,
  updateEndpoint,
} from '../features/webhooks/webhooks.repository.ts';
import { decryptSecret } from '../features/webhooks/webhooks.secrets.ts';
import { destinationProblem, isPrivateAddress } from '../features/webhooks/webhooks.ssrf.ts';
import { abortableSleep, type WorkerLogger } from './outbox-worker.ts';

export interface WebhookWorkerTuning {
  /** How long to wait when nothing was due (default 2 s). */
  pollIntervalMs?: number;
  /** Deliveries claimed at once (default 10). */
  batchSize?: number;
  /** How long a claim stays this worker's before another may take it over (default 5 min). */
  leaseMs?: number;
  /** How long a receiver has to answer (default 10 s). */
  timeoutMs?: number;
  /** First retry delay, doubled after each failure (default 1 min)… */
  retryBaseMs?: number;
  /** …up to this (default 8 h); each delay is jittered down by up to a fifth. */
  retryMaxMs?: number;
  /** Attempts before a delivery is failed (default 12: about 24 h with the defaults above). */
  maxAttempts?: number;
  /** An endpoint failing without a success for this long is turned off (default 24 h). */
  disableAfterMs?: number;
}

export interface WebhookWorkerOptions extends WebhookWorkerTuning {
  ctx: Pick<AppContext, 'config' | 'kysely' | 'db' | 'now'>;
  workerId?: string;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  logger?: WorkerLogger;
}

export interface WebhookCycleResult {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
  /** Endpoints turned off in this cycle. */
  disabled: number;
}

export interface WebhookWorker {
  readonly id: string;
  start(): void;
  /** Finishes the delivery in flight and stops; the rest of the batch waits for its lease. */
  stop(): Promise<void>;
  runOnce(): Promise<WebhookCycleResult>;
}

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };
const kept = 4096;

/** The delay before attempt n+1 after n failed attempts: base·2^(n−1), at most max, less up to 20%. */
export function webhookRetryDelay(n: number, baseMs: number, maxMs: number, random: () => number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(n - 1, 30)));
  return Math.round(exponential * (0.8 + 0.2 * random()));
}

export interface WebhookResponse {
  status: number;
  body: string;
}

/**
 * POSTs the body, resolving the host through a lookup that refuses private addresses (unless allowed)
 * on the very connection used, so a name that resolves differently between check and send is refused.
 * Redirects are not followed: a 3xx is a failed delivery.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<WebhookResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const lookup = ((host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    dnsLookup(host, { ...opts, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const list = addresses ?? [];
      if (!options.allowPrivate && (list.length === 0 || list.some((a) => isPrivateAddress(a.address)))) {
        return callback(new Error(`${host} resolves to a loopback, private or link-local address`));
      }
      if (opts.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  }) as unknown as typeof dnsLookup;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        // A fresh connection each time, so the address check above applies to every delivery.
        agent: false,
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < kept) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, kept),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** The `webhook-signature` header: the current secret's signature, and the previous one's in an overlap. */
export function signatures(secrets: string[], eventId: string, at: Date, body: string): string {
  return secrets.map((s) => new Webhook(s).sign(eventId, at, body)).join(' ');
}

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { ctx } = options;
  const db = ctx.kysely;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}:webhooks`;
  const now = () => ctx.now();
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const log = options.logger ?? silentLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryBaseMs = options.retryBaseMs ?? 60_000;
  const retryMaxMs = options.retryMaxMs ?? 8 * 60 * 60_000;
  const maxAttempts = options.maxAttempts ?? 12;
  const disableAfterMs = options.disableAfterMs ?? 24 * 60 * 60_000;

  let stopping = false;
  let running: Promise<void> | undefined;
  const abort = new AbortController();

  async function runOnce(): Promise<WebhookCycleResult> {
    const result: WebhookCycleResult = { claimed: 0, delivered: 0, retried: 0, failed: 0, disabled: 0 };
    const claimed = await claimDueDeliveries(db, ctx.db.dialect, {
      owner: id,
      now: now(),
      leaseMs,
      limit: batchSize,
    });
    result.claimed = claimed.length;
    for (const delivery of claimed) {
      // Stopping: the rest of the batch is taken over when its lease expires.
      if (stopping) break;
      await deliver(delivery, result);
    }
    return result;
  }

  async function deliver(delivery: ClaimedDelivery, result: WebhookCycleResult): Promise<void> {
    const org = delivery.organisation_id;
    const endpoint = await findEndpoint(db, org, delivery.endpoint_id);
    const event = await findEventForDelivery(db, org, delivery.event_id);
    const empty = { requestHeaders: null, requestBody: null, responseStatus: null, responseBody: null };
    if (!endpoint || !event || Number(endpoint.enabled) !== 1) {
      await recordAttempt(
        db,
        delivery.id,
        id,
        { status: 'failed', nextAttemptAt: now(), ...empty, error: 'The endpoint is disabled' },
        now(),
      );
      result.failed += 1;
      return;
    }

    const at = now();
    const body = JSON.stringify({
      type: event.type,
      timestamp: new Date(event.created_at).toISOString(),
      data: JSON.parse(event.payload) as unknown,
    });
    const secrets = [decryptSecret(ctx.config.secret, endpoint.secret_encrypted)];
    if (
      endpoint.previous_secret_encrypted &&
      endpoint.previous_secret_expires_at &&
      Date.parse(endpoint.previous_secret_expires_at) > at.getTime()
    ) {
      secrets.push(decryptSecret(ctx.config.secret, endpoint.previous_secret_encrypted));
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Followspot-Webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures(secrets, event.id, at, body),
    };

    let response: WebhookResponse | undefined;
    let error: string | null = null;
    const allowPrivate = await allowsPrivateAddresses(db, org);
    const refused = await destinationProblem(endpoint.url, allowPrivate);
    if (refused) error = `Refused: the URL ${refused}`;
    else {
      try {
        response = await postWebhook(endpoint.url, headers, body, { allowPrivate, timeoutMs });
        if (response.status < 200 || response.status > 299) {
          error = `The receiver answered ${response.status}`;
        }
      } catch (err) {
        error = `Could not deliver: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    const done = now();
    const record = {
      requestHeaders: headers,
      requestBody: body,
      responseStatus: response?.status ?? null,
      responseBody: response?.body ?? null,
    };

    if (!error) {
      await db.transaction().execute(async (tx) => {
        if (
          await recordAttempt(
            tx,
            delivery.id,
            id,
            { status: 'delivered', nextAttemptAt: done, ...record, error: null },
            done,
          )
        ) {
          if (endpoint.failing_since)
            await updateEndpoint(tx, org, endpoint.id, { failing_since: null }, done);
        }
      });
      result.delivered += 1;
      return;
    }

    const givingUp = delivery.attempts >= maxAttempts;
    const failingSince = endpoint.failing_since ?? done.toISOString();
    const disable = done.getTime() - Date.parse(failingSince) >= disableAfterMs;
    await db.transaction().execute(async (tx) => {
      const recorded = await recordAttempt(
        tx,
        delivery.id,
        id,
        {
          status: givingUp || disable ? 'failed' : 'pending',
          nextAttemptAt: new Date(
            done.getTime() + webhookRetryDelay(delivery.attempts, retryBaseMs, retryMaxMs, random),
          ),
          ...record,
          error: givingUp ? `Gave up after ${delivery.attempts} attempts. ${error}` : error,
        },
        done,
      );
      if (!recorded) return;
      if (!disable) {
        if (!endpoint.failing_since)
          await updateEndpoint(tx, org, endpoint.id, { failing_since: failingSince }, done);
        return;
      }
      const reason = `Turned off automatically: every delivery failed since ${failingSince}. Last error: ${error}`;
      await updateEndpoint(tx, org, endpoint.id, { enabled: 0, disabled_reason: reason }, done);
      await failPendingForEndpoint(tx, org, endpoint.id, 'The endpoint was turned off after failing', done);
      for (const userId of await findAdminUserIds(tx, org)) {
        await enqueue(tx, ctx, {
          organisationId: org,
          idempotencyKey: `webhook-disabled:${endpoint.id}:${failingSince}:${userId}`,
          template: 'webhook_disabled',
          to: { kind: 'member', userId },
          variables: {
            webhook: {
              url: endpoint.url,
              failingSince: londonTime(failingSince),
              lastError: error,
              settingsUrl: `${ctx.config.publicUrl}/settings/webhooks`,
            },
          },
          createdBy: 'system',
        });
      }
      result.disabled += 1;
      log.warn({ worker: id, webhook: endpoint.id, error }, 'webhook endpoint turned off after failing');
    });
    if (givingUp || disable) result.failed += 1;
    else result.retried += 1;
  }

  async function loop(): Promise<void> {
    let streak = 0;
    while (!stopping) {
      let delay = pollIntervalMs;
      try {
        const cycle = await runOnce();
        streak = 0;
        delay = cycle.claimed >= batchSize ? 0 : pollIntervalMs;
      } catch (err) {
        streak += 1;
        delay = Math.min(60_000, pollIntervalMs * 2 ** Math.min(streak, 10));
        log.error({ worker: id, err }, 'webhook cycle failed: backing off');
      }
      if (delay > 0 && !stopping) await sleep(delay, abort.signal);
    }
  }

  return {
    id,
    start() {
      if (running) return;
      log.info({ worker: id }, 'webhook worker started');
      running = loop().finally(() => log.info({ worker: id }, 'webhook worker stopped'));
    },
    async stop() {
      stopping = true;
      abort.abort();
      if (running) await running;
    },
    runOnce,
  };
}

function londonTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The webhook worker of an application context, started. */
export function startWebhookWorker(
  ctx: AppContext,
  tuning: WebhookWorkerTuning & { logger?: WorkerLogger } = {},
): WebhookWorker {
  const worker = createWebhookWorker({ ...tuning, ctx });
  worker.start();
  return worker;
}
