import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { MessageBounceTable } from '../../db/schema-bounces.ts';
import { newId } from '../../ids.ts';

export interface BouncedMessage {
  id: string;
  organisationId: string;
  applicationId: string | null;
  candidateId: string | null;
  templateKey: string;
  status: string;
  toEmail: string;
}

/** The outbox message a provider's notification names (any organisation: the message says which). */
export async function findMessageForBounce(
  db: Kysely<Database>,
  messageId: string,
): Promise<BouncedMessage | undefined> {
  const row = await db
    .selectFrom('message')
    .select(['id', 'organisation_id', 'application_id', 'candidate_id', 'template_key', 'status', 'to_email'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    organisationId: row.organisation_id,
    applicationId: row.application_id,
    candidateId: row.candidate_id,
    templateKey: row.template_key,
    status: row.status,
    toEmail: row.to_email,
  };
}

/** Records one provider event; false when the same event was recorded before. */
export async function insertBounce(
  db: Kysely<Database>,
  bounce: {
    organisationId: string;
    messageId: string;
    provider: MessageBounceTable['provider'];
    providerEventId: string;
    kind: 'hard' | 'soft' | 'complaint';
    detail: string | null;
  },
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('message_bounce')
    .values({
      id: newId(now.getTime()),
      organisation_id: bounce.organisationId,
      message_id: bounce.messageId,
      provider: bounce.provider,
      provider_event_id: bounce.providerEventId,
      kind: bounce.kind,
      detail: bounce.detail?.slice(0, 1000) ?? null,
      received_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['provider', 'provider_event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A message the recipient's server refused for good: failed, with the reason. */
export async function markMessageBounced(
  db: Kysely<Database>,
  organisationId: string,
  messageId: string,
  detail: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('message')
    .set({ status: 'failed', last_error: `Bounced: ${detail}`.slice(0, 1000), updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', messageId)
    .where('status', '=', 'sent')
    .execute();
}

/** Who hears of it: the role's hiring manager, or the organisation's admins when it has none. */
export async function findBounceRecipients(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<{ userIds: string[]; candidateName: string; roleTitle: string } | undefined> {
  const row = await db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
    .select(['role.hiring_manager_id', 'role.title', 'candidate.name'])
    .where('application.organisation_id', '=', organisationId)
    .where('application.id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const userIds = row.hiring_manager_id
    ? [row.hiring_manager_id]
    : (
        await db
          .selectFrom('member')
          .select('userId')
          .where('organizationId', '=', organisationId)
          .where('role', '=', 'admin')
          .execute()
      ).map((m) => m.userId);
  return { userIds, candidateName: row.name, roleTitle: row.title };
}
