import { z } from 'zod';
import { requiredText } from '../common.schema.ts';
import { passwordSchema } from '../setup/setup.schema.ts';

export const passwordResetRequestSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('is not an email address')),
});

export const passwordResetRequestedSchema = z.object({
  message: z.string().describe('The same for every address, so nobody learns which have accounts'),
});

export const passwordResetSchema = z.object({
  token: z.string().min(32).max(128).describe('The secret from the emailed link'),
  password: passwordSchema,
});

export const accountNameSchema = z.object({ name: requiredText(120) });

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'is required').max(128),
  newPassword: passwordSchema,
});

export const accountDoneSchema = z.object({ ok: z.literal(true) });

export const emailChangeRequestSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('is not an email address')),
});

export const emailChangeRequestedSchema = z.object({
  message: z.string().describe('Where the confirmation link went; the same when the address is taken'),
});

export const emailChangeConfirmSchema = z.object({
  token: z.string().min(32).max(2048).describe('The secret from the emailed link'),
});

export const emailChangedSchema = z.object({ email: z.string().describe('The confirmed new address') });
