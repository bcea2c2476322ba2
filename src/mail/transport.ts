// Delivery over SMTP with nodemailer's pooled transport, and what a failure means for the message.
import { createRequire } from 'node:module';
import type nodemailerModule from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { singleLine } from './escape.ts';

export interface MailAddress {
  name: string;
  address: string;
}

/** One email, ready to go: everything in it was rendered and escaped when it was enqueued. */
export interface OutgoingMail {
  /** Without angle brackets: `<id>@<domain of MAIL_FROM>`. */
  messageId: string;
  from: string;
  to: MailAddress;
  replyTo?: MailAddress | undefined;
  subject: string;
  html: string;
  text: string;
  listUnsubscribe?: string | undefined;
  ics?: string | undefined;
  /** VERP: the envelope sender (MAIL FROM) and its token, when a bounce mailbox is set up. */
  bounce?: { returnPath: string; token: string } | undefined;
}

export interface SendResult {
  messageId: string;
  response: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendResult>;
  /** Closes idle connections; a delivery in progress finishes first. */
  close(): void;
}

/** A display name that cannot break out of its header. */
function address(a: MailAddress): { name: string; address: string } {
  return { name: singleLine(a.name, 120), address: a.address };
}

/** The outbox message's id in a Message-ID (`<id>@<domain>`, with or without brackets). */
export function outboxIdOf(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').split('@')[0] ?? '';
}

export function toSendMailOptions(mail: OutgoingMail): SendMailOptions {
  return {
    messageId: `<${mail.messageId}>`,
    from: mail.from,
    to: address(mail.to),
    ...(mail.replyTo && { replyTo: address(mail.replyTo) }),
    subject: singleLine(mail.subject, 250),
    html: mail.html,
    text: mail.text,
    ...(mail.listUnsubscribe && { list: { unsubscribe: mail.listUnsubscribe } }),
    headers: {
      ...(mail.listUnsubscribe && { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
      // Providers that replace Message-ID hand these back with a bounce, naming our message.
      'X-PM-Metadata-followspot-message': outboxIdOf(mail.messageId),
      // Prepared: sent as plain JSON, not MIME-encoded, as Mailgun reads it.
      'X-Mailgun-Variables': {
        prepared: true,
        value: JSON.stringify({ followspot_message: outboxIdOf(mail.messageId) }),
      },
      // SendGrid hands unique_args back on each event; SES hands message tags back in mail.tags.
      'X-SMTPAPI': {
        prepared: true,
        value: JSON.stringify({ unique_args: { followspot_message: outboxIdOf(mail.messageId) } }),
      },
      'X-SES-MESSAGE-TAGS': `followspot_message=${outboxIdOf(mail.messageId)}`,
      // DSNs quote the original's headers: the token names the message even if the DSN's To does not.
      ...(mail.bounce && { 'X-Followspot-Bounce-Token': mail.bounce.token }),
    },
    // Bounces go to the envelope sender, not From: with VERP, the bounce mailbox, naming the message.
    ...(mail.bounce && { envelope: { from: mail.bounce.returnPath, to: [mail.to.address] } }),
    ...(mail.ics && {
      icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: mail.ics },
    }),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export interface SmtpTransportOptions {
  /** Connection and greeting timeouts; keep them well below the worker's lease. */
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/** Nodemailer's pooled SMTP transport on SMTP_URL (smtp://, smtps://, with user:password@ when needed). */
export function createSmtpTransport(url: string, options: SmtpTransportOptions = {}): MailTransport {
  // Required when a transport is made, not at import: a server without SMTP_URL never loads it.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof nodemailerModule;
  const connectionTimeout = options.connectionTimeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    // The outbox retries with backoff; the pool only retries once when a reused connection drops.
    maxRequeues: 1,
    connectionTimeout,
    greetingTimeout: connectionTimeout,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail(toSendMailOptions(mail));
      const rejected = info.rejected ?? [];
      if (rejected.length > 0) {
        const err = new Error(`The server refused the recipient ${rejected.join(', ')}`) as Error & {
          responseCode?: number;
        };
        err.responseCode = 550;
        throw err;
      }
      return { messageId: info.messageId, response: String(info.response ?? '') };
    },
    close() {
      transporter.close();
    },
  };
}

export type FailureKind =
  /** The server could not be reached or would not talk: every message waits, the worker backs off. */
  | 'outage'
  /** This message was refused for now (4xx): retried with backoff, up to the attempt limit. */
  | 'temporary'
  /** Refused for good (5xx, a bad address): failed, with the reason shown. */
  | 'permanent';

export interface Failure {
  kind: FailureKind;
  /** One line for `last_error`, saying what happened and what happens next. */
  message: string;
}

const connectionCodes = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROXY',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
]);

interface SmtpError {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
  message?: unknown;
}

/** What a delivery error means: an outage (wait), a temporary refusal (retry) or a permanent one (fail). */
export function classifyFailure(err: unknown): Failure {
  const e = (err ?? {}) as SmtpError;
  const text = singleLine(typeof e.message === 'string' ? e.message : String(err), 400);
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const originalCode = typeof e.originalCode === 'string' ? e.originalCode : undefined;
  const command = typeof e.command === 'string' ? ` (${e.command})` : '';
  if (responseCode !== undefined && responseCode >= 500 && responseCode !== 503) {
    return { kind: 'permanent', message: `Refused by the mail server${command}: ${text}` };
  }
  if (responseCode === 421) {
    return { kind: 'outage', message: `The mail server is not taking mail just now${command}: ${text}` };
  }
  if (responseCode !== undefined && responseCode >= 400) {
    return { kind: 'temporary', message: `Deferred by the mail server${command}: ${text}` };
  }
  if ((code && connectionCodes.has(code)) || (originalCode && connectionCodes.has(originalCode))) {
    const why = code === 'EAUTH' || code === 'ENOAUTH' ? 'Cannot sign in to' : 'Cannot reach';
    return { kind: 'outage', message: `${why} the mail server (${originalCode ?? code}): ${text}` };
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    return { kind: 'permanent', message: `The mail server cannot take this message: ${text}` };
  }
  return { kind: 'temporary', message: `Delivery failed: ${text}` };
}

/** The domain of MAIL_FROM, for Message-IDs. */
export function mailDomainOf(mailFrom: string): string {
  const match = /@([A-Za-z0-9.-]+)\s*>?\s*$/.exec(mailFrom.trim());
  return match?.[1]?.toLowerCase() ?? 'followspot.local';
}
