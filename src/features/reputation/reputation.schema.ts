import { z } from 'zod';
import { idSchema, isoDateTime } from '../common.schema.ts';

/** Groups smaller than this never show survey figures: small venues keep candidates anonymous. */
export const minimumResponses = 5;
/** The public promise shows figures only from this many closures in the last 12 months. */
export const minimumClosures = 10;

export const metricsQuery = z.object({
  venueId: idSchema.optional().describe('Only roles at this venue'),
  roleId: idSchema.optional().describe('Only this role'),
  hiringManagerId: z.string().min(1).max(100).optional().describe('Only roles this person manages'),
  from: isoDateTime
    .optional()
    .describe(
      'Start of the period, snapped back to the start of its UTC month (default: 12 months before `to`)',
    ),
  to: isoDateTime
    .optional()
    .describe(
      'End of the period, exclusive, snapped forward to the start of the next UTC month unless it is one (default: now, so the current month is included)',
    ),
});
export type MetricsQuery = z.infer<typeof metricsQuery>;

const ratio = z.number().nullable().describe('0–1; null without data');

const surveyFigures = z.object({
  responses: z.number().int(),
  /** Null while fewer than 5 responses (the figures below are then null too). */
  nps: z.number().nullable().describe('Net promoter score −100…100; null below 5 responses'),
  toldOnTime: z.number().nullable().describe('Mean 1–5 of "I was told when promised"'),
  feedbackUseful: z.number().nullable().describe('Mean 1–5 of "the feedback was specific and useful"'),
  treatedWithRespect: z.number().nullable().describe('Mean 1–5 of "I was treated with respect"'),
});

export const metricsSchema = z.object({
  period: z
    .object({ from: isoDateTime, to: isoDateTime })
    .describe('The whole UTC months the figures cover (from inclusive, to exclusive), after snapping'),
  closures: z.object({
    decided: z.number().int().describe('Applications decided in the period'),
    told: z.number().int(),
    untold: z.number().int().describe('Decided applications (any time) whose candidate is still untold'),
    closureRate: ratio.describe('Told of decided'),
    toldOnTimeRate: ratio.describe('Told by the deadline, of those told with a deadline'),
    withHoldingUpdate: z.number().int().describe('Applications whose deadline a holding update moved'),
  }),
  timeToTell: z.object({
    samples: z.number().int(),
    medianWorkingDays: z.number().nullable().describe('Last interview to told, working days'),
    p90WorkingDays: z.number().nullable(),
  }),
  survey: surveyFigures.extend({
    asked: z.number().int(),
    responseRate: ratio,
  }),
  feedback: z.object({
    holdingUpdatesSent: z
      .number()
      .int()
      .describe('Holding updates that moved a deadline, sent in the period'),
    unsuccessfulInterviewed: z
      .number()
      .int()
      .describe('Interviewed candidates told "not progressing" in the period'),
    withCheckedFeedback: z
      .number()
      .int()
      .describe('Of those, feedback approved on a passing check (no override)'),
    checkedFeedbackRate: ratio,
    firstDrafts: z.number().int().describe('Feedback first drafts written in the period'),
    firstDraftPassRate: ratio.describe('First drafts that passed the check as first written'),
  }),
  scorecards: z.object({
    due: z.number().int().describe('Scorecards owed for interviews that ended in the period'),
    submitted: z.number().int(),
    onTime: z.number().int().describe('Submitted within 24 hours of the interview ending'),
    onTimeRate: ratio,
    byInterviewer: z.array(
      z.object({
        interviewerId: z.string(),
        name: z.string(),
        due: z.number().int(),
        submitted: z.number().int(),
        onTime: z.number().int(),
        onTimeRate: ratio,
      }),
    ),
  }),
  network: z.object({
    toldNotHired: z.number().int().describe('Candidates told "no" (or who declined) in the period'),
    joined: z.number().int().describe('Of those, who joined the talent network'),
    optInRate: ratio,
    reengaged: z.number().int().describe('Applications in the period from people already in the network'),
    hiresFromNetwork: z.number().int(),
  }),
  referrals: z.object({
    received: z.number().int().describe('Colleagues who came forward through a referral link'),
    hired: z.number().int(),
  }),
  monthly: z.array(
    z.object({
      month: z.string().describe('YYYY-MM'),
      told: z.number().int(),
      toldOnTimeRate: ratio,
      medianWorkingDays: z.number().nullable().describe('Last interview to told, of those told that month'),
      survey: surveyFigures,
    }),
  ),
  comments: z
    .array(z.object({ month: z.string(), text: z.string() }))
    .describe('Newest comments, without names; withheld below 5 responses or when they hold personal data'),
  commentsWithheld: z.number().int().describe('Comments not shown because they may identify someone'),
});
export type Metrics = z.infer<typeof metricsSchema>;

export const reputationSettingsSchema = z.object({
  surveyWorkingDays: z.number().int().min(0).max(30),
  published: z.boolean(),
  publishedAt: isoDateTime.nullable(),
  slug: z.string(),
  publicUrl: z.string().describe('Where the public promise is (404 until published with 10 closures)'),
});
export type ReputationSettingsResponse = z.infer<typeof reputationSettingsSchema>;

export const reputationSettingsUpdate = z.object({
  surveyWorkingDays: z.number().int().min(0).max(30).optional(),
  published: z.boolean().optional(),
});
export type ReputationSettingsUpdate = z.infer<typeof reputationSettingsUpdate>;

export const promisePreviewSchema = z.object({
  published: z.boolean(),
  closures: z.number().int(),
  enoughData: z.boolean(),
  lines: z.array(z.string()).describe('What the public page and badge say'),
});
export type PromisePreview = z.infer<typeof promisePreviewSchema>;
