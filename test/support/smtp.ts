import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../src/app-context.ts';
import { createOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { createSmtpTransport } from '../../src/mail/transport.ts';
import { verpOf } from '../../src/mail/verp.ts';

export interface ReceivedMail {
  /** The envelope sender (MAIL FROM): where bounces go. */
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  /** The Message-ID header, without angle brackets. */
  messageId: string;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Messages whose data has arrived but which are not yet accepted (see dataDelayMs). */
  inFlight(): number;
  /** Parses a received message with mailparser (headers, HTML, text, attachments). */
  parse(mail: ReceivedMail): Promise<ParsedMail>;
  /** Resolves once `n` messages have arrived (polling, up to `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Listen on this port (127.0.0.1); 0 or omitted for any free port. */
  port?: number;
  /** Answer RCPT TO for an address with an SMTP error, e.g. `{ code: 550, message: 'No such user' }`. */
  rejectRecipient?: (address: string) => { code: number; message: string } | undefined;
  /** Wait this long before accepting each message's data (to have a delivery in flight). */
  dataDelayMs?: number;
}

/** A real SMTP server for tests, on 127.0.0.1, keeping every message it accepts. */
export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let inFlight = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Pooled clients send many messages per connection.
    maxClients: 50,
    onRcptTo(address, _session, callback) {
      const refusal = options.rejectRecipient?.(address.address);
      if (refusal) {
        const err = new Error(refusal.message) as Error & { responseCode: number };
        err.responseCode = refusal.code;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        inFlight += 1;
        const finish = () => {
          inFlight -= 1;
          const messageId = /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1] ?? '';
          received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            messageId,
          });
          callback(null, `queued as ${messageId}`);
        };
        if (options.dataDelayMs) setTimeout(finish, options.dataDelayMs);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    inFlight: () => inFlight,
    parse: (mail) => simpleParser(mail.raw),
    async waitFor(n, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} messages, received ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Delivers every due message of the context's outbox to `smtp` with the real worker (held ones
 * released first) and returns what has arrived there so far, parsed.
 */
export async function deliverOutbox(ctx: AppContext, smtp: TestSmtpServer): Promise<ParsedMail[]> {
  const worker = createOutboxWorker({
    db: ctx.kysely,
    dialect: ctx.db.dialect,
    transport: createSmtpTransport(smtp.url),
    mailFrom: ctx.config.mailFrom,
    verp: verpOf(ctx.config),
    authSecret: ctx.config.secret,
    now: ctx.now,
  });
  await worker.releaseHeld();
  for (;;) {
    const cycle = await worker.runOnce();
    if (cycle.claimed === 0) break;
  }
  await worker.stop();
  return Promise.all(smtp.received.map((m) => smtp.parse(m)));
}

/** The working links in a received email: personal pages (/c/…) and invitations (/invite/…). */
export function linksIn(mail: ParsedMail): string[] {
  const text = `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
  return [...new Set(text.match(/https?:\/\/[^\s"'<>)]+\/(?:c|invite)\/[A-Za-z0-9_-]{43}/g) ?? [])];
}
