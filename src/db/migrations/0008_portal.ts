import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// The candidate's own page (issue #7 items 6–7): personal links (only the SHA-256 of the token is
// stored), feedback-call requests, talent-network membership with the consent version, experience
// survey responses (one per application) and data requests (deletion).
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);
  const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organization.id').onDelete('cascade');
  const candidate = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('candidate.id').onDelete('cascade');
  const application = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('application.id').onDelete('cascade');

  await db.schema
    .createTable('candidate_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .execute();
  await db.schema
    .createIndex('candidate_link_candidate_idx')
    .on('candidate_link')
    .columns(['organisation_id', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('feedback_call_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('application_id', 'text', (c) => application(c).unique())
    .addColumn('note', 'text')
    .addColumn('preferred_times', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('talent_network_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('candidate_id', 'text', candidate)
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('joined_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('left_at', ts)
    .execute();
  await db.schema
    .createIndex('talent_network_member_candidate_idx')
    .on('talent_network_member')
    .columns(['organisation_id', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('survey_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    .addColumn('application_id', 'text', (c) => application(c).unique())
    .addColumn('recommend', 'integer', (c) => c.notNull())
    .addColumn('told_when_promised', 'integer', (c) => c.notNull())
    .addColumn('feedback_useful', 'integer', (c) => c.notNull())
    .addColumn('treated_with_respect', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint('survey_response_recommend_ck', sql`recommend between 0 and 10`)
    .addCheckConstraint(
      'survey_response_agree_ck',
      sql`told_when_promised between 1 and 5 and feedback_useful between 1 and 5 and treated_with_respect between 1 and 5`,
    )
    .execute();

  await db.schema
    .createTable('data_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', org)
    // Kept after the candidate is erased (candidate_id null), as the record that the request was met.
    .addColumn('candidate_id', 'text', (c) => c.references('candidate.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', ts, (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('closed_at', ts)
    .addCheckConstraint('data_request_kind_ck', sql`kind in ('deletion')`)
    .addCheckConstraint('data_request_status_ck', sql`status in ('open', 'done', 'refused')`)
    .execute();
  await db.schema
    .createIndex('data_request_candidate_idx')
    .on('data_request')
    .columns(['organisation_id', 'candidate_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'data_request',
    'survey_response',
    'talent_network_member',
    'feedback_call_request',
    'candidate_link',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
