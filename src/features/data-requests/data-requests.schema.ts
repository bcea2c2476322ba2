import { z } from 'zod';
import { idSchema, isoDateTime } from '../common.schema.ts';

export const dataRequestSchema = z.object({
  id: idSchema,
  kind: z.enum(['deletion']),
  status: z.enum(['open', 'done', 'refused']),
  candidate: z
    .object({ id: idSchema, name: z.string(), email: z.string() })
    .nullable()
    .describe('Null once erased'),
  requestedAt: isoDateTime,
  dueAt: isoDateTime.describe('The organisation must act by then (one month under UK GDPR)'),
  closedAt: isoDateTime.nullable(),
  overdue: z.boolean(),
});
export type DataRequest = z.infer<typeof dataRequestSchema>;
export const dataRequestListSchema = z.object({ data: z.array(dataRequestSchema) });
export const dataRequestListQuery = z.object({ status: z.enum(['open', 'done', 'refused']).optional() });
export const dataRequestRefuseSchema = z.object({
  reason: z.string().trim().min(10, 'say why in at least 10 characters').max(2000),
});
