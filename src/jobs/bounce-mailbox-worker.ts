// Reads the bounce mailbox (BOUNCE_IMAP_URL or BOUNCE_IMAP_HOST) every BOUNCE_IMAP_POLL_SECONDS inside
// `followspot serve` (unless --no-worker) and `followspot worker`. Across any number of workers one
// reads each period: the first to claim the period's `sweep_run` key; a re-read applies nothing twice.
import type { AppContext } from '../app-context.ts';
import { type MailboxRun, readBounceMailbox } from '../features/bounces/bounces.mailbox.ts';
import { claimSweepRun } from '../features/privacy/privacy.repository.ts';
import { verpOf } from '../mail/verp.ts';
import { abortableSleep, type WorkerLogger } from './outbox-worker.ts';

export interface BounceMailboxWorker {
  start(): void;
  /** Claims this period and reads the mailbox; undefined when another worker has the period. */
  pollOnce(): Promise<MailboxRun | undefined>;
  stop(): Promise<void>;
}

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

export function createBounceMailboxWorker(
  ctx: AppContext,
  options: { logger?: WorkerLogger } = {},
): BounceMailboxWorker | undefined {
  const mailbox = ctx.config.bounceMailbox;
  const verp = verpOf(ctx.config);
  if (!mailbox || !verp) return undefined;
  const log = options.logger ?? silentLogger;
  const periodMs = mailbox.pollSeconds * 1000;
  const abort = new AbortController();
  let running: Promise<void> | undefined;

  const pollOnce = async (): Promise<MailboxRun | undefined> => {
    const now = ctx.now();
    const key = `bounce-mailbox:${periodMs}:${Math.floor(now.getTime() / periodMs)}`;
    if (!(await claimSweepRun(ctx.kysely, key, now))) return undefined;
    return readBounceMailbox(ctx, mailbox, verp, log);
  };

  async function loop(): Promise<void> {
    while (!abort.signal.aborted) {
      try {
        await pollOnce();
      } catch (err) {
        log.error({ err }, 'bounce mailbox: reading failed; tried again next period');
      }
      // Waits for the next period to begin, so workers started together still take turns by key.
      await abortableSleep(periodMs - (ctx.now().getTime() % periodMs) + 50, abort.signal);
    }
  }

  return {
    pollOnce,
    start() {
      running ??= loop();
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}

/** Starts reading the bounce mailbox when one is set up; undefined otherwise. */
export function startBounceMailboxWorker(
  ctx: AppContext,
  options: { logger?: WorkerLogger } = {},
): BounceMailboxWorker | undefined {
  const worker = createBounceMailboxWorker(ctx, options);
  worker?.start();
  return worker;
}
