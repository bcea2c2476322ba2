import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] };
}

function fieldPath(context: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path ? path : context;
}

/** One error shape for the whole API: `{ error: { code, message } }`, the message naming the field. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message } };
      if (err.field) body.error.field = err.field;
      return reply.status(err.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: fieldPath(err.validationContext ?? 'body', v.instancePath),
        message: v.message ?? 'is invalid',
      }));
      const first = issues[0];
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
          field: first?.field,
          issues,
        },
      } satisfies ErrorBody);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'internal', message: 'Internal error' } });
    }
    const status = err.statusCode ?? 500;
    if (status === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: 'Too many requests: wait a minute and try again' } });
    }
    if (status >= 400 && status < 500) return reply.status(status).send(frameworkError(err, status));
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } });
  });
}

/** Fastify's own refusals (a body that is not JSON, too large, a path too long…) in our shape. */
function frameworkError(err: FastifyError, status: number): ErrorBody {
  const aboutBody = typeof err.code === 'string' && err.code.startsWith('FST_ERR_CTP');
  if (status === 413) {
    return {
      error: {
        code: 'payload_too_large',
        message: 'The request body is too large (at most 1 MB)',
        field: 'body',
      },
    };
  }
  if (status === 415) {
    return {
      error: {
        code: 'unsupported_media_type',
        message: 'Send the request body as application/json',
        field: 'body',
      },
    };
  }
  if (status === 414 || err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return {
      error: { code: 'validation_failed', message: 'A value in the path is too long', field: 'params' },
    };
  }
  const code = status === 404 ? 'not_found' : status === 400 ? 'validation_failed' : 'bad_request';
  return {
    error: {
      code,
      message: aboutBody ? `body: ${err.message}` : err.message,
      ...(code === 'validation_failed' && { field: aboutBody ? 'body' : 'request' }),
    },
  };
}
