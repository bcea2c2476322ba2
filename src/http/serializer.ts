// Responses are written by fast-json-stringify, compiled from each route's Zod response schema on
// the route's first reply: it writes only the schema's properties (nothing a presenter adds leaks)
// at a fraction of the cost of Zod encoding every row. Outside production every reply is also
// encoded by Zod, as before, and the two must agree, so the whole test suite checks the compiled
// serializer against the schema. In production a reply it cannot write (a missing property, a
// number that is not one) goes to Zod, which refuses it as before; text is not checked there.
import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Serialize = (data: unknown) => string;
type JsonSchema = { [key: string]: unknown };

function zodSchemaOf(maybeSchema: unknown): z.ZodType {
  if (maybeSchema instanceof z.ZodType) return maybeSchema;
  const properties = (maybeSchema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`a response schema is not a Zod schema: ${JSON.stringify(maybeSchema)}`);
}

/**
 * Zod's JSON Schema, in the form fast-json-stringify writes fastest and as Zod does: a nullable
 * (`anyOf: [X, { type: 'null' }]`) becomes `type: [T, 'null']`, written directly instead of trying
 * each branch with a validator; `additionalProperties: false` goes, since fast-json-stringify drops
 * unnamed properties anyway, where a validated branch with it would refuse them and Zod strips them.
 */
function forWriting(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forWriting);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = forWriting(value);
  }
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIndex = anyOf.findIndex((branch) => isDeepStrictEqual(branch, { type: 'null' }));
    const other = anyOf[1 - nullIndex] as JsonSchema | undefined;
    if (nullIndex >= 0 && other && typeof other.type === 'string') {
      const { anyOf: _branches, ...rest } = out;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

// Routes share schemas (every error response, a page of the same items): compile each once.
const compiledSchemas = new WeakMap<z.ZodType, Serialize>();

/** The compiled writer of a Zod schema's output; throws when fast-json-stringify cannot take it. */
export function compileSerializer(schema: z.ZodType): Serialize {
  const known = compiledSchemas.get(schema);
  if (known) return known;
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
  const serialize = fastJson(forWriting(json) as Parameters<typeof fastJson>[0]) as Serialize;
  compiledSchemas.set(schema, serialize);
  return serialize;
}

export function createSerializerCompiler(options: { verify: boolean }): FastifySerializerCompiler<unknown> {
  return ({ schema: maybeSchema, method, url }) => {
    const schema = zodSchemaOf(maybeSchema);
    // Compiled at once where replies are checked, so a schema it cannot take fails the build of the
    // server in every test; in production on first use, which keeps it out of the cold start.
    let compiled: Serialize | undefined = options.verify ? compileSerializer(schema) : undefined;
    const encode = (data: unknown): unknown => {
      const result = z.safeEncode(schema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      return result.data;
    };
    return (data: unknown) => {
      compiled ??= compileSerializer(schema);
      if (options.verify) return verified(compiled, data);
      try {
        return compiled(data);
      } catch {
        // What fast-json-stringify refuses (a missing property, a number that is not one) Zod
        // encodes or refuses as before: a reply that breaks its schema is the same logged 500.
        return JSON.stringify(encode(data));
      }
    };
    function verified(write: Serialize, data: unknown): string {
      const expected: unknown = JSON.parse(JSON.stringify(encode(data)));
      const written = write(data);
      if (!isDeepStrictEqual(JSON.parse(written), expected)) {
        throw new Error(
          `${method} ${url}: the compiled serializer wrote ${written}, where the schema gives ${JSON.stringify(expected)}`,
        );
      }
      return written;
    }
  };
}
