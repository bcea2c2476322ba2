// A candidate applies for an open role, inside the caller's transaction. The applications service's
// create uses it, and so does the referral interest form (a colleague's candidate record, their
// application and the referral are written together). Kept apart from applications.service.ts so
// that features the service itself calls (referrals, closure) can use it without an import cycle.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, invalidField } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import * as repo from './applications.repository.ts';
import type { ApplicationCreate } from './applications.schema.ts';

/**
 * The candidate's application for the role, created in `applied` when they have none yet
 * (`created` says which). The candidate and the role must be the organisation's, the role open.
 */
export async function applyForRole(
  tx: Kysely<Database>,
  organisationId: string,
  input: ApplicationCreate,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  if (!(await repo.candidateExists(tx, organisationId, input.candidateId))) {
    throw invalidField('candidateId', 'no candidate with this id in your organisation');
  }
  const roleStatus = await repo.findRoleStatus(tx, organisationId, input.roleId);
  if (roleStatus === undefined) {
    throw invalidField('roleId', 'no role with this id in your organisation');
  }
  if (roleStatus !== 'open') {
    throw new AppError(
      'conflict',
      `roleId: this role is ${roleStatus.replaceAll('_', ' ')}; candidates can apply only while it is open`,
      { field: 'roleId' },
    );
  }
  const existing = await repo.findApplicationIdFor(tx, organisationId, input.roleId, input.candidateId);
  if (existing) return { id: existing, created: false };
  const id = newId(now.getTime());
  await repo.insertApplication(tx, organisationId, id, { ...input, stage: 'applied' }, now);
  // Every new application is announced to integrators, whichever way it came in.
  const application = (await repo.findApplication(tx, organisationId, id, now))!;
  await emitEvent(tx, organisationId, 'application.created', { application }, now);
  return { id, created: true };
}
