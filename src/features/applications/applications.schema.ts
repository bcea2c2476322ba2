import { z } from 'zod';
import { isStage, type Stage, stages } from '../../domain/lifecycle.ts';
import { idSchema, isoDateTime, pageOf, pageQuery } from '../common.schema.ts';

export const stageSchema = z.enum(stages);

/** Named queues of the list (sorted by deadline): see applications.repository.ts. */
export const applicationViews = ['needs-decision', 'waiting-on-scorecards', 'overdue'] as const;
export type ApplicationView = (typeof applicationViews)[number];

export const applicationCreateSchema = z.object({
  candidateId: idSchema.describe('A candidate of your organisation'),
  roleId: idSchema.describe('An open role of your organisation'),
});
export type ApplicationCreate = z.infer<typeof applicationCreateSchema>;

export const applicationUpdateSchema = z.object({
  stage: stageSchema.describe(
    'The next stage (see the lifecycle in the API guide); closure is recorded apart',
  ),
  tell: z
    .boolean()
    .optional()
    .describe(
      'With an outcome stage: tell the candidate as POST /applications/{id}/decision does (the offer or not-progressing email, which needs approved feedback; for hired, offer declined and withdrawn, record that the candidate told you). Also sends the email of an application already at that outcome and still to tell. Without it, an outcome sends nothing and the application is to tell (toTell)',
    ),
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe(
      'With tell: how and why the candidate withdrew (required for withdrawn), or a note on their answer',
    ),
  message: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .optional()
    .describe('With tell and offer: details added to the offer email'),
  sendAt: z
    .enum(['window', 'now'])
    .optional()
    .describe("With tell and not progressing: window (default), the venue's sending window; now, at once"),
});
export type ApplicationUpdate = z.infer<typeof applicationUpdateSchema>;

export const applicationSchema = z.object({
  id: idSchema,
  stage: stageSchema,
  stageLabel: z.string(),
  stageChangedAt: isoDateTime,
  candidate: z.object({ id: idSchema, name: z.string(), email: z.string() }),
  role: z.object({ id: idSchema, title: z.string(), venueId: idSchema, venueName: z.string() }),
  interviews: z.object({
    count: z.number().int().min(0),
    nextStartsAt: isoDateTime.nullable().describe('The start of the next interview still to come'),
    lastEndsAt: isoDateTime.nullable().describe('The end of the latest interview'),
  }),
  decisionDueDate: z
    .string()
    .nullable()
    .describe(
      "The local date (YYYY-MM-DD, the venue's time zone) by which the candidate is told the outcome; null until the last interview has ended",
    ),
  decisionDueAt: isoDateTime.nullable().describe('The end of decisionDueDate at the venue'),
  lastInterviewEndedAt: isoDateTime
    .nullable()
    .describe('When the last interview ended (the decision clock started); null until then'),
  holdingUpdates: z.number().int().min(0).describe('Holding updates that moved the deadline'),
  scorecardsOwed: z
    .array(
      z.object({
        interviewId: idSchema,
        interviewerId: idSchema,
        interviewerName: z.string(),
        since: isoDateTime.describe('When the interview ended: the scorecard has been owed since'),
        started: z.boolean().describe('A draft scorecard exists'),
      }),
    )
    .describe('While undecided: scorecards of ended interviews not yet submitted, oldest first'),
  holdingUpdateSuggested: z
    .boolean()
    .describe('The deadline is a working day away or has passed without a decision: send a holding update'),
  decidedAt: isoDateTime.nullable().describe('When the decision was made'),
  toldAt: isoDateTime.nullable().describe('When the candidate was told the outcome'),
  toTell: z
    .boolean()
    .describe(
      'An outcome was reached but the candidate has not been told and no outcome email is on its way (e.g. a stage-only PATCH, or the email failed or was cancelled): it is in the to-tell queue until they are',
    ),
  toTellReason: z.string().nullable().describe('When toTell: what to do next'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationUpdatedSchema = applicationSchema.extend({
  messageId: idSchema
    .nullable()
    .describe('With tell: the email the decision caused (null when none); null for a stage-only move'),
});
export type ApplicationUpdated = z.infer<typeof applicationUpdatedSchema>;

/** A comma-separated list of stages, e.g. `applied,interviewing`. */
const stageList = z
  .string()
  .trim()
  .transform((value, ctx): Stage[] => {
    const parts = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const unknown = parts.filter((s) => !isStage(s));
    if (parts.length === 0 || unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          parts.length === 0
            ? `give one or more of: ${stages.join(', ')}`
            : `unknown stage ${unknown.map((s) => `"${s}"`).join(', ')}: use ${stages.join(', ')}`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as Stage[];
  });

export const applicationListQuery = pageQuery.extend({
  roleId: idSchema.optional().describe('Only applications for this role'),
  candidateId: idSchema.optional().describe('Only applications of this candidate'),
  stage: stageList.optional().describe('Only these stages, comma-separated (applied,interviewing)'),
  q: z.string().trim().max(120).optional().describe("Search the candidate's name or email"),
  hiringManagerId: idSchema
    .optional()
    .describe('Only applications for roles this user is hiring manager of; `me` for yours'),
  toTell: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe(
      'true: the to-tell queue, outcomes the candidate has not been told of and no email is on its way for; false: the others',
    ),
  view: z
    .enum(applicationViews)
    .optional()
    .describe(
      'Decisions queues, every application past its last interview without a decision: needs-decision, every scorecard in (ready to decide); waiting-on-scorecards, a scorecard still owed (see scorecardsOwed); overdue, past the deadline (also in one of the other two). Sorted by deadline, soonest first',
    ),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuery>;
export const applicationPageSchema = pageOf(applicationSchema);
