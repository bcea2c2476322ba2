// What the email providers send when a message does not arrive, checked and read into one shape.
// Mailgun signs each notification (HMAC-SHA256 of timestamp and token with the webhook signing key);
// Postmark calls a URL with HTTP basic auth. Both hand back our message id (Message-ID or metadata).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { outboxIdOf } from '../../mail/transport.ts';
import type { BounceEvent } from './bounces.service.ts';

/** A signature older than this is refused: a captured notification cannot be replayed later. */
export const mailgunMaxAgeMs = 15 * 60 * 1000;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const mailgunNotificationSchema = z.object({
  signature: z.object({
    timestamp: z.string().max(20),
    token: z.string().max(200),
    signature: z.string().max(200),
  }),
  'event-data': z
    .object({
      id: z.string().min(1).max(200),
      event: z.string().max(40),
      severity: z.string().max(40).optional(),
      reason: z.string().max(200).optional(),
      message: z
        .object({ headers: z.object({ 'message-id': z.string().max(500).optional() }).loose() })
        .loose()
        .optional(),
      'user-variables': z.record(z.string(), z.unknown()).optional(),
      'delivery-status': z
        .object({
          code: z.union([z.number(), z.string()]).optional(),
          message: z.string().max(2000).optional(),
          description: z.string().max(2000).optional(),
        })
        .loose()
        .optional(),
    })
    .loose(),
});
export type MailgunNotification = z.infer<typeof mailgunNotificationSchema>;

export function verifyMailgun(body: MailgunNotification, signingKey: string | undefined, now: Date): void {
  if (!signingKey) {
    throw new AppError('not_found', 'Mailgun bounces are not set up here: set MAILGUN_WEBHOOK_SIGNING_KEY');
  }
  const { timestamp, token, signature } = body.signature;
  const expected = createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
  if (!sameText(expected, signature))
    throw new AppError('unauthenticated', 'The Mailgun signature does not match');
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > mailgunMaxAgeMs) {
    throw new AppError('unauthenticated', 'The Mailgun signature is too old');
  }
}

/** The bounce a Mailgun event describes; undefined for events that are not about a failed delivery. */
export function fromMailgun(body: MailgunNotification): BounceEvent | undefined {
  const data = body['event-data'];
  const kind =
    data.event === 'complained'
      ? 'complaint'
      : data.event === 'failed'
        ? data.severity === 'permanent'
          ? 'hard'
          : 'soft'
        : undefined;
  if (!kind) return undefined;
  const variable = data['user-variables']?.followspot_message;
  const headerId = data.message?.headers['message-id'];
  const messageId = typeof variable === 'string' ? variable : headerId ? outboxIdOf(headerId) : undefined;
  if (!messageId) return undefined;
  const status = data['delivery-status'];
  const detail = [status?.code, status?.description || status?.message || data.reason]
    .filter(Boolean)
    .join(' ');
  return { provider: 'mailgun', providerEventId: data.id, messageId, kind, detail: detail || null };
}

export const postmarkNotificationSchema = z
  .object({
    RecordType: z.string().max(40),
    ID: z.union([z.number(), z.string()]),
    Type: z.string().max(60).optional(),
    MessageID: z.string().max(200).optional(),
    Metadata: z.record(z.string(), z.string()).optional(),
    Description: z.string().max(2000).optional(),
    Details: z.string().max(2000).optional(),
  })
  .loose();
export type PostmarkNotification = z.infer<typeof postmarkNotificationSchema>;

/** Postmark's bounce types that mean the address will never take mail. */
const postmarkHard = new Set([
  'HardBounce',
  'BadEmailAddress',
  'ManuallyDeactivated',
  'DMARCPolicy',
  'Blocked',
]);

export function verifyPostmark(authorization: string | undefined, token: string | undefined): void {
  if (!token)
    throw new AppError('not_found', 'Postmark bounces are not set up here: set BOUNCE_WEBHOOK_TOKEN');
  const given = authorization?.startsWith('Basic ')
    ? Buffer.from(authorization.slice(6), 'base64').toString().split(':').slice(1).join(':')
    : undefined;
  if (given === undefined || !sameText(given, token)) {
    throw new AppError(
      'unauthenticated',
      'Send the bounce token as the basic-auth password of the webhook URL',
    );
  }
}

export function fromPostmark(body: PostmarkNotification): BounceEvent | undefined {
  const kind =
    body.RecordType === 'SpamComplaint'
      ? 'complaint'
      : body.RecordType === 'Bounce'
        ? postmarkHard.has(body.Type ?? '')
          ? 'hard'
          : 'soft'
        : undefined;
  const messageId = body.Metadata?.['followspot-message'];
  if (!kind || !messageId) return undefined;
  const detail = [body.Description, body.Details].filter(Boolean).join(' — ');
  return { provider: 'postmark', providerEventId: String(body.ID), messageId, kind, detail: detail || null };
}
