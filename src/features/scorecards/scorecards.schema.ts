import { z } from 'zod';
import { type ApplicationAssessment, recommendations } from '../../domain/aggregation.ts';
import { kitItemKinds } from '../../domain/frameworks/types.ts';
import { scorecardStatuses } from '../../domain/scorecards.ts';
import { idSchema, isoDateTime, pageOf, pageQuery } from '../common.schema.ts';
import { criterionKeySchema, levelSchema } from '../frameworks/frameworks.schema.ts';

// Shared with the web app: Zod and pure domain types only.

export const recommendationSchema = z
  .enum(recommendations)
  .describe('strong_no | no | yes | strong_yes: there is no neutral');
export const scorecardStatusSchema = z.enum(scorecardStatuses);

const evidenceSchema = z
  .string()
  .trim()
  .max(4000)
  .nullable()
  .optional()
  .describe('What you saw or heard; required on submit for ratings of 1 and 4');

/** The whole content of a scorecard; a PUT replaces it (criteria left out are cleared). */
export const scorecardContentSchema = z.object({
  ratings: z
    .array(
      z.object({
        criterionKey: criterionKeySchema,
        rating: levelSchema.nullable(),
        evidence: evidenceSchema,
        notAssessed: z
          .boolean()
          .optional()
          .describe('The interview did not cover this criterion: leave rating null; it counts for nothing'),
      }),
    )
    .max(40)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((r, i) => {
        if (seen.has(r.criterionKey)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'criterionKey'],
            message: `"${r.criterionKey}" is listed twice`,
          });
        }
        seen.add(r.criterionKey);
      });
    }),
  recommendation: recommendationSchema.nullable().optional(),
  privateNotes: z
    .string()
    .trim()
    .max(10000)
    .nullable()
    .optional()
    .describe('For the hiring team only: never shown to the candidate, never in the summary'),
});
export type ScorecardContent = z.infer<typeof scorecardContentSchema>;

export const scorecardCreateSchema = z.object({
  interviewId: idSchema.describe('An interview you are an interviewer on'),
});

export const scorecardAmendSchema = scorecardContentSchema.extend({
  reason: z.string().trim().min(1, 'is required: say why the submitted scorecard changes').max(1000),
});
export type ScorecardAmend = z.infer<typeof scorecardAmendSchema>;

const person = z.object({
  id: idSchema,
  name: z.string().nullable().describe('Null when the person is no longer a member of the organisation'),
});

export const scorecardSchema = z.object({
  id: idSchema,
  interviewId: idSchema,
  applicationId: idSchema,
  interviewer: person,
  candidate: z.object({ id: idSchema, name: z.string() }),
  role: z.object({ id: idSchema, title: z.string() }),
  interview: z.object({ kind: z.string(), startsAt: isoDateTime, endsAt: isoDateTime }),
  framework: z.object({
    id: idSchema,
    name: z.string(),
    versionId: idSchema.describe('The version this scorecard was written against; it never changes'),
    version: z.number().int(),
  }),
  status: scorecardStatusSchema,
  recommendation: recommendationSchema.nullable(),
  ratings: z.array(
    z.object({
      criterionKey: z.string(),
      name: z.string(),
      rating: levelSchema.nullable(),
      evidence: z.string().nullable(),
      notAssessed: z.boolean().describe('The interview did not cover this criterion'),
    }),
  ),
  privateNotes: z.string().nullable().optional().describe('Present only for the author, managers and admins'),
  dueSince: isoDateTime.nullable().describe('When it became due (the interview ended); null if not yet'),
  submittedAt: isoDateTime.nullable(),
  amendedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  permissions: z.object({
    edit: z.boolean().describe('May save the draft and submit it'),
    amend: z.boolean().describe('May amend it after submission (the author or an admin)'),
  }),
});
export type ScorecardView = z.infer<typeof scorecardSchema>;

export const scorecardDetailSchema = scorecardSchema.extend({
  guide: z
    .array(
      z.object({
        key: z.string(),
        name: z.string(),
        definition: z.string(),
        descriptors: z.object({
          notYetShown: z.string(),
          developing: z.string(),
          competent: z.string(),
          strong: z.string(),
        }),
        kit: z.array(z.object({ kind: z.enum(kitItemKinds), prompt: z.string(), lookFor: z.string() })),
      }),
    )
    .describe(
      'The criteria on this scorecard, from its framework version: level descriptors and interview kit',
    ),
});
export type ScorecardDetail = z.infer<typeof scorecardDetailSchema>;

