import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import type { ApiApp } from './types.ts';

export function healthRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('unavailable'), database: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.kysely);
        return { status: 'ready' as const, database: ctx.db.dialect };
      } catch (err) {
        app.log.warn({ err }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable' as const, database: ctx.db.dialect });
      }
    },
  );
}
