import { z } from 'zod';
import { type Criterion, kitItemKinds, type Level } from '../../domain/frameworks/types.ts';
import { idSchema, isoDateTime, requiredText } from '../common.schema.ts';

// Shared with the web app: Zod and pure domain types only.

export const levelSchema = z
  .literal([1, 2, 3, 4])
  .describe('1 not yet shown, 2 developing, 3 competent, 4 strong');

export const criterionKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,47}$/, 'use 2–48 lower-case letters, digits or _, starting with a letter');

const descriptorsSchema = z.object({
  notYetShown: requiredText(1500).describe('Level 1: what the interviewer saw or heard'),
  developing: requiredText(1500).describe('Level 2'),
  competent: requiredText(1500).describe('Level 3'),
  strong: requiredText(1500).describe('Level 4'),
});

const kitItemSchema = z.object({
  kind: z.enum(kitItemKinds),
  prompt: requiredText(2000),
  lookFor: requiredText(2000).describe('What a good answer shows'),
});

const trainingEntrySchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'use 2–64 lower-case letters, digits, - or _')
    .describe('Stable within the criterion, e.g. dante-level-1'),
  name: requiredText(200),
  provider: requiredText(200),
  form: requiredText(200).describe('Its level or form, e.g. "Level 1, online"'),
  builds: requiredText(1000).describe('What it develops'),
  url: z
    .url({ protocol: /^https?$/, error: 'is not an http(s) address' })
    .max(500)
    .nullable(),
  forLevels: z
    .array(levelSchema)
    .min(1, 'name at least one current level it suits')
    .max(4)
    .refine((l) => new Set(l).size === l.length, 'lists a level more than once')
    .describe('The current ratings this training suits, e.g. [1, 2]'),
});

export const criterionSchema = z.object({
  key: criterionKeySchema.describe('Stable across versions; ratings are stored against it'),
  name: requiredText(120),
  definition: requiredText(2000),
  descriptors: descriptorsSchema,
  kit: z.array(kitItemSchema).max(8).describe('Interview questions and practical tasks'),
  training: z
    .array(trainingEntrySchema)
    .max(20)
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((t, i) => {
        if (seen.has(t.id))
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${t.id}" is used twice` });
        seen.add(t.id);
      });
    }),
  standards: z.array(requiredText(300)).max(10),
});

export const frameworkCriteriaSchema = z
  .array(criterionSchema)
  .min(1, 'a framework needs at least one criterion')
  .max(20)
  .superRefine((criteria, ctx) => {
    const seen = new Set<string>();
    criteria.forEach((c, i) => {
      if (seen.has(c.key))
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `"${c.key}" is used twice` });
      seen.add(c.key);
    });
  });

// The Zod shape and the domain type must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const criterionShapeMatches: Same<z.infer<typeof criterionSchema>, Criterion> = true;
const levelShapeMatches: Same<z.infer<typeof levelSchema>, Level> = true;
export const schemaChecks = { criterionShapeMatches, levelShapeMatches };

const versionRefSchema = z.object({
  id: idSchema.describe('The version id scorecards and role requirements refer to'),
  version: z.number().int(),
  createdAt: isoDateTime.nullable().describe('Null for a built-in'),
});

export const frameworkSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  builtIn: z.boolean().describe('Built-ins are read-only: copy one to edit it'),
  latestVersion: versionRefSchema,
  criteriaCount: z.number().int(),
  copiedFrom: z.object({ frameworkId: idSchema, versionId: idSchema }).nullable(),
  archived: z
    .boolean()
    .describe('No longer offered for roles; roles already on it, and their scorecards, keep it'),
  updatedAt: isoDateTime.nullable(),
});
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;
export const frameworkListSchema = z.object({ data: z.array(frameworkSummarySchema) });

export const frameworkSchema = frameworkSummarySchema.extend({
  version: versionRefSchema.describe('The version shown (the latest unless ?version= asked for another)'),
  criteria: z.array(criterionSchema),
  versions: z.array(versionRefSchema).describe('Every version, newest first; old versions are kept'),
});
export type Framework = z.infer<typeof frameworkSchema>;

export const frameworkListQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('List archived frameworks too'),
});

export const frameworkArchiveSchema = z.object({
  archived: z.boolean().describe('true archives the framework, false restores it'),
});
export type FrameworkArchive = z.infer<typeof frameworkArchiveSchema>;

export const frameworkReadQuery = z.object({
  version: z.coerce.number().int().min(1).optional().describe('A version number; the latest when omitted'),
});

export const frameworkCopySchema = z.object({
  name: requiredText(120).optional().describe('Defaults to "<name> (copy)"'),
  version: z.number().int().min(1).optional().describe('The version to copy; the latest when omitted'),
});
export type FrameworkCopy = z.infer<typeof frameworkCopySchema>;

export const frameworkUpdateSchema = z.object({
  name: requiredText(120),
  description: z.string().trim().max(2000).nullable().optional(),
  criteria: frameworkCriteriaSchema.describe('The whole set; a change creates a new version'),
});
export type FrameworkUpdate = z.infer<typeof frameworkUpdateSchema>;
