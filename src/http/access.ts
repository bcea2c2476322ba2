// Who may call each API operation, declared on the route (`config: { access }`) and enforced in one
// place, before the body is parsed or validated: a caller without the right credentials or role gets
// 401/403 and learns nothing of the operation's rules. Every /api/v1 route must declare its access —
// a route without it refuses to start — and its OpenAPI `security` is written from the declaration,
// so the document and the enforcement cannot disagree.
import type { FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors.ts';
import { type Actor, type ActorRole, authenticate, requireRole } from './actor.ts';

export interface RouteAccess {
  /** Roles allowed (an API key acts as `integrator`). */
  roles: readonly ActorRole[];
  /** Only a signed-in member's session, never an API key (inviting people, one's own account). */
  sessionOnly?: boolean;
}

/** `public`: no credentials (setup, the invitation link's own pages, health). */
export type Access = RouteAccess | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}

type Security = { [scheme: string]: string[] }[];
const bearerOrSession: Security = [{ bearer: [] }, { session: [] }];
const sessionOnly: Security = [{ session: [] }];

/** The OpenAPI `security` of an access declaration. */
export function securityOf(access: Access): Security {
  if (access === 'public') return [];
  return access.sessionOnly ? sessionOnly : bearerOrSession;
}

function accessOf(route: Pick<RouteOptions, 'config'>): Access | undefined {
  return (route.config as { access?: Access } | undefined)?.access;
}

/** Checks every API route's declaration at start-up and documents its security from it. */
export function documentAccess(route: RouteOptions): void {
  // Candidate pages (and a referral link's colleague pages) are HTML for people, not API
  // operations: they stay out of the API document.
  if (route.url === '/c' || route.url.startsWith('/c/') || route.url.startsWith('/r/')) {
    route.schema = { ...(route.schema ?? {}), hide: true };
    return;
  }
  if (!route.url.startsWith('/api/v1/')) return;
  const access = accessOf(route);
  if (!access) {
    throw new Error(
      `${String(route.method)} ${route.url} declares no access: add config: { access } (roles, or 'public')`,
    );
  }
  const schema: FastifySchema & { description?: string } = route.schema ?? {};
  schema.security = securityOf(access);
  if (access !== 'public' && access.sessionOnly && schema.description?.includes('session') !== true) {
    schema.description = `${schema.description ? `${schema.description}\n\n` : ''}Session only: an API key cannot use this operation.`;
  }
  route.schema = schema;
}

/** The onRequest hook: authenticate and authorise before anything else about the request is read. */
export function enforceAccess(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const actor = await authenticate(ctx, request);
    if (access.sessionOnly && actor.kind !== 'member') {
      throw new AppError('forbidden', 'This needs a signed-in member: an API key cannot do it');
    }
    requireRole(actor, access.roles);
    request.actor = actor;
  };
}

/** The caller of a route whose access was enforced (never undefined there). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error(`${request.routeOptions.url} has no enforced access`);
  return request.actor;
}

/** The member behind a session-only route. */
export function memberOf(request: FastifyRequest): Extract<Actor, { kind: 'member' }> {
  const actor = actorOf(request);
  if (actor.kind !== 'member') throw new AppError('forbidden', 'This needs a signed-in member');
  return actor;
}
