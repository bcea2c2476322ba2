import { z } from 'zod';
import { templateKeys } from '../../mail/catalogue.ts';
import { idSchema, isoDateTime, pageOf, pageQuery } from '../common.schema.ts';

// Shared with the web app: keep this file free of Node.js imports.

export const messageStatuses = ['held', 'queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const messageStatusLabels: Record<MessageStatus, string> = {
  held: 'Held (email is not set up)',
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const messageSchema = z.object({
  id: idSchema,
  templateKey: z.enum(templateKeys),
  templateVersion: z.object({ id: idSchema, version: z.number().int() }),
  status: messageStatusSchema,
  recipient: z.object({
    kind: z.enum(['candidate', 'member', 'email']),
    email: z.string(),
    name: z.string().nullable(),
    candidateId: idSchema.nullable(),
    userId: idSchema.nullable(),
  }),
  applicationId: idSchema.nullable(),
  subject: z.string(),
  sendAfter: isoDateTime.describe('Not sent before this time'),
  sendingWindow: z
    .object({ nation: z.string(), timezone: z.string() })
    .nullable()
    .describe("When set, the email leaves only in this venue calendar's working hours"),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  smtpMessageId: z.string().nullable(),
  sentAt: isoDateTime.nullable(),
  cancelledAt: isoDateTime.nullable(),
  hasCalendarInvite: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Message = z.infer<typeof messageSchema>;

export const messageDetailSchema = messageSchema.extend({
  html: z.string().describe('The HTML part, exactly as it is or was sent'),
  text: z.string().describe('The plain-text part'),
  replyTo: z.object({ name: z.string().nullable(), email: z.string() }).nullable(),
  listUnsubscribe: z.string().nullable(),
  calendarInvite: z.string().nullable().describe('The iCalendar invitation sent with the email'),
});
export type MessageDetail = z.infer<typeof messageDetailSchema>;

export const messageListQuery = pageQuery.extend({
  status: messageStatusSchema.optional(),
  candidateId: idSchema.optional(),
  applicationId: idSchema.optional(),
  templateKey: z.enum(templateKeys).optional(),
  audience: z
    .enum(['candidates', 'team'])
    .optional()
    .describe('candidates: emails to candidates; team: reminders and notices to members and invitees'),
});
export type MessageListQuery = z.infer<typeof messageListQuery>;
export const messagePageSchema = pageOf(messageSchema);
