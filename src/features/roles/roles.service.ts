import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { whoIsWaiting } from '../closure/waiting.ts';
import type { Page } from '../common.schema.ts';
import { recomputeDecisionClocks } from '../decision-clock/decision-clock.service.ts';
import { findVenue } from '../venues/venues.repository.ts';
import * as repo from './roles.repository.ts';
import {
  closedRoleStatuses,
  type Role,
  type RoleCreate,
  type RoleListQuery,
  type RoleStatus,
  type RoleUpdate,
  roleStatusLabels,
} from './roles.schema.ts';

/** How many waiting candidates a conflict message names before summarising the rest. */
const namedInMessage = 10;

async function checkVenue(db: Kysely<Database>, organisationId: string, venueId: string): Promise<void> {
  if (!(await findVenue(db, organisationId, venueId))) {
    throw invalidField('venueId', 'is not a venue of your organisation');
  }
}

async function checkHiringManager(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
): Promise<void> {
  if (!(await repo.isEligibleHiringManager(db, organisationId, userId))) {
    throw invalidField('hiringManagerId', 'is not an admin or manager of your organisation');
  }
}

/**
 * Refuses to mark a role filled or archived while any of its applications is not closed (the
 * candidate has not been told), naming who is still waiting and why.
 */
async function checkNobodyWaiting(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
  status: RoleStatus,
  now: Date,
): Promise<void> {
  const waiting = await whoIsWaiting(db, organisationId, roleId, now);
  if (waiting.length === 0) return;
  const named = waiting.slice(0, namedInMessage);
  const rest = waiting.length - named.length;
  throw new AppError(
    'conflict',
    `status: a role cannot be marked ${roleStatusLabels[status].toLowerCase()} until every candidate has been told the outcome and closed. ` +
      `Still waiting: ${named.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`,
    { field: 'status' },
  );
}

export function roleService(ctx: AppContext) {
  return {
    async create(organisationId: string, input: RoleCreate): Promise<Role> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        await checkVenue(tx, organisationId, input.venueId);
        if (input.hiringManagerId) await checkHiringManager(tx, organisationId, input.hiringManagerId);
        return repo.insertRole(tx, organisationId, newId(now.getTime()), input, now);
      });
    },
    async get(organisationId: string, id: string): Promise<Role> {
      return (await repo.findRole(ctx.kysely, organisationId, id)) ?? Promise.reject(notFound('Role'));
    },
    list(organisationId: string, query: RoleListQuery): Promise<Page<Role>> {
      return repo.listRoles(ctx.kysely, organisationId, query);
    },
    /** A status change is audited; filled or archived needs every candidate to have an outcome. */
    async update(organisationId: string, id: string, input: RoleUpdate, actor: Actor): Promise<Role> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const current = await repo.findRole(tx, organisationId, id);
        if (!current) throw notFound('Role');
        if (input.venueId !== undefined && input.venueId !== current.venueId) {
          await checkVenue(tx, organisationId, input.venueId);
        }
        if (input.hiringManagerId && input.hiringManagerId !== current.hiringManager?.id) {
          await checkHiringManager(tx, organisationId, input.hiringManagerId);
        }
        const statusChange =
          input.status !== undefined && input.status !== current.status ? input.status : undefined;
        if (statusChange && closedRoleStatuses.includes(statusChange)) {
          await checkNobodyWaiting(tx, organisationId, id, statusChange, now);
        }
        const role = await repo.updateRole(tx, organisationId, id, input, now);
        if (!role) throw notFound('Role');
        // The deadline of the role's open applications follows its working days and its venue's calendar.
        const daysChange =
          input.decisionWorkingDays !== undefined &&
          input.decisionWorkingDays !== current.decisionWorkingDays;
        if (daysChange || role.venueId !== current.venueId) {
          await recomputeDecisionClocks(tx, organisationId, { roleId: id }, now);
        }
        if (daysChange) {
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'role.decision_working_days_changed',
              subjectType: 'role',
              subjectId: id,
              detail: { from: current.decisionWorkingDays, to: input.decisionWorkingDays },
            },
            now,
          );
        }
        if (statusChange) {
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'role.status_changed',
              subjectType: 'role',
              subjectId: id,
              detail: { from: current.status, to: statusChange },
            },
            now,
          );
        }
        return role;
      });
    },
    /** Only a role nobody applied for is deleted; otherwise it is archived, keeping its history. */
    async remove(organisationId: string, id: string): Promise<void> {
      await ctx.kysely.transaction().execute(async (tx) => {
        const role = await repo.findRole(tx, organisationId, id);
        if (!role) throw notFound('Role');
        if ((await repo.countApplicationsForRole(tx, organisationId, id)) > 0) {
          throw new AppError(
            'conflict',
            'This role has applications: archive it instead (PATCH with "status": "archived")',
          );
        }
        await repo.deleteRole(tx, organisationId, id);
      });
    },
  };
}
export type RoleService = ReturnType<typeof roleService>;
