import type { AppContext } from '../../app-context.ts';
import { memberOf } from '../../http/access.ts';
import { anyMember } from '../../http/actor.ts';
import { hashedKey, keyedLimit, rateLimits } from '../../http/rate-limits.ts';
import { signInAndSetCookies } from '../../http/session.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import { errorSchema } from '../common.schema.ts';
import {
  accountDoneSchema,
  accountNameSchema,
  emailChangeConfirmSchema,
  emailChangedSchema,
  emailChangeRequestedSchema,
  emailChangeRequestSchema,
  passwordChangeSchema,
  passwordResetRequestedSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
} from './account.schema.ts';
import { accountService } from './account.service.ts';

const publicErrors = { 400: errorSchema, 409: errorSchema, 429: errorSchema } as const;
const sameAnswer =
  'If that address belongs to a Followspot account, a link to choose a new password is on its way. It works once, for an hour.';

/** A member's own account: a signed-in person only, never an API key. */
const self = { access: { roles: anyMember, sessionOnly: true } } as const;

export function accountRoutes(app: ApiApp, ctx: AppContext): void {
  const accounts = accountService(ctx);
  const tags = ['session'];
  // Many addresses asking for one account's reset, or guessing one link, are limited by it too.
  const perEmail = keyedLimit(app, 'password-reset-email', rateLimits.passwordResetPerEmail, (request) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? hashedKey('reset', email.trim().toLowerCase()) : undefined;
  });
  const perToken = keyedLimit(app, 'password-reset-token', rateLimits.passwordResetPerToken, (request) => {
    const token = (request.body as { token?: unknown } | undefined)?.token;
    return typeof token === 'string' ? hashedKey('reset', token) : undefined;
  });

  app.post(
    '/api/v1/password-reset/request',
    {
      config: { access: 'public', rateLimit: rateLimits.passwordResetPerAddress },
      preHandler: perEmail,
      schema: {
        tags,
        summary: 'Ask for a password reset link by email (public)',
        description:
          'Answers 202 with the same message for every address, known or not. The link expires after an hour and works once; only a hash of its secret is stored.',
        body: passwordResetRequestSchema,
        response: { 202: passwordResetRequestedSchema, ...publicErrors },
      },
    },
    async (request, reply) => {
      await accounts.requestReset(request.body.email);
      return reply.code(202).send({ message: sameAnswer });
    },
  );

  app.post(
    '/api/v1/password-reset',
    {
      config: { access: 'public', rateLimit: rateLimits.passwordResetPerAddress },
      preHandler: perToken,
      schema: {
        tags,
        summary: 'Choose a new password with the emailed link (public: the token is the secret)',
        description:
          'Every session of the account ends. Refused with 409 when the link has expired or was already used.',
        body: passwordResetSchema,
        response: { 200: accountDoneSchema, ...publicErrors },
      },
    },
    async (request) => {
      await accounts.resetPassword(request.body.token, request.body.password);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/me/name',
    {
      config: self,
      schema: {
        tags,
        summary: 'Change your own name (audited in each of your organisations)',
        description: 'Members only, through their signed-in session.',
        body: accountNameSchema,
        response: { 200: accountDoneSchema, ...errorResponses },
      },
    },
    async (request) => {
      await accounts.changeName(memberOf(request), request.body.name);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/me/email',
    {
      config: self,
      schema: {
        tags,
        summary: 'Change your own email address: a link to confirm goes to the new one',
        description:
          "Members only, through their signed-in session. Answers 202; the address changes only when the link (better-auth's change-email verification, one hour) is confirmed, and the old address is then told. The same answer when the address belongs to another account, and nothing is sent.",
        body: emailChangeRequestSchema,
        response: { 202: emailChangeRequestedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.requestEmailChange(memberOf(request), request.body.email);
      return reply.code(202).send({
        message: `A link to confirm is on its way to ${request.body.email}. It works for an hour; until then you sign in with your current address.`,
      });
    },
  );

  app.post(
    '/api/v1/me/email/confirm',
    {
      config: { access: 'public', rateLimit: rateLimits.passwordResetPerAddress },
      preHandler: perToken,
      schema: {
        tags,
        summary: 'Confirm a new email address with the emailed link (public: the token is the secret)',
        description:
          'Changes the address and emails a notice to the old one. Refused with 409 when the link has expired, was used, or the address was taken meanwhile.',
        body: emailChangeConfirmSchema,
        response: { 200: emailChangedSchema, ...publicErrors },
      },
    },
    async (request) => accounts.confirmEmailChange(request.body.token),
  );

  app.put(
    '/api/v1/me/password',
    {
      config: self,
      schema: {
        tags,
        summary: 'Change your own password (the current one is required)',
        description:
          'Members only, through their signed-in session. Every other session of the account ends; this browser gets a new session.',
        body: passwordChangeSchema,
        response: { 200: accountDoneSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      await accounts.changePassword(actor, request.body.currentPassword, request.body.newPassword);
      await signInAndSetCookies(ctx, reply, actor.email, request.body.newPassword);
      return { ok: true as const };
    },
  );
}
