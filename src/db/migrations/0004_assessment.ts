import { type Kysely, sql } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

// Assessment: organisation frameworks and their versions, role requirements, scorecards and their
// ratings. Built-in frameworks are in code, so framework ids on requirements and scorecards are
// plain text without a foreign key.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const ts = sql.raw(t.timestamp);

  await db.schema
    .createTable('framework')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('copied_from_id', 'text')
    .addColumn('copied_from_version_id', 'text')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('framework_org_idx')
    .on('framework')
    .columns(['organisation_id', 'id'])
    .execute();

  await db.schema
    .createTable('framework_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('framework_id', 'text', (c) => c.notNull().references('framework.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('criteria', sql.raw(t.json), (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('framework_version_uq')
    .on('framework_version')
    .columns(['framework_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('role_requirement')
    .addColumn('role_id', 'text', (c) => c.primaryKey().references('role.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('framework_version_id', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('role_requirement_org_idx')
    .on('role_requirement')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('role_requirement_criterion')
    .addColumn('role_id', 'text', (c) =>
      c.notNull().references('role_requirement.role_id').onDelete('cascade'),
    )
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('required_level', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_requirement_criterion_pk', ['role_id', 'criterion_key'])
    .addCheckConstraint('role_requirement_criterion_weight_ck', sql`weight between 0 and 5`)
    .addCheckConstraint('role_requirement_criterion_level_ck', sql`required_level between 1 and 4`)
    .execute();

  await db.schema
    .createTable('scorecard')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interview.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id').onDelete('cascade'))
    // No foreign key to user: a scorecard outlives its author's account.
    .addColumn('interviewer_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('framework_version_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text')
    .addColumn('private_notes', 'text')
    .addColumn('submitted_at', ts)
    .addColumn('amended_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint('scorecard_status_ck', sql`status in ('draft', 'submitted')`)
    .addCheckConstraint(
      'scorecard_recommendation_ck',
      sql`recommendation is null or recommendation in ('strong_no', 'no', 'yes', 'strong_yes')`,
    )
    .execute();
  await db.schema
    .createIndex('scorecard_interview_interviewer_uq')
    .on('scorecard')
    .columns(['interview_id', 'interviewer_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('scorecard_org_application_idx')
    .on('scorecard')
    .columns(['organisation_id', 'application_id'])
    .execute();
  await db.schema
    .createIndex('scorecard_interviewer_idx')
    .on('scorecard')
    .columns(['interviewer_id', 'status'])
    .execute();

  await db.schema
    .createTable('scorecard_rating')
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('scorecard.id').onDelete('cascade'))
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('evidence', 'text')
    .addPrimaryKeyConstraint('scorecard_rating_pk', ['scorecard_id', 'criterion_key'])
    .addCheckConstraint('scorecard_rating_rating_ck', sql`rating is null or rating between 1 and 4`)
    .execute();
  await db.schema
    .createIndex('scorecard_rating_criterion_idx')
    .on('scorecard_rating')
    .columns(['criterion_key', 'rating'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'scorecard_rating',
    'scorecard',
    'role_requirement_criterion',
    'role_requirement',
    'framework_version',
    'framework',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
