import { z } from 'zod';
import { idSchema, isoDateTime, pageOf, pageQuery } from '../common.schema.ts';

// Shared by the server and the web app: keep this file free of Node.js imports.

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const jobStatusSchema = z.enum(jobStatuses);

/** Statuses from which a job does not change any more. */
export const finishedJobStatuses: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

export const jobSchema = z.object({
  id: idSchema,
  kind: z.string().describe('What the job does, e.g. close-the-rest.draft'),
  status: jobStatusSchema.describe(
    'queued (waiting for a worker), running, succeeded, failed (see error) or cancelled',
  ),
  total: z.number().int().min(0).describe('Steps to do; 0 until the job has counted them'),
  done: z.number().int().min(0).describe('Steps done so far'),
  progress: z.number().min(0).max(1).describe('done / total (1 once succeeded)'),
  result: z.unknown().describe("The job's result once it succeeded (null before); its shape depends on kind"),
  error: z.string().nullable().describe('Why it failed, in words a person can act on'),
  attempts: z
    .number()
    .int()
    .min(0)
    .describe('How many times a worker has started it (a resumed job counts again)'),
  createdBy: z
    .object({ kind: z.enum(['member', 'api_key']), id: z.string() })
    .nullable()
    .describe('Who started it; null for the system'),
  createdAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});
export type Job = z.infer<typeof jobSchema>;

export const jobListQuery = pageQuery.extend({
  kind: z.string().trim().min(1).max(80).optional().describe('Only jobs of this kind'),
  status: jobStatusSchema.optional(),
});
export type JobListQuery = z.infer<typeof jobListQuery>;
export const jobPageSchema = pageOf(jobSchema);
