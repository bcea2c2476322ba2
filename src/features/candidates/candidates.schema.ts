import { z } from 'zod';
import { idSchema, isoDateTime, optionalText, pageOf, pageQuery, requiredText } from '../common.schema.ts';

/** Where candidates often come from; `source` is free text, these are offered as suggestions. */
export const sourceSuggestions = [
  'Referral',
  'Job board',
  'Venue website',
  'Talent network',
  'Agency',
  'Social media',
  'Other',
] as const;

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('is not a valid email address'));

/** Loose on purpose (UK and international): digits, spaces, +, brackets and hyphens; 7–20 digits. */
export function isPhoneNumber(value: string): boolean {
  if (!/^[\d\s+()-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 20;
}

const phoneSchema = z
  .string()
  .trim()
  .max(32)
  .refine(
    (v) => v === '' || isPhoneNumber(v),
    'is not a phone number: use digits, spaces, +, brackets or hyphens (7 to 20 digits)',
  )
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

export const candidateCreateSchema = z.object({
  name: requiredText(120),
  email: emailSchema,
  phone: phoneSchema,
  location: optionalText(120),
  source: optionalText(80).describe(`Free text, for example: ${sourceSuggestions.join(', ')}`),
});
export type CandidateCreate = z.infer<typeof candidateCreateSchema>;
export type CandidateCreateInput = z.input<typeof candidateCreateSchema>;

export const candidateUpdateSchema = candidateCreateSchema.partial();
export type CandidateUpdate = z.infer<typeof candidateUpdateSchema>;

export const candidateSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  location: z.string().nullable(),
  source: z.string().nullable(),
  applicationCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Candidate = z.infer<typeof candidateSchema>;

export const candidateListQuery = pageQuery.extend({
  q: z.string().trim().max(254).optional().describe('Search by name or email'),
});
export type CandidateListQuery = z.infer<typeof candidateListQuery>;
export const candidatePageSchema = pageOf(candidateSchema);
