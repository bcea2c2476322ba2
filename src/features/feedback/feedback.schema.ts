import { z } from 'zod';
import {
  developmentReasons,
  encouragementKinds,
  feedbackTextMaxLength,
  leftOutReasonMinLength,
} from '../../domain/feedback/document.ts';
import { idSchema, isoDateTime } from '../common.schema.ts';
import { levelSchema } from '../frameworks/frameworks.schema.ts';

// Defined beside the check's document rules, so the CLI reads it without zod.
export { feedbackTextMaxLength };

// Shared by the server and the web app (zod only). The check itself is src/domain/feedback/check.ts;
// feedback.service.ts proves at compile time that these schemas describe exactly what it returns.

export const feedbackFindingKindSchema = z.enum([
  'vague',
  'missing-strength',
  'missing-development-area',
  'missing-action',
  'protected-characteristic',
  'private-note-leak',
  'interviewer-name',
  'tone',
  'grammar',
  'length',
]);

export const feedbackFindingSchema = z.object({
  kind: feedbackFindingKindSchema,
  severity: z.enum(['error', 'warning']).describe('Any error fails the check'),
  message: z.string(),
  start: z.number().int().min(0).describe('Offset of the first character in `text` (UTF-16 code units)'),
  end: z
    .number()
    .int()
    .min(0)
    .describe('Offset just after the last character; start < end for non-empty text'),
  suggestion: z.string().optional().describe('A concrete rewrite or what to do instead'),
});
export type FeedbackFindingResponse = z.infer<typeof feedbackFindingSchema>;

export const feedbackCheckSchema = z.object({
  pass: z.boolean().describe('True when no finding is an error: the text may be sent'),
  score: z.number().int().min(0).max(100).describe('100 − 20 per error − 5 per warning, at least 0'),
  findings: z.array(feedbackFindingSchema).describe('In order of position in the text'),
});
export type FeedbackCheckResponse = z.infer<typeof feedbackCheckSchema>;

/** Far beyond any feedback a candidate would read (250 words is about 1,500 characters). */
const tooLong = `is longer than ${feedbackTextMaxLength.toLocaleString('en-GB')} characters: shorten it`;

export const feedbackCheckRequestSchema = z.object({
  text: z
    .string()
    .max(feedbackTextMaxLength, tooLong)
    .describe(
      `The candidate-facing feedback, exactly as it will be sent (at most ${feedbackTextMaxLength} characters)`,
    ),
  applicationId: idSchema
    .optional()
    .describe(
      "Check against this application's interviewers' names and their scorecards' private notes (404 if it is not your organisation's)",
    ),
});
export type FeedbackCheckRequest = z.infer<typeof feedbackCheckRequestSchema>;

// ── Drafts, edits and approval ──────────────────────────────────────────────────────────────────

const trainingSuggestionSchema = z.object({
  id: z.string().describe("The catalogue entry's id within its criterion"),
  name: z.string(),
  provider: z.string(),
  form: z.string(),
  url: z.string().nullable(),
});

const feedbackStrengthSchema = z.object({
  criterionKey: z.string().nullable().describe('Null when typed in by hand and matching no criterion'),
  criterion: z.string(),
  evidence: z.string().describe('What the panel saw, written to the candidate'),
  cautious: z.boolean().describe('The panel disagreed (spread ≥ 2), so the wording is cautious'),
});

const feedbackDevelopmentAreaSchema = z.object({
  criterionKey: z.string().nullable(),
  criterion: z.string(),
  reason: z
    .enum(developmentReasons)
    .describe('below_required, lowest_rated, or go_further for a strong candidate'),
  level: levelSchema.nullable().describe('The current level the training was chosen for'),
  evidence: z.string(),
  training: z.string().describe('The next step as the candidate reads it, after "A good next step:"'),
  suggestions: z.array(trainingSuggestionSchema).describe('The catalogue entries it names'),
  cautious: z.boolean(),
});

export const structuredFeedbackSchema = z.object({
  strengths: z.array(feedbackStrengthSchema).describe('1–3, the highest-rated criteria'),
  developmentAreas: z
    .array(feedbackDevelopmentAreaSchema)
    .describe('Every criterion below the required level (up to 8), or the lowest-rated one'),
  encouragement: z.object({
    kind: z
      .enum(encouragementKinds)
      .describe('future_role (futureRole names it), reapply_after_training (trainingName), talent_network'),
    futureRole: z.string().nullable(),
    trainingName: z.string().nullable(),
    text: z.string(),
  }),
  score: z.number().int().min(0).max(100).nullable().describe("The application's 0–100 score when composed"),
  edited: z.boolean().describe('True once a person has edited the text'),
  gaps: z
    .array(z.object({ criterionKey: z.string(), criterion: z.string() }))
    .optional()
    .describe(
      "The criteria below the role's required level when composed: each must be in the text or left out",
    ),
  leftOut: z
    .array(z.object({ criterionKey: z.string(), criterion: z.string(), reason: z.string() }))
    .optional()
    .describe('Gaps the manager left out of the text, each with a reason (never sent to the candidate)'),
  spare: z
    .object({
      strengths: z.array(feedbackStrengthSchema),
      developmentAreas: z.array(feedbackDevelopmentAreaSchema),
    })
    .optional()
    .describe(
      'Points composed from the scorecards that are not in the text (cut for length, merged into the last point, or removed by hand), to put back by writing them into the text again; never sent',
    ),
});

