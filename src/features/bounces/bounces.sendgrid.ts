// SendGrid's signed Event Webhook: a JSON array of events, signed with ECDSA (P-256, SHA-256) over
// the timestamp header followed by the raw body, checked with the verification key SendGrid shows.
import { verify } from 'node:crypto';
import { z } from 'zod';
import { publicKeyOf } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { outboxIdOf } from '../../mail/transport.ts';
import type { BounceEvent } from './bounces.service.ts';

export const sendgridSignatureHeader = 'x-twilio-email-event-webhook-signature';
export const sendgridTimestampHeader = 'x-twilio-email-event-webhook-timestamp';
/** A signature older than this is refused: a captured batch cannot be replayed later. */
export const sendgridMaxAgeMs = 15 * 60 * 1000;

export const sendgridEventsSchema = z
  .array(
    z
      .object({
        event: z.string().max(40),
        sg_event_id: z.string().min(1).max(200),
        type: z.string().max(40).optional(),
        reason: z.string().max(2000).optional(),
        status: z.string().max(40).optional(),
        'smtp-id': z.string().max(500).optional(),
        followspot_message: z.string().max(100).optional(),
      })
      .loose(),
  )
  .max(1000);
export type SendgridEvents = z.infer<typeof sendgridEventsSchema>;

export function verifySendgrid(
  rawBody: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  key: string | undefined,
  now: Date,
): void {
  if (!key) {
    throw new AppError('not_found', 'SendGrid bounces are not set up here: set SENDGRID_WEBHOOK_PUBLIC_KEY');
  }
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) {
    throw new AppError('unauthenticated', 'Send the Event Webhook with signature verification turned on');
  }
  const signed = verify(
    'sha256',
    Buffer.from(timestamp + rawBody),
    publicKeyOf(key),
    Buffer.from(signature, 'base64'),
  );
  if (!signed) throw new AppError('unauthenticated', 'The SendGrid signature does not match');
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > sendgridMaxAgeMs) {
    throw new AppError('unauthenticated', 'The SendGrid signature is too old');
  }
}

type SendgridEvent = SendgridEvents[number];

/** `bounce` of type `blocked` is SendGrid's soft bounce; `dropped` means it was never sent. */
function kindOf(event: SendgridEvent): BounceEvent['kind'] | undefined {
  switch (event.event) {
    case 'bounce':
      return event.type === 'blocked' ? 'soft' : 'hard';
    case 'dropped':
      return 'hard';
    case 'deferred':
      return 'soft';
    case 'spamreport':
      return 'complaint';
    default:
      return undefined;
  }
}

/** The bounce a SendGrid event describes; undefined for other events and messages not ours. */
export function fromSendgrid(event: SendgridEvent): BounceEvent | undefined {
  const kind = kindOf(event);
  const smtpId = event['smtp-id'];
  const messageId = event.followspot_message ?? (smtpId ? outboxIdOf(smtpId) : undefined);
  if (!kind || !messageId) return undefined;
  const detail = [event.status, event.reason].filter(Boolean).join(' ');
  return {
    provider: 'sendgrid',
    providerEventId: event.sg_event_id,
    messageId,
    kind,
    detail: detail || null,
  };
}
