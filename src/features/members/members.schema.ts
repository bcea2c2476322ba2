import { z } from 'zod';
import { memberRoles } from '../../domain/member-roles.ts';
import { idSchema, isoDateTime } from '../common.schema.ts';

export const memberRoleSchema = z.enum(memberRoles);

export const memberSchema = z.object({
  id: idSchema.describe('The membership id (use it to change the role or remove the member)'),
  userId: idSchema,
  name: z.string(),
  email: z.string(),
  role: memberRoleSchema,
  joinedAt: isoDateTime,
});
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ data: z.array(memberSchema) });

export const memberUpdateSchema = z.object({
  role: memberRoleSchema.describe('admin, manager or interviewer'),
});
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;
