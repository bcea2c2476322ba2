import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { MemberActor } from '../members/invitations.service.ts';
import { enqueue } from '../messages/outbox.ts';
import { sealedPasswordResetUrl } from '../messages/sealed-links.ts';
import {
  countRecentResets,
  deleteSessionsOf,
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
