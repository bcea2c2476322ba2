// Tables and columns of the decision clock; part of the Database interface in schema.ts.
// Timestamps are ISO-8601 strings in UTC; local dates ('YYYY-MM-DD' in the venue's time zone) are text.
import type { Generated } from 'kysely';

/** The decision-clock columns of `application` (ApplicationTable extends this). */
export interface ApplicationDecisionColumns {
  /** The end of the latest interview (in the future while one is still to come); null without interviews. */
  last_interview_ended_at: string | null;
  /** The local date the decision is due by. */
  decision_due_date: string | null;
  /** The end of decision_due_date in the venue's time zone. */
  decision_due_at: string | null;
  /** From when the hiring manager is reminded and offered a holding update. */
  decision_remind_at: string | null;
  /** The date last promised to the candidate in a holding update; the deadline is never before it. */
  decision_promised_date: string | null;
  /** Holding updates that moved the deadline. */
  decision_slips: Generated<number>;
  /** When the stage moved from interviewing or awaiting_decision to a decision. */
  decided_at: string | null;
  /** When the candidate was told the outcome. */
  told_at: string | null;
}

/** The decision-clock column of `role` (RoleTable extends this). */
export interface RoleDecisionColumns {
  /** The role's own deadline in working days (1–30); null for the organisation's. */
  decision_working_days: number | null;
}

/** One row per organisation, created on first save. */
export interface DecisionClockSettingsTable {
  organisation_id: string;
  /** 1–30. */
  working_days: number;
  /** 0/1: the sweep sends holding updates when a deadline arrives without a decision. */
  automatic_holding_updates: number;
  updated_by: string | null;
  updated_at: string;
}

/** A day the organisation is closed (e.g. a Christmas shutdown): not a working day anywhere in it. */
export interface OrganisationClosureTable {
  organisation_id: string;
  /** Local date. */
  date: string;
  label: string | null;
}

/** A holding update that moved an application's deadline. */
export interface DecisionSlipTable {
  id: string;
  organisation_id: string;
  application_id: string;
  /** 1 for the first slip of the application, then 2… */
  number: number;
  from_due_date: string;
  to_due_date: string;
  /** 0/1 */
  automatic: number;
  reason: string | null;
  /** The holding-update email in the outbox. */
  message_id: string | null;
  /** `member:<user id>`, `api_key:<id>` or null for the sweep. */
  created_by: string | null;
  created_at: string;
}

/** An in-app notification for a member. */
export interface NotificationTable {
  id: string;
  organisation_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  /** A path in the web app, e.g. /applications/<id>. */
  link_path: string | null;
  read_at: string | null;
  created_at: string;
  /** Unique: the nudge key (plus the recipient when a nudge has several). */
  dedupe_key: string;
}

/** The ledger of nudges that happened: the unique key makes each exactly-once across workers. */
export interface NudgeTable {
  /** e.g. `decision-reminder:<application>:<due date>`. */
  key: string;
  organisation_id: string;
  kind: string;
  application_id: string | null;
  /** What the nudge was about besides the application (a due date, a recipient…), for lookups. */
  subject: string | null;
  created_at: string;
}

export interface DecisionTables {
  decision_clock_settings: DecisionClockSettingsTable;
  organisation_closure: OrganisationClosureTable;
  decision_slip: DecisionSlipTable;
  notification: NotificationTable;
  nudge: NudgeTable;
}
