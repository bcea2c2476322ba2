// Tables and columns of closure (migration 0007); part of the Database interface in schema.ts.

/** How the candidate was told the outcome. */
export const toldVias = ['email', 'call', 'meeting', 'candidate_response', 'candidate_withdrew'] as const;
export type ToldVia = (typeof toldVias)[number];

/** The closure columns of `application` (ApplicationTable extends this). */
export interface ApplicationClosureColumns {
  /** A ToldVia; null until the candidate has been told. */
  told_via: string | null;
  /** The note of a logged call or meeting, or of a withdrawal. */
  told_note: string | null;
  /** The decision reached (a Stage: offer, hired, offer_declined, not_progressing, withdrawn). */
  outcome: string | null;
}

/** An application in a role's "close the rest" review queue. */
export interface ClosureQueueItemTable {
  organisation_id: string;
  role_id: string;
  application_id: string;
  problem: string | null;
  /** feedback | screening | without_scorecards (migration 0018). */
  kind: string;
  /** JSON { reasons, note? }: the screening message chosen for the item. */
  screening: string | null;
  without_scorecards_note: string | null;
  /** JSON FeedbackCheck of the screening message. */
  check_result: string | null;
  approved_at: string | null;
  approved_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ClosureTables {
  closure_queue_item: ClosureQueueItemTable;
}
