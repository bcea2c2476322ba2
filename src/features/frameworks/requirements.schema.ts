import { z } from 'zod';
import { maxWeight, roleLevelKeys } from '../../domain/frameworks/requirements.ts';
import { idSchema, isoDateTime } from '../common.schema.ts';
import { criterionKeySchema, levelSchema } from './frameworks.schema.ts';

// Shared with the web app: Zod and pure domain types only.

const weightSchema = z
  .number()
  .int()
  .min(0)
  .max(maxWeight)
  .describe('0–5: how much the criterion counts for this role; 0 = not assessed');

export const requirementsUpdateSchema = z.object({
  frameworkId: idSchema.describe('A built-in (e.g. builtin-av-technician-v1) or one of your frameworks'),
  version: z.number().int().min(1).optional().describe('The version to use; the latest when omitted'),
  criteria: z
    .array(
      z.object({
        criterionKey: criterionKeySchema,
        weight: weightSchema,
        requiredLevel: levelSchema.describe('The level the role needs (1–4)'),
      }),
    )
    .max(40)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((c, i) => {
        if (seen.has(c.criterionKey)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'criterionKey'],
            message: `"${c.criterionKey}" is listed twice`,
          });
        }
        seen.add(c.criterionKey);
      });
    })
    .describe("Per criterion; criteria not listed take the defaults for the role's level"),
});
export type RequirementsUpdate = z.infer<typeof requirementsUpdateSchema>;

export const requirementsSchema = z.object({
  roleId: idSchema,
  roleLevel: z.enum(roleLevelKeys),
  source: z
    .enum(['default', 'saved'])
    .describe("default: nothing saved yet, the defaults for the role's level"),
  framework: z.object({
    id: idSchema,
    name: z.string(),
    builtIn: z.boolean(),
    versionId: idSchema,
    version: z.number().int(),
    latestVersion: z.number().int().describe('When higher than version, the framework has been edited since'),
  }),
  criteria: z.array(
    z.object({
      criterionKey: z.string(),
      name: z.string(),
      weight: z.number().int(),
      requiredLevel: levelSchema,
    }),
  ),
  updatedAt: isoDateTime.nullable(),
});
export type Requirements = z.infer<typeof requirementsSchema>;
