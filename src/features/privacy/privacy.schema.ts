import { z } from 'zod';
import { idSchema, isoDateTime } from '../common.schema.ts';

export const defaultCandidateMonths = 6;
export const defaultMessageBodyDays = 90;

export const privacySettingsSchema = z.object({
  candidateMonths: z
    .number()
    .int()
    .min(1)
    .max(72)
    .describe(
      'Candidates not in the talent network are anonymised this many months after their last application closed (default 6: the 3-month tribunal window and a margin)',
    ),
  messageBodyDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('Email bodies are removed this many days after they were sent (default 90)'),
  networkMembers: z
    .literal('at_consent_expiry')
    .describe('Talent-network members are anonymised when their consent ends without renewal'),
  expiredLinks: z
    .literal('promptly')
    .describe('Expired candidate links, invitations and staff sessions are deleted at the next sweep'),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

const monthsMessage = 'Months after the last application closed must be a whole number from 1 to 72';
const daysMessage = 'Days after an email was sent must be a whole number from 1 to 3650';
export const privacySettingsUpdate = z.object({
  candidateMonths: z
    .number(monthsMessage)
    .int(monthsMessage)
    .min(1, monthsMessage)
    .max(72, monthsMessage)
    .optional(),
  messageBodyDays: z
    .number(daysMessage)
    .int(daysMessage)
    .min(1, daysMessage)
    .max(3650, daysMessage)
    .optional(),
});
export type PrivacySettingsUpdate = z.infer<typeof privacySettingsUpdate>;

export const retentionDueQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(0)
    .max(366)
    .default(30)
    .describe('Candidates due within this many days from now (default 30); 0 for those due already'),
});

export const retentionDueSchema = z.object({
  data: z.array(
    z.object({
      candidate: z.object({ id: idSchema, name: z.string(), email: z.string() }),
      dueAt: isoDateTime.describe('When the sweep anonymises them (or the next sweep, when past)'),
      because: z
        .enum(['applications_closed', 'left_network'])
        .describe('Their last application closed the set months ago, or they left the talent network'),
    }),
  ),
  onLegalHold: z
    .array(
      z.object({
        candidate: z.object({ id: idSchema, name: z.string() }),
        since: isoDateTime,
        reason: z.string(),
      }),
    )
    .describe('Candidates whose retention is paused by a legal hold'),
});
export type RetentionDue = z.infer<typeof retentionDueSchema>;

export const legalHoldBody = z.object({
  reason: z
    .string()
    .trim()
    .min(3)
    .max(500)
    .describe('Why their data must be kept: the claim in progress (no other personal data)'),
});

export const legalHoldSchema = z.object({
  candidateId: idSchema,
  onHold: z.boolean(),
  since: isoDateTime.nullable(),
  reason: z.string().nullable(),
});
export type LegalHold = z.infer<typeof legalHoldSchema>;

/** The candidate's data as they download it from their page; each part is described in PRIVACY.md. */
export const candidateDataExportSchema = z
  .object({
    exportedAt: z.string(),
    organisation: z.object({ name: z.string().nullish() }).loose(),
    candidate: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }).loose(),
    applications: z.array(z.object({}).loose()),
    messages: z.array(z.object({}).loose()),
    feedbackCallRequests: z.array(z.object({}).loose()),
    talentNetwork: z.array(z.object({}).loose()),
    surveyResponses: z.array(z.object({}).loose()),
    dataRequests: z.array(z.object({}).loose()),
  })
  .loose();