export const feedbackStatusSchema = z.enum(['draft', 'approved']);

export const feedbackSchema = z.object({
  id: idSchema,
  applicationId: idSchema,
  status: feedbackStatusSchema,
  text: z
    .string()
    .describe(
      'Markdown in the shape of the email: "## What went well", "## Where to develop next" (each point ending "A good next step: …"), then the closing paragraph',
    ),
  structured: structuredFeedbackSchema,
  check: feedbackCheckSchema.describe(
    'The check on `text`, with the application’s private notes and interviewers',
  ),
  approvedAt: isoDateTime.nullable(),
  approvedBy: z
    .object({ kind: z.enum(['member', 'api_key']), id: z.string(), name: z.string().nullable() })
    .nullable(),
  overrideReason: z.string().nullable().describe('Why it was approved although the check failed'),
  updatedAt: isoDateTime,
});
export type FeedbackResponse = z.infer<typeof feedbackSchema>;

export const feedbackPreviewSchema = z
  .object({ subject: z.string(), html: z.string(), text: z.string() })
  .describe("Exactly what the candidate will receive: the organisation's current not_progressing template");

export const feedbackViewSchema = z.object({ feedback: feedbackSchema, preview: feedbackPreviewSchema });
export type FeedbackView = z.infer<typeof feedbackViewSchema>;

export const feedbackDraftRequestSchema = z
  .object({
    recompose: z
      .boolean()
      .default(false)
      .describe('Compose again over approved feedback (the approval is withdrawn)'),
    trainingPerArea: z
      .union([z.literal(1), z.literal(2)])
      .default(1)
      .describe('Training suggestions per development area: 1, or 2 for a second one'),
  })
  .nullish()
  .describe('Optional: { "recompose": true } to compose over approved feedback');
export type FeedbackDraftRequest = z.infer<typeof feedbackDraftRequestSchema>;

export const feedbackEditRequestSchema = z.object({
  text: z.string().max(feedbackTextMaxLength, tooLong).describe('The whole edited Markdown text'),
  leftOut: z
    .array(
      z.object({
        criterionKey: z.string().trim().min(1).max(64),
        reason: z
          .string()
          .trim()
          .min(leftOutReasonMinLength, `give a reason of at least ${leftOutReasonMinLength} characters`)
          .max(500),
      }),
    )
    .max(20)
    .optional()
    .describe(
      'Criteria below the required level left out of the text on purpose, each with a reason (replaces the previous list; 400 for a criterion that is not a gap)',
    ),
});
export type FeedbackEditRequest = z.infer<typeof feedbackEditRequestSchema>;

export const feedbackPreviewRequestSchema = z.object({
  text: z.string().max(feedbackTextMaxLength, tooLong).describe('The whole edited Markdown text, unsaved'),
});
export type FeedbackPreviewRequest = z.infer<typeof feedbackPreviewRequestSchema>;

export const overrideReasonMinLength = 20;

export const feedbackApproveRequestSchema = z
  .object({
    overrideReason: z
      .string()
      .trim()
      .min(overrideReasonMinLength, `give a reason of at least ${overrideReasonMinLength} characters`)
      .max(2000)
      .optional()
      .describe('Needed when the check fails: why it is right to send anyway (audited)'),
  })
  .nullish()
  .describe('Optional: { "overrideReason": "…" } when the check fails');
export type FeedbackApproveRequest = z.infer<typeof feedbackApproveRequestSchema>;

// ── Training catalogue ──────────────────────────────────────────────────────────────────────────

export const trainingQuerySchema = z.object({
  criterion: z.string().trim().min(1).max(64).optional().describe('A criterion key, e.g. networking_control'),
  level: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .optional()
    .describe("The candidate's current level (1–4); 4 gives the training to go further"),
  roleId: idSchema.optional().describe("Use this role's framework version (default: the built-in)"),
  applicationId: idSchema.optional().describe("Use the framework of this application's role"),
});
export type TrainingQuery = z.infer<typeof trainingQuerySchema>;

export const trainingListSchema = z.object({
  framework: z.object({ id: z.string(), versionId: z.string(), name: z.string() }),
  data: z.array(
    trainingSuggestionSchema.extend({
      criterionKey: z.string(),
      criterionName: z.string(),
      builds: z.string(),
      forLevels: z.array(levelSchema),
      title: z
        .string()
        .describe('How feedback names it, e.g. "Dante Certification Level 2 from Audinate (…)"'),
    }),
  ),
});
export type TrainingList = z.infer<typeof trainingListSchema>;
