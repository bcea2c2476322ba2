// The API as its OpenAPI document describes it, for the tests that walk every operation: the list of
// operations, and a valid request for each one made from its own schemas (so the walk exercises the
// handler, not just the validator), with ids taken from whichever organisation the test chooses.
import type { ApiApp } from '../../src/http/types.ts';

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
};

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The documented path, e.g. `/api/v1/roles/{id}`. */
  path: string;
  /** `METHOD path`, the key of the permission table. */
  key: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  requiredQuery: string[];
  body: JsonSchema | undefined;
  security: Record<string, string[]>[];
}

export async function loadOperations(app: ApiApp): Promise<Operation[]> {
  const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [m, raw] of Object.entries(methods)) {
      const op = raw as {
        parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
        security?: Record<string, string[]>[];
      };
      const method = m.toUpperCase() as Operation['method'];
      const params = op.parameters ?? [];
      operations.push({
        method,
        path,
        key: `${method} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        requiredQuery: params.filter((p) => p.in === 'query' && p.required).map((p) => p.name),
        body: op.requestBody?.content?.['application/json']?.schema,
        security: op.security ?? [],
      });
    }
  }
  return operations;
}

/** Values for the patterns our schemas use; a new pattern must be added here (the walk says so). */
const patternSamples: Record<string, string> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'sample-slug',
  '^([01]\\d|2[0-3]):[0-5]\\d$': '09:30',
  '^#[0-9a-fA-F]{6}$': '#224466',
  '^[a-z][a-z0-9_]{1,47}$': 'sample_key',
  '^[a-z0-9][a-z0-9_-]{1,63}$': 'sample-key',
  '^[A-Za-z0-9_-]+$': 'sample-id',
};

/** Fills fields by name: ids of the chosen organisation, emails, passwords, dates. */
export type Hints = (name: string, schema: JsonSchema) => unknown;

let unique = 0;

/** A minimal valid value of `schema`; `name` is the property it is for. */
export function sample(schema: JsonSchema, hints: Hints, name = ''): unknown {
  const hinted = hints(name, schema);
  if (hinted !== undefined) return hinted;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, hints, name)));
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) {
    const notNull = choices.find((c) => c.type !== 'null') ?? choices[0]!;
    return sample(notNull, hints, name);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        // Required fields, and optional ones the hints know a value for (ids, above all).
        if (schema.required?.includes(key)) out[key] = sample(property, hints, key);
        else {
          const hinted = hints(key, property);
          if (hinted !== undefined) out[key] = hinted;
        }
      }
      return out;
    }
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: Math.min(n, schema.maxItems ?? n) }, () =>
        sample(schema.items ?? { type: 'string' }, hints, name),
      );
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return sampleString(schema);
  }
}

function sampleString(schema: JsonSchema): string {
  if (schema.format === 'date-time') return '2026-12-07T10:00:00.000Z';
  if (schema.format === 'date') return '2026-12-07';
  if (schema.format === 'email') return `walker-${unique++}@example.test`;
  if (schema.format === 'uri') return 'https://example.test/page';
  if (schema.pattern) {
    const value = patternSamples[schema.pattern];
    if (value === undefined) throw new Error(`No sample for the pattern ${schema.pattern}: add one`);
    return value;
  }
  const min = schema.minLength ?? 1;
  const text = 'Sample text for the walk';
  return text
    .padEnd(min, '.')
    .slice(0, Math.max(min, Math.min(text.length, schema.maxLength ?? text.length)));
}

export interface RequestShape {
  method: Operation['method'];
  url: string;
  payload?: unknown;
}

/** A schema-valid request for the operation, path params from `pathValue`. */
export function validRequest(
  operation: Operation,
  pathValue: (param: string) => string,
  hints: Hints,
): RequestShape {
  let url = operation.path;
  for (const param of operation.pathParams) {
    url = url.replace(`{${param}}`, encodeURIComponent(pathValue(param)));
  }
  const query = new URLSearchParams();
  for (const name of operation.requiredQuery) {
    const schema = operation.query[name];
    if (schema) query.set(name, String(sample(schema, hints, name)));
  }
  const qs = query.toString();
  return {
    method: operation.method,
    url: qs ? `${url}?${qs}` : url,
    ...(operation.body && { payload: sample(operation.body, hints) }),
  };
}
