import type { Kysely } from 'kysely';
import { countColumns, rebuildOrganisation } from '../../features/reputation/rollup.repository.ts';
import type { Database } from '../schema.ts';

// The reputation dashboard's monthly rollup (issue #14): counts and sums per organisation, scope
// (organisation, venue, hiring manager or role) and UTC month, the working days to tell as a
// histogram, and scorecards per interviewer. Filled here from the facts for every organisation (the
// same code as `npx followspot metrics rebuild`, so the columns are the repository's).
export async function up(db: Kysely<unknown>): Promise<void> {
  let month = db.schema
    .createTable('reputation_month')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text')
    .addColumn('hiring_manager_id', 'text');
  for (const name of countColumns) month = month.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  await month.addPrimaryKeyConstraint('reputation_month_pk', ['organisation_id', 'scope', 'month']).execute();

  await db.schema
    .createTable('reputation_month_days')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reputation_month_days_pk', ['organisation_id', 'scope', 'month', 'days'])
    .execute();

  await db.schema
    .createTable('reputation_month_interviewer')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('interviewer_id', 'text', (c) => c.notNull())
    .addColumn('due', 'integer', (c) => c.notNull())
    .addColumn('submitted', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reputation_month_interviewer_pk', [
      'organisation_id',
      'scope',
      'month',
      'interviewer_id',
    ])
    .execute();

  const typed = db as unknown as Kysely<Database>;
  const orgs = await typed.selectFrom('organization').select(['id']).execute();
  for (const org of orgs) await rebuildOrganisation(typed, org.id);
}
