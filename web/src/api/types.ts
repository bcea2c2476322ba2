// Types of the API the web app reads. Request schemas come from the server's shared
// `*.schema.ts` files; the ones below stand in for files still being written
// (candidates, interviews, members, invitations) and follow the agreed contract.
import { z } from 'zod';
import { isoDateTime, optionalText, requiredText } from '../../../src/features/shared.schema.ts';

export type { Application } from '../../../src/features/applications/applications.schema.ts';
export type { ApiKeyView } from '../../../src/features/api-keys/api-keys.schema.ts';
export type { Role } from '../../../src/features/roles/roles.schema.ts';
export type { Me } from '../../../src/features/session/session.schema.ts';
export type { Venue } from '../../../src/features/venues/venues.schema.ts';

export const memberRoles = ['admin', 'manager', 'interviewer'] as const;
export type MemberRole = (typeof memberRoles)[number];
export const memberRoleLabels: Record<MemberRole, string> = {
  admin: 'Admin',
  manager: 'Hiring manager',
  interviewer: 'Interviewer',
};
export const memberRoleHints: Record<MemberRole, string> = {
  admin: 'Everything, including members, venues and API keys',
  manager: 'Roles, candidates, interviews and decisions',
  interviewer: 'Their interviews and scorecards',
};

const email = z.string().trim().toLowerCase().pipe(z.email('is not an email address'));

// Candidates (stand-in for src/features/candidates/candidates.schema.ts)
export const candidateCreateSchema = z.object({
  name: requiredText(120),
  email,
  phone: optionalText(40),
  location: optionalText(120),
  source: optionalText(120),
});
export type CandidateCreateInput = z.input<typeof candidateCreateSchema>;
export const candidateUpdateSchema = candidateCreateSchema.partial();

export interface Candidate {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  location: string | null;
  source: string | null;
  applicationCount: number;
  createdAt: string;
  updatedAt: string;
}

// Interviews (stand-in for src/features/interviews/interviews.schema.ts)
export const interviewKinds = ['phone', 'video', 'in_person', 'practical'] as const;
export type InterviewKind = (typeof interviewKinds)[number];
export const interviewKindLabels: Record<InterviewKind, string> = {
  phone: 'Phone call',
  video: 'Video call',
  in_person: 'In person',
  practical: 'Practical test',
};

export const interviewCreateSchema = z
  .object({
    applicationId: z.string().min(1),
    kind: z.enum(interviewKinds),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    location: optionalText(200),
    interviewerIds: z.array(z.string().min(1)).min(1, 'needs at least one interviewer').max(10),
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), {
    message: 'must be after the start',
    path: ['endsAt'],
  });
export type InterviewCreate = z.infer<typeof interviewCreateSchema>;

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface Interview {
  id: string;
  applicationId: string;
  kind: InterviewKind;
  kindLabel: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  interviewers: Person[];
  candidate: { id: string; name: string };
  role: { id: string; title: string };
  createdAt?: string;
  updatedAt?: string;
}

// Members and invitations (stand-ins for src/features/members/*.schema.ts)
export interface Member {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  joinedAt: string;
}

export const memberUpdateSchema = z.object({ role: z.enum(memberRoles) });

export const invitationCreateSchema = z.object({ email, role: z.enum(memberRoles) });
export type InvitationCreateInput = z.input<typeof invitationCreateSchema>;

export interface Invitation {
  id: string;
  email: string;
  role: MemberRole;
  status: string;
  expiresAt: string;
  createdAt?: string;
  invitedBy?: { id: string; name: string } | null;
}

export interface InvitationCreated {
  invitation: Invitation;
  link: string;
}

export interface InvitationByToken {
  organisationName: string;
  email: string;
  role: MemberRole;
  status: string;
  expiresAt?: string;
}

export const passwordSchema = z
  .string()
  .min(10, 'needs at least 10 characters')
  .max(128, 'may have at most 128 characters');

export const invitationAcceptSchema = z.object({
  token: z.string().min(1),
  name: requiredText(120),
  password: passwordSchema,
});
