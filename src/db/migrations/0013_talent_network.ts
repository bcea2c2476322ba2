import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// The talent network the hiring team uses (issue #12): a profile per member (skills, region and
// travel, availability, interests, casual crew, last contact, unsubscribe), consent records with the
// text version and source, the membership history, future-fit marks, training done, one-click
// unsubscribe tokens (only the SHA-256 stored) and opportunities sent (one per member per role).
// Membership periods stay in talent_network_member (0008), which now records how consent was given.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  const date = sql.raw(t.date);
  const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organization.id').onDelete('cascade');
  const candidate = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('candidate.id').onDelete('cascade');

  await db.schema
    .alterTable('talent_network_member')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('candidate_page'))
    .execute();
  await db.schema
    .createIndex('talent_network_member_expiry_idx')
    .on('talent_network_member')
    .columns(['left_at', 'expires_at'])
    .execute();

  await db.schema
    .createTable('network_profile')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    // member | left: denormalised from the membership periods so the list reads one table.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('joined_at', ts, (c) => c.notNull())
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('consent_expires_at', ts, (c) => c.notNull())
    .addColumn('left_at', ts)
    .addColumn('region', 'text')
    .addColumn('travel_miles', 'integer')
    .addColumn('available_permanent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_freelance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('casual_crew', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notice_weeks', 'integer')
    .addColumn('last_contact_at', ts)
    .addColumn('unsubscribed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('network_profile_candidate_uq', ['organisation_id', 'candidate_id'])
    .addCheckConstraint('network_profile_status_ck', sql`status in ('member', 'left')`)
    .execute();
  // The list pages by id within status; filters narrow by region, casual crew or consent expiry.
  for (const [name, columns] of [
    ['network_profile_status_idx', ['organisation_id', 'status', 'id']],
    ['network_profile_region_idx', ['organisation_id', 'status', 'region', 'id']],
    ['network_profile_casual_idx', ['organisation_id', 'status', 'casual_crew', 'id']],
    ['network_profile_expiry_idx', ['status', 'consent_expires_at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('network_profile')
      .columns([...columns])
      .execute();
  }

  // Skills, certifications and interests (kinds of role, venues), one row each, searchable by key.
  await db.schema
    .createTable('network_tag')
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('network_tag_pk', ['organisation_id', 'candidate_id', 'kind', 'value_key'])
    .addCheckConstraint('network_tag_kind_ck', sql`kind in ('skill', 'certification', 'role_kind', 'venue')`)
    .execute();
  await db.schema
    .createIndex('network_tag_lookup_idx')
    .on('network_tag')
    .columns(['organisation_id', 'kind', 'value_key', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('network_consent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    // given | renewed | withdrawn
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    // candidate_page | email | import
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint('network_consent_kind_ck', sql`kind in ('given', 'renewed', 'withdrawn')`)
    .addCheckConstraint('network_consent_source_ck', sql`source in ('candidate_page', 'email', 'import')`)
    .execute();
  await db.schema
    .createIndex('network_consent_candidate_idx')
    .on('network_consent')
    .columns(['organisation_id', 'candidate_id', 'id'])
    .execute();

  await db.schema
    .createTable('network_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('network_history_candidate_idx')
    .on('network_history')
    .columns(['organisation_id', 'candidate_id', 'id'])
    .execute();

  await db.schema
    .createTable('network_future_fit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('manager_id', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('for_role', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .addColumn('reengage_on', date, (c) => c.notNull())
    .addColumn('reminded_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('network_future_fit_due_idx')
    .on('network_future_fit')
    .columns(['organisation_id', 'reengage_on', 'candidate_id'])
    .execute();
  await db.schema
    .createIndex('network_future_fit_candidate_idx')
    .on('network_future_fit')
    .columns(['organisation_id', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('network_training')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('completed_on', date)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('network_training_candidate_idx')
    .on('network_training')
    .columns(['organisation_id', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('network_unsubscribe_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  await db.schema
    .createTable('network_opportunity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('role_id', 'text', (c) => c.notNull().references('role.id').onDelete('cascade'))
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('note', 'text')
    .addColumn('job_id', 'text')
    .addColumn('message_id', 'text')
    // sent (an email was written) | skipped (no valid consent, or unsubscribed)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('network_opportunity_uq', ['organisation_id', 'role_id', 'candidate_id'])
    .execute();
  await db.schema
    .createIndex('network_opportunity_candidate_idx')
    .on('network_opportunity')
    .columns(['organisation_id', 'candidate_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'network_opportunity',
    'network_unsubscribe_token',
    'network_training',
    'network_future_fit',
    'network_history',
    'network_consent',
    'network_tag',
    'network_profile',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('talent_network_member_expiry_idx').execute();
  await db.schema.alterTable('talent_network_member').dropColumn('source').execute();
}
