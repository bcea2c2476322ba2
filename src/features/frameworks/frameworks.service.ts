import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../../app-context.ts';
import {
  builtInFrameworks,
  findBuiltInFramework,
  isBuiltInFrameworkId,
} from '../../domain/frameworks/builtins.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import * as repo from './frameworks.repository.ts';
import type { Framework, FrameworkCopy, FrameworkSummary, FrameworkUpdate } from './frameworks.schema.ts';

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'member' ? actor.userId : null;
}

function builtInSummary(id: string): FrameworkSummary | undefined {
  const f = findBuiltInFramework(id);
  if (!f) return undefined;
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    builtIn: true,
    latestVersion: { id: f.id, version: f.version, createdAt: null },
    criteriaCount: f.criteria.length,
    copiedFrom: null,
    archived: false,
    updatedAt: null,
  };
}

function summaryOf(record: repo.FrameworkRecord, latest: repo.FrameworkVersionRecord): FrameworkSummary {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    builtIn: false,
    latestVersion: { id: latest.id, version: latest.version, createdAt: latest.createdAt },
    criteriaCount: latest.criteria.length,
    copiedFrom:
      record.copiedFromId && record.copiedFromVersionId
        ? { frameworkId: record.copiedFromId, versionId: record.copiedFromVersionId }
        : null,
    archived: record.archived,
    updatedAt: record.updatedAt,
  };
}

