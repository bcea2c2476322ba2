import type { FastifyReply } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors.ts';

/** Signs a person in through better-auth and passes its session cookie on to the reply. */
export async function signInAndSetCookies(
  ctx: AppContext,
  reply: FastifyReply,
  email: string,
  password: string,
): Promise<void> {
  const response = await ctx.auth.api.signInEmail({ body: { email, password }, asResponse: true });
  if (!response.ok) throw new AppError('unauthenticated', 'Signing in failed: check the email and password');
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
}
