// Secret links in emails — a candidate's personal page, an invitation — are sealed: the outbox stores
// the email with a marker where the link goes, and the worker mints the link (a new token, only its
// hash stored) as it hands the email to the mail server. Nobody reading the outbox, the API or a
// backup can use a link; only the recipient's inbox holds one.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { candidateExists, issueCandidateToken, revokeCandidateLinks } from '../../portal/links.ts';
import {
  currentEmailOf,
  emailTaken,
  mintPasswordResetToken,
  withdrawPasswordResetTokens,
} from '../account/account.repository.ts';
import { mintEmailChangeToken } from '../candidates/email-change.repository.ts';
import { deleteInvitationLinks, mintInvitationToken } from '../members/invitations.repository.ts';
import { deleteUnsubscribeTokens, hashToken, insertUnsubscribeToken } from '../network/network.repository.ts';

/** Where a candidate's personal link goes in a stored email (`${PUBLIC_URL}/c/<marker>`). */
export const personalLinkMarker = 'personal-link-added-when-sent';
/** Where an invitation's link goes in a stored email (`${PUBLIC_URL}/invite/<marker>`). */
export const invitationLinkMarker = 'invitation-link-added-when-sent';
/** Where a talent-network one-click unsubscribe link goes (`${PUBLIC_URL}/c/unsubscribe/<marker>`). */
export const unsubscribeLinkMarker = 'unsubscribe-added-when-sent';
/** Where a new email address's confirmation link goes (`${PUBLIC_URL}/c/email-change/<marker>`). */
export const emailChangeLinkMarker = 'email-change-added-when-sent';
/** Where a password reset's link goes (`${PUBLIC_URL}/reset-password/<marker>`). */
export const passwordResetLinkMarker = 'password-reset-added-when-sent';
/** Where a member's new address's confirmation goes (`${PUBLIC_URL}/confirm-email?token=<marker>`). */
export const accountEmailChangeLinkMarker = 'new-member-address-link-added-when-sent';
/** How long a member's email-change link works: better-auth's verification token, signed, in the link. */
export const accountEmailChangeLifetimeSeconds = 60 * 60;

export type SealedLink =
  /** `revokeOlder`: the new link replaces every earlier one (a fresh link the candidate asked for). */
  | { kind: 'candidate_page'; candidateId: string; revokeOlder?: boolean }
  | { kind: 'invitation'; invitationId: string }
  | { kind: 'network_unsubscribe'; candidateId: string }
  | { kind: 'email_change'; changeId: string }
  | { kind: 'password_reset'; resetId: string }
  /** A member's own new address: the link carries better-auth's change-email verification token. */
  | { kind: 'account_email_change'; userId: string; from: string; to: string };

const markerOf = {
  candidate_page: personalLinkMarker,
  invitation: invitationLinkMarker,
  network_unsubscribe: unsubscribeLinkMarker,
  email_change: emailChangeLinkMarker,
  password_reset: passwordResetLinkMarker,
  account_email_change: accountEmailChangeLinkMarker,
} as const;

/** A candidate's personal page (optionally a page under it) as a stored email writes it. */
export function personalPageUrl(publicUrl: string, path = ''): string {
  return `${publicUrl}/c/${personalLinkMarker}${path}`;
}

export function sealedInvitationUrl(publicUrl: string): string {
  return `${publicUrl}/invite/${invitationLinkMarker}`;
}

/** The one-click unsubscribe link of a talent-network email (the body's link and List-Unsubscribe). */
export function sealedUnsubscribeUrl(publicUrl: string): string {
  return `${publicUrl}/c/unsubscribe/${unsubscribeLinkMarker}`;
}

/** The confirmation link of an email change, as a stored email writes it. */
export function sealedEmailChangeUrl(publicUrl: string): string {
  return `${publicUrl}/c/email-change/${emailChangeLinkMarker}`;
}

/** The link of a password reset, as a stored email writes it. */
export function sealedPasswordResetUrl(publicUrl: string): string {
  return `${publicUrl}/reset-password/${passwordResetLinkMarker}`;
}

/** The confirmation link of a member's new address, as a stored email writes it. */
export function sealedAccountEmailChangeUrl(publicUrl: string): string {
  return `${publicUrl}/confirm-email?token=${accountEmailChangeLinkMarker}`;
}

/** A working link of ours: a path segment under PUBLIC_URL as long as a token (32+ base64url). */
function liveLinkPattern(publicUrl: string): RegExp {
  const escaped = publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}/(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])`);
}

/**
 * Refuses to store an email that carries a working link of ours: such a link must be sealed.
 * Throws (a programming error, never the user's): the change and its email roll back together.
 */
export function assertNothingUnsealed(publicUrl: string, parts: Record<string, string | null>): void {
  const pattern = liveLinkPattern(publicUrl);
  for (const [name, value] of Object.entries(parts)) {
    if (value && pattern.test(value)) {
      throw new Error(`The email's ${name} holds a working link: pass it as a sealed link instead`);
    }
  }
}

export function parseSealedLinks(value: string | null): SealedLink[] {
  if (!value) return [];
  const parsed = JSON.parse(value) as SealedLink[];
  return Array.isArray(parsed) ? parsed : [];
}

export interface SealedMessage {
  organisation_id: string;
  sealed_links: string | null;
  html: string;
  text: string;
  list_unsubscribe?: string | null;
}

