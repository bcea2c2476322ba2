import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { MemberActor } from '../members/invitations.service.ts';
import { enqueue } from '../messages/outbox.ts';
import {
  accountEmailChangeLifetimeSeconds,
  sealedAccountEmailChangeUrl,
  sealedPasswordResetUrl,
} from '../messages/sealed-links.ts';
import {
  countRecentResets,
  deleteSessionsOf,
  emailTaken,
  findAccountByEmail,
  findUsableReset,
  insertPasswordReset,
  organisationsOf,
  setPasswordHash,
  setUserName,
  useReset,
} from './account.repository.ts';

export const passwordResetLifetimeMs = 60 * 60 * 1000;
/** Resets one account may ask for per hour; more are answered the same way and send nothing. */
export const resetsPerAccountPerHour = 3;

const emailLinkUnusable =
  'This confirmation link has expired, was already used or was replaced: ask for a new one on your account page';

/** The claims of better-auth's change-email token; read only after better-auth has verified it. */
function emailChangeClaims(token: string): { from: string; to: string; userId: string } | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      email?: unknown;
      updateTo?: unknown;
      userId?: unknown;
    };
    const { email, updateTo, userId } = payload;
    return typeof email === 'string' && typeof updateTo === 'string' && typeof userId === 'string'
      ? { from: email, to: updateTo, userId }
      : undefined;
  } catch {
    return undefined;
  }
}

const usedOrExpired =
  'This reset link has expired or was already used: ask for a new one with "Forgot password?" on the sign-in page';

