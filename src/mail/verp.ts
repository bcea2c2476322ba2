// VERP return paths: each email's envelope sender is `bounces+<message id>-<mac>@domain`, so a bounce
// that comes back to the bounce mailbox names its message. The MAC (HMAC-SHA256 keyed from SECRET,
// 64 bits) means a token cannot be guessed or made up for another message.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VerpAddress } from '../config.ts';

const macLength = 16;
// Message ids are ULID-like, in lower-case Crockford base32 (src/ids.ts); some servers lower-case local parts.
const tokenPattern = /^([0-9a-hjkmnp-tv-z]{26})-([0-9a-f]{16})$/;

export interface Verp {
  /** The token alone, also sent as the X-Followspot-Bounce-Token header (DSNs quote the original's headers). */
  token(messageId: string): string;
  /** The envelope sender (MAIL FROM, later the Return-Path) for one outbox message. */
  returnPath(messageId: string): string;
  /** The outbox message id a VERP address or bare token names; undefined when it does not check. */
  messageIdOf(addressOrToken: string): string | undefined;
}

export function createVerp(address: VerpAddress, secret: string): Verp {
  const key = createHmac('sha256', secret).update('followspot verp return path v1').digest();
  const mac = (messageId: string) =>
    createHmac('sha256', key).update(messageId).digest('hex').slice(0, macLength);
  const prefix = `${address.local}+`;
  const suffix = `@${address.domain}`;
  const token = (messageId: string) => `${messageId}-${mac(messageId)}`;
  return {
    token,
    returnPath(messageId) {
      return `${prefix}${token(messageId)}${suffix}`;
    },
    messageIdOf(addressOrToken) {
      let token = addressOrToken.trim().replace(/^<|>$/g, '').toLowerCase();
      if (token.includes('@')) {
        if (!token.startsWith(prefix) || !token.endsWith(suffix)) return undefined;
        token = token.slice(prefix.length, -suffix.length);
      }
      const match = tokenPattern.exec(token);
      if (!match) return undefined;
      const [, messageId = '', given = ''] = match;
      const expected = Buffer.from(mac(messageId));
      return timingSafeEqual(expected, Buffer.from(given)) ? messageId : undefined;
    },
  };
}

/** The configured VERP, or undefined when BOUNCE_VERP_ADDRESS is not set. */
export function verpOf(config: {
  bounceVerpAddress: VerpAddress | undefined;
  secret: string;
}): Verp | undefined {
  return config.bounceVerpAddress ? createVerp(config.bounceVerpAddress, config.secret) : undefined;
}
