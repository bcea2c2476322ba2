// What a background job needs to run a feature's services: the actor who started it (stored with the
// job's input), and the services' context bound to the step's transaction.
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { memberRoles } from '../../domain/member-roles.ts';
import type { Actor } from '../../http/actor.ts';

/** The actor who started a job, as stored in its input. */
export const actorSchema: z.ZodType<Actor> = z.union([
  z.object({
    kind: z.literal('member'),
    organisationId: z.string(),
    userId: z.string(),
    role: z.enum(memberRoles),
    name: z.string(),
    email: z.string(),
  }),
  z.object({
    kind: z.literal('api_key'),
    organisationId: z.string(),
    apiKeyId: z.string(),
    role: z.literal('integrator'),
  }),
]);

/**
 * The context with every query in `tx`: a service built on it runs inside the caller's transaction,
 * and its own transactions become savepoints (so one application's refusal undoes only its work).
 */
export function boundTo(ctx: AppContext, tx: Kysely<Database>): AppContext {
  let depth = 0;
  const nested = {
    execute: async <T>(fn: (t: Kysely<Database>) => Promise<T>): Promise<T> => {
      depth += 1;
      const name = sql.raw(`job_step_${depth}`);
      await sql`savepoint ${name}`.execute(tx);
      try {
        const result = await fn(bound);
        await sql`release savepoint ${name}`.execute(tx);
        return result;
      } catch (err) {
        await sql`rollback to savepoint ${name}`.execute(tx);
        await sql`release savepoint ${name}`.execute(tx);
        throw err;
      } finally {
        depth -= 1;
      }
    },
  };
  const bound = new Proxy(tx, {
    get(target, property) {
      if (property === 'transaction') return () => nested;
      // Kysely's classes keep private fields: their methods run on the transaction itself.
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Kysely<Database>;
  return { ...ctx, kysely: bound };
}
