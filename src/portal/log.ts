// Request logging that never writes a candidate's personal link: `/c/<token>…` becomes `/c/[token]…`.
import type { FastifyRequest } from 'fastify';

const tokenSegment = /^\/c\/(?!assets(?:\/|$|\?)|fresh-link(?:\/|$|\?))[^/?#]+/;

export function redactPortalUrl(url: string): string {
  return url.replace(tokenSegment, '/c/[token]');
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
