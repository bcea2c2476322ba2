// Idempotency keys, as integrators know them from payment APIs: a POST sent again with the same
// `Idempotency-Key` within 24 hours gets the first response back instead of acting twice.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import {
  claimKey,
  deleteExpiredKeys,
  findKey,
  type KeyScope,
  releaseKey,
  type StoredRequest,
  storeResponse,
} from './idempotency.repository.ts';

export const idempotencyTtlMs = 24 * 60 * 60 * 1000;
/** A request still running after this long was lost with its process: its key may be used again. */
export const abandonedAfterMs = 5 * 60 * 1000;
const keyPattern = /^[\x21-\x7e]{1,255}$/;

export type StoredResponse = NonNullable<StoredRequest['response']>;

/** The outcome of presenting a key: run the request (and record it), or answer with the first response. */
export type KeyClaim = { run: string } | { replay: StoredResponse };

export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !keyPattern.test(header)) {
    throw new AppError(
      'validation_failed',
      'Idempotency-Key: send one key of 1 to 255 visible ASCII characters (a UUID is a good choice)',
      { field: 'Idempotency-Key' },
    );
  }
  return header;
}

export function callerOf(actor: Actor): string {
  switch (actor.kind) {
    case 'api_key':
      return `api_key:${actor.apiKeyId}`;
    case 'member':
      return `member:${actor.userId}`;
  }
}

/** The request as it matters for a retry: method, path with query, and body. */
export function requestHashOf(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method} ${url}\n`);
  if (Buffer.isBuffer(body) || typeof body === 'string') hash.update(body);
  else hash.update(JSON.stringify(body ?? null));
  return hash.digest('hex');
}

/** Forgets keys past their 24 hours: a step of the sweep's retention. */
export const forgetExpiredIdempotencyKeys = deleteExpiredKeys;

export function idempotencyService(ctx: AppContext) {
  return {
    async claim(scope: KeyScope, requestHash: string): Promise<KeyClaim> {
      // Two tries: the second after clearing a key that has expired or whose request was abandoned.
      for (let attempt = 0; attempt < 2; attempt++) {
        const now = ctx.now();
        const id = await claimKey(ctx.kysely, scope, requestHash, now, idempotencyTtlMs);
        if (id) return { run: id };
        const held = await findKey(ctx.kysely, scope);
        if (!held) continue;
        const age = now.getTime() - Date.parse(held.createdAt);
        if (age >= idempotencyTtlMs || (held.state === 'running' && age >= abandonedAfterMs)) {
          await releaseKey(ctx.kysely, held.id);
          continue;
        }
        if (held.requestHash !== requestHash) {
          throw new AppError(
            'idempotency_key_reused',
            'Idempotency-Key was already used with a different request: use a new key for a new request',
            { field: 'Idempotency-Key' },
          );
        }
        if (held.response) return { replay: held.response };
        throw new AppError(
          'conflict',
          'A request with this Idempotency-Key is still running: wait a moment and send it again',
          { field: 'Idempotency-Key' },
        );
      }
      throw new AppError('conflict', 'Idempotency-Key is being used by another request: send it again');
    },

    /** Records what the request answered; a failure on our side frees the key for a retry. */
    async finish(id: string, response: StoredResponse | undefined): Promise<void> {
      if (!response || response.status >= 500) await releaseKey(ctx.kysely, id);
      else await storeResponse(ctx.kysely, id, response);
    },

    purgeExpired: () => deleteExpiredKeys(ctx.kysely, ctx.now()),
  };
}
