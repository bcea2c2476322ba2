// Types of the API the web app reads, from the server's shared `*.schema.ts` files (zod only).
import type { z } from 'zod';
import type { MemberRole } from '../../../src/domain/member-roles.ts';
import type { invitationCreateSchema } from '../../../src/features/members/invitations.schema.ts';

export { type MemberRole, memberRoleLabels, memberRoles } from '../../../src/domain/member-roles.ts';
export {
  accountNameSchema,
  emailChangeRequestSchema,
  passwordChangeSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
} from '../../../src/features/account/account.schema.ts';
export type { ApiKeyView } from '../../../src/features/api-keys/api-keys.schema.ts';
export type { Application } from '../../../src/features/applications/applications.schema.ts';
export type { Candidate } from '../../../src/features/candidates/candidates.schema.ts';
export type {
  Framework,
  FrameworkSummary,
  FrameworkUpdate,
} from '../../../src/features/frameworks/frameworks.schema.ts';
export type {
  Requirements,
  RequirementsUpdate,
} from '../../../src/features/frameworks/requirements.schema.ts';
export type { Interview } from '../../../src/features/interviews/interviews.schema.ts';
export type {
  Invitation,
  InvitationCreated,
  InvitationPreview,
} from '../../../src/features/members/invitations.schema.ts';
export {
  invitationAcceptSchema,
  invitationCreateSchema,
} from '../../../src/features/members/invitations.schema.ts';
export type { Member } from '../../../src/features/members/members.schema.ts';
export {
  type Message,
  type MessageDetail,
  type MessageStatus,
  messageStatuses,
} from '../../../src/features/messages/messages.schema.ts';
export type { Role } from '../../../src/features/roles/roles.schema.ts';
export type {
  ApplicationSummary,
  ScorecardAmend,
  ScorecardCompletion,
  ScorecardContent,
  ScorecardDetail,
  ScorecardListItem,
  ScorecardView,
} from '../../../src/features/scorecards/scorecards.schema.ts';
export type { Me } from '../../../src/features/session/session.schema.ts';
export {
  type Branding,
  type BrandingUpdate,
  brandingUpdateSchema,
  type TemplateDetail,
  type TemplatePreview,
  type TemplatePreviewRequest,
  type TemplateSummary,
  type TemplateVersion,
  templateUpdateSchema,
} from '../../../src/features/templates/templates.schema.ts';
export type { Venue } from '../../../src/features/venues/venues.schema.ts';
export const memberRoleHints: Record<MemberRole, string> = {
  admin: 'Everything, including members, venues and API keys',
  manager: 'Roles, candidates, interviews and decisions',
  interviewer: 'Their interviews and scorecards',
};

export const invitationStatusLabels: Record<string, string> = {
  pending: 'Waiting',
  accepted: 'Accepted',
  canceled: 'Cancelled',
  expired: 'Expired',
};

export type InvitationCreateInput = z.input<typeof invitationCreateSchema>;
