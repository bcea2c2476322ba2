import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Referrals from candidates (issue #13). A referral link belongs to the candidate who shares it
// (the referrer): only the SHA-256 of its code is stored. A referral is one colleague who came
// forward through a link (joined the network or expressed interest in a role); the same colleague
// through two links is two referrals, so both referrers are kept. Thanks are recorded per milestone.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organization.id').onDelete('cascade');

  await db.schema
    .createTable('referral_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('referrer_candidate_id', 'text', (c) =>
      c.notNull().references('candidate.id').onDelete('cascade'),
    )
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role_id', 'text', (c) => c.references('role.id').onDelete('set null'))
    .addColumn('kind_of_work', 'text')
    .addColumn('show_first_name', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_viewed_at', ts)
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('referral_link_referrer_idx')
    .on('referral_link')
    .columns(['organisation_id', 'referrer_candidate_id'])
    .execute();

  await db.schema
    .createTable('referral')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('link_id', 'text', (c) => c.notNull().references('referral_link.id').onDelete('cascade'))
    .addColumn('referrer_candidate_id', 'text', (c) =>
      c.notNull().references('candidate.id').onDelete('cascade'),
    )
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.references('application.id').onDelete('set null'))
    .addColumn('joined_network_at', ts)
    .addColumn('interest_at', ts)
    .addColumn('arrival_thanks_at', ts)
    .addColumn('hired_thanks_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('referral_link_candidate_uq', ['organisation_id', 'link_id', 'candidate_id'])
    .execute();
  for (const [name, columns] of [
    ['referral_org_idx', ['organisation_id', 'id']],
    ['referral_candidate_idx', ['organisation_id', 'candidate_id']],
    ['referral_application_idx', ['organisation_id', 'application_id']],
    ['referral_referrer_idx', ['organisation_id', 'referrer_candidate_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('referral')
      .columns([...columns])
      .execute();
  }

  // The ask in decision emails can be turned off per template: one row per template turned off.
  await db.schema
    .createTable('referral_ask_off')
    .addColumn('organisation_id', 'text', org)
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_ask_off_pk', ['organisation_id', 'template_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['referral_ask_off', 'referral', 'referral_link']) {
    await db.schema.dropTable(table).execute();
  }
}
