import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { defaultFrameworkId, isBuiltInFrameworkId } from '../../domain/frameworks/builtins.ts';
import {
  type CriterionRequirement,
  defaultRequirements,
  isRoleLevelKey,
  type RoleLevelKey,
} from '../../domain/frameworks/requirements.ts';
import { invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import * as frameworks from './frameworks.repository.ts';
import { actorUserId } from './frameworks.service.ts';
import * as repo from './requirements.repository.ts';
import type { Requirements, RequirementsUpdate } from './requirements.schema.ts';

export interface ResolvedRequirements {
  role: { id: string; title: string; level: RoleLevelKey };
  source: 'default' | 'saved';
  version: frameworks.FrameworkVersionRecord;
  latestVersion: number;
  criteria: (CriterionRequirement & { name: string })[];
  updatedAt: string | null;
}

async function latestVersionOf(
  db: Kysely<Database>,
  organisationId: string,
  version: frameworks.FrameworkVersionRecord,
): Promise<number> {
  if (version.builtIn) return version.version;
  const record = await frameworks.findOrganisationFramework(db, organisationId, version.frameworkId);
  return record?.latestVersion ?? version.version;
}

/**
 * What a role assesses: its saved requirements, or — until someone saves them — the built-in
 * framework with the defaults for the role's level. Undefined when the role is not the organisation's.
 */
export async function resolveRequirements(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<ResolvedRequirements | undefined> {
  const role = await repo.findRoleForAssessment(db, organisationId, roleId);
  if (!role) return undefined;
  const level: RoleLevelKey = isRoleLevelKey(role.level) ? role.level : 'technician';
  const saved = await repo.findSavedRequirements(db, organisationId, roleId);
  const version = await frameworks.findFrameworkVersionById(
    db,
    organisationId,
    saved?.frameworkVersionId ?? defaultFrameworkId,
  );
  if (!version)
    throw new Error(`Framework version ${saved?.frameworkVersionId} of role ${roleId} is missing`);
  const byKey = new Map((saved?.criteria ?? []).map((c) => [c.criterionKey, c]));
  const defaults = defaultRequirements(
    version.criteria.map((c) => c.key),
    level,
  );
  const criteria = version.criteria.map((c, i) => ({ ...(byKey.get(c.key) ?? defaults[i]!), name: c.name }));
  return {
    role: { id: role.id, title: role.title, level },
    source: saved ? 'saved' : 'default',
    version,
    latestVersion: await latestVersionOf(db, organisationId, version),
    criteria,
    updatedAt: saved?.updatedAt ?? null,
  };
}

export function presentRequirements(resolved: ResolvedRequirements): Requirements {
  return {
    roleId: resolved.role.id,
    roleLevel: resolved.role.level,
    source: resolved.source,
    framework: {
      id: resolved.version.frameworkId,
      name: resolved.version.frameworkName,
      builtIn: resolved.version.builtIn,
      versionId: resolved.version.id,
      version: resolved.version.version,
      latestVersion: resolved.latestVersion,
    },
    criteria: resolved.criteria.map((c) => ({
      criterionKey: c.criterionKey,
      name: c.name,
      weight: c.weight,
      requiredLevel: c.requiredLevel,
    })),
    updatedAt: resolved.updatedAt,
  };
}

export function requirementsService(ctx: AppContext) {
  return {
    async get(organisationId: string, roleId: string): Promise<ResolvedRequirements> {
      return (
        (await resolveRequirements(ctx.kysely, organisationId, roleId)) ?? Promise.reject(notFound('Role'))
      );
    },

    async update(
      organisationId: string,
      roleId: string,
      input: RequirementsUpdate,
      actor: Actor,
    ): Promise<ResolvedRequirements> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const role = await repo.findRoleForAssessment(tx, organisationId, roleId);
        if (!role) throw notFound('Role');
        let versionNumber = input.version;
        const record = isBuiltInFrameworkId(input.frameworkId)
          ? undefined
          : await frameworks.findOrganisationFramework(tx, organisationId, input.frameworkId);
        if (record?.archived) {
          // A role already on an archived framework may keep it and change its weights; no other role may take it up.
          const saved = await repo.findSavedRequirements(tx, organisationId, roleId);
          if (saved?.frameworkId !== input.frameworkId)
            throw invalidField(
              'frameworkId',
              `${record.name} is archived: restore it in Settings → Frameworks, or choose another framework`,
            );
        }
        if (versionNumber === undefined) {
          if (isBuiltInFrameworkId(input.frameworkId)) versionNumber = 1;
          else {
            if (!record)
              throw invalidField('frameworkId', 'is not a framework of your organisation or a built-in');
            versionNumber = record.latestVersion;
          }
        }
        const version = await frameworks.findFrameworkVersion(
          tx,
          organisationId,
          input.frameworkId,
          versionNumber,
        );
        if (!version) {
          if (
            input.version !== undefined &&
            (await frameworks.findFrameworkVersion(tx, organisationId, input.frameworkId, 1))
          ) {
            throw invalidField('version', `this framework has no version ${input.version}`);
          }
          throw invalidField('frameworkId', 'is not a framework of your organisation or a built-in');
        }
        const keys = new Set(version.criteria.map((c) => c.key));
        input.criteria.forEach((c, i) => {
          if (!keys.has(c.criterionKey)) {
            throw invalidField(
              `criteria.${i}.criterionKey`,
              `"${c.criterionKey}" is not a criterion of ${version.frameworkName} (version ${version.version})`,
            );
          }
        });
        const level: RoleLevelKey = isRoleLevelKey(role.level) ? role.level : 'technician';
        const given = new Map(input.criteria.map((c) => [c.criterionKey, c]));
        const defaults = defaultRequirements([...keys], level);
        const criteria: CriterionRequirement[] = version.criteria.map((c, i) => {
          const g = given.get(c.key);
          return g ? { criterionKey: c.key, weight: g.weight, requiredLevel: g.requiredLevel } : defaults[i]!;
        });
        if (!criteria.some((c) => c.weight > 0)) {
          throw invalidField('criteria', 'give at least one criterion a weight above 0');
        }
        await repo.saveRequirements(
          tx,
          organisationId,
          {
            roleId,
            frameworkId: version.frameworkId,
            frameworkVersionId: version.id,
            criteria,
            updatedBy: actorUserId(actor),
          },
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'role.requirements_updated',
            subjectType: 'role',
            subjectId: roleId,
            detail: { frameworkVersionId: version.id, criteria },
          },
          now,
        );
      });
      return (await resolveRequirements(ctx.kysely, organisationId, roleId))!;
    },
  };
}
