import { z } from 'zod';
import { applicationSchema } from '../applications/applications.schema.ts';
import { idSchema, isoDateTime, optionalText, requiredText } from '../common.schema.ts';

export const screeningChoiceSchema = z.object({
  reasons: z
    .array(
      z.object({
        criterionKey: z.string().trim().min(1).max(80).describe("A criterion of the role's framework"),
        text: z
          .string()
          .trim()
          .min(1)
          .max(600)
          .optional()
          .describe(
            'Your own sentence for it; the ready-made reason otherwise (GET …/roles/{id}/screening-reasons)',
          ),
      }),
    )
    .min(1)
    .max(3),
  note: z.string().trim().max(1000).optional().describe('Optional text added after the reasons; checked'),
});
export type ScreeningChoiceInput = z.infer<typeof screeningChoiceSchema>;

export const decisionRequestSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('offer'),
    message: z.string().trim().min(1).max(4000).optional().describe('Details added to the offer email'),
  }),
  z.object({ outcome: z.literal('hired') }),
  z.object({ outcome: z.literal('offer_declined'), note: z.string().trim().max(2000).optional() }),
  z.object({
    outcome: z.literal('not_progressing'),
    sendAt: z
      .enum(['window', 'now'])
      .optional()
      .describe("window (default): the venue's sending window; now: as soon as a worker picks it up"),
    screening: screeningChoiceSchema
      .optional()
      .describe(
        "Before an interview has been scored: the reason from the role's requirements, instead of approved feedback (sent as not_progressing_screening)",
      ),
    withoutScorecardsNote: z
      .string()
      .trim()
      .min(10)
      .max(2000)
      .optional()
      .describe(
        'Interviewed but no scorecard submitted: why you decide without them (audited, never sent). Otherwise chase the scorecards.',
      ),
  }),
  z.object({
    outcome: z.literal('withdrawn'),
    note: z.string().trim().min(5).max(2000).describe('How and why the candidate withdrew'),
  }),
]);
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

const sendAfterFields = {
  sendAfter: isoDateTime
    .nullable()
    .describe('When the email may leave (the outbox holds it until then); null without one'),
  sendAfterText: z
    .string()
    .nullable()
    .describe(
      `When it leaves, in words, in the venue's local time: "straight away", "tomorrow at 09:00, the venue's sending window"; null without an email`,
    ),
};

export const decisionResponseSchema = applicationSchema.extend({
  messageId: idSchema.nullable().describe('The email the decision caused, or null'),
  ...sendAfterFields,
});
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;

export const readyReasonSchema = z.object({
  criterionKey: z.string(),
  criterionName: z.string(),
  requiredLevel: z.number().int().min(1).max(4),
  requiredLevelLabel: z.string(),
  text: z.string().describe('The ready-made candidate-facing reason: what the role needs'),
  comparative: z.string().describe('"We chose candidates with more experience in …", naming no shortfall'),
  nextStep: z.string().describe('What would make a future application strong (from the training catalogue)'),
});
export const screeningReasonsSchema = z.object({
  roleId: idSchema,
  reasons: z.array(readyReasonSchema).describe('Per criterion the role assesses, the most important first'),
});
export type ScreeningReasons = z.infer<typeof screeningReasonsSchema>;

export const sendAgainRequestSchema = z
  .object({
    sendAt: z
      .enum(['window', 'now'])
      .optional()
      .describe("window (default): the venue's sending window; now: as soon as a worker picks it up"),
  })
  .nullish();
export type SendAgainRequest = z.infer<typeof sendAgainRequestSchema>;

export const toldRequestSchema = z
  .object({
    via: z.enum(['call', 'meeting']),
    toldAt: isoDateTime
      .optional()
      .describe('When the candidate was told: not before the decision (decidedAt), not in the future'),
    at: isoDateTime.optional().describe('The former name of toldAt, still accepted'),
    note: z.string().trim().min(1).max(2000),
  })
  .superRefine((value, ctx) => {
    if (value.toldAt === undefined && value.at === undefined) {
      ctx.addIssue({ code: 'custom', path: ['toldAt'], message: 'say when the candidate was told' });
    }
  });
export type ToldRequest = z.infer<typeof toldRequestSchema>;

export const feedbackStatusSchema = z.enum(['none', 'draft', 'approved']);

export const queueKindSchema = z
  .enum(['feedback', 'screening', 'without_scorecards'])
  .describe(
    "feedback: interviewed and scored, feedback from the scorecards (approve it); screening: not interviewed, a reason from the role's requirements (ready once its check passes); without_scorecards: interviewed but no scorecard submitted — chase the scorecards, or edit the item with a withoutScorecardsNote (audited) and approve it",
  );

