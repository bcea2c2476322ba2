// Table of bounces (migration 0027); part of the Database interface in schema.ts.

export interface MessageBounceTable {
  id: string;
  organisation_id: string;
  message_id: string;
  provider: 'mailgun' | 'postmark' | 'ses' | 'sendgrid' | 'imap';
  provider_event_id: string;
  kind: 'hard' | 'soft' | 'complaint';
  /** The provider's diagnostic, e.g. "550 5.1.1 mailbox does not exist". */
  detail: string | null;
  received_at: string;
}

export interface BounceTables {
  message_bounce: MessageBounceTable;
}
