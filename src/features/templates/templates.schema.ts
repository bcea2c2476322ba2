import { z } from 'zod';
import { templateKeys } from '../../mail/catalogue.ts';
import { idSchema, isoDateTime } from '../common.schema.ts';

// Shared with the web app: keep this file free of Node.js imports.

export const templateKeySchema = z.enum(templateKeys);
export const templateKeyParams = z.object({ key: templateKeySchema });
export const audienceSchema = z.enum(['candidate', 'member', 'email']);

export const templateSummarySchema = z.object({
  key: templateKeySchema,
  name: z.string(),
  description: z.string(),
  audience: audienceSchema.describe('Who receives it: a candidate, a member, or an invited address'),
  currentVersion: z
    .number()
    .int()
    .describe('The version new messages use; 1 is the built-in default until an admin saves a change'),
  customised: z.boolean().describe('Whether an admin has saved a version of their own'),
  updatedAt: isoDateTime.nullable(),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;
export const templateListSchema = z.object({ data: z.array(templateSummarySchema) });

export const templateVersionSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  subject: z.string(),
  body: z.string(),
  createdAt: isoDateTime,
  createdBy: z.object({ id: idSchema, name: z.string() }).nullable().describe('null for the default'),
});
export type TemplateVersion = z.infer<typeof templateVersionSchema>;

export const templateVariableSchema = z.object({
  path: z.string().describe('As written in the template, e.g. candidate.firstName; [] marks a list item'),
  kind: z.enum(['text', 'number', 'list']),
  example: z.string(),
});

export const templateDetailSchema = templateSummarySchema.extend({
  subject: z.string(),
  body: z.string().describe('Markdown with Liquid variables, e.g. {{ candidate.firstName }}'),
  listUnsubscribe: z.boolean().describe('Sent with a List-Unsubscribe header'),
  variables: z.array(templateVariableSchema),
  defaults: z.object({ subject: z.string(), body: z.string() }),
  versions: z.array(templateVersionSchema).describe('Every saved version, newest first'),
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

export const templateUpdateSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(250)
    .refine((s) => !/[\r\n]/.test(s), 'must be one line'),
  body: z.string().trim().min(1, 'is required').max(20_000),
});
export type TemplateUpdate = z.infer<typeof templateUpdateSchema>;

export const templatePreviewRequestSchema = z.object({
  subject: z.string().max(250).optional().describe('Unsaved subject; the current version when omitted'),
  body: z.string().max(20_000).optional().describe('Unsaved body; the current version when omitted'),
  applicationId: idSchema
    .optional()
    .describe('Render with this application; the newest application when omitted, sample data when none'),
});
export type TemplatePreviewRequest = z.infer<typeof templatePreviewRequestSchema>;

export const templatePreviewSchema = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  source: z.enum(['application', 'sample']).describe('Whether real application data or sample data was used'),
  applicationId: idSchema.nullable(),
});
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;

const hexColour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c4e80')
  .transform((v) => v.toLowerCase());

const logoUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      return new URL(v).protocol === 'https:' && !/[\s"'<>`\\]/.test(v);
    } catch {
      return false;
    }
  }, 'must be an https:// address of an image');

export const brandingSchema = z.object({
  logoUrl: z.string().nullable().describe('Shown at the top of every email; about 48px high'),
  brandColour: z.string().nullable().describe('Header and link colour of emails, #rrggbb'),
  updatedAt: isoDateTime.nullable(),
});
export type Branding = z.infer<typeof brandingSchema>;

export const brandingUpdateSchema = z.object({
  logoUrl: logoUrl.nullable().optional(),
  brandColour: hexColour.nullable().optional(),
});
export type BrandingUpdate = z.infer<typeof brandingUpdateSchema>;
