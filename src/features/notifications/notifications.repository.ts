// In-app notifications: one row per member and nudge (the dedupe key is unique), listed unread first.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import type {
  Notification,
  NotificationKind,
  NotificationListQuery,
  NotificationPage,
} from './notifications.schema.ts';

export interface NewNotification {
  organisationId: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  linkPath: string | null;
  /** Unique: writing the same key again writes nothing. */
  dedupeKey: string;
}

/** Writes a notification unless one with its dedupe key exists; true when it was written. */
export async function insertNotification(
  db: Kysely<Database>,
  notification: NewNotification,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('notification')
    .values({
      id: newId(now.getTime()),
      organisation_id: notification.organisationId,
      user_id: notification.userId,
      kind: notification.kind,
      title: notification.title.slice(0, 300),
      body: notification.body.slice(0, 4000),
      link_path: notification.linkPath,
      read_at: null,
      created_at: now.toISOString(),
      dedupe_key: notification.dedupeKey,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

const columns = ['id', 'kind', 'title', 'body', 'link_path', 'read_at', 'created_at'] as const;
interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link_path: string | null;
  read_at: string | null;
  created_at: string;
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    linkPath: row.link_path,
    read: row.read_at !== null,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}

/**
 * A cursor names the last item of a page and whether it was unread ('u:<id>' or 'r:<id>'), since unread
 * notifications come first, each group newest first. Undefined when the text is not a cursor.
 */
export function parseNotificationCursor(cursor: string): { unread: boolean; id: string } | undefined {
  const match = /^([ur]):(.+)$/.exec(cursor);
  return match ? { unread: match[1] === 'u', id: match[2]! } : undefined;
}

export async function listNotifications(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
  query: NotificationListQuery,
  after: { unread: boolean; id: string } | undefined,
): Promise<NotificationPage> {
  let q = db
    .selectFrom('notification')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId);
  if (query.unread === true) q = q.where('read_at', 'is', null);
  if (query.unread === false) q = q.where('read_at', 'is not', null);
  if (after) {
    q = after.unread
      ? q.where((eb) =>
          eb.or([
            eb.and([eb('read_at', 'is', null), eb('id', '<', after.id)]),
            eb('read_at', 'is not', null),
          ]),
        )
      : q.where('read_at', 'is not', null).where('id', '<', after.id);
  }
  const rows = await q
    .orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end())
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? `${last.read_at === null ? 'u' : 'r'}:${last.id}` : null;
  const unread = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { data: page.map(toNotification), nextCursor, unreadCount: Number(unread.n) };
}

/** Marks one of the member's notifications read (once: the first read time stays); undefined if not theirs. */
export async function markRead(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
  id: string,
  now: Date,
): Promise<Notification | undefined> {
  await db
    .updateTable('notification')
    .set({ read_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('notification')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toNotification(row) : undefined;
}

/** Marks one of the member's notifications unread again, to come back to it; undefined if not theirs. */
export async function markUnread(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
  id: string,
): Promise<Notification | undefined> {
  const row = await db
    .updateTable('notification')
    .set({ read_at: null })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toNotification(row) : undefined;
}

export async function markAllRead(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
