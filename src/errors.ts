/** Every error a client can see has a stable code; the message says what to fix. */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'invalid_transition'
  | 'setup_complete'
  | 'setup_required'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'internal';

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_reused: 422,
  invalid_transition: 409,
  setup_complete: 409,
  setup_required: 409,
  rate_limited: 429,
  unsupported_media_type: 415,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
  }
  get status(): number {
    return statusByCode[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const invalidField = (field: string, message: string) =>
  new AppError('validation_failed', `${field}: ${message}`, { field });
