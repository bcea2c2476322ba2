import { z } from 'zod';
import { idSchema, isoDateTime, optionalText, pageOf, pageQuery } from '../common.schema.ts';

// Shared with the web app: keep this file free of Node.js imports.
export const webhookEventTypeSchema = z.enum([
  'application.created',
  'application.stage_changed',
  'interview.ended',
  'decision.made',
  'candidate.told',
  'application.closed',
  'feedback.approved',
  'network.joined',
  'network.left',
  'referral.received',
  'data_request.received',
]);

const urlSchema = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http or https URL')
  .describe('Where events are POSTed: http or https; private addresses only when allowed');

const eventTypes = z
  .array(webhookEventTypeSchema)
  .min(1, 'choose at least one event type')
  .refine((a) => new Set(a).size === a.length, 'must not repeat an event type');

export const webhookCreateSchema = z.object({
  url: urlSchema,
  description: optionalText(200),
  eventTypes,
});
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z
  .object({
    url: urlSchema.optional(),
    description: optionalText(200),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional().describe('Enabling again clears an automatic disable'),
  })
  .describe('The fields to change; those not named stay as they are');
export type WebhookUpdate = z.infer<typeof webhookUpdateSchema>;

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  failingSince: isoDateTime.nullable(),
  previousSecretExpiresAt: isoDateTime.nullable().describe('Until then the previous secret also signs'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z.string().describe('The signing secret (whsec_…): shown only now'),
});
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookPageSchema = pageOf(webhookSchema);
export const webhookListQuery = pageQuery;
export type WebhookListQuery = z.infer<typeof webhookListQuery>;

export const rotateSecretSchema = z.object({
  overlapHours: z.coerce
    .number()
    .int()
    .min(0)
    .max(168)
    .default(24)
    .describe('How long the previous secret keeps signing too (default 24 h)'),
});

export const deliveryStatuses = ['pending', 'sending', 'delivered', 'failed'] as const;
export const webhookDeliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string().describe('The stable webhook-id header'),
  eventType: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: isoDateTime.nullable(),
  request: z
    .object({ headers: z.record(z.string(), z.string()), body: z.string() })
    .nullable()
    .describe('The last request sent'),
  response: z.object({ status: z.number().int().nullable(), body: z.string().nullable() }).nullable(),
  lastError: z.string().nullable(),
  deliveredAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryPageSchema = pageOf(webhookDeliverySchema);

export const deliveryParams = z.object({ id: idSchema, deliveryId: idSchema });

export const webhookSettingSchema = z.object({
  allowPrivateAddresses: z
    .boolean()
    .describe('Allow endpoints on loopback or private addresses (only for receivers on your own network)'),
});
export type WebhookSetting = z.infer<typeof webhookSettingSchema>;
