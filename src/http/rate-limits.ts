// Every rate limit in one table. Limits are on in every mode (development included), keyed by the
// socket's address — or the address a configured proxy reports (TRUST_PROXY) — never by a header a
// caller can choose. The public and password-guessing surfaces also have a second key that rotating
// addresses does not change: the email being signed in, the link or invitation being used.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export interface Limit {
  max: number;
  timeWindow: string;
}

export const rateLimits = {
  /** Every request, per address. */
  api: { max: 600, timeWindow: '1 minute' },
  signInPerAddress: { max: 30, timeWindow: '1 minute' },
  signInPerEmail: { max: 10, timeWindow: '15 minutes' },
  setupPerAddress: { max: 10, timeWindow: '1 minute' },
  invitationLinkPerAddress: { max: 20, timeWindow: '1 minute' },
  invitationLinkPerToken: { max: 10, timeWindow: '1 hour' },
  portalPerAddress: { max: 60, timeWindow: '1 minute' },
  portalPerLink: { max: 60, timeWindow: '1 minute' },
  /** The colleague's page of a referral link, per code (the address limit is portalPerAddress). */
  referralPerCode: { max: 60, timeWindow: '1 minute' },
  /** Its two forms, per address: each one writes a candidate. */
  referralFormPerAddress: { max: 10, timeWindow: '1 hour' },
  freshLinkPerAddress: { max: 5, timeWindow: '1 hour' },
  freshLinkPerEmail: { max: 5, timeWindow: '1 hour' },
  unsubscribePerAddress: { max: 30, timeWindow: '1 minute' },
  unsubscribePerToken: { max: 10, timeWindow: '1 hour' },
  feedbackCheckPerAddress: { max: 120, timeWindow: '1 minute' },
  feedbackCheckPerCaller: { max: 120, timeWindow: '1 minute' },
  bounceWebhookPerAddress: { max: 600, timeWindow: '1 minute' },
  passwordResetPerAddress: { max: 10, timeWindow: '15 minutes' },
  passwordResetPerEmail: { max: 5, timeWindow: '1 hour' },
  passwordResetPerToken: { max: 10, timeWindow: '1 hour' },
} as const satisfies Record<string, Limit>;

/** A key that does not keep the secret it is derived from in memory. */
export function hashedKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;
}

/**
 * A second limit on a route, under its own key (the first is the route's `config.rateLimit`, by
 * address). Runs as a preHandler, so the key may come from the parsed body. No key: no limit.
 */
export function keyedLimit(
  app: FastifyInstance,
  name: string,
  limit: Limit,
  keyOf: (request: FastifyRequest) => string | undefined,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const check = app.createRateLimit({
    ...limit,
    keyGenerator: (request) => `${name}|${keyOf(request) ?? ''}`,
  });
  return async (request, reply) => {
    if (!keyOf(request)) return;
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) {
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new AppError('rate_limited', 'Too many attempts: wait a while and try again');
    }
  };
}