export type Unsealed =
  | {
      ok: true;
      html: string;
      text: string;
      listUnsubscribe: string | null;
      /** In the transaction that records the email as sent: a replacing link retires the older ones. */
      sent(tx: Kysely<Database>, now: Date): Promise<void>;
      /** Withdraws what was minted when the email then does not go. */
      withdraw(db: Kysely<Database>, now: Date): Promise<void>;
    }
  | { ok: false; problem: string };

/** Why a message's links could not be minted: nothing of it is kept, and the email does not go. */
class MintRefused extends Error {}

/** Mints the message's links and returns its parts with the links in place. */
export async function unsealLinks(
  db: Kysely<Database>,
  message: SealedMessage,
  now: Date,
  /** The auth secret, to sign an email-change link; without it such an email is not sent. */
  authSecret?: string,
): Promise<Unsealed> {
  const sealed = parseSealedLinks(message.sealed_links);
  const organisationId = message.organisation_id;
  const candidateLinkIds: string[] = [];
  const invitationLinkIds: string[] = [];
  const unsubscribeTokenIds: string[] = [];
  const passwordResetIds: string[] = [];
  const replacing: { candidateId: string; except: string }[] = [];
  const tokens = new Map<string, string>();
  const mint = async (tx: Kysely<Database>): Promise<void> => {
    for (const link of sealed) {
      switch (link.kind) {
        case 'candidate_page': {
          if (!(await candidateExists(tx, organisationId, link.candidateId))) {
            throw new MintRefused('The candidate no longer exists (their data was erased): nothing was sent');
          }
          const issued = await issueCandidateToken(tx, {
            organisationId,
            candidateId: link.candidateId,
            now,
          });
          if (link.revokeOlder) replacing.push({ candidateId: link.candidateId, except: issued.linkId });
          candidateLinkIds.push(issued.linkId);
          tokens.set(markerOf.candidate_page, issued.token);
          break;
        }
        case 'invitation': {
          const minted = await mintInvitationToken(tx, organisationId, link.invitationId, now);
          if (!minted) {
            throw new MintRefused(
              'The invitation was cancelled, accepted or has expired before this email could go: nothing was sent',
            );
          }
          invitationLinkIds.push(minted.linkId);
          tokens.set(markerOf.invitation, minted.token);
          break;
        }
        case 'network_unsubscribe': {
          if (!(await candidateExists(tx, organisationId, link.candidateId))) {
            throw new MintRefused('The candidate no longer exists (their data was erased): nothing was sent');
          }
          const token = randomBytes(32).toString('base64url');
          unsubscribeTokenIds.push(
            await insertUnsubscribeToken(tx, organisationId, link.candidateId, token, now),
          );
          tokens.set(markerOf.network_unsubscribe, token);
          break;
        }
        case 'email_change': {
          const token = randomBytes(32).toString('base64url');
          if (!(await mintEmailChangeToken(tx, organisationId, link.changeId, hashToken(token), now))) {
            throw new MintRefused(
              'The email change was replaced, confirmed or has expired before this email could go: nothing was sent',
            );
          }
          tokens.set(markerOf.email_change, token);
          break;
        }
        case 'password_reset': {
          const token = await mintPasswordResetToken(tx, organisationId, link.resetId, now);
          if (!token)
            throw new MintRefused(
              'The password reset was used or has expired before this email could go: nothing was sent',
            );
          passwordResetIds.push(link.resetId);
          tokens.set(markerOf.password_reset, token);
          break;
        }
        case 'account_email_change': {
          if ((await currentEmailOf(tx, link.userId)) !== link.from) {
            throw new MintRefused(
              'The account or its address changed before this email could go: nothing was sent',
            );
          }
          if (await emailTaken(tx, link.to)) {
            throw new MintRefused('The new address belongs to another account now: nothing was sent');
          }
          if (!authSecret)
            throw new MintRefused('No auth secret to sign the confirmation link with: nothing was sent');
          // Loaded here, for the rare email that needs it: the worker otherwise never loads better-auth.
          const { createEmailVerificationToken } = await import('better-auth/api');
          const token = await createEmailVerificationToken(
            authSecret,
            link.from,
            link.to,
            accountEmailChangeLifetimeSeconds,
            { requestType: 'change-email-verification', userId: link.userId },
          );
          tokens.set(markerOf.account_email_change, token);
          break;
        }
        default:
          link satisfies never;
      }
    }
  };
  try {
    // Each link writes at most one row, so one link needs no transaction (two round trips fewer
    // per email); several are minted together or not at all.
    if (sealed.length <= 1) await mint(db);
    else await db.transaction().execute(mint);
  } catch (error) {
    if (error instanceof MintRefused) return { ok: false, problem: error.message };
    throw error;
  }
  const fill = (part: string) => {
    let out = part;
    for (const [marker, token] of tokens) out = out.replaceAll(marker, token);
    return out;
  };
  return {
    ok: true,
    html: fill(message.html),
    text: fill(message.text),
    listUnsubscribe: message.list_unsubscribe ? fill(message.list_unsubscribe) : null,
    async sent(tx, at) {
      for (const r of replacing) await revokeCandidateLinks(tx, { organisationId, ...r }, at);
    },
    async withdraw(handle, at) {
      await revokeCandidateLinks(handle, { linkIds: candidateLinkIds }, at);
      await deleteInvitationLinks(handle, invitationLinkIds);
      await deleteUnsubscribeTokens(handle, unsubscribeTokenIds);
      await withdrawPasswordResetTokens(handle, passwordResetIds);
    },
  };
}
