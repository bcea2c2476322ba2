// The invitation email of the members feature, written to the outbox in the invitation's transaction.
import type { Kysely } from 'kysely';
import type { MemberRole } from '../../auth/roles.ts';
import type { Database } from '../../db/schema.ts';
import { type EnqueueResult, enqueue, type OutboxContext } from './outbox.ts';
import { sealedInvitationUrl } from './sealed-links.ts';

const roleWithArticle: Record<MemberRole, string> = {
  admin: 'an admin',
  manager: 'a hiring manager',
  interviewer: 'an interviewer',
};

const longUkDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

export interface OrganisationInvitationEmail {
  organisationId: string;
  /** The invitation's id (idempotency: one email per invitation). */
  invitationId: string;
  email: string;
  role: MemberRole;
  expiresAt: Date;
  /** The admin who invited: named in the email and its Reply-To. */
  inviter: { name: string; email: string };
}

/**
 * Enqueues the `organisation_invitation` email. Call it inside the transaction that creates the
 * invitation, so that there is never an invitation without its email, nor an email without it.
 */
export function enqueueOrganisationInvitation(
  tx: Kysely<Database>,
  ctx: OutboxContext,
  invitation: OrganisationInvitationEmail,
): Promise<EnqueueResult> {
  return enqueue(tx, ctx, {
    organisationId: invitation.organisationId,
    idempotencyKey: `organisation-invitation:${invitation.invitationId}`,
    template: 'organisation_invitation',
    to: { kind: 'email', email: invitation.email },
    replyTo: invitation.inviter,
    send: 'now',
    sealedLinks: [{ kind: 'invitation', invitationId: invitation.invitationId }],
    variables: {
      invitation: {
        role: roleWithArticle[invitation.role],
        // The email gets a link of its own, minted as it is sent (the admin's copy is never stored).
        link: sealedInvitationUrl(ctx.config.publicUrl),
        expiresOn: longUkDate.format(invitation.expiresAt),
      },
      inviter: { name: invitation.inviter.name },
    },
  });
}
