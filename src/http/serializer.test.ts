import Fastify from 'fastify';
import {
  isResponseSerializationError,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSerializer, createSerializerCompiler } from './serializer.ts';

const item = z.object({
  id: z.string(),
  title: z.string(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  count: z.number().int(),
  kind: z.enum(['role', 'venue']),
  note: z.string().optional(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  tags: z.array(z.string()),
  extra: z.record(z.string(), z.number()),
  detail: z.union([z.object({ a: z.number() }), z.object({ b: z.string() })]),
});
const page = z.object({ data: z.array(item), nextCursor: z.string().nullable() });

const row: z.infer<typeof item> = {
  id: 'r1',
  title: 'Sound "No. 1" \u2028 technician',
  closedAt: null,
  count: 3,
  kind: 'role',
  owner: { id: 'u1', name: 'Ana' },
  tags: ['Eos', 'SD12'],
  extra: { leeds: 2 },
  detail: { b: 'x' },
};

async function appWith(verify: boolean, reply: unknown) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler({ verify }));
  // As the server's own handler does: a reply that breaks its schema is a logged 500.
  app.setErrorHandler((error, _request, reply) =>
    reply.status(500).send({ schemaBroken: isResponseSerializationError(error) }),
  );
  app.get('/page', { schema: { response: { 200: page } } }, async () => reply as z.infer<typeof page>);
  await app.ready();
  return app;
}

describe('the compiled response serializer', () => {
  it('writes what Zod would, and nothing the schema does not name', () => {
    const data = {
      data: [
        {
          ...row,
          secret: 'private note',
          owner: { id: 'u1', name: 'Ana', email: 'a@b' },
          detail: { b: 'x', hidden: 'h1' },
        },
      ],
      nextCursor: null,
    };
    const written = compileSerializer(page)(data);
    expect(JSON.parse(written)).toEqual(
      JSON.parse(JSON.stringify(z.encode(page, data as z.output<typeof page>))),
    );
    expect(written).not.toContain('private note');
    expect(written).not.toContain('a@b');
    expect(written).not.toContain('h1');
  });

  it('writes a nullable object, an optional field and the second branch of a union', () => {
    const data = { ...row, owner: null, note: 'kept', detail: { a: 1 } };
    expect(JSON.parse(compileSerializer(item)(data))).toMatchObject({
      owner: null,
      note: 'kept',
      detail: { a: 1 },
    });
  });

  it.each([true, false])('answers with the schema’s output (replies checked: %s)', async (verify) => {
    const app = await appWith(verify, { data: [row], nextCursor: 'c' });
    const res = await app.inject({ url: '/page' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: [row], nextCursor: 'c' });
    await app.close();
  });

  it.each([true, false])('refuses a reply that breaks its schema (replies checked: %s)', async (verify) => {
    for (const broken of [
      { ...row, count: 'three' },
      { ...row, title: undefined },
    ]) {
      const app = await appWith(verify, { data: [broken], nextCursor: null });
      const res = await app.inject({ url: '/page' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ schemaBroken: true });
      await app.close();
    }
  });
});
