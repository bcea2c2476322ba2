import { z } from 'zod';
import { idSchema, isoDateTime, requiredText } from '../common.schema.ts';

export const apiKeyCreateSchema = z.object({
  name: requiredText(80).describe('What the key is for, e.g. "ATS sync"'),
});

export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it'),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const apiKeyCreatedSchema = z.object({
  apiKey: apiKeySchema,
  token: z.string().describe('The key itself: shown once, store it now'),
});
export const apiKeyListSchema = z.object({ data: z.array(apiKeySchema) });