export function frameworkService(ctx: AppContext) {
  async function read(organisationId: string, id: string, version?: number): Promise<Framework> {
    const db = ctx.kysely;
    if (isBuiltInFrameworkId(id)) {
      const summary = builtInSummary(id);
      const shown = summary && (await repo.findFrameworkVersion(db, organisationId, id, version ?? 1));
      if (!summary) throw notFound('Framework');
      if (!shown) throw notFound(`Version ${version} of this framework`);
      return {
        ...summary,
        version: { id: shown.id, version: shown.version, createdAt: null },
        criteria: shown.criteria,
        versions: [summary.latestVersion],
      };
    }
    const record = await repo.findOrganisationFramework(db, organisationId, id);
    if (!record) throw notFound('Framework');
    const latest = await repo.findFrameworkVersion(db, organisationId, id, record.latestVersion);
    const shown =
      version === undefined || version === record.latestVersion
        ? latest
        : await repo.findFrameworkVersion(db, organisationId, id, version);
    if (!latest) throw notFound('Framework');
    if (!shown) throw notFound(`Version ${version} of this framework`);
    const versions = await repo.listFrameworkVersions(db, organisationId, id);
    return {
      ...summaryOf(record, latest),
      version: { id: shown.id, version: shown.version, createdAt: shown.createdAt },
      criteria: shown.criteria,
      versions,
    };
  }

  return {
    /** Built-ins first, then the organisation's own frameworks by name; archived ones only when asked. */
    async list(organisationId: string, query: { includeArchived: boolean }): Promise<FrameworkSummary[]> {
      const [records, latest] = await Promise.all([
        repo.listOrganisationFrameworks(ctx.kysely, organisationId, query),
        repo.listLatestVersions(ctx.kysely, organisationId),
      ]);
      const own = records.flatMap((r) => {
        const v = latest.get(r.id);
        return v ? [summaryOf(r, v)] : [];
      });
      return [...builtInFrameworks.map((f) => builtInSummary(f.id)!), ...own];
    },

    read,

    /** Copies a framework version (a built-in or the organisation's own) into a new framework at version 1. */
    async copy(organisationId: string, id: string, input: FrameworkCopy, actor: Actor): Promise<Framework> {
      const source = isBuiltInFrameworkId(id)
        ? findBuiltInFramework(id)
        : await repo.findOrganisationFramework(ctx.kysely, organisationId, id);
      if (!source) throw notFound('Framework');
      const sourceVersion = await repo.findFrameworkVersion(
        ctx.kysely,
        organisationId,
        id,
        input.version ?? ('latestVersion' in source ? source.latestVersion : source.version),
      );
      if (!sourceVersion)
        throw new AppError('not_found', `Version ${input.version} of this framework not found`, {
          field: 'version',
        });
      const now = ctx.now();
      const frameworkId = newId(now.getTime());
      await ctx.kysely.transaction().execute(async (tx) => {
        await repo.insertFramework(
          tx,
          organisationId,
          {
            id: frameworkId,
            name: input.name ?? `${source.name} (copy)`,
            description: source.description,
            copiedFromId: id,
            copiedFromVersionId: sourceVersion.id,
            createdBy: actorUserId(actor),
          },
          now,
        );
        await repo.insertFrameworkVersion(
          tx,
          organisationId,
          {
            id: newId(now.getTime()),
            frameworkId,
            version: 1,
            criteria: sourceVersion.criteria,
            createdBy: actorUserId(actor),
          },
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'framework.copied',
            subjectType: 'framework',
            subjectId: frameworkId,
            detail: { fromFrameworkId: id, fromVersionId: sourceVersion.id },
          },
          now,
        );
      });
      return read(organisationId, frameworkId);
    },

    /**
     * Renames the framework and, when the criteria differ from the latest version, adds a new
     * version. Old versions are kept: scorecards and roles keep the version they were written against.
     */
    async update(
      organisationId: string,
      id: string,
      input: FrameworkUpdate,
      actor: Actor,
    ): Promise<Framework> {
      if (isBuiltInFrameworkId(id)) {
        if (!findBuiltInFramework(id)) throw notFound('Framework');
        throw new AppError(
          'conflict',
          'Built-in frameworks are read-only: copy it (POST …/copy) and edit the copy',
        );
      }
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const record = await repo.findOrganisationFramework(tx, organisationId, id);
        if (!record) throw notFound('Framework');
        const latest = await repo.findFrameworkVersion(tx, organisationId, id, record.latestVersion);
        const changed = !latest || !isDeepStrictEqual(latest.criteria, input.criteria);
        const nextVersion = record.latestVersion + 1;
        const updated = await repo.updateFramework(
          tx,
          organisationId,
          id,
          {
            name: input.name,
            description: input.description === undefined ? record.description : input.description || null,
            expectedVersion: record.latestVersion,
            ...(changed && { nextVersion }),
          },
          now,
        );
        if (!updated) {
          throw new AppError(
            'conflict',
            'Someone else changed this framework at the same time: reload and try again',
          );
        }
        if (changed) {
          await repo.insertFrameworkVersion(
            tx,
            organisationId,
            {
              id: newId(now.getTime()),
              frameworkId: id,
              version: nextVersion,
              criteria: input.criteria,
              createdBy: actorUserId(actor),
            },
            now,
          );
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'framework.updated',
            subjectType: 'framework',
            subjectId: id,
            detail: { version: changed ? nextVersion : record.latestVersion, newVersion: changed },
          },
          now,
        );
      });
      return read(organisationId, id);
    },

    /** Archives or restores one of the organisation's frameworks; roles already on it keep it. */
    async setArchived(
      organisationId: string,
      id: string,
      archived: boolean,
      actor: Actor,
    ): Promise<Framework> {
      if (isBuiltInFrameworkId(id)) {
        if (!findBuiltInFramework(id)) throw notFound('Framework');
        throw new AppError(
          'conflict',
          'Built-in frameworks cannot be archived: they stay available to every organisation',
        );
      }
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const record = await repo.findOrganisationFramework(tx, organisationId, id);
        if (!record) throw notFound('Framework');
        if (record.archived === archived) return;
        await repo.setFrameworkArchived(tx, organisationId, id, archived ? now : null, now);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: archived ? 'framework.archived' : 'framework.restored',
            subjectType: 'framework',
            subjectId: id,
            detail: { name: record.name },
          },
          now,
        );
      });
      return read(organisationId, id);
    },
  };
}
export type FrameworkService = ReturnType<typeof frameworkService>;
