import type { AppContext } from '../../app-context.ts';
import type { MemberRole } from '../../auth/roles.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import * as repo from './members.repository.ts';
import type { Member } from './members.schema.ts';

const lastAdminMessage =
  "This is the organisation's last admin: make another member an admin first, so someone can still manage users and settings";

export function memberService(ctx: AppContext) {
  return {
    list(organisationId: string): Promise<Member[]> {
      return repo.listMembers(ctx.kysely, organisationId);
    },

    /** Changes a member's role; the last admin cannot be demoted. */
    async changeRole(
      organisationId: string,
      memberId: string,
      role: MemberRole,
      actor: Actor,
    ): Promise<Member> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const admins = await repo.lockAdminMemberIds(tx, ctx.db.dialect, organisationId);
        const member = await repo.findMember(tx, organisationId, memberId);
        if (!member) throw notFound('Member');
        if (member.role === role) return member;
        if (member.role === 'admin' && admins.length <= 1) throw new AppError('conflict', lastAdminMessage);
        await repo.updateMemberRole(tx, organisationId, memberId, role);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'member.role_changed',
            subjectType: 'member',
            subjectId: memberId,
            detail: { userId: member.userId, from: member.role, to: role },
          },
          now,
        );
        return { ...member, role };
      });
    },

    /** Removes a member from the organisation (their account stays); the last admin cannot be removed. */
    async remove(organisationId: string, memberId: string, actor: Actor): Promise<void> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const admins = await repo.lockAdminMemberIds(tx, ctx.db.dialect, organisationId);
        const member = await repo.findMember(tx, organisationId, memberId);
        if (!member) throw notFound('Member');
        if (member.role === 'admin' && admins.length <= 1) throw new AppError('conflict', lastAdminMessage);
        await repo.deleteMember(tx, organisationId, memberId);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'member.removed',
            subjectType: 'member',
            subjectId: memberId,
            detail: { userId: member.userId, role: member.role },
          },
          now,
        );
      });
    },
  };
}
export type MemberService = ReturnType<typeof memberService>;
