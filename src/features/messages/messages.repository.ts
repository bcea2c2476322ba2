import type { Kysely, Selectable } from 'kysely';
import { pageFrom } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { MessageTable } from '../../db/schema-messaging.ts';
import type { TemplateKey } from '../../mail/catalogue.ts';
import type { Page } from '../common.schema.ts';
import type { Message, MessageDetail, MessageListQuery, MessageStatus } from './messages.schema.ts';

export type MessageRow = Selectable<MessageTable>;
type Row = MessageRow & { template_version: number };

function selectMessages(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('message')
    .innerJoin('message_template_version as v', 'v.id', 'message.template_version_id')
    .selectAll('message')
    .select('v.version as template_version')
    .where('message.organisation_id', '=', organisationId);
}

function parseWindow(value: string | null): { nation: string; timezone: string } | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as { nation?: unknown; timezone?: unknown };
    return typeof parsed.nation === 'string' && typeof parsed.timezone === 'string'
      ? { nation: parsed.nation, timezone: parsed.timezone }
      : null;
  } catch {
    return null;
  }
}

function toMessage(row: Row): Message {
  return {
    id: row.id,
    templateKey: row.template_key as TemplateKey,
    templateVersion: { id: row.template_version_id, version: Number(row.template_version) },
    status: row.status as MessageStatus,
    recipient: {
      kind: row.recipient_kind as Message['recipient']['kind'],
      email: row.to_email,
      name: row.to_name,
      candidateId: row.candidate_id,
      userId: row.member_user_id,
    },
    applicationId: row.application_id,
    subject: row.subject,
    sendAfter: row.send_after,
    sendingWindow: parseWindow(row.send_window),
    attempts: Number(row.attempts),
    lastError: row.last_error,
    smtpMessageId: row.smtp_message_id,
    sentAt: row.sent_at,
    cancelledAt: row.cancelled_at,
    hasCalendarInvite: row.ics !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDetail(row: Row): MessageDetail {
  return {
    ...toMessage(row),
    html: row.html,
    text: row.text,
    replyTo: row.reply_to_email ? { name: row.reply_to_name, email: row.reply_to_email } : null,
    listUnsubscribe: row.list_unsubscribe,
    calendarInvite: row.ics,
  };
}

export async function listMessages(
  db: Kysely<Database>,
  organisationId: string,
  query: MessageListQuery,
): Promise<Page<Message>> {
  let q = selectMessages(db, organisationId);
  if (query.status) q = q.where('message.status', '=', query.status);
  if (query.candidateId) q = q.where('message.candidate_id', '=', query.candidateId);
  if (query.applicationId) q = q.where('message.application_id', '=', query.applicationId);
  if (query.templateKey) q = q.where('message.template_key', '=', query.templateKey);
  if (query.audience === 'candidates') q = q.where('message.recipient_kind', '=', 'candidate');
  if (query.audience === 'team') q = q.where('message.recipient_kind', '!=', 'candidate');
  if (query.cursor) q = q.where('message.id', '<', query.cursor);
  const rows = await q
    .orderBy('message.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = pageFrom(rows, query.limit);
  return { data: page.rows.map(toMessage), nextCursor: page.nextCursor };
}

export async function findMessage(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<MessageDetail | undefined> {
  const row = await selectMessages(db, organisationId).where('message.id', '=', id).executeTakeFirst();
  return row ? toDetail(row) : undefined;
}

export async function findMessageByKey(
  db: Kysely<Database>,
  organisationId: string,
  idempotencyKey: string,
): Promise<Pick<MessageRow, 'id' | 'status' | 'send_after'> | undefined> {
  return db
    .selectFrom('message')
    .select(['id', 'status', 'send_after'])
    .where('organisation_id', '=', organisationId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

/** Cancels a message that has not left (held or queued); false when it is no longer cancellable. */
export async function cancelMessage(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('message')
    .set({ status: 'cancelled', cancelled_at: at, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', 'in', ['held', 'queued'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Puts a failed message back in the queue, due now, with a fresh count of attempts. */
export async function retryMessage(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  status: 'queued' | 'held',
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('message')
    .set({ status, attempts: 0, send_after: at, lease_owner: null, lease_expires_at: null, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** When each of these messages may leave and the time zone of the window that set it (if any). */
export async function findSendTimes(
  db: Kysely<Database>,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, { sendAfter: string; window: { nation: string; timezone: string } | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('message')
    .select(['id', 'send_after', 'send_window'])
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { sendAfter: r.send_after, window: parseWindow(r.send_window) }]));
}
