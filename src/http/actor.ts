import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { isMemberRole, type MemberRole } from '../domain/member-roles.ts';
import { AppError } from '../errors.ts';
import { findActiveApiKeyByToken, touchApiKey } from '../features/api-keys/api-keys.repository.ts';
import { findMembershipForUser } from '../features/members/members.repository.ts';
import { isCrossSite, isUnsafeMethod } from './origin.ts';

export type Actor =
  | { kind: 'member'; organisationId: string; userId: string; role: MemberRole; name: string; email: string }
  | { kind: 'api_key'; organisationId: string; apiKeyId: string; role: 'integrator' };

export type ActorRole = Actor['role'];

function headersOf(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
  }
  return headers;
}

/** Who is calling: an API key (`Authorization: Bearer …`) or a signed-in member's session. */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Actor> {
  // Already authenticated by the route's access check (src/http/access.ts).
  if (request.actor) return request.actor;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const key = await findActiveApiKeyByToken(ctx.kysely, authorization.slice('Bearer '.length).trim());
    if (!key) throw new AppError('unauthenticated', 'The API key is unknown or has been revoked');
    await touchApiKey(ctx.kysely, key, ctx.now());
    return { kind: 'api_key', organisationId: key.organisationId, apiKeyId: key.id, role: 'integrator' };
  }
  const session = await ctx.auth.api.getSession({ headers: headersOf(request) });
  if (!session)
    throw new AppError('unauthenticated', 'Sign in, or send an API key as Authorization: Bearer <key>');
  // A session rides on a cookie the browser adds by itself: an unsafe request must come from our pages.
  if (isUnsafeMethod(request.method) && isCrossSite(request, ctx.config.publicUrl)) {
    throw new AppError(
      'forbidden',
      'This request came from another site: changes can only be made from Followspot itself',
    );
  }
  const membership = await findMembershipForUser(
    ctx.kysely,
    session.user.id,
    (session.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null,
  );
  if (!membership || !isMemberRole(membership.role)) {
    throw new AppError('forbidden', 'Your account is not a member of any organisation');
  }
  return {
    kind: 'member',
    organisationId: membership.organisationId,
    userId: session.user.id,
    role: membership.role,
    name: session.user.name,
    email: session.user.email,
  };
}

/** Roles allowed to run an action; an API key acts as an integrator. */
export function requireRole(actor: Actor, allowed: readonly ActorRole[]): void {
  if (!allowed.includes(actor.role)) {
    throw new AppError('forbidden', `This needs one of these roles: ${allowed.join(', ')}`);
  }
}

export const canManageHiring: readonly ActorRole[] = ['admin', 'manager', 'integrator'];
export const canAdminister: readonly ActorRole[] = ['admin'];
export const anyMember: readonly ActorRole[] = ['admin', 'manager', 'interviewer', 'integrator'];
/** Members in person (with `sessionOnly`): what only a person does — their scorecards, their notifications. */
export const everyMember: readonly ActorRole[] = ['admin', 'manager', 'interviewer'];

export { headersOf };
