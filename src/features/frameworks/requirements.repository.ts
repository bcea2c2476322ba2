import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CriterionRequirement } from '../../domain/frameworks/requirements.ts';
import type { Level } from '../../domain/frameworks/types.ts';

export interface RoleForAssessment {
  id: string;
  title: string;
  level: string;
}

export async function findRoleForAssessment(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<RoleForAssessment | undefined> {
  return db
    .selectFrom('role')
    .select(['id', 'title', 'level'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', roleId)
    .executeTakeFirst();
}

export interface SavedRequirements {
  roleId: string;
  frameworkId: string;
  frameworkVersionId: string;
  updatedAt: string;
  criteria: CriterionRequirement[];
}

export async function findSavedRequirements(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<SavedRequirements | undefined> {
  const row = await db
    .selectFrom('role_requirement')
    .select(['role_id', 'framework_id', 'framework_version_id', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', roleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const criteria = await db
    .selectFrom('role_requirement_criterion')
    .select(['criterion_key', 'weight', 'required_level'])
    .where('role_id', '=', roleId)
    .orderBy('position')
    .execute();
  return {
    roleId: row.role_id,
    frameworkId: row.framework_id,
    frameworkVersionId: row.framework_version_id,
    updatedAt: row.updated_at,
    criteria: criteria.map((c) => ({
      criterionKey: c.criterion_key,
      weight: Number(c.weight),
      requiredLevel: Number(c.required_level) as Level,
    })),
  };
}

/** Replaces the role's requirements (the criteria in the order given). */
export async function saveRequirements(
  db: Kysely<Database>,
  organisationId: string,
  requirements: {
    roleId: string;
    frameworkId: string;
    frameworkVersionId: string;
    criteria: CriterionRequirement[];
    updatedBy: string | null;
  },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const existing = await db
    .selectFrom('role_requirement')
    .select('role_id')
    .where('organisation_id', '=', organisationId)
    .where('role_id', '=', requirements.roleId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('role_requirement')
      .set({
        framework_id: requirements.frameworkId,
        framework_version_id: requirements.frameworkVersionId,
        updated_by: requirements.updatedBy,
        updated_at: at,
      })
      .where('organisation_id', '=', organisationId)
      .where('role_id', '=', requirements.roleId)
      .execute();
    await db.deleteFrom('role_requirement_criterion').where('role_id', '=', requirements.roleId).execute();
  } else {
    await db
      .insertInto('role_requirement')
      .values({
        role_id: requirements.roleId,
        organisation_id: organisationId,
        framework_id: requirements.frameworkId,
        framework_version_id: requirements.frameworkVersionId,
        updated_by: requirements.updatedBy,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  if (requirements.criteria.length > 0) {
    await db
      .insertInto('role_requirement_criterion')
      .values(
        requirements.criteria.map((c, position) => ({
          role_id: requirements.roleId,
          criterion_key: c.criterionKey,
          position,
          weight: c.weight,
          required_level: c.requiredLevel,
        })),
      )
      .execute();
  }
}
