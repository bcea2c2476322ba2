import { z } from 'zod';
import { requiredText } from '../common.schema.ts';
import { organisationCreateSchema, organisationSchema } from '../organisations/organisations.schema.ts';
import { venueCreateSchema, venueSchema } from '../venues/venues.schema.ts';

export const passwordSchema = z
  .string()
  .min(10, 'needs at least 10 characters')
  .max(128, 'may have at most 128 characters');

export const personSchema = z.object({
  name: requiredText(120),
  email: z.string().trim().toLowerCase().pipe(z.email('is not an email address')),
  password: passwordSchema,
});

export const setupStatusSchema = z.object({ required: z.boolean() });

export const setupRequestSchema = z.object({
  organisation: organisationCreateSchema,
  venue: venueCreateSchema,
  admin: personSchema,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;
export type SetupRequestInput = z.input<typeof setupRequestSchema>;

export const setupResultSchema = z.object({
  organisation: organisationSchema,
  venue: venueSchema,
  admin: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});
export type SetupResult = z.infer<typeof setupResultSchema>;
