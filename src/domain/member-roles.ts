// Member roles, free of dependencies so the web app can share them.
export const memberRoles = ['admin', 'manager', 'interviewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const memberRoleLabels: Record<MemberRole, string> = {
  admin: 'Admin',
  manager: 'Hiring manager',
  interviewer: 'Interviewer',
};

export function isMemberRole(value: unknown): value is MemberRole {
  return typeof value === 'string' && (memberRoles as readonly string[]).includes(value);
}