export function accountService(ctx: AppContext) {
  async function hashPassword(password: string): Promise<string> {
    return (await ctx.auth.$context).password.hash(password);
  }

  return {
    /**
     * Emails a reset link when the address is a member's. The caller answers the same whatever
     * happens here, so nobody learns which addresses have accounts.
     */
    async requestReset(email: string): Promise<void> {
      const now = ctx.now();
      const account = await findAccountByEmail(ctx.kysely, email);
      if (!account?.organisationId) return;
      const since = new Date(now.getTime() - 60 * 60 * 1000);
      if ((await countRecentResets(ctx.kysely, account.userId, since)) >= resetsPerAccountPerHour) return;
      const organisationId = account.organisationId;
      await ctx.kysely.transaction().execute(async (tx) => {
        const resetId = await insertPasswordReset(
          tx,
          {
            userId: account.userId,
            organisationId,
            expiresAt: new Date(now.getTime() + passwordResetLifetimeMs),
          },
          now,
        );
        await enqueue(tx, ctx, {
          organisationId,
          idempotencyKey: `password-reset:${resetId}`,
          template: 'password_reset',
          to: { kind: 'member', userId: account.userId },
          send: 'now',
          createdBy: 'system',
          sealedLinks: [{ kind: 'password_reset', resetId }],
          variables: { reset: { link: sealedPasswordResetUrl(ctx.config.publicUrl), expiresIn: '1 hour' } },
        });
        await recordAudit(
          tx,
          organisationId,
          'system',
          { action: 'account.password_reset_requested', subjectType: 'user', subjectId: account.userId },
          now,
        );
      });
    },

    /** Sets a new password from a reset link, once; every session of the account ends. */
    async resetPassword(token: string, password: string): Promise<void> {
      const now = ctx.now();
      const reset = await findUsableReset(ctx.kysely, token, now);
      if (!reset) throw new AppError('conflict', usedOrExpired, { field: 'token' });
      const passwordHash = await hashPassword(password);
      await ctx.kysely.transaction().execute(async (tx) => {
        if (!(await useReset(tx, reset, now)))
          throw new AppError('conflict', usedOrExpired, { field: 'token' });
        await setPasswordHash(tx, reset.userId, passwordHash, now);
        const ended = await deleteSessionsOf(tx, reset.userId);
        for (const organisationId of await organisationsOf(tx, reset.userId)) {
          await recordAudit(
            tx,
            organisationId,
            'system',
            {
              action: 'account.password_reset',
              subjectType: 'user',
              subjectId: reset.userId,
              detail: { sessionsEnded: ended },
            },
            now,
          );
        }
      });
    },

    /**
     * Emails a link to confirm a new address to that address. The answer is the same when the
     * address belongs to another account (and nothing is sent), so nobody learns who has one.
     */
    async requestEmailChange(actor: MemberActor, newEmail: string): Promise<void> {
      const now = ctx.now();
      if (newEmail === actor.email.toLowerCase()) {
        throw new AppError('validation_failed', 'That is already your email address: give the new one', {
          field: 'email',
        });
      }
      if (await emailTaken(ctx.kysely, newEmail)) return;
      await ctx.kysely.transaction().execute(async (tx) => {
        await enqueue(tx, ctx, {
          organisationId: actor.organisationId,
          idempotencyKey: `account-email-change:${actor.userId}:${now.getTime()}`,
          template: 'account_email_change',
          to: { kind: 'email', email: newEmail, name: actor.name },
          send: 'now',
          replyTo: null,
          createdBy: 'system',
          sealedLinks: [
            { kind: 'account_email_change', userId: actor.userId, from: actor.email, to: newEmail },
          ],
          variables: {
            emailChange: {
              link: sealedAccountEmailChangeUrl(ctx.config.publicUrl),
              newEmail,
              expiresIn: `${accountEmailChangeLifetimeSeconds / 3600} hour`,
            },
          },
        });
        // The trail names no address: it outlives the person's contact details.
        await recordAudit(
          tx,
          actor.organisationId,
          actor,
          { action: 'account.email_change_requested', subjectType: 'user', subjectId: actor.userId },
          now,
        );
      });
    },

    /**
     * Confirms a new address with the emailed link: better-auth checks the token and changes the
     * address; then the old address is told, and the change is audited in each organisation.
     */
    async confirmEmailChange(token: string): Promise<{ email: string }> {
      const now = ctx.now();
      const claims = emailChangeClaims(token);
      if (!claims) throw new AppError('conflict', emailLinkUnusable, { field: 'token' });
      if (await emailTaken(ctx.kysely, claims.to)) {
        throw new AppError('conflict', emailLinkUnusable, { field: 'token' });
      }
      try {
        await ctx.auth.api.verifyEmail({ query: { token } });
      } catch (error) {
        // better-auth is loaded by now (the call above loaded it); importing it at the top would load
        // its ~200 modules in every process that starts the server.
        const { APIError } = await import('better-auth/api');
        if (error instanceof APIError) throw new AppError('conflict', emailLinkUnusable, { field: 'token' });
        throw error;
      }
      const account = await findAccountByEmail(ctx.kysely, claims.to);
      if (!account) throw new AppError('conflict', emailLinkUnusable, { field: 'token' });
      await ctx.kysely.transaction().execute(async (tx) => {
        const organisations = await organisationsOf(tx, account.userId);
        if (account.organisationId) {
          await enqueue(tx, ctx, {
            organisationId: account.organisationId,
            idempotencyKey: `account-email-changed:${account.userId}:${now.getTime()}`,
            template: 'account_email_changed',
            to: { kind: 'email', email: claims.from, name: account.name },
            send: 'now',
            replyTo: null,
            createdBy: 'system',
            variables: {
              emailChange: {
                newEmail: claims.to,
                changedAt: DateTime.fromJSDate(now, { zone: 'Europe/London' }).toFormat(
                  'cccc d LLLL yyyy, HH:mm',
                ),
              },
            },
          });
        }
        for (const organisationId of organisations) {
          await recordAudit(
            tx,
            organisationId,
            'system',
            { action: 'account.email_changed', subjectType: 'user', subjectId: account.userId },
            now,
          );
        }
      });
      return { email: claims.to };
    },

    async changeName(actor: MemberActor, name: string): Promise<void> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        await setUserName(tx, actor.userId, name, now);
        for (const organisationId of await organisationsOf(tx, actor.userId)) {
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'account.name_changed',
              subjectType: 'user',
              subjectId: actor.userId,
              detail: { from: actor.name, to: name },
            },
            now,
          );
        }
      });
    },

    /**
     * Changes the password when the current one is right, and ends every session of the account
     * (the caller signs this browser in again with the new password).
     */
    async changePassword(actor: MemberActor, current: string, next: string): Promise<void> {
      const now = ctx.now();
      const auth = await ctx.auth.$context;
      const stored = await auth.internalAdapter.findAccounts(actor.userId);
      const credential = stored.find((a) => a.providerId === 'credential');
      const ok = credential?.password
        ? await auth.password.verify({ hash: credential.password, password: current })
        : false;
      if (!ok) {
        throw new AppError('validation_failed', 'The current password is not right: type it again', {
          field: 'currentPassword',
        });
      }
      const passwordHash = await auth.password.hash(next);
      await ctx.kysely.transaction().execute(async (tx) => {
        await setPasswordHash(tx, actor.userId, passwordHash, now);
        const ended = await deleteSessionsOf(tx, actor.userId);
        for (const organisationId of await organisationsOf(tx, actor.userId)) {
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'account.password_changed',
              subjectType: 'user',
              subjectId: actor.userId,
              detail: { sessionsEnded: ended },
            },
            now,
          );
        }
      });
    },
  };
}
