import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { MessageTemplateVersionTable } from '../../db/schema-messaging.ts';
import { newId } from '../../ids.ts';
import { type TemplateKey, templates } from '../../mail/catalogue.ts';
import type { Branding, BrandingUpdate, TemplateVersion } from './templates.schema.ts';

export interface StoredTemplateVersion {
  id: string;
  templateKey: TemplateKey;
  version: number;
  subject: string;
  body: string;
  createdAt: string;
  createdById: string | null;
}

type VersionRow = Selectable<MessageTemplateVersionTable>;

function toStored(row: VersionRow): StoredTemplateVersion {
  return {
    id: row.id,
    templateKey: row.template_key as TemplateKey,
    version: Number(row.version),
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
    createdById: row.created_by,
  };
}

export async function findLatestVersion(
  db: Kysely<Database>,
  organisationId: string,
  key: TemplateKey,
): Promise<StoredTemplateVersion | undefined> {
  const row = await db
    .selectFrom('message_template_version')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('template_key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/** The latest version of every template the organisation has stored (keys never saved are absent). */
export async function listLatestVersions(
  db: Kysely<Database>,
  organisationId: string,
): Promise<Map<TemplateKey, { version: number; createdAt: string; createdById: string | null }>> {
  const rows = await db
    .selectFrom('message_template_version as v')
    .select(['v.template_key', 'v.version', 'v.created_at', 'v.created_by'])
    .where('v.organisation_id', '=', organisationId)
    .where((eb) =>
      eb(
        'v.version',
        '=',
        eb
          .selectFrom('message_template_version as w')
          .select((w) => w.fn.max('w.version').as('m'))
          .whereRef('w.organisation_id', '=', 'v.organisation_id')
          .whereRef('w.template_key', '=', 'v.template_key'),
      ),
    )
    .execute();
  return new Map(
    rows.map((r) => [
      r.template_key as TemplateKey,
      { version: Number(r.version), createdAt: r.created_at, createdById: r.created_by },
    ]),
  );
}

export async function listVersions(
  db: Kysely<Database>,
  organisationId: string,
  key: TemplateKey,
): Promise<TemplateVersion[]> {
  const rows = await db
    .selectFrom('message_template_version as v')
    .leftJoin('user', 'user.id', 'v.created_by')
    .select([
      'v.id',
      'v.version',
      'v.subject',
      'v.body',
      'v.created_at',
      'v.created_by',
      'user.name as creator_name',
    ])
    .where('v.organisation_id', '=', organisationId)
    .where('v.template_key', '=', key)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: Number(r.version),
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at,
    createdBy: r.created_by && r.creator_name ? { id: r.created_by, name: r.creator_name } : null,
  }));
}

export async function findVersionById(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<StoredTemplateVersion | undefined> {
  const row = await db
    .selectFrom('message_template_version')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/**
 * Inserts a version unless that number exists already (another transaction saved it first);
 * returns whether this call inserted it.
 */
export async function insertVersion(
  db: Kysely<Database>,
  organisationId: string,
  version: { key: TemplateKey; version: number; subject: string; body: string; createdBy: string | null },
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('message_template_version')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      template_key: version.key,
      version: version.version,
      subject: version.subject,
      body: version.body,
      created_by: version.createdBy,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'template_key', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * The version new messages use: the latest stored one, or the built-in default stored as version 1
 * the first time it is needed (so every message can point at the exact text it was made from).
 */
export async function currentVersion(
  db: Kysely<Database>,
  organisationId: string,
  key: TemplateKey,
  now: Date,
): Promise<StoredTemplateVersion> {
  const latest = await findLatestVersion(db, organisationId, key);
  if (latest) return latest;
  const { subject, body } = templates[key].defaults;
  await insertVersion(db, organisationId, { key, version: 1, subject, body, createdBy: null }, now);
  const stored = await findLatestVersion(db, organisationId, key);
  if (!stored) throw new Error(`The default ${key} template could not be stored`);
  return stored;
}

// ------------------------------------------------------------------------------------------------
// Branding (organisation_settings).

export async function findBranding(db: Kysely<Database>, organisationId: string): Promise<Branding> {
  const row = await db
    .selectFrom('organisation_settings')
    .select(['logo_url', 'brand_colour', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    logoUrl: row?.logo_url ?? null,
    brandColour: row?.brand_colour ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function saveBranding(
  db: Kysely<Database>,
  organisationId: string,
  input: BrandingUpdate,
  now: Date,
): Promise<Branding> {
  const current = await findBranding(db, organisationId);
  const next = {
    logo_url: input.logoUrl !== undefined ? input.logoUrl : current.logoUrl,
    brand_colour: input.brandColour !== undefined ? input.brandColour : current.brandColour,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('organisation_settings')
    .values({ organisation_id: organisationId, ...next })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(next))
    .execute();
  return findBranding(db, organisationId);
}
