// The outbox worker: claims due messages with a lease, sends them over SMTP one at a time and records
// the result. Runs inside `followspot serve` (unless --no-worker) or alone as `followspot worker`; any
// number can share one PostgreSQL. Delivery is at least once: a worker killed while sending repeats
// at most the one message it had in flight, once its lease expires.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { AppContext } from '../app-context.ts';
import type { DialectName } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { nextSendingMoment, type WorkingCalendar } from '../domain/calendar.ts';
import { recordToldByEmail } from '../features/closure/closure.repository.ts';
import {
  type ClaimedMessage,
  claimDue,
  leaseExpiredError,
  markFailed,
  markRetry,
  markSent,
  releaseClaims,
  releaseHeld,
  renewLease,
} from '../features/messages/outbox.repository.ts';
import { unsealLinks } from '../features/messages/sealed-links.ts';
import { isDeliverableAddress } from '../mail/escape.ts';
import {
  classifyFailure,
  createSmtpTransport,
  type MailTransport,
  mailDomainOf,
  type OutgoingMail,
} from '../mail/transport.ts';
import { type Verp, verpOf } from '../mail/verp.ts';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerTuning {
  /** How long to wait when there was nothing to send (default 2 s). */
  pollIntervalMs?: number;
  /** Messages claimed at once (default 10). */
  batchSize?: number;
  /**
   * How long a claim stays this worker's before another may take it over (default 60 s): what a
   * crashed worker's messages wait. A send in flight keeps its lease fresh however long it takes.
   */
  leaseMs?: number;
  /** First retry delay after a failed attempt, doubled each time (default 30 s)… */
  retryBaseMs?: number;
  /** …up to this (default 1 h). Every delay is jittered between half and all of it. */
  retryMaxMs?: number;
  /** Attempts before a message the server keeps deferring (4xx) is failed (default 10). */
  maxAttempts?: number;
  /** Longest pause while the SMTP server cannot be reached (default 60 s, at most retryMaxMs). */
  outageMaxMs?: number;
  /** How often held messages are released while running (default 60 s; also at start). */
  heldReleaseIntervalMs?: number;
}

export interface OutboxWorkerOptions extends OutboxWorkerTuning {
  db: Kysely<Database>;
  dialect: DialectName;
  transport: MailTransport;
  mailFrom: string;
  /** VERP return paths (BOUNCE_VERP_ADDRESS): bounces come back to the bounce mailbox, naming the message. */
  verp?: Verp | undefined;
  /** Signs members' email-change links as they go (the auth secret). */
  authSecret?: string;
  workerId?: string;
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  logger?: WorkerLogger;
}

export interface CycleResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Outside the sending window: put back until it opens. */
  rescheduled: number;
  /** Claimed but not attempted (an outage or a shutdown), back in the queue. */
  released: number;
  /** The SMTP server could not be reached: the worker backs off. */
  outage: boolean;
}

export interface OutboxWorker {
  readonly id: string;
  /** Starts the loop in the background; releases held messages first. */
  start(): void;
  /** Finishes the message in flight, returns the rest of the batch to the queue and stops. */
  stop(): Promise<void>;
  /** One claim-and-send cycle (what the loop repeats). */
  runOnce(): Promise<CycleResult>;
  releaseHeld(): Promise<number>;
}

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Exponential backoff with jitter: base·2^(n−1), at most max, then a random point in its upper half. */
export function backoffDelay(n: number, baseMs: number, maxMs: number, random: () => number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(n - 1, 30)));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

function parseCalendar(value: string | null): WorkingCalendar | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as WorkingCalendar;
    if (typeof parsed.nation !== 'string' || typeof parsed.timezone !== 'string') return undefined;
    // Organisation closure days, when the message was written with some.
    const closures = Array.isArray(parsed.closures)
      ? parsed.closures.filter((d): d is string => typeof d === 'string')
      : [];
    // The venue's working hours, when the message was written with them.
    const window =
      parsed.window && typeof parsed.window.start === 'string' && typeof parsed.window.end === 'string'
        ? { start: parsed.window.start, end: parsed.window.end }
        : undefined;
    return {
      nation: parsed.nation,
      timezone: parsed.timezone,
      ...(closures.length > 0 && { closures }),
      ...(window && { window }),
    };
  } catch {
    return undefined;
  }
}

