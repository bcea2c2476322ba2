// Request logging that never writes a candidate's personal link: `/c/<token>…` becomes `/c/[token]…`,
// a referral link's `/r/<code>…` becomes `/r/[code]…`.
import type { FastifyRequest } from 'fastify';

const tokenSegment = /^\/c\/(?!assets(?:\/|$|\?)|fresh-link(?:\/|$|\?))[^/?#]+/;

const referralSegment = /^\/r\/[^/?#]+/;

export function redactPortalUrl(url: string): string {
  return url.replace(tokenSegment, '/c/[token]').replace(referralSegment, '/r/[code]');
}

/** Fastify's default request serialiser, with the portal token redacted. */
export function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactPortalUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
