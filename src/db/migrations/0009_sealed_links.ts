import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { newId } from '../../ids.ts';
import { columnTypes, dialectOf } from '../dialect.ts';

// Secret links are no longer stored in emails. Until now the outbox kept the rendered email, and with
// it the candidate's personal link and an invitation's link, readable through the messages API. From
// here a stored email holds a marker and the worker mints the link as it sends (`sealed_links`).
// What was exposed is revoked: every existing personal link, and every pending invitation whose link
// sat in an email (its admins are told to invite again). Stored bodies are redacted to the marker.
export const personalLinkMarker = 'personal-link-added-when-sent';
export const invitationLinkMarker = 'invitation-link-added-when-sent';
const exposedLink = /\/(c|invite)\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g;

interface StoredMessage {
  id: string;
  organisation_id: string;
  status: string;
  candidate_id: string | null;
  html: string;
  text: string;
  variables: string;
}

function redact(value: string, invitations: Set<string>, personal: { found: boolean }): string {
  return value.replace(exposedLink, (_all, kind: string, token: string) => {
    if (kind === 'c') {
      personal.found = true;
      return `/c/${personalLinkMarker}`;
    }
    invitations.add(createHash('sha256').update(token).digest('hex'));
    return `/invite/${invitationLinkMarker}`;
  });
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before any schema type applies
  const k = db as Kysely<any>;
  const now = new Date().toISOString();

  await db.schema.alterTable('message').addColumn('sealed_links', 'text').execute();
  await db.schema.alterTable('candidate_link').addColumn('revoked_at', ts).execute();
  await db.schema
    .createTable('invitation_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitation.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitation_link_invitation_idx')
    .on('invitation_link')
    .column('invitation_id')
    .execute();

  // Redact every stored email that holds a link, a page at a time.
  const exposedInvitations = new Set<string>();
  let after = '';
  for (;;) {
    const rows: StoredMessage[] = await k
      .selectFrom('message')
      .select(['id', 'organisation_id', 'status', 'candidate_id', 'html', 'text', 'variables'])
      .where('id', '>', after)
      .where((eb) =>
        eb.or([
          eb('html', 'like', '%/c/%'),
          eb('html', 'like', '%/invite/%'),
          eb('text', 'like', '%/c/%'),
          eb('text', 'like', '%/invite/%'),
          eb('variables', 'like', '%/invite/%'),
        ]),
      )
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const invitations = new Set<string>();
      const personal = { found: false };
      const html = redact(row.html, invitations, personal);
      const text = redact(row.text, invitations, personal);
      const variables = redact(row.variables, invitations, personal);
      for (const id of invitations) exposedInvitations.add(id);
      const unsent = ['held', 'queued', 'sending'].includes(row.status);
      const sealed = [
        ...(personal.found && row.candidate_id
          ? [{ kind: 'candidate_page', candidateId: row.candidate_id }]
          : []),
        ...[...invitations].map((invitationId) => ({ kind: 'invitation', invitationId })),
      ];
      await k
        .updateTable('message')
        .set({
          html,
          text,
          variables,
          sealed_links: unsent && sealed.length > 0 ? JSON.stringify(sealed) : null,
        })
        .where('id', '=', row.id)
        .execute();
    }
    after = rows[rows.length - 1]!.id;
  }

  await k.updateTable('candidate_link').set({ revoked_at: now }).where('revoked_at', 'is', null).execute();

  const withdrawn: { id: string; organizationId: string; email: string }[] =
    exposedInvitations.size === 0
      ? []
      : await k
          .selectFrom('invitation')
          .select(['id', 'organizationId', 'email'])
          .where('status', '=', 'pending')
          .where('id', 'in', [...exposedInvitations])
          .execute();
  if (withdrawn.length === 0) return;
  await k
    .updateTable('invitation')
    .set({ status: 'canceled' })
    .where(
      'id',
      'in',
      withdrawn.map((i) => i.id),
    )
    .execute();
  const byOrganisation = new Map<string, string[]>();
  for (const i of withdrawn)
    byOrganisation.set(i.organizationId, [...(byOrganisation.get(i.organizationId) ?? []), i.email]);
  for (const [organisationId, emails] of byOrganisation) {
    const admins: { userId: string }[] = await k
      .selectFrom('member')
      .select('userId')
      .where('organizationId', '=', organisationId)
      .where('role', '=', 'admin')
      .execute();
    for (const admin of admins) {
      await k
        .insertInto('notification')
        .values({
          id: newId(),
          organisation_id: organisationId,
          user_id: admin.userId,
          kind: 'security',
          title: 'Pending invitations were withdrawn: please invite again',
          body: `For security, invitation links are no longer kept in stored emails, and the links already stored were withdrawn. Invite these people again from Settings → Members: ${emails.join(', ')}.`,
          link_path: '/settings/members',
          read_at: null,
          created_at: now,
          dedupe_key: `sealed-links-migration:${organisationId}:${admin.userId}`,
        })
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitation_link').execute();
  await db.schema.alterTable('candidate_link').dropColumn('revoked_at').execute();
  await db.schema.alterTable('message').dropColumn('sealed_links').execute();
}