export function toOutgoingMail(message: ClaimedMessage, mailFrom: string, verp?: Verp): OutgoingMail {
  return {
    ...(verp && { bounce: { returnPath: verp.returnPath(message.id), token: verp.token(message.id) } }),
    messageId: `${message.id}@${mailDomainOf(mailFrom)}`,
    from: mailFrom,
    to: { name: message.to_name ?? '', address: message.to_email },
    ...(message.reply_to_email && {
      replyTo: { name: message.reply_to_name ?? '', address: message.reply_to_email },
    }),
    subject: message.subject,
    html: message.html,
    text: message.text,
    ...(message.list_unsubscribe && { listUnsubscribe: message.list_unsubscribe }),
    ...(message.ics && { ics: message.ics }),
  };
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const log = options.logger ?? silentLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 60 * 60_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const outageMaxMs = Math.min(options.outageMaxMs ?? 60_000, retryMaxMs);
  const heldReleaseIntervalMs = options.heldReleaseIntervalMs ?? 60_000;
  const { db, dialect, transport } = options;

  let stopping = false;
  let running: Promise<void> | undefined;
  const abort = new AbortController();

  async function release(): Promise<number> {
    const n = await releaseHeld(db, now());
    if (n > 0) log.info({ worker: id, released: n }, 'held messages released to the queue');
    return n;
  }

  async function runOnce(): Promise<CycleResult> {
    const result: CycleResult = {
      claimed: 0,
      sent: 0,
      retried: 0,
      failed: 0,
      rescheduled: 0,
      released: 0,
      outage: false,
    };
    const claimedAt = now().getTime();
    const claimed = await claimDue(db, dialect, {
      owner: id,
      now: new Date(claimedAt),
      leaseMs,
      limit: batchSize,
    });
    result.claimed = claimed.length;
    let i = 0;
    try {
      for (; i < claimed.length; i++) {
        await deliver(claimed, i, claimedAt, result);
        if (result.released > 0) break;
      }
    } catch (err) {
      // A database error mid-batch: hand back what was not attempted (best effort; otherwise the
      // lease expires and another worker takes them), then let the loop back off.
      const rest = claimed.slice(i + 1).map((m) => m.id);
      await releaseClaims(db, rest, id, now()).catch(() => {});
      throw err;
    }
    return result;
  }

  /** Sends the i-th claimed message and records the result; hands back the rest when stopping. */
  async function deliver(
    claimed: ClaimedMessage[],
    i: number,
    claimedAt: number,
    result: CycleResult,
  ): Promise<void> {
    const message = claimed[i]!;
    if (stopping || result.outage) {
      const rest = claimed.slice(i).map((m) => m.id);
      await releaseClaims(db, rest, id, now());
      result.released += rest.length;
      return;
    }
    // Only ever send a message this worker holds a fresh lease on: with more than half of the claim's
    // lease left nobody else can have taken it (claims take expired leases only), so no write is needed.
    const fresh = now().getTime() - claimedAt < leaseMs / 2;
    if (!fresh && !(await renewLease(db, message.id, id, now(), leaseMs))) return;

    if (message.last_error === leaseExpiredError && message.attempts > maxAttempts) {
      await markFailed(
        db,
        message.id,
        id,
        `Gave up after ${message.attempts} attempts: a worker stopped while sending it each time`,
        now(),
      );
      result.failed += 1;
      return;
    }
    const calendar = parseCalendar(message.send_window);
    if (calendar) {
      const at = now();
      let opens = at;
      try {
        opens = nextSendingMoment(calendar, at);
      } catch (err) {
        log.warn({ worker: id, message: message.id, err }, 'sending window unknown: sending now');
      }
      if (opens.getTime() > at.getTime()) {
        await releaseClaims(db, [message.id], id, at, opens);
        result.rescheduled += 1;
        return;
      }
    }
    if (!isDeliverableAddress(message.to_email)) {
      await markFailed(
        db,
        message.id,
        id,
        `Not a deliverable email address: "${message.to_email.slice(0, 254)}". Correct it and send a new message.`,
        now(),
      );
      result.failed += 1;
      return;
    }

    // Secret links are minted now, as the email goes; they exist only in the email itself.
    const unsealed = await unsealLinks(db, message, now(), options.authSecret);
    if (!unsealed.ok) {
      await markFailed(db, message.id, id, unsealed.problem, now());
      result.failed += 1;
      return;
    }
    let handedOver = false;
    // A slow server may take longer than the lease: renew it while the send is in flight, so that no
    // other worker takes the message over and sends it a second time.
    const heartbeat = setInterval(
      () => {
        renewLease(db, message.id, id, now(), leaseMs).catch((err: unknown) =>
          log.warn({ worker: id, message: message.id, err }, 'lease not renewed'),
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    try {
      const info = await transport
        .send({
          ...toOutgoingMail(message, options.mailFrom, options.verp),
          html: unsealed.html,
          text: unsealed.text,
          ...(unsealed.listUnsubscribe && { listUnsubscribe: unsealed.listUnsubscribe }),
        })
        .finally(() => clearInterval(heartbeat));
      handedOver = true;
      // One transaction: the message is sent and, for an outcome email, the candidate is told (and a
      // not-progressing application closes).
      await db.transaction().execute(async (tx) => {
        const at = now();
        await markSent(tx, message.id, id, { smtpMessageId: info.messageId, response: info.response }, at);
        await unsealed.sent(tx, at);
        await recordToldByEmail(
          tx,
          {
            id: message.id,
            organisationId: message.organisation_id,
            applicationId: message.application_id,
            templateKey: message.template_key,
            sentAt: at,
          },
          at,
        );
      });
      result.sent += 1;
    } catch (err) {
      // The email did not go: the links minted for it must not outlive it.
      if (!handedOver) await unsealed.withdraw(db, now()).catch(() => {});
      const failure = classifyFailure(err);
      const at = now();
      if (failure.kind === 'permanent') {
        await markFailed(db, message.id, id, failure.message, at);
        result.failed += 1;
        log.warn({ worker: id, message: message.id, error: failure.message }, 'message failed');
      } else if (failure.kind === 'temporary' && message.attempts >= maxAttempts) {
        await markFailed(
          db,
          message.id,
          id,
          `Gave up after ${message.attempts} attempts. ${failure.message}`,
          at,
        );
        result.failed += 1;
        log.warn({ worker: id, message: message.id, error: failure.message }, 'message failed');
      } else {
        // Temporary, or an outage (which never fails a message: it waits for the server).
        const delay = backoffDelay(message.attempts, retryBaseMs, retryMaxMs, random);
        await markRetry(
          db,
          message.id,
          id,
          { error: failure.message, sendAfter: new Date(at.getTime() + delay) },
          at,
        );
        result.retried += 1;
        if (failure.kind === 'outage') {
          result.outage = true;
          log.warn({ worker: id, error: failure.message }, 'mail server unavailable: backing off');
        }
      }
    }
  }

  async function loop(): Promise<void> {
    let streak = 0;
    let lastRelease = Number.NEGATIVE_INFINITY;
    while (!stopping) {
      let delay = pollIntervalMs;
      try {
        if (now().getTime() - lastRelease >= heldReleaseIntervalMs) {
          await release();
          lastRelease = now().getTime();
        }
        const cycle = await runOnce();
        if (cycle.outage) {
          streak += 1;
          delay = backoffDelay(streak, pollIntervalMs, outageMaxMs, random);
        } else {
          streak = 0;
          delay = cycle.claimed >= batchSize ? 0 : pollIntervalMs;
        }
      } catch (err) {
        streak += 1;
        delay = backoffDelay(streak, pollIntervalMs, outageMaxMs, random);
        log.error({ worker: id, err }, 'outbox cycle failed: backing off');
      }
      if (delay > 0 && !stopping) await sleep(delay, abort.signal);
    }
  }

  return {
    id,
    start() {
      if (running) return;
      log.info({ worker: id }, 'outbox worker started');
      running = loop().finally(() => {
        transport.close();
        log.info({ worker: id }, 'outbox worker stopped');
      });
    },
    async stop() {
      stopping = true;
      abort.abort();
      if (running) await running;
      else transport.close();
    },
    runOnce,
    releaseHeld: release,
  };
}

/** The worker of an application context: SMTP from SMTP_URL. Undefined when SMTP is not configured. */
export function startOutboxWorker(
  ctx: AppContext,
  tuning: OutboxWorkerTuning & { logger?: WorkerLogger } = {},
): OutboxWorker | undefined {
  if (!ctx.config.smtpUrl) return undefined;
  const worker = createOutboxWorker({
    ...tuning,
    db: ctx.kysely,
    dialect: ctx.db.dialect,
    transport: createSmtpTransport(ctx.config.smtpUrl),
    mailFrom: ctx.config.mailFrom,
    verp: verpOf(ctx.config),
    authSecret: ctx.config.secret,
    now: ctx.now,
  });
  worker.start();
  return worker;
}