export const scorecardListQuery = pageQuery.extend({
  owed: z
    .literal('me')
    .optional()
    .describe(
      'Only what the signed-in interviewer still owes: ended interviews without a submitted scorecard',
    ),
  applicationId: idSchema.optional(),
  interviewId: idSchema.optional(),
  interviewerId: idSchema.optional().describe('A user id, or `me`'),
  status: scorecardStatusSchema.optional(),
});
export type ScorecardListQuery = z.infer<typeof scorecardListQuery>;

export const scorecardListItemSchema = z.object({
  id: idSchema.nullable().describe('Null when an owed scorecard has not been started'),
  interviewId: idSchema,
  applicationId: idSchema,
  interviewer: person,
  candidate: z.object({ id: idSchema, name: z.string() }),
  role: z.object({ id: idSchema, title: z.string() }),
  interviewEndsAt: isoDateTime,
  status: z.enum(['not_started', 'draft', 'submitted']),
  recommendation: recommendationSchema.nullable(),
  dueSince: isoDateTime.nullable(),
  submittedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime.nullable(),
});
export type ScorecardListItem = z.infer<typeof scorecardListItemSchema>;
export const scorecardPageSchema = pageOf(scorecardListItemSchema);

export const scorecardCompletionSchema = z.object({
  roleId: idSchema,
  expected: z
    .number()
    .int()
    .describe('One per interviewer of every ended interview (plus any submitted early)'),
  submitted: z.number().int(),
  share: z.number().nullable().describe('submitted / expected, 0–1; null when none are due yet'),
  benchmark: z.literal(0.9),
  meetsBenchmark: z.boolean().nullable(),
  applications: z
    .array(
      z.object({
        applicationId: idSchema,
        expected: z.number().int().describe('Scorecards due for this application (as above)'),
        submitted: z.number().int(),
        overallScore: z
          .number()
          .int()
          .nullable()
          .describe(
            'The overall score, 0–100 (as in the summary); null when nothing is rated yet, or for an interviewer (scorecards are independent)',
          ),
        overallMean: z
          .number()
          .nullable()
          .describe(
            "The same on the criteria's 1–4 scale (the summary's meanRating), as the app shows it; null as above",
          ),
        recommendations: z
          .record(recommendationSchema, z.number().int())
          .nullable()
          .describe('Submitted recommendations by kind; null for an interviewer'),
        workingDaysInStage: z
          .number()
          .int()
          .describe("Working days since the application reached its stage, in the venue's calendar"),
      }),
    )
    .describe('For the pipeline: each application of the role, oldest first'),
});
export type ScorecardCompletion = z.infer<typeof scorecardCompletionSchema>;

const criterionEvidence = z.object({
  interviewerId: idSchema,
  interviewerName: z.string().nullable(),
  interviewId: idSchema,
  scorecardId: idSchema,
  rating: levelSchema,
  evidence: z.string().nullable(),
});

/** GET /applications/{id}/summary: `ApplicationAssessment` (src/domain/aggregation.ts) plus context. */
export const applicationSummarySchema = z.object({
  applicationId: idSchema,
  role: z.object({ id: idSchema, title: z.string() }),
  framework: z.object({ id: idSchema, name: z.string(), versionId: idSchema, version: z.number().int() }),
  criteria: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      weight: z.number().int(),
      requiredLevel: levelSchema,
      ratings: z.array(criterionEvidence),
      notAssessedBy: z
        .array(idSchema)
        .describe('Scorecards that marked the criterion "Not assessed" (not covered in their interview)'),
      mean: z.number().nullable(),
      min: levelSchema.nullable(),
      max: levelSchema.nullable(),
      spread: z.number().nullable(),
      disagreement: z.boolean().describe('spread ≥ 2'),
      belowRequired: z.boolean(),
      gap: z.number().nullable(),
    }),
  ),
  overall: z.object({
    score: z.number().nullable().describe('0–100: weighted mean rating mapped from 1–4 (1 → 0, 4 → 100)'),
    meanRating: z.number().nullable().describe('The weighted mean on the 1–4 scale'),
    ratedWeight: z.number(),
    totalWeight: z.number(),
  }),
  gaps: z.array(z.string()).describe('Criteria below the required level, largest gap first'),
  disagreements: z.array(z.string()),
  recommendations: z.object({
    strong_no: z.number().int(),
    no: z.number().int(),
    yes: z.number().int(),
    strong_yes: z.number().int(),
  }),
  scorecards: z.object({
    expected: z.number().int(),
    submitted: z.number().int(),
    share: z.number().nullable(),
  }),
  interviewers: z.array(person),
  frameworkVersionIds: z.array(idSchema),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

// The summary schema and the domain type must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const summaryMatchesAssessment: Same<
  Omit<ApplicationSummary, 'role' | 'framework'>,
  ApplicationAssessment
> = true;
export const summarySchemaChecks = { summaryMatchesAssessment };
