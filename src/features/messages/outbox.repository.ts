// The outbox worker's queries. Claiming is one statement on both databases: on PostgreSQL the due
// rows are locked with FOR UPDATE SKIP LOCKED, so any number of workers each take different rows; on
// SQLite a single UPDATE … RETURNING holds the write lock from start to end, so it is atomic too.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

export interface ClaimedMessage {
  id: string;
  organisation_id: string;
  application_id: string | null;
  template_key: string;
  to_email: string;
  to_name: string | null;
  reply_to_email: string | null;
  reply_to_name: string | null;
  subject: string;
  html: string;
  text: string;
  list_unsubscribe: string | null;
  ics: string | null;
  sealed_links: string | null;
  send_window: string | null;
  attempts: number;
  last_error: string | null;
}

/** Written as the last error of a message whose worker stopped while sending it. */
export const leaseExpiredError =
  'The worker sending this message stopped before recording the result (its lease expired); sending again';

const claimedColumns = sql.raw(
  [
    'id',
    'organisation_id',
    'application_id',
    'template_key',
    'to_email',
    'to_name',
    'reply_to_email',
    'reply_to_name',
    'subject',
    'html',
    'text',
    'list_unsubscribe',
    'ics',
    'sealed_links',
    'send_window',
    'attempts',
    'last_error',
  ]
    .map((c) => `message.${c}`)
    .join(', '),
);

/**
 * Takes up to `limit` due messages (queued with send_after ≤ now, or sending with an expired lease),
 * marks them sending under this worker's lease and counts the attempt.
 */
export async function claimDue(
  db: Kysely<Database>,
  dialect: DialectName,
  claim: { owner: string; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedMessage[]> {
  const now = claim.now.toISOString();
  const leaseUntil = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
  const due = sql`message.status in ('queued', 'sending') and (
      (message.status = 'queued' and message.send_after <= ${now})
      or (message.status = 'sending' and message.lease_expires_at <= ${now}))`;
  const set = sql`status = 'sending', lease_owner = ${claim.owner}, lease_expires_at = ${leaseUntil},
      attempts = message.attempts + 1, updated_at = ${now},
      last_error = case when message.status = 'sending' then ${leaseExpiredError} else message.last_error end`;
  const query =
    dialect === 'postgres'
      ? sql<ClaimedMessage>`with due as (
          select message.id from message where ${due}
          order by message.send_after, message.id
          limit ${claim.limit}
          for update skip locked)
        update message set ${set}
        from due where message.id = due.id
        returning ${claimedColumns}`
      : sql<ClaimedMessage>`update message set ${set}
        where message.id in (
          select message.id from message where ${due}
          order by message.send_after, message.id
          limit ${claim.limit})
        returning ${claimedColumns}`;
  const { rows } = await query.execute(db);
  return rows
    .map((r) => ({ ...r, attempts: Number(r.attempts) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Extends this worker's lease just before sending; false when the message is no longer its own. */
export async function renewLease(
  db: Kysely<Database>,
  id: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('message')
    .set({ lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markSent(
  db: Kysely<Database>,
  id: string,
  owner: string,
  sent: { smtpMessageId: string; response: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const values = {
    status: 'sent',
    sent_at: at,
    smtp_message_id: sent.smtpMessageId,
    smtp_response: sent.response.slice(0, 500),
    lease_owner: null,
    lease_expires_at: null,
    updated_at: at,
  };
  const mine = await db
    .updateTable('message')
    .set(values)
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  if (Number(mine.numUpdatedRows) > 0) return;
  // The lease was lost while sending, but the server took the message: that is the truth to record.
  await db.updateTable('message').set(values).where('id', '=', id).where('status', '!=', 'sent').execute();
}

/** Back to the queue after a failed attempt, due again at `sendAfter`. */
export async function markRetry(
  db: Kysely<Database>,
  id: string,
  owner: string,
  retry: { error: string; sendAfter: Date },
  now: Date,
): Promise<void> {
  await db
    .updateTable('message')
    .set({
      status: 'queued',
      send_after: retry.sendAfter.toISOString(),
      last_error: retry.error.slice(0, 1000),
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .execute();
}

export async function markFailed(
  db: Kysely<Database>,
  id: string,
  owner: string,
  error: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('message')
    .set({
      status: 'failed',
      last_error: error.slice(0, 1000),
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Returns claimed messages that were not attempted (shutdown, an outage, outside the sending window)
 * to the queue, uncounting the attempt the claim counted. `sendAfter` reschedules them.
 */
export async function releaseClaims(
  db: Kysely<Database>,
  ids: string[],
  owner: string,
  now: Date,
  sendAfter?: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('message')
    .set((eb) => ({
      status: 'queued',
      attempts: eb('attempts', '-', 1),
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now.toISOString(),
      ...(sendAfter && { send_after: sendAfter.toISOString() }),
    }))
    .where('id', 'in', ids)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .execute();
}

/** Held messages (written while SMTP was not configured) join the queue; returns how many. */
export async function releaseHeld(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .updateTable('message')
    .set({ status: 'queued', updated_at: now.toISOString() })
    .where('status', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
