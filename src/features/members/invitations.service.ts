import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { enqueueOrganisationInvitation } from '../messages/organisation-invitation.ts';
import { insertMember } from '../organisations/organisations.repository.ts';
import {
  cancelPendingInvitationsFor,
  findInvitation,
  findInvitationByToken,
  type InvitationRecord,
  insertInvitation,
  invitationIdForToken,
  listPendingInvitations,
  settleInvitation,
} from './invitations.repository.ts';
import type {
  Invitation,
  InvitationAccept,
  InvitationAccepted,
  InvitationCreate,
  InvitationCreated,
  InvitationPreview,
  InvitationStatus,
} from './invitations.schema.ts';
import { isMemberByEmail, isMemberByUserId } from './members.repository.ts';
import { findUserByEmail, insertUserWithPassword } from './users.repository.ts';

export type MemberActor = Extract<Actor, { kind: 'member' }>;

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** The status a person sees: a pending invitation past its expiry is `expired`. */
export function invitationStatusOf(
  invitation: Pick<InvitationRecord, 'status' | 'expiresAt'>,
  now: Date,
): InvitationStatus {
  switch (invitation.status) {
    case 'pending':
      return Date.parse(invitation.expiresAt) <= now.getTime() ? 'expired' : 'pending';
    case 'accepted':
      return 'accepted';
    default:
      // canceled, or better-auth's rejected: either way the link no longer works.
      return 'canceled';
  }
}

export function presentInvitation(invitation: InvitationRecord, now: Date): Invitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatusOf(invitation, now),
    expiresAt: invitation.expiresAt,
    createdAt: invitation.createdAt,
    invitedBy: { name: invitation.inviterName },
  };
}

const ukDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** Refuses an invitation that can no longer be accepted, saying what to do instead. */
function assertAcceptable(invitation: InvitationRecord, now: Date): void {
  const status = invitationStatusOf(invitation, now);
  if (status === 'pending') return;
  const reason = {
    expired: `This invitation expired on ${ukDate.format(new Date(invitation.expiresAt))}`,
    accepted: 'This invitation has already been used (if it was you, sign in instead)',
    canceled: 'This invitation was cancelled',
  }[status];
  throw new AppError('conflict', `${reason}: ask your organisation's admin for a fresh invitation`);
}

export interface AcceptOutcome extends InvitationAccepted {
  email: string;
  /**
   * The session cookies of the sign-in that checked an existing account's password, so the caller
   * does not sign in twice; null for a new account (the caller signs it in).
   */
  sessionCookies: string[] | null;
}

