// `Idempotency-Key` on the API's POST operations: claimed after the request has been authenticated
// and validated (a refused request records nothing), answered from the store on a retry, and
// recorded as the response leaves.
import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import {
  callerOf,
  idempotencyService,
  parseIdempotencyKey,
  requestHashOf,
} from '../features/idempotency/idempotency.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { run: string } | { replayed: true };
  }
}

const appliesTo = (request: FastifyRequest) =>
  request.method === 'POST' && request.actor !== undefined && request.url.startsWith('/api/v1/');

export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  const service = idempotencyService(ctx);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!appliesTo(request) || !request.actor) return;
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    if (key === undefined) return;
    const scope = { organisationId: request.actor.organisationId, caller: callerOf(request.actor), key };
    const claim = await service.claim(scope, requestHashOf(request.method, request.url, request.body));
    if ('run' in claim) {
      request.idempotency = claim;
      return;
    }
    request.idempotency = { replayed: true };
    const { status, contentType, location, body } = claim.replay;
    reply.code(status).header('idempotent-replayed', 'true');
    if (contentType) reply.header('content-type', contentType);
    if (location) reply.header('location', location);
    return reply.send(body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const marker = request.idempotency;
    if (!marker || !('run' in marker)) return payload;
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : undefined;
    const header = (name: string) => {
      const value = reply.getHeader(name);
      return value === undefined ? null : String(value);
    };
    try {
      await service.finish(
        marker.run,
        body === undefined
          ? undefined
          : {
              status: reply.statusCode,
              contentType: header('content-type'),
              location: header('location'),
              body,
            },
      );
    } catch (err) {
      // The response still goes out; the key stays claimed until it counts as abandoned.
      request.log.error({ err }, 'could not record the idempotent response');
    }
    return payload;
  });
}

const idempotencyHeader = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x21-\\x7e]+$',
  description:
    'Optional. Send the same key again (within 24 hours) to retry this request safely: the first response comes back, marked `Idempotent-Replayed: true`, instead of the action happening twice. The same key with a different request gets 422 `idempotency_key_reused`; while the first is still running, 409.',
};

/** Documents the optional `Idempotency-Key` header on every authenticated API POST. */
export function withIdempotencyHeader(transform: SwaggerTransform): SwaggerTransform {
  return (input) => {
    const out = transform(input);
    const methods = ([] as string[]).concat(input.route.method);
    const access = input.route.config?.access;
    if (!methods.includes('POST') || !input.url.startsWith('/api/v1/') || !access || access === 'public') {
      return out;
    }
    const schema = out.schema as { headers?: { type?: string; properties?: Record<string, unknown> } };
    const headers = schema.headers ?? { type: 'object' };
    schema.headers = {
      ...headers,
      properties: { ...headers.properties, 'Idempotency-Key': idempotencyHeader },
    };
    return out;
  };
}
