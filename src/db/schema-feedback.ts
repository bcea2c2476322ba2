// Tables of candidate feedback (migration 0006); part of the Database interface in schema.ts.
// Timestamps are ISO-8601 strings in UTC; JSON columns are text.

/** The current feedback of an application: its draft, or the approved text. One row per application. */
export interface FeedbackTable {
  id: string;
  organisation_id: string;
  application_id: string;
  /** 1 on first compose, +1 on every save; the optimistic lock and the history's number. */
  version: number;
  /** draft | approved */
  status: string;
  /** JSON: StructuredFeedback (src/domain/feedback/document.ts). */
  structured: string;
  /** The Markdown the candidate reads (inside the not_progressing email). */
  text: string;
  /** JSON: FeedbackCheck (pass, score, findings) of `text` when it was last saved or approved. */
  check_result: string;
  /** member | api_key, with approved_by its id; null while a draft. */
  approved_by_type: string | null;
  approved_by: string | null;
  approved_at: string | null;
  /** Why it was approved although the check failed (audited as feedback.override_approved). */
  override_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Every saved state of an application's feedback, never changed. */
export interface FeedbackVersionTable {
  id: string;
  organisation_id: string;
  feedback_id: string;
  application_id: string;
  version: number;
  /** composed | edited | approved */
  event: string;
  status: string;
  structured: string;
  text: string;
  check_result: string;
  override_reason: string | null;
  /** member | api_key */
  actor_type: string;
  actor_id: string | null;
  created_at: string;
}

export interface FeedbackTables {
  feedback: FeedbackTable;
  feedback_version: FeedbackVersionTable;
}
