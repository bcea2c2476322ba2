import type { Kysely } from 'kysely';

// The reputation dashboard (GET /api/v1/metrics) reads, per figure, an organisation's rows of one
// period: these indexes hold every column those reads use, so each is a range read of one index
// instead of an index read plus a table row per application (or a scan of the whole table).
const indexes: { name: string; table: string; columns: string[] }[] = [
  // Told in the period (time to tell, monthly trend, unsuccessful interviewees, network opt-in) and
  // decided but still untold (told_at null).
  {
    name: 'application_org_told_cover_idx',
    table: 'application',
    columns: [
      'organisation_id',
      'told_at',
      'decided_at',
      'role_id',
      'last_interview_ended_at',
      'decision_due_at',
      'outcome',
      'candidate_id',
      'created_at',
    ],
  },
  // Decided in the period (closure counts).
  {
    name: 'application_org_decided_cover_idx',
    table: 'application',
    columns: ['organisation_id', 'decided_at', 'role_id', 'told_at', 'decision_due_at', 'decision_slips'],
  },
  {
    name: 'decision_slip_org_created_idx',
    table: 'decision_slip',
    columns: ['organisation_id', 'created_at', 'application_id'],
  },
  {
    name: 'feedback_version_org_version_idx',
    table: 'feedback_version',
    columns: ['organisation_id', 'version', 'created_at', 'application_id'],
  },
  { name: 'interview_org_ends_idx', table: 'interview', columns: ['organisation_id', 'ends_at'] },
  {
    name: 'survey_request_org_status_idx',
    table: 'survey_request',
    columns: ['organisation_id', 'status', 'created_at', 'application_id'],
  },
];

// The two covering indexes start with these, so the narrower ones only cost writes now.
const replaced: { name: string; columns: string[] }[] = [
  { name: 'application_org_told_idx', columns: ['organisation_id', 'told_at'] },
  { name: 'application_org_decided_idx', columns: ['organisation_id', 'decided_at'] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of indexes) {
    await db.schema.createIndex(index.name).ifNotExists().on(index.table).columns(index.columns).execute();
  }
  for (const index of replaced) await db.schema.dropIndex(index.name).ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of replaced) {
    await db.schema.createIndex(index.name).ifNotExists().on('application').columns(index.columns).execute();
  }
  for (const index of [...indexes].reverse()) await db.schema.dropIndex(index.name).ifExists().execute();
}
