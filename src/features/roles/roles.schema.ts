import { z } from 'zod';
import { idSchema, isoDateTime, optionalText, pageOf, pageQuery, requiredText } from '../common.schema.ts';

export const roleLevels = ['trainee', 'technician', 'senior_technician', 'lead_technician'] as const;
export const roleLevelSchema = z.enum(roleLevels);
export type RoleLevel = z.infer<typeof roleLevelSchema>;

export const roleLevelLabels: Record<RoleLevel, string> = {
  trainee: 'Trainee AV technician',
  technician: 'AV technician',
  senior_technician: 'Senior AV technician',
  lead_technician: 'Lead AV technician',
};

export const roleStatuses = ['open', 'filled', 'archived'] as const;
export const roleStatusSchema = z.enum(roleStatuses);
export type RoleStatus = z.infer<typeof roleStatusSchema>;

export const roleStatusLabels: Record<RoleStatus, string> = {
  open: 'Open',
  filled: 'Filled',
  archived: 'Archived',
};

/** Statuses a role cannot take while any of its candidates is still waiting for an outcome. */
export const closedRoleStatuses: readonly RoleStatus[] = ['filled', 'archived'];

const roleFields = {
  title: requiredText(160),
  venueId: idSchema.describe('A venue of your organisation'),
  level: roleLevelSchema,
  hiringManagerId: idSchema
    .nullable()
    .describe('The user id of an admin or manager of your organisation, or null'),
  description: optionalText(5000),
  decisionWorkingDays: z
    .number()
    .int('must be a whole number of working days')
    .min(1, 'must be at least 1 working day')
    .max(30, 'must be at most 30 working days')
    .nullable()
    .describe(
      "Working days from the last interview to the decision for this role; null for the organisation's",
    ),
};

export const roleCreateSchema = z.object({
  ...roleFields,
  status: roleStatusSchema.default('open'),
  hiringManagerId: roleFields.hiringManagerId.optional(),
  decisionWorkingDays: roleFields.decisionWorkingDays.optional(),
});
export type RoleCreate = z.infer<typeof roleCreateSchema>;
export type RoleCreateInput = z.input<typeof roleCreateSchema>;

// Built without defaults: Zod 4 applies a default even inside .partial(), which would reset
// fields a PATCH did not mention.
export const roleUpdateSchema = z.object({ ...roleFields, status: roleStatusSchema }).partial();
export type RoleUpdate = z.infer<typeof roleUpdateSchema>;

export const roleSchema = z.object({
  id: idSchema,
  title: z.string(),
  venueId: idSchema,
  venue: z.object({ id: idSchema, name: z.string() }),
  level: roleLevelSchema,
  status: roleStatusSchema,
  hiringManager: z.object({ id: idSchema, name: z.string(), email: z.string() }).nullable(),
  description: z.string().nullable(),
  decisionWorkingDays: z
    .number()
    .int()
    .nullable()
    .describe("The role's own decision deadline in working days; null when it follows the organisation's"),
  applicationCounts: z.object({
    total: z.number().int(),
    active: z.number().int().describe('Applications whose candidate is still waiting for an outcome'),
  }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Role = z.infer<typeof roleSchema>;

export const roleListQuery = pageQuery.extend({
  status: roleStatusSchema.optional().describe('Only roles with this status'),
  venueId: idSchema.optional().describe('Only roles at this venue'),
  q: z.string().trim().max(160).optional().describe('Search by title'),
});
export type RoleListQuery = z.infer<typeof roleListQuery>;
export const rolePageSchema = pageOf(roleSchema);
