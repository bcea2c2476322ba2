// Tables of the messaging feature; part of the Database interface in schema.ts.
// Timestamps are ISO-8601 strings in UTC; JSON is stored as text.

/** One saved version of an organisation's email template; versions are never changed or deleted. */
export interface MessageTemplateVersionTable {
  id: string;
  organisation_id: string;
  template_key: string;
  version: number;
  subject: string;
  /** Liquid + Markdown. */
  body: string;
  /** The user who saved it; null for the built-in default. */
  created_by: string | null;
  created_at: string;
}

/** The transactional outbox: one row per email, written in the transaction of the change that causes it. */
export interface MessageTable {
  id: string;
  organisation_id: string;
  /** Unique per organisation: enqueueing the same key twice makes one message. */
  idempotency_key: string;
  template_key: string;
  template_version_id: string;
  /** held | queued | sending | sent | failed | cancelled */
  status: string;
  /** candidate | member | email */
  recipient_kind: string;
  candidate_id: string | null;
  member_user_id: string | null;
  application_id: string | null;
  to_email: string;
  to_name: string | null;
  reply_to_email: string | null;
  reply_to_name: string | null;
  subject: string;
  html: string;
  text: string;
  /** The template variables the message was rendered with (JSON). */
  variables: string;
  list_unsubscribe: string | null;
  /** An iCalendar invitation (METHOD:REQUEST) sent with the email. */
  ics: string | null;
  /**
   * The secret links the worker mints as it sends (JSON SealedLink[]): the stored subject, HTML and
   * text hold only their markers, so nobody can read a working link out of the outbox.
   */
  sealed_links: string | null;
  /** Not before this instant. */
  send_after: string;
  /** When set, the message leaves only inside this calendar's sending window (JSON WorkingCalendar). */
  send_window: string | null;
  attempts: number;
  last_error: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  smtp_message_id: string | null;
  smtp_response: string | null;
  sent_at: string | null;
  cancelled_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Per-organisation settings; one row per organisation, created on first save. */
export interface OrganisationSettingsTable {
  organisation_id: string;
  logo_url: string | null;
  /** '#rrggbb' */
  brand_colour: string | null;
  updated_at: string;
}

export interface MessagingTables {
  message_template_version: MessageTemplateVersionTable;
  message: MessageTable;
  organisation_settings: OrganisationSettingsTable;
}
