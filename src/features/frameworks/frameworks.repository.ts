import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { findBuiltInFramework, isBuiltInFrameworkId } from '../../domain/frameworks/builtins.ts';
import type { Criterion } from '../../domain/frameworks/types.ts';

/** A framework as stored: a built-in (from code) or one of the organisation's. */
export interface FrameworkRecord {
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  latestVersion: number;
  copiedFromId: string | null;
  copiedFromVersionId: string | null;
  archived: boolean;
  updatedAt: string | null;
}

/** One version's criteria. */
export interface FrameworkVersionRecord {
  id: string;
  frameworkId: string;
  frameworkName: string;
  builtIn: boolean;
  version: number;
  criteria: Criterion[];
  createdAt: string | null;
  createdBy: string | null;
}

const frameworkColumns = [
  'id',
  'name',
  'description',
  'current_version',
  'copied_from_id',
  'copied_from_version_id',
  'archived_at',
  'updated_at',
] as const;

function toRecord(row: {
  id: string;
  name: string;
  description: string | null;
  current_version: number;
  copied_from_id: string | null;
  copied_from_version_id: string | null;
  archived_at: string | null;
  updated_at: string;
}): FrameworkRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtIn: false,
    latestVersion: Number(row.current_version),
    copiedFromId: row.copied_from_id,
    copiedFromVersionId: row.copied_from_version_id,
    archived: row.archived_at !== null,
    updatedAt: row.updated_at,
  };
}

export async function listOrganisationFrameworks(
  db: Kysely<Database>,
  organisationId: string,
  query: { includeArchived: boolean },
): Promise<FrameworkRecord[]> {
  let q = db.selectFrom('framework').select(frameworkColumns).where('organisation_id', '=', organisationId);
  if (!query.includeArchived) q = q.where('archived_at', 'is', null);
  const rows = await q.orderBy('name').orderBy('id').execute();
  return rows.map(toRecord);
}

export async function findOrganisationFramework(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<FrameworkRecord | undefined> {
  const row = await db
    .selectFrom('framework')
    .select(frameworkColumns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

const versionColumns = [
  'framework_version.id as id',
  'framework_version.framework_id as framework_id',
  'framework.name as framework_name',
  'framework_version.version as version',
  'framework_version.criteria as criteria',
  'framework_version.created_at as created_at',
  'framework_version.created_by as created_by',
] as const;

function selectVersions(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('framework_version')
    .innerJoin('framework', 'framework.id', 'framework_version.framework_id')
    .select(versionColumns)
    .where('framework_version.organisation_id', '=', organisationId);
}

function toVersion(row: {
  id: string;
  framework_id: string;
  framework_name: string;
  version: number;
  criteria: string;
  created_at: string;
  created_by: string | null;
}): FrameworkVersionRecord {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    frameworkName: row.framework_name,
    builtIn: false,
    version: Number(row.version),
    criteria: JSON.parse(row.criteria) as Criterion[],
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function builtInVersion(id: string): FrameworkVersionRecord | undefined {
  const builtIn = findBuiltInFramework(id);
  if (!builtIn) return undefined;
  return {
    id: builtIn.id,
    frameworkId: builtIn.id,
    frameworkName: builtIn.name,
    builtIn: true,
    version: builtIn.version,
    criteria: builtIn.criteria,
    createdAt: null,
    createdBy: null,
  };
}

/** A version by its id: a built-in's id, or a version of one of the organisation's frameworks. */
export async function findFrameworkVersionById(
  db: Kysely<Database>,
  organisationId: string,
  versionId: string,
): Promise<FrameworkVersionRecord | undefined> {
  if (isBuiltInFrameworkId(versionId)) return builtInVersion(versionId);
  const row = await selectVersions(db, organisationId)
    .where('framework_version.id', '=', versionId)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** Several versions by id (built-ins included), keyed by id; unknown ids are left out. */
export async function findFrameworkVersionsByIds(
  db: Kysely<Database>,
  organisationId: string,
  versionIds: readonly string[],
): Promise<Map<string, FrameworkVersionRecord>> {
  const found = new Map<string, FrameworkVersionRecord>();
  const stored: string[] = [];
  for (const id of new Set(versionIds)) {
    if (isBuiltInFrameworkId(id)) {
      const v = builtInVersion(id);
      if (v) found.set(id, v);
    } else stored.push(id);
  }
  if (stored.length > 0) {
    const rows = await selectVersions(db, organisationId)
      .where('framework_version.id', 'in', stored)
      .execute();
    for (const row of rows) found.set(row.id, toVersion(row));
  }
  return found;
}

/** A framework's version by number (a built-in has only version 1). */
export async function findFrameworkVersion(
  db: Kysely<Database>,
  organisationId: string,
  frameworkId: string,
  version: number,
): Promise<FrameworkVersionRecord | undefined> {
  if (isBuiltInFrameworkId(frameworkId)) {
    const v = builtInVersion(frameworkId);
    return v && v.version === version ? v : undefined;
  }
  const row = await selectVersions(db, organisationId)
    .where('framework_version.framework_id', '=', frameworkId)
    .where('framework_version.version', '=', version)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

export async function listFrameworkVersions(
  db: Kysely<Database>,
  organisationId: string,
  frameworkId: string,
): Promise<{ id: string; version: number; createdAt: string }[]> {
  const rows = await db
    .selectFrom('framework_version')
    .select(['id', 'version', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('framework_id', '=', frameworkId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, version: Number(r.version), createdAt: r.created_at }));
}

export async function insertFramework(
  db: Kysely<Database>,
  organisationId: string,
  framework: {
    id: string;
    name: string;
    description: string | null;
    copiedFromId: string | null;
    copiedFromVersionId: string | null;
    createdBy: string | null;
  },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('framework')
    .values({
      id: framework.id,
      organisation_id: organisationId,
      name: framework.name,
      description: framework.description,
      copied_from_id: framework.copiedFromId,
      copied_from_version_id: framework.copiedFromVersionId,
      current_version: 1,
      archived_at: null,
      created_by: framework.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function insertFrameworkVersion(
  db: Kysely<Database>,
  organisationId: string,
  version: {
    id: string;
    frameworkId: string;
    version: number;
    criteria: Criterion[];
    createdBy: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('framework_version')
    .values({
      id: version.id,
      organisation_id: organisationId,
      framework_id: version.frameworkId,
      version: version.version,
      criteria: JSON.stringify(version.criteria),
      created_by: version.createdBy,
      created_at: now.toISOString(),
    })
    .execute();
}

/**
 * Renames the framework and, when `nextVersion` is given, moves it to that version — only if it is
 * still at `expectedVersion`, so two concurrent edits cannot both win. Returns whether it changed.
 */
export async function updateFramework(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  change: { name: string; description: string | null; expectedVersion: number; nextVersion?: number },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('framework')
    .set({
      name: change.name,
      description: change.description,
      ...(change.nextVersion !== undefined && { current_version: change.nextVersion }),
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('current_version', '=', change.expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Archives (with the time) or restores (null) one of the organisation's frameworks. */
export async function setFrameworkArchived(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  archivedAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('framework')
    .set({ archived_at: archivedAt?.toISOString() ?? null, updated_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** The latest version of each of the organisation's frameworks, keyed by framework id. */
export async function listLatestVersions(
  db: Kysely<Database>,
  organisationId: string,
): Promise<Map<string, FrameworkVersionRecord>> {
  const rows = await selectVersions(db, organisationId)
    .whereRef('framework_version.version', '=', 'framework.current_version')
    .execute();
  return new Map(rows.map((row) => [row.framework_id, toVersion(row)]));
}
