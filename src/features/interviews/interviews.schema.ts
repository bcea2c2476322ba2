import { z } from 'zod';
import type { Stage } from '../../domain/lifecycle.ts';
import { idSchema, isoDateTime, optionalText, pageOf, pageQuery } from '../common.schema.ts';

export const interviewKinds = ['phone', 'video', 'in_person', 'practical'] as const;
export const interviewKindSchema = z.enum(interviewKinds);
export type InterviewKind = z.infer<typeof interviewKindSchema>;

export const interviewKindLabels: Record<InterviewKind, string> = {
  phone: 'Phone',
  video: 'Video',
  in_person: 'In person',
  practical: 'Practical test',
};

/** Interviews are arranged, moved or changed only while the application waits on them. */
export const interviewableStages: readonly Stage[] = ['applied', 'interviewing', 'awaiting_decision'];

export const maxInterviewHours = 12;
export const maxInterviewers = 6;

/** Why an interview's times are refused (the field at fault is endsAt); undefined when they are fine. */
export function interviewTimeProblem(startsAt: string, endsAt: string): string | undefined {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (end <= start) return 'must be after startsAt';
  if (end - start > maxInterviewHours * 60 * 60 * 1000) {
    return `an interview lasts at most ${maxInterviewHours} hours`;
  }
  return undefined;
}

const interviewerIdsSchema = z
  .array(idSchema)
  .min(1, 'give at least one interviewer')
  .max(maxInterviewers, `give at most ${maxInterviewers} interviewers`)
  .refine((ids) => new Set(ids).size === ids.length, 'lists the same interviewer more than once')
  .describe('User ids of members of your organisation who interview (1–6)');

const interviewFields = z.object({
  applicationId: idSchema.describe('An application of your organisation'),
  kind: interviewKindSchema,
  startsAt: isoDateTime.describe('ISO 8601 date-time with offset, e.g. 2026-11-26T10:00:00+00:00'),
  endsAt: isoDateTime.describe('After startsAt, at most 12 hours later'),
  location: optionalText(200).describe('A room, an address or a video link'),
  interviewerIds: interviewerIdsSchema,
});

export const interviewCreateSchema = interviewFields.superRefine((input, ctx) => {
  const problem = interviewTimeProblem(input.startsAt, input.endsAt);
  if (problem) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: problem });
});
export type InterviewCreate = z.infer<typeof interviewCreateSchema>;

/** Partial: the interview keeps what is not given; interviewerIds replaces the whole set. */
export const interviewUpdateSchema = interviewFields.omit({ applicationId: true }).partial();
export type InterviewUpdate = z.infer<typeof interviewUpdateSchema>;

export const interviewSchema = z.object({
  id: idSchema,
  applicationId: idSchema,
  kind: interviewKindSchema,
  kindLabel: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  location: z.string().nullable(),
  interviewers: z.array(z.object({ id: idSchema, name: z.string(), email: z.string() })),
  candidate: z.object({ id: idSchema, name: z.string() }),
  role: z.object({ id: idSchema, title: z.string() }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Interview = z.infer<typeof interviewSchema>;

export const interviewListQuery = pageQuery.extend({
  applicationId: idSchema.optional().describe('Only interviews for this application'),
  interviewerId: idSchema
    .optional()
    .describe('Only interviews this user interviews in; `me` for the signed-in member'),
  from: isoDateTime.optional().describe('Only interviews starting at or after this time'),
  to: isoDateTime.optional().describe('Only interviews starting before this time'),
});
export type InterviewListQuery = z.infer<typeof interviewListQuery>;
export const interviewPageSchema = pageOf(interviewSchema);
