import type { AppContext } from '../../../src/app-context.ts';
import type { MemberRole } from '../../../src/auth/roles.ts';
import { apiKeyService } from '../../../src/features/api-keys/api-keys.service.ts';
import { insertUserWithPassword } from '../../../src/features/members/users.repository.ts';
import {
  insertMember,
  insertOrganisation,
} from '../../../src/features/organisations/organisations.repository.ts';
import type { Organisation } from '../../../src/features/organisations/organisations.schema.ts';
import type { Actor } from '../../../src/http/actor.ts';
import { newId } from '../../../src/ids.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeOrganisation(
  ctx: AppContext,
  overrides: Partial<Organisation> = {},
): Promise<Organisation> {
  const suffix = unique();
  const organisation = {
    id: newId(),
    name: `Test Venues ${suffix}`,
    slug: `test-venues-${suffix}`,
    ...overrides,
  };
  await insertOrganisation(ctx.kysely, organisation, ctx.now());
  return organisation;
}

export interface TestMember {
  userId: string;
  organisationId: string;
  role: MemberRole;
  name: string;
  email: string;
  password: string;
  /** The session cookie header, for `app.inject({ headers: { cookie } })`. */
  cookie: string;
}

/** A member who can sign in; creates the organisation when none is given. */
export async function makeMember(
  ctx: AppContext,
  options: { organisationId?: string; role?: MemberRole; name?: string; email?: string } = {},
): Promise<TestMember> {
  const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
  const role = options.role ?? 'admin';
  const email = options.email ?? `member-${unique()}@example.test`;
  const name = options.name ?? `Test ${role}`;
  const password = 'a long test password';
  const userId = newId();
  const passwordHash = await (await ctx.auth.$context).password.hash(password);
  const now = ctx.now();
  await insertUserWithPassword(ctx.kysely, ctx.db.dialect, { id: userId, name, email, passwordHash }, now);
  await insertMember(ctx.kysely, { id: newId(), organisationId, userId, role }, now);
  const response = await ctx.auth.api.signInEmail({ body: { email, password }, asResponse: true });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { userId, organisationId, role, name, email, password, cookie };
}

/** An API key for the organisation (created when none is given), as request headers. */
export async function makeApiKey(ctx: AppContext, options: { organisationId?: string } = {}) {
  const organisationId = options.organisationId ?? (await makeOrganisation(ctx)).id;
  const { apiKey, token } = await apiKeyService(ctx).create(organisationId, 'test key', 'system');
  return { organisationId, apiKey, token, headers: { authorization: `Bearer ${token}` } };
}

/** The member as the services see them, for calling services directly in tests. */
export function actorOf(member: TestMember): Actor {
  return {
    kind: 'member',
    organisationId: member.organisationId,
    userId: member.userId,
    role: member.role,
    name: member.name,
    email: member.email,
  };
}
