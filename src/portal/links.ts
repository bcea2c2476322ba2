// Personal links for candidates: `${publicUrl}/c/<token>`, the token 32 random bytes (base64url).
// Only its SHA-256 is stored; the token itself is never stored or logged by us (see log.ts).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { newId } from '../ids.ts';

export const linkLifetimeDays = 90;
/** base64url of 32 bytes. */
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LinkContext {
  config: Pick<AppConfig, 'publicUrl'>;
  now: () => Date;
}

/** Writes a new personal link for the candidate inside `tx` and returns its URL. */
export async function issueCandidateLink(
  tx: Kysely<Database>,
  ctx: LinkContext,
  input: { organisationId: string; candidateId: string; lifetimeDays?: number },
): Promise<string> {
  const { token } = await issueCandidateToken(tx, { ...input, now: ctx.now() });
  return `${ctx.config.publicUrl}/c/${token}`;
}

export async function candidateExists(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('candidate')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes a new personal link for the candidate and returns its token (for the outbox worker). */
export async function issueCandidateToken(
  tx: Kysely<Database>,
  input: { organisationId: string; candidateId: string; now: Date; lifetimeDays?: number },
): Promise<{ token: string; linkId: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = input.now;
  const id = newId(now.getTime());
  const expires = new Date(now.getTime() + (input.lifetimeDays ?? linkLifetimeDays) * 86_400_000);
  await tx
    .insertInto('candidate_link')
    .values({
      id,
      organisation_id: input.organisationId,
      candidate_id: input.candidateId,
      token_hash: hashToken(token),
      expires_at: expires.toISOString(),
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { token, linkId: id };
}

/** Stops links working before their expiry: all of a candidate's but `except`, or the given ones. */
export async function revokeCandidateLinks(
  db: Kysely<Database>,
  scope: { organisationId: string; candidateId: string; except?: string } | { linkIds: string[] },
  now: Date,
): Promise<void> {
  let q = db
    .updateTable('candidate_link')
    .set({ revoked_at: now.toISOString() })
    .where('revoked_at', 'is', null);
  if ('linkIds' in scope) {
    if (scope.linkIds.length === 0) return;
    q = q.where('id', 'in', scope.linkIds);
  } else {
    q = q.where('organisation_id', '=', scope.organisationId).where('candidate_id', '=', scope.candidateId);
    if (scope.except) q = q.where('id', '!=', scope.except);
  }
  await q.execute();
}

export interface ResolvedLink {
  linkId: string;
  tokenHash: string;
  organisationId: string;
  candidateId: string;
  expiresAt: string;
}

/** The live link of a token (not expired), recording its use; undefined for anything else. */
export async function resolveCandidateLink(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<ResolvedLink | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('candidate_link')
    .innerJoin('candidate', (j) =>
      j
        .onRef('candidate.id', '=', 'candidate_link.candidate_id')
        .onRef('candidate.organisation_id', '=', 'candidate_link.organisation_id'),
    )
    .select([
      'candidate_link.id',
      'candidate_link.organisation_id',
      'candidate_link.candidate_id',
      'candidate_link.expires_at',
    ])
    .where('candidate_link.token_hash', '=', tokenHash)
    .where('candidate_link.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return undefined;
  await db
    .updateTable('candidate_link')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', row.id)
    .execute();
  return {
    linkId: row.id,
    tokenHash,
    organisationId: row.organisation_id,
    candidateId: row.candidate_id,
    expiresAt: row.expires_at,
  };
}

/** The CSRF token of a form on a link's page: HMAC(secret, token hash + form name). */
export function csrfToken(secret: string, tokenHash: string, form: string): string {
  return createHmac('sha256', secret).update(`portal-csrf:${tokenHash}:${form}`).digest('base64url');
}

export function csrfMatches(secret: string, tokenHash: string, form: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 100) return false;
  const expected = Buffer.from(csrfToken(secret, tokenHash, form));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