export function invitationService(ctx: AppContext) {
  /** Ends a session made to check a password when the acceptance then fails. */
  async function signOutQuietly(cookies: string[]): Promise<void> {
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    try {
      await ctx.auth.api.signOut({ headers: new Headers({ cookie }) });
    } catch {
      // The session expires on its own; its token was never given out.
    }
  }

  return {
    /**
     * Invites a person by email. The link's token is returned once; only its SHA-256 is stored, as
     * the invitation's id. A pending invitation for the same email is replaced.
     */
    async create(actor: MemberActor, input: InvitationCreate): Promise<InvitationCreated> {
      const organisationId = actor.organisationId;
      const token = randomBytes(32).toString('base64url');
      const id = invitationIdForToken(token);
      const now = ctx.now();
      const link = `${ctx.config.publicUrl}/invite/${token}`;
      const expiresAt = new Date(now.getTime() + invitationLifetimeMs);
      return ctx.kysely.transaction().execute(async (tx) => {
        if (await isMemberByEmail(tx, organisationId, input.email)) {
          throw new AppError('conflict', `${input.email} is already a member of this organisation`, {
            field: 'email',
          });
        }
        const replaced = await cancelPendingInvitationsFor(tx, organisationId, input.email);
        await insertInvitation(
          tx,
          {
            id,
            organisationId,
            email: input.email,
            role: input.role,
            expiresAt,
            inviterId: actor.userId,
          },
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'invitation.created',
            subjectType: 'invitation',
            subjectId: id,
            detail: { email: input.email, role: input.role, replacedPending: replaced },
          },
          now,
        );
        // The invitation email, in the same transaction (held until SMTP is configured).
        await enqueueOrganisationInvitation(tx, ctx, {
          organisationId,
          invitationId: id,
          email: input.email,
          role: input.role,
          expiresAt,
          inviter: { name: actor.name, email: actor.email },
        });
        const invitation = await findInvitation(tx, organisationId, id);
        if (!invitation) throw new Error('the invitation just written cannot be read back');
        return { invitation: presentInvitation(invitation, now), link };
      });
    },

    async listPending(organisationId: string): Promise<Invitation[]> {
      const now = ctx.now();
      return (await listPendingInvitations(ctx.kysely, organisationId, now)).map((i) =>
        presentInvitation(i, now),
      );
    },

    async cancel(organisationId: string, id: string, actor: MemberActor): Promise<Invitation> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const invitation = await findInvitation(tx, organisationId, id);
        if (!invitation) throw notFound('Invitation');
        if (!(await settleInvitation(tx, organisationId, id, 'canceled'))) {
          throw new AppError(
            'conflict',
            invitation.status === 'accepted'
              ? 'This invitation has already been accepted: remove the member instead'
              : 'This invitation is already cancelled',
          );
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'invitation.canceled',
            subjectType: 'invitation',
            subjectId: id,
            detail: { email: invitation.email },
          },
          now,
        );
        return presentInvitation({ ...invitation, status: 'canceled' }, now);
      });
    },

    /** What the invitation page shows before accepting; an unknown token reveals nothing. */
    async preview(token: string): Promise<InvitationPreview> {
      const invitation = await findInvitationByToken(ctx.kysely, token);
      if (!invitation) throw notFound('Invitation');
      return {
        organisationName: invitation.organisationName,
        email: invitation.email,
        role: invitation.role,
        status: invitationStatusOf(invitation, ctx.now()),
      };
    },

    /**
     * Accepts an invitation: creates the account (or, for an email that already has one, checks its
     * password), adds the membership with the invited role and marks the invitation accepted, in one
     * transaction.
     */
    async accept(input: InvitationAccept): Promise<AcceptOutcome> {
      const now = ctx.now();
      const found = await findInvitationByToken(ctx.kysely, input.token);
      if (!found) throw notFound('Invitation');
      assertAcceptable(found, now);

      // Password work happens before the transaction: hashing is slow, and better-auth shares
      // the SQLite connection, which the transaction would hold.
      const existing = await findUserByEmail(ctx.kysely, found.email);
      let sessionCookies: string[] | null = null;
      let passwordHash: string | null = null;
      if (existing) {
        const response = await ctx.auth.api.signInEmail({
          body: { email: found.email, password: input.password },
          asResponse: true,
        });
        if (!response.ok) {
          throw new AppError(
            'unauthenticated',
            `${found.email} already has a Followspot account: enter that account's password to accept`,
            { field: 'password' },
          );
        }
        sessionCookies = response.headers.getSetCookie();
      } else {
        passwordHash = await (await ctx.auth.$context).password.hash(input.password);
      }

      try {
        const accepted = await ctx.kysely.transaction().execute(async (tx) => {
          const invitation = await findInvitationByToken(tx, input.token, { dialect: ctx.db.dialect });
          if (!invitation) throw notFound('Invitation');
          assertAcceptable(invitation, now);
          const organisationId = invitation.organisationId;
          let user: { id: string; name: string };
          if (existing) {
            if (await isMemberByUserId(tx, organisationId, existing.id)) {
              throw new AppError(
                'conflict',
                `You are already a member of ${invitation.organisationName}: sign in instead`,
              );
            }
            user = existing;
          } else {
            if (await findUserByEmail(tx, invitation.email)) {
              throw new AppError('conflict', 'An account for this email was created just now: try again');
            }
            user = { id: newId(now.getTime()), name: input.name };
            await insertUserWithPassword(
              tx,
              ctx.db.dialect,
              { id: user.id, name: user.name, email: invitation.email, passwordHash: passwordHash! },
              now,
            );
          }
          const memberId = newId(now.getTime());
          await insertMember(
            tx,
            { id: memberId, organisationId, userId: user.id, role: invitation.role },
            now,
          );
          if (!(await settleInvitation(tx, organisationId, invitation.id, 'accepted'))) {
            throw new AppError(
              'conflict',
              "This invitation has just been used or cancelled: ask your organisation's admin for a fresh invitation",
            );
          }
          const actor: MemberActor = {
            kind: 'member',
            organisationId,
            userId: user.id,
            role: invitation.role,
            name: user.name,
            email: invitation.email,
          };
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'invitation.accepted',
              subjectType: 'member',
              subjectId: memberId,
              detail: { invitationId: invitation.id, role: invitation.role, newAccount: !existing },
            },
            now,
          );
          return {
            organisation: {
              id: organisationId,
              name: invitation.organisationName,
              slug: invitation.organisationSlug,
            },
            role: invitation.role,
            email: invitation.email,
          };
        });
        return { ...accepted, sessionCookies };
      } catch (err) {
        if (sessionCookies) await signOutQuietly(sessionCookies);
        throw err;
      }
    },
  };
}
export type InvitationService = ReturnType<typeof invitationService>;
