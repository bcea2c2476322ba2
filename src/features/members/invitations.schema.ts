import { z } from 'zod';
import { isoDateTime, requiredText } from '../common.schema.ts';
import { organisationSchema } from '../organisations/organisations.schema.ts';
import { passwordSchema, personSchema } from '../setup/setup.schema.ts';
import { memberRoleSchema } from './members.schema.ts';

// Shared with the web app: keep this file free of Node.js imports.

export const invitationStatuses = ['pending', 'accepted', 'canceled', 'expired'] as const;
export const invitationStatusSchema = z.enum(invitationStatuses);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

const emailSchema = personSchema.shape.email;
/** The secret from the invitation link; only its SHA-256 is stored. */
const tokenSchema = z.string().trim().min(1, 'is required').max(256);

export const invitationCreateSchema = z.object({
  email: emailSchema,
  role: memberRoleSchema,
});
export type InvitationCreate = z.infer<typeof invitationCreateSchema>;

export const invitationSchema = z.object({
  id: z.string().describe('The invitation id (not the secret in its link)'),
  email: z.string(),
  role: memberRoleSchema,
  status: invitationStatusSchema,
  expiresAt: isoDateTime,
  createdAt: isoDateTime,
  invitedBy: z.object({ name: z.string() }),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationCreatedSchema = z.object({
  invitation: invitationSchema,
  link: z.string().describe('The link to send to the person: shown once, it cannot be read again'),
});
export type InvitationCreated = z.infer<typeof invitationCreatedSchema>;

export const invitationListSchema = z.object({ data: z.array(invitationSchema) });

export const invitationTokenParams = z.object({ token: tokenSchema });

export const invitationPreviewSchema = z.object({
  organisationName: z.string(),
  email: z.string(),
  role: memberRoleSchema,
  status: invitationStatusSchema,
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const invitationAcceptSchema = z.object({
  token: tokenSchema,
  name: requiredText(120).describe('Used for a new account; an existing account keeps its name'),
  password: passwordSchema.describe(
    'A new password, or the existing password when the email already has a Followspot account',
  ),
});
export type InvitationAccept = z.infer<typeof invitationAcceptSchema>;

export const invitationAcceptedSchema = z.object({
  organisation: organisationSchema,
  role: memberRoleSchema,
});
export type InvitationAccepted = z.infer<typeof invitationAcceptedSchema>;
