import type { Kysely } from 'kysely';

// Indexes for every list and page at venue-group scale: each one starts with organisation_id (every
// query does) and ends with the column the page is sorted and keyed by, so a page reads its rows in
// order and stops at the limit instead of sorting the organisation's rows.
const indexes: { name: string; table: string; columns: string[] }[] = [
  // A role's pipeline, and each role's application counts in the roles list.
  { name: 'application_org_role_idx', table: 'application', columns: ['organisation_id', 'role_id', 'id'] },
  // A candidate's applications (their record, their personal page, the candidates list's counts).
  {
    name: 'application_org_candidate_idx',
    table: 'application',
    columns: ['organisation_id', 'candidate_id', 'id'],
  },
  // Every application of the organisation, newest first.
  { name: 'application_org_id_idx', table: 'application', columns: ['organisation_id', 'id'] },
  // Interview summaries of a page of applications, and the interviews list.
  {
    name: 'interview_org_application_idx',
    table: 'interview',
    columns: ['organisation_id', 'application_id'],
  },
  { name: 'interview_org_id_idx', table: 'interview', columns: ['organisation_id', 'id'] },
  { name: 'role_org_id_idx', table: 'role', columns: ['organisation_id', 'id'] },
  { name: 'role_org_venue_idx', table: 'role', columns: ['organisation_id', 'venue_id', 'id'] },
  { name: 'candidate_org_id_idx', table: 'candidate', columns: ['organisation_id', 'id'] },
  // The outbox list by status, a candidate's and an application's emails, newest first.
  { name: 'message_org_status_idx', table: 'message', columns: ['organisation_id', 'status', 'id'] },
  { name: 'message_org_candidate_idx', table: 'message', columns: ['organisation_id', 'candidate_id', 'id'] },
  {
    name: 'message_org_application_idx',
    table: 'message',
    columns: ['organisation_id', 'application_id', 'id'],
  },
  { name: 'scorecard_org_id_idx', table: 'scorecard', columns: ['organisation_id', 'id'] },
  {
    name: 'scorecard_org_interviewer_idx',
    table: 'scorecard',
    columns: ['organisation_id', 'interviewer_id', 'id'],
  },
  { name: 'notification_org_id_idx', table: 'notification', columns: ['organisation_id', 'user_id', 'id'] },
  // A candidate's timeline reads the audit trail of their applications.
  {
    name: 'audit_event_org_subject_idx',
    table: 'audit_event',
    columns: ['organisation_id', 'subject_type', 'subject_id'],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of indexes) {
    await db.schema.createIndex(index.name).ifNotExists().on(index.table).columns(index.columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [...indexes].reverse()) await db.schema.dropIndex(index.name).ifExists().execute();
}
