// Amazon SES reports bounces and complaints through Amazon SNS: SNS posts a signed JSON envelope
// (as text/plain) whose `Message` is SES's notification. The signature is RSA over SNS's canonical
// string, checked with the certificate at `SigningCertURL`, which must be on an SNS host.
import { createVerify } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { outboxIdOf } from '../../mail/transport.ts';
import type { BounceEvent } from './bounces.service.ts';

/** An envelope older than this is refused: a captured notification cannot be replayed later. */
export const snsMaxAgeMs = 60 * 60 * 1000;

const snsHost = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

export const snsEnvelopeSchema = z
  .object({
    Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
    MessageId: z.string().min(1).max(200),
    TopicArn: z.string().min(1).max(300),
    Message: z.string().max(256 * 1024),
    Timestamp: z.string().max(40),
    SignatureVersion: z.enum(['1', '2']),
    Signature: z.string().max(2000),
    SigningCertURL: z.string().max(500),
    Subject: z.string().max(200).optional(),
    SubscribeURL: z.string().max(2000).optional(),
    Token: z.string().max(2000).optional(),
  })
  .loose();
export type SnsEnvelope = z.infer<typeof snsEnvelopeSchema>;

/** An https URL on Amazon SNS's own hosts (for the signing certificate and the subscribe link). */
export function isSnsUrl(value: string, pathEnding = ''): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && snsHost.test(url.hostname) && url.pathname.endsWith(pathEnding);
  } catch {
    return false;
  }
}

/** The signing certificates seen so far, by URL: SNS signs with few, so each is fetched once. */
export const snsCertificates = new Map<string, string>();

async function certificate(url: string): Promise<string> {
  const known = snsCertificates.get(url);
  if (known) return known;
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok)
    throw new AppError(
      'unauthenticated',
      `The SNS signing certificate could not be read (${response.status})`,
    );
  const pem = await response.text();
  if (snsCertificates.size > 20) snsCertificates.clear();
  snsCertificates.set(url, pem);
  return pem;
}

/** SNS's string to sign: named fields in this order, each as "Name\nvalue\n". */
export function snsStringToSign(envelope: SnsEnvelope): string {
  const fields =
    envelope.Type === 'Notification'
      ? (['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const)
      : (['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const);
  return fields
    .filter((name) => envelope[name] !== undefined)
    .map((name) => `${name}\n${envelope[name]}\n`)
    .join('');
}

export async function verifySns(envelope: SnsEnvelope, topicArns: string[], now: Date): Promise<void> {
  if (topicArns.length === 0) {
    throw new AppError('not_found', 'Amazon SES bounces are not set up here: set SES_SNS_TOPIC_ARN');
  }
  if (!topicArns.includes(envelope.TopicArn)) {
    throw new AppError('forbidden', `The SNS topic ${envelope.TopicArn} is not in SES_SNS_TOPIC_ARN`);
  }
  if (!isSnsUrl(envelope.SigningCertURL, '.pem')) {
    throw new AppError('unauthenticated', 'SigningCertURL is not an Amazon SNS certificate');
  }
  const sent = Date.parse(envelope.Timestamp);
  if (!Number.isFinite(sent) || Math.abs(now.getTime() - sent) > snsMaxAgeMs) {
    throw new AppError('unauthenticated', 'The SNS message is too old');
  }
  const verifier = createVerify(envelope.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  verifier.update(snsStringToSign(envelope));
  if (!verifier.verify(await certificate(envelope.SigningCertURL), envelope.Signature, 'base64')) {
    throw new AppError('unauthenticated', 'The SNS signature does not match');
  }
}

const sesNotificationSchema = z
  .object({
    notificationType: z.string().optional(),
    eventType: z.string().optional(),
    bounce: z
      .object({
        bounceType: z.string(),
        feedbackId: z.string().optional(),
        bouncedRecipients: z
          .array(z.object({ status: z.string().optional(), diagnosticCode: z.string().optional() }).loose())
          .optional(),
      })
      .loose()
      .optional(),
    complaint: z.object({ feedbackId: z.string().optional() }).loose().optional(),
    mail: z
      .object({
        tags: z.record(z.string(), z.array(z.string())).optional(),
        headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
        commonHeaders: z.object({ messageId: z.string().optional() }).loose().optional(),
      })
      .loose(),
  })
  .loose();

/** The bounce an SES notification describes; undefined when it is about something else or not ours. */
export function fromSes(envelope: SnsEnvelope): BounceEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(envelope.Message);
  } catch {
    return undefined;
  }
  const result = sesNotificationSchema.safeParse(parsed);
  if (!result.success) return undefined;
  const note = result.data;
  const type = note.notificationType ?? note.eventType;
  const kind =
    type === 'Complaint'
      ? 'complaint'
      : type === 'Bounce'
        ? note.bounce?.bounceType === 'Permanent'
          ? 'hard'
          : 'soft'
        : undefined;
  if (!kind) return undefined;
  const tagged = note.mail.tags?.followspot_message?.[0];
  const header =
    note.mail.commonHeaders?.messageId ??
    note.mail.headers?.find((h) => h.name.toLowerCase() === 'message-id')?.value;
  const messageId = tagged ?? (header ? outboxIdOf(header) : undefined);
  if (!messageId) return undefined;
  const recipient = note.bounce?.bouncedRecipients?.[0];
  const detail = [recipient?.status, recipient?.diagnosticCode].filter(Boolean).join(' ');
  return {
    provider: 'ses',
    providerEventId: note.bounce?.feedbackId ?? note.complaint?.feedbackId ?? envelope.MessageId,
    messageId,
    kind,
    detail: detail || null,
  };
}

/** Confirms the subscription SNS asks for, by opening its SubscribeURL (on an SNS host only). */
export async function confirmSnsSubscription(envelope: SnsEnvelope): Promise<void> {
  if (!envelope.SubscribeURL || !isSnsUrl(envelope.SubscribeURL)) {
    throw new AppError('validation_failed', 'SubscribeURL: not an Amazon SNS address', {
      field: 'SubscribeURL',
    });
  }
  const response = await fetch(envelope.SubscribeURL, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) {
    throw new AppError('internal', `Amazon SNS refused the subscription confirmation (${response.status})`);
  }
}
