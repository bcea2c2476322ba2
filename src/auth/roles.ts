import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';

export { isMemberRole, type MemberRole, memberRoles } from '../domain/member-roles.ts';

// better-auth's organisation permissions for our three roles: only admins manage members.
export const accessControl = createAccessControl(defaultStatements);
export const authRoles = {
  admin: accessControl.newRole({
    organization: ['update'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel'],
    team: [],
    ac: [],
  }),
  manager: accessControl.newRole({ organization: [], member: [], invitation: [], team: [], ac: [] }),
  interviewer: accessControl.newRole({ organization: [], member: [], invitation: [], team: [], ac: [] }),
};
