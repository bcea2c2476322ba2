import { z } from 'zod';
import { memberRoles } from '../../domain/member-roles.ts';
import { organisationSchema } from '../organisations/organisations.schema.ts';

export const meSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  organisation: organisationSchema,
  role: z.enum(memberRoles),
});
export type Me = z.infer<typeof meSchema>;
