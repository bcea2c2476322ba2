// Malformed requests against every operation, generated from the operations' own schemas: wrong
// types, missing and extra fields, huge and odd strings, bad ids, broken JSON, wrong content types,
// deep nesting, garbage queries. Whatever arrives, the answer is a 4xx in the one error shape (naming
// the field when a field is at fault) — never a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.ts';
import type { ApiApp } from '../../src/http/types.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/database.ts';
import { type Hints, loadOperations, type Operation, validRequest } from './operations.ts';
import { collectionOf, makeWorld, type World } from './world.ts';

/** Per database; both databases together send twice as many. */
const runs = 5_000;

const signIn: Operation = {
  method: 'POST',
  path: '/api/auth/sign-in/email',
  key: 'POST /api/auth/sign-in/email',
  pathParams: [],
  query: {},
  requiredQuery: [],
  body: {
    type: 'object',
    properties: { email: { type: 'string', format: 'email' }, password: { type: 'string' } },
    required: ['email', 'password'],
  },
  security: [],
};

const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\r\nBcc: someone@example.test',
    '<script>alert(1)</script>',
    "'; drop table candidate; --",
    '{{ organisation.name }}{% include "x" %}',
    '../../etc/passwd',
    '\u202eevil',
    '🎚️🎛️'.repeat(50),
    '9'.repeat(400),
    '-1',
    'NaN',
    '1e309',
    '2026-02-30',
    '2026-12-07T25:61:00Z',
  ),
);
const anyJson = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  oddString,
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

type Mutation =
  | { kind: 'drop'; index: number }
  | { kind: 'retype'; index: number; value: unknown }
  | { kind: 'extra'; name: string; value: unknown }
  | { kind: 'huge'; index: number; size: number }
  | { kind: 'odd'; index: number; value: string }
  | { kind: 'bad-id'; value: string }
  | { kind: 'broken-json'; text: string }
  | { kind: 'content-type'; type: string }
  | { kind: 'deep'; depth: number }
  | { kind: 'not-an-object'; value: unknown }
  | { kind: 'query'; name: string; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), index: fc.nat(), value: anyJson }),
  fc.record({ kind: fc.constant('extra' as const), name: fc.string({ maxLength: 12 }), value: anyJson }),
  fc.record({ kind: fc.constant('huge' as const), index: fc.nat(), size: fc.constantFrom(10_000, 200_000) }),
  fc.record({ kind: fc.constant('odd' as const), index: fc.nat(), value: oddString }),
  fc.record({
    kind: fc.constant('bad-id' as const),
    value: fc.oneof(oddString, fc.constant('x'.repeat(5_000)), fc.constant('%00'), fc.constant('%E0%A4%A')),
  }),
  fc.record({
    kind: fc.constant('broken-json' as const),
    text: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"__proto__":{"admin":true}}', '\u0000', '{"a":1}}'),
  }),
  fc.record({
    kind: fc.constant('content-type' as const),
    type: fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'text/csv',
      'application/json; charset=utf-16',
    ),
  }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 33, max: 3_000 }) }),
  fc.record({ kind: fc.constant('not-an-object' as const), value: anyJson }),
  fc.record({
    kind: fc.constant('query' as const),
    name: fc.constantFrom('limit', 'cursor', 'status', 'view', 'roleId', 'stage', 'q', 'format', 'version'),
    value: oddString,
  }),
);

interface Built {
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

function build(operation: Operation, world: World, hints: Hints, m: Mutation, cookie: string): Built {
  const collection = collectionOf(operation.path);
  const base = validRequest(
    operation,
    (p) => (p === 'key' ? 'offer' : p === 'token' ? 'x'.repeat(43) : (world.ids[collection ?? ''] ?? 'none')),
    hints,
  );
  let url = base.url;
  let body: unknown = base.payload;
  let text: string | undefined;
  let type = 'application/json';
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  const field = (i: number) => fields[i % Math.max(1, fields.length)];
  const record = body as Record<string, unknown>;
  switch (m.kind) {
    case 'drop':
      if (field(m.index)) delete record[field(m.index)!];
      break;
    case 'retype':
      if (field(m.index)) record[field(m.index)!] = m.value;
      else body = m.value;
      break;
    case 'extra':
      body = { ...(typeof body === 'object' && body !== null ? body : {}), [m.name]: m.value };
      break;
    case 'huge':
      if (field(m.index)) record[field(m.index)!] = 'a'.repeat(m.size);
      else body = { text: 'a'.repeat(m.size) };
      break;
    case 'odd':
      if (field(m.index)) record[field(m.index)!] = m.value;
      break;
    case 'bad-id':
      if (operation.pathParams.length > 0) {
        url = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(m.value).replaceAll('%25', '%'));
      }
      break;
    case 'broken-json':
      text = m.text;
      break;
    case 'content-type':
      type = m.type;
      text = JSON.stringify(body ?? {});
      break;
    case 'deep':
      text = `${'{"a":'.repeat(m.depth)}1${'}'.repeat(m.depth)}`;
      break;
    case 'not-an-object':
      body = m.value;
      break;
    case 'query':
      url = `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(m.name)}=${encodeURIComponent(m.value)}`;
      break;
    default:
      m satisfies never;
  }
  const sendsBody = operation.method !== 'GET' && operation.method !== 'DELETE';
  const payload = text ?? (sendsBody && body !== undefined ? JSON.stringify(body) : undefined);
  return {
    method: operation.method,
    url,
    headers: { cookie, ...(payload !== undefined && { 'content-type': type }) },
    ...(payload !== undefined && { payload }),
  };
}

describeEachDatabase('fuzzing every operation from its schemas', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let world: World;
  let operations: Operation[];

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    world = await makeWorld(ctx, app);
    operations = [...(await loadOperations(app)), signIn];
  });
  afterAll(async () => app.close());

  it(`answers ${runs} malformed requests with a 4xx in the error shape, never a 5xx`, async () => {
    const hints: Hints = (name) => (name === 'password' ? 'a long test password' : undefined);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), mutation, async (operation, m) => {
        const request = build(operation, world, hints, m, world.admin.cookie);
        const res = await app.inject({ ...request, method: request.method });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${operation.key} ${JSON.stringify(m).slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const body = res.json();
          expect(typeof body.error?.code, `${request.method} ${request.url}: ${res.body}`).toBe('string');
          expect(typeof body.error?.message).toBe('string');
          if (body.error.code === 'validation_failed' && res.statusCode === 400) {
            expect(typeof body.error.field, `${request.method} ${request.url}: ${res.body}`).toBe('string');
          }
        }
      }),
      { numRuns: runs },
    );
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.info(`fuzz: ${total} requests; answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(500) ?? 0).toBe(0);
  }, 300_000);
});
