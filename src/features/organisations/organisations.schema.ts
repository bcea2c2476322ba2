import { z } from 'zod';
import { idSchema, requiredText } from '../common.schema.ts';

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'needs at least 2 characters')
  .max(48)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'may hold only lowercase letters, digits and single hyphens');

export const organisationSchema = z.object({ id: idSchema, name: z.string(), slug: z.string() });
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationCreateSchema = z.object({ name: requiredText(120), slug: slugSchema });

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}
