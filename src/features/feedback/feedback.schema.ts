import { z } from 'zod';
import { idSchema } from '../shared.schema.ts';

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

export const feedbackTextMaxLength = 20_000;

export const feedbackCheckRequestSchema = z.object({
  text: z
    .string()
    .max(feedbackTextMaxLength)
    .describe('The candidate-facing feedback, exactly as it will be sent'),
  applicationId: idSchema
    .optional()
    .describe(
      "Check against this application's interviewers' names and their scorecards' private notes (404 if it is not your organisation's)",
    ),
});
export type FeedbackCheckRequest = z.infer<typeof feedbackCheckRequestSchema>;
