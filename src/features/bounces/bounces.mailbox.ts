// The bounce mailbox (plain SMTP with VERP return paths): bounces come back to `bounces+<token>@…`,
// read over IMAP. Each unseen, unflagged message is read as a DSN; one whose VERP token checks is
// applied through the bounce service (a re-read counts once: the report's id is the event id), then
// marked seen and moved to the processed folder. Anything else is flagged and left where it is.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ImapFlow } from 'imapflow';
import type { AppContext } from '../../app-context.ts';
import type { BounceMailboxConfig } from '../../config.ts';
import type { Verp } from '../../mail/verp.ts';
import { readDsn } from './bounces.dsn.ts';
import { type BounceEvent, type BounceOutcome, bounceService } from './bounces.service.ts';

/** What one message in the mailbox turned out to be. */
export type MailboxReading =
  | { kind: 'bounce'; event: BounceEvent }
  /** A DSN that reports a delivery (delivered, relayed, expanded): nothing to apply. */
  | { kind: 'not_a_failure' }
  | { kind: 'not_a_dsn' }
  /** A DSN without a VERP token that checks: forged, for another system, or its return path lost. */
  | { kind: 'no_token' };

export function readBounceMail(raw: string, verp: Verp): MailboxReading {
  const dsn = readDsn(raw);
  if (!dsn) return { kind: 'not_a_dsn' };
  const messageId = dsn.tokenPlaces.map((place) => verp.messageIdOf(place)).find(Boolean);
  if (!messageId) return { kind: 'no_token' };
  const failed = dsn.recipients.find((r) => r.action === 'failed' || r.action === 'delayed');
  if (!failed) return { kind: 'not_a_failure' };
  // The status class decides (5: permanent, 4: transient); without one, the action does.
  const statusClass = failed.status?.[0];
  const kind = statusClass === '5' || (!statusClass && failed.action === 'failed') ? 'hard' : 'soft';
  const detail = failed.diagnostic ?? (failed.status ? `status ${failed.status}` : null);
  return {
    kind: 'bounce',
    event: {
      provider: 'imap',
      providerEventId: dsn.reportId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
      messageId,
      kind,
      detail,
    },
  };
}

export interface MailboxLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailboxRun {
  /** Messages looked at (unseen and unflagged, up to 100). */
  read: number;
  /** Bounces applied (a hard bounce marks its message failed; a soft one is recorded). */
  applied: number;
  /** Already applied on an earlier read: only moved. */
  duplicates: number;
  /** DSNs reporting a delivery: moved without applying anything. */
  notFailures: number;
  /** Flagged and left in the mailbox for a person: not a DSN, or no token that checks. */
  kept: number;
  /** Could not be applied just now (e.g. the database): left untouched, read again next time. */
  failed: number;
}

// At most this many messages per poll, each read at most this far: a flood waits for the next poll.
const batch = 100;
const maxMessageBytes = 1_000_000;

export function imapClientFor(mailbox: BounceMailboxConfig): ImapFlow {
  const loopback = /^(127\.|::1$|localhost$)/.test(mailbox.host);
  // Required when a mailbox is read, not at import: a server without a bounce mailbox never loads it.
  const { ImapFlow: Client } = createRequire(import.meta.url)('imapflow') as typeof import('imapflow');
  return new Client({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    // The password never crosses the network in clear: STARTTLS is required off this machine.
    ...(!mailbox.secure && !loopback && { doSTARTTLS: true }),
    auth: { user: mailbox.user, pass: mailbox.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** One pass over the bounce mailbox: connects, reads what is new, and logs out. */
export async function readBounceMailbox(
  ctx: AppContext,
  mailbox: BounceMailboxConfig,
  verp: Verp,
  log: MailboxLogger,
): Promise<MailboxRun> {
  const run: MailboxRun = { read: 0, applied: 0, duplicates: 0, notFailures: 0, kept: 0, failed: 0 };
  const bounces = bounceService(ctx);
  const client = imapClientFor(mailbox);
  client.on('error', (err: unknown) => log.warn({ err }, 'bounce mailbox: connection error'));
  await client.connect();
  try {
    const folders = await client.list();
    if (!folders.some((f) => f.path === mailbox.processedFolder)) {
      await client.mailboxCreate(mailbox.processedFolder);
    }
    const lock = await client.getMailboxLock(mailbox.mailbox);
    try {
      const uids = ((await client.search({ seen: false, flagged: false }, { uid: true })) || []).slice(
        0,
        batch,
      );
      if (uids.length === 0) return run;
      run.read = uids.length;
      // Sizes first: a message too large to be a bounce report is kept unread, not downloaded.
      const sizes = await client.fetchAll(uids, { uid: true, size: true }, { uid: true });
      const tooLarge = sizes.filter((m) => (m.size ?? 0) > maxMessageBytes).map((m) => m.uid);
      if (tooLarge.length > 0) {
        await client.messageFlagsAdd(tooLarge, ['\\Flagged'], { uid: true });
        run.kept += tooLarge.length;
        log.warn({ uids: tooLarge, why: 'too large' }, 'bounce mailbox: kept messages (flagged)');
      }
      const small = uids.filter((uid) => !tooLarge.includes(uid));
      const messages =
        small.length > 0 ? await client.fetchAll(small, { uid: true, source: true }, { uid: true }) : [];
      const done: number[] = [];
      for (const message of messages) {
        const raw = message.source?.toString('utf8') ?? '';
        const reading = readBounceMail(raw, verp);
        const where = { uid: message.uid, mailbox: mailbox.mailbox };
        switch (reading.kind) {
          case 'not_a_dsn':
          case 'no_token': {
            await client.messageFlagsAdd(message.uid, ['\\Flagged'], { uid: true });
            run.kept += 1;
            const why = reading.kind === 'not_a_dsn' ? 'not a delivery report' : 'no VERP token that checks';
            log.warn({ ...where, why }, 'bounce mailbox: kept a message for a person to read (flagged)');
            break;
          }
          case 'not_a_failure':
            run.notFailures += 1;
            done.push(message.uid);
            break;
          case 'bounce': {
            let outcome: BounceOutcome;
            try {
              outcome = await bounces.record(reading.event);
            } catch (err) {
              run.failed += 1;
              log.error({ ...where, err }, 'bounce mailbox: applying a bounce failed; read again next time');
              break;
            }
            if (outcome === 'unknown_message') {
              // The token checks but the message is gone (deleted with its organisation): a person decides.
              await client.messageFlagsAdd(message.uid, ['\\Flagged'], { uid: true });
              run.kept += 1;
              log.warn({ ...where, why: 'unknown message' }, 'bounce mailbox: kept a message (flagged)');
              break;
            }
            if (outcome === 'duplicate') run.duplicates += 1;
            else run.applied += 1;
            done.push(message.uid);
            break;
          }
          default: {
            const never: never = reading;
            throw new Error(`unexpected reading ${String(never)}`);
          }
        }
      }
      if (done.length > 0) {
        await client.messageFlagsAdd(done, ['\\Seen'], { uid: true });
        await client.messageMove(done, mailbox.processedFolder, { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  if (run.read > 0) log.info({ ...run }, 'bounce mailbox read');
  return run;
}