export const queueItemSchema = z.object({
  applicationId: idSchema,
  candidate: z.object({ id: idSchema, name: z.string() }),
  stage: z.string().describe('The application stage now (applied, interviewing, awaiting_decision)'),
  kind: queueKindSchema,
  feedbackStatus: feedbackStatusSchema.describe(
    'For feedback items the feedback status; for screening items approved once approved in the queue',
  ),
  receives: z
    .object({ template: z.string(), text: z.string() })
    .nullable()
    .describe('What the candidate will receive: the email template and the text the check reads'),
  check: z
    .object({ pass: z.boolean(), score: z.number() })
    .nullable()
    .describe('The check of the current feedback or screening message; null without one'),
  findings: z
    .array(z.object({ kind: z.string(), severity: z.string(), message: z.string() }))
    .describe('The check findings of a screening message (feedback items: see GET …/feedback)'),
  ready: z.boolean().describe('Sent by POST …/close-the-rest/send'),
  problem: z.string().optional().describe('Why the item is not ready, and what to do'),
});
export const queueSchema = z.object({ queue: z.array(queueItemSchema) });
export type QueueItem = z.infer<typeof queueItemSchema>;

export const composeRequestSchema = z
  .object({
    applicationIds: z
      .array(idSchema)
      .min(1)
      .max(2000)
      .optional()
      .describe(
        "Only these open applications of the role (the pipeline's selection); all the rest otherwise",
      ),
    confirmOffersOut: z
      .boolean()
      .optional()
      .describe('Go ahead although the role has offers out and nobody hired yet'),
    background: z
      .boolean()
      .optional()
      .describe(
        'Run it as a background job and answer 202 with the job (poll GET /api/v1/jobs/{id}); it always does beyond 25 applications',
      ),
  })
  .nullish();
export type ComposeRequest = z.infer<typeof composeRequestSchema>;

export const queueItemPatchSchema = z.object({
  screening: screeningChoiceSchema.describe('The reasons (and optional note) the candidate will receive'),
  withoutScorecardsNote: z
    .string()
    .trim()
    .min(10)
    .max(2000)
    .optional()
    .describe(
      'For an interviewed candidate without scorecards: why you decide without them (audited, never sent)',
    ),
});
export type QueueItemPatch = z.infer<typeof queueItemPatchSchema>;
export const queueItemParams = z.object({ id: idSchema, applicationId: idSchema });

export const approveManyRequestSchema = z.object({
  applicationIds: z.array(idSchema).min(1).max(2000),
});
export const approveManyResultSchema = z.object({
  results: z.array(
    z.object({
      applicationId: idSchema,
      status: z.enum(['approved', 'refused']),
      reason: z.string().optional(),
    }),
  ),
  queue: z.array(queueItemSchema),
});
export type ApproveManyResult = z.infer<typeof approveManyResultSchema>;

export const sendRequestSchema = z
  .object({
    onlyApproved: z
      .boolean()
      .optional()
      .describe('Send the approved ones and skip the rest (otherwise any unapproved refuses the send)'),
    background: z
      .boolean()
      .optional()
      .describe(
        'Run it as a background job and answer 202 with the job (poll GET /api/v1/jobs/{id}); it always does beyond 25 applications',
      ),
  })
  .nullish();
export type SendRequest = z.infer<typeof sendRequestSchema>;
export const sendResultSchema = z.object({
  results: z.array(
    z.object({
      applicationId: idSchema,
      status: z.enum(['queued', 'skipped']),
      reason: z.string().optional(),
      sendAfter: sendAfterFields.sendAfter.optional(),
      sendAfterText: sendAfterFields.sendAfterText.optional(),
    }),
  ),
});
export type SendResult = z.infer<typeof sendResultSchema>;

export const toldViaSchema = z.enum(['email', 'call', 'meeting', 'candidate_response', 'candidate_withdrew']);

export const reportQuerySchema = z.object({ format: z.enum(['json', 'csv']).optional() });
export const reportRowSchema = z.object({
  applicationId: idSchema,
  name: z.string(),
  outcome: z.string(),
  told: z.boolean(),
  toldOn: z.string().nullable().describe("The local date told (YYYY-MM-DD, the venue's time zone)"),
  toldVia: toldViaSchema.nullable(),
  workingDaysToTold: z
    .number()
    .int()
    .nullable()
    .describe('Working days from the last interview to the candidate being told'),
  feedbackCheckScore: z.number().nullable(),
  networkStatus: z.string(),
});
export const reportSchema = z.object({
  role: z.object({ id: idSchema, title: z.string() }),
  rows: z.array(reportRowSchema),
});
export type ClosureReport = z.infer<typeof reportSchema>;

/** Kinds of touchpoint on a candidate's timeline. The portal adds its own kinds here. */
export const timelineKinds = [
  'application_created',
  'interview_scheduled',
  'interview_held',
  'scorecard_submitted',
  'stage_changed',
  'decision',
  'holding_update',
  'message',
  'told',
  'portal_action',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEventSchema = z.object({
  at: isoDateTime,
  kind: z.enum(timelineKinds),
  applicationId: idSchema.nullable(),
  summary: z.string(),
  status: z.string().nullable().describe('For messages: the outbox status'),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export const timelineSchema = z.object({ candidateId: idSchema, events: z.array(timelineEventSchema) });

export const feedbackCallInviteSchema = z.object({
  startsAt: isoDateTime.describe('When the call starts'),
  endsAt: isoDateTime.describe('When it ends (at most 2 hours later)'),
  location: requiredText(200).describe('A phone number, a video link or a room'),
  message: optionalText(1000),
});
export type FeedbackCallInvite = z.infer<typeof feedbackCallInviteSchema>;
export const feedbackCallInvitedSchema = z.object({ messageId: idSchema });
