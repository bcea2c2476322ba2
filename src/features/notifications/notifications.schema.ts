import { z } from 'zod';
import { idSchema, isoDateTime, pageQuery } from '../common.schema.ts';

// Shared by the server and the web app: keep this file free of Node.js imports.

export const notificationKinds = [
  'decision_reminder',
  'escalation',
  'manager_digest',
  'scorecard_reminder',
  'holding_update',
  'feedback_call_request',
  'data_request',
  'security',
  'future_fit',
  'referral',
  'network_training',
  'message_bounced',
  'network_interest',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  linkPath: z.string().nullable().describe('Where in the app it leads, e.g. /applications/<id>'),
  read: z.boolean(),
  readAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('Only unread (true) or only read (false) notifications'),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationPageSchema = z.object({
  data: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int().describe('All your unread notifications, not only this page'),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const readAllResultSchema = z.object({ marked: z.number().int() });
