// A small fetch wrapper for the Followspot API: same-origin session cookie, JSON both ways, and one
// error type that carries the server's `{ error: { code, message, field?, issues? } }`.

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];

  constructor(status: number, code: string, message: string, field?: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.issues = issues;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Sent as it is, with its content type, instead of `body` as JSON (a file upload). */
  raw?: { type: string; data: Blob | string };
  query?: Query;
  signal?: AbortSignal;
  /** Lets the request finish after the page is left (saving a draft on the way out). */
  keepalive?: boolean;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const statusHints: Record<number, string> = {
  401: 'Your session has ended: sign in again',
  403: 'Your role in this organisation does not allow this: ask an admin',
  404: 'Not found: it may have been deleted, or the link is wrong',
  429: 'Too many requests: wait a minute and try again',
};

function errorFromBody(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const inner = record.error;
    if (inner && typeof inner === 'object') {
      const e = inner as Record<string, unknown>;
      const issues = Array.isArray(e.issues)
        ? (e.issues as unknown[]).filter(
            (i): i is FieldIssue =>
              !!i &&
              typeof (i as FieldIssue).field === 'string' &&
              typeof (i as FieldIssue).message === 'string',
          )
        : [];
      return new ApiError(
        status,
        typeof e.code === 'string' ? e.code : 'error',
        typeof e.message === 'string' && e.message
          ? e.message
          : (statusHints[status] ?? 'Something went wrong'),
        typeof e.field === 'string' ? e.field : undefined,
        issues,
      );
    }
    // better-auth answers `{ code, message }` without the envelope.
    if (typeof record.message === 'string') {
      return new ApiError(status, typeof record.code === 'string' ? record.code : 'error', record.message);
    }
  }
  return new ApiError(
    status,
    status >= 500 ? 'internal' : 'error',
    statusHints[status] ??
      (status >= 500
        ? `The server had a problem (${status}): try again in a moment, and tell your admin if it keeps happening`
        : `The request failed (${status})`),
  );
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, raw, query, signal, keepalive } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: Blob | string | undefined;
  if (raw) {
    headers['content-type'] = raw.type;
    payload = raw.data;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal,
      keepalive,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Could not reach Followspot: check your connection, then try again');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) throw errorFromBody(response.status, parsed);
  return parsed as T;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Follows `nextCursor` until the list ends (or `max` items), for short lists shown whole. */
export async function fetchAll<T>(path: string, query: Query = {}, max = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const page: Page<T> = await api<Page<T>>(path, { query: { ...query, limit: 100, cursor } });
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
