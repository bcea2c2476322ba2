// What a request body may be. The API reads JSON only: a form or text/plain body (what a cross-site
// page can send without asking) is refused with 415 before any route runs, and a body nested deeper
// than any of our schemas is refused with 400 before a schema, or better-auth, has to walk it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { isUnsafeMethod } from './origin.ts';

export const maxJsonDepth = 32;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types a route accepts besides application/json (e.g. text/csv for an import). */
    bodyTypes?: readonly string[];
  }
}

function mediaType(request: FastifyRequest): string | undefined {
  const header = request.headers['content-type'];
  return header ? header.split(';')[0]!.trim().toLowerCase() : undefined;
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** How deeply a JSON value nests, walked without recursion (a deep body must not overflow the stack). */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The path of the first string holding U+0000, walked without recursion. */
export function nulAt(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return path;
        stack.push([child, path === root ? k : `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

export function registerBodyRules(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url;
    if (!path.startsWith('/api/') || !isUnsafeMethod(request.method)) return;
    const type = mediaType(request);
    const allowed = ['application/json', ...(request.routeOptions.config?.bodyTypes ?? [])];
    if ((type !== undefined || hasBody(request)) && (type === undefined || !allowed.includes(type))) {
      throw new AppError(
        'unsupported_media_type',
        `Send the request body as ${allowed.join(' or ')} (Content-Type: ${allowed[0]}); got ${type ?? 'no Content-Type'}`,
      );
    }
  });
  app.addHook('preValidation', async (request) => {
    // A NUL character is never text anyone meant, and PostgreSQL cannot store it.
    for (const [part, value] of [
      ['body', request.body],
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const at = nulAt(value, part);
      if (at) throw new AppError('validation_failed', `${at}: contains a NUL character`, { field: at });
    }
    if (
      request.body !== null &&
      typeof request.body === 'object' &&
      jsonDepth(request.body, maxJsonDepth) > maxJsonDepth
    ) {
      throw new AppError('validation_failed', `body: nested more than ${maxJsonDepth} levels deep`, {
        field: 'body',
      });
    }
  });
}
