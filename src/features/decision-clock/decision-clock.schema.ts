import { z } from 'zod';
import {
  defaultDecisionWorkingDays,
  isLocalDate,
  maxDecisionWorkingDays,
  minDecisionWorkingDays,
} from '../../domain/decision-clock.ts';
import { idSchema, isoDateTime } from '../common.schema.ts';

// Shared by the server and the web app: keep this file free of Node.js imports.

export const localDateSchema = z
  .string()
  .trim()
  .refine(isLocalDate, 'must be a date as YYYY-MM-DD, e.g. 2026-12-24');

export const workingDaysSchema = z
  .number()
  .int('must be a whole number of working days')
  .min(minDecisionWorkingDays, `must be at least ${minDecisionWorkingDays} working day`)
  .max(maxDecisionWorkingDays, `must be at most ${maxDecisionWorkingDays} working days`);

export const maxClosures = 200;

export const closureSchema = z.object({
  date: localDateSchema,
  label: z
    .string()
    .trim()
    .max(80)
    .nullish()
    .transform((v) => (v ? v : null))
    .describe('e.g. Christmas shutdown'),
});

export const decisionClockSettingsSchema = z.object({
  workingDays: z
    .number()
    .int()
    .describe(
      `Working days from the last interview to the decision, unless the role sets its own (default ${defaultDecisionWorkingDays})`,
    ),
  closures: z
    .array(z.object({ date: z.string(), label: z.string().nullable() }))
    .describe('Days the whole organisation is closed (not working days), by date'),
  automaticHoldingUpdates: z
    .boolean()
    .describe('Send candidates a holding update with a new date when a deadline arrives without a decision'),
  updatedAt: isoDateTime.nullable(),
});
export type DecisionClockSettings = z.infer<typeof decisionClockSettingsSchema>;

export const decisionClockSettingsUpdateSchema = z.object({
  workingDays: workingDaysSchema.optional(),
  closures: z
    .array(closureSchema)
    .max(maxClosures, `give at most ${maxClosures} closure days`)
    .refine((list) => new Set(list.map((c) => c.date)).size === list.length, 'lists the same date twice')
    .optional()
    .describe('Replaces the whole list'),
  automaticHoldingUpdates: z.boolean().optional(),
});
export type DecisionClockSettingsUpdate = z.infer<typeof decisionClockSettingsUpdateSchema>;

export const holdingUpdateCreateSchema = z.object({
  newDate: localDateSchema.describe(
    "The date the candidate will hear by: a working day of the venue after today and after the current deadline (YYYY-MM-DD, the venue's local date)",
  ),
  message: z
    .string()
    .trim()
    .max(1000)
    .nullish()
    .transform((v) => (v ? v : null))
    .describe('Why it is taking longer, in a sentence for the candidate'),
});
export type HoldingUpdateCreate = z.infer<typeof holdingUpdateCreateSchema>;

export const holdingUpdateSchema = z.object({
  id: idSchema,
  applicationId: idSchema,
  number: z.number().int().describe('1 for the first slip, 2 for the second…'),
  fromDueDate: z.string(),
  toDueDate: z.string(),
  automatic: z.boolean(),
  reason: z.string().nullable(),
  messageId: idSchema.nullable().describe('The email to the candidate in the outbox'),
  createdAt: isoDateTime,
});
export type HoldingUpdate = z.infer<typeof holdingUpdateSchema>;
export const holdingUpdateListSchema = z.object({ data: z.array(holdingUpdateSchema) });

export const scorecardRemindersSchema = z.object({
  reminders: z.array(
    z.object({
      interviewId: idSchema,
      interviewerId: idSchema,
      interviewerName: z.string(),
      messageId: idSchema.describe('The reminder email in the outbox'),
      sendAfter: isoDateTime.describe('When the email leaves'),
      alreadyRemindedToday: z
        .boolean()
        .describe('A reminder was already sent today for this scorecard: nothing new was sent'),
    }),
  ),
});
export type ScorecardReminders = z.infer<typeof scorecardRemindersSchema>;
