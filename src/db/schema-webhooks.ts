// Tables of webhooks (migration 0016); part of the Database interface in schema.ts.
// Timestamps are ISO-8601 strings in UTC; booleans are 0/1.

/** Per organisation: whether endpoints may point at loopback or private addresses. */
export interface WebhookSettingTable {
  organisation_id: string;
  allow_private_addresses: number;
  updated_at: string;
}

export interface WebhookEndpointTable {
  id: string;
  organisation_id: string;
  url: string;
  description: string | null;
  /** JSON array of event types. */
  event_types: string;
  /** AES-256-GCM under a key derived from SECRET: the secret is needed in clear to sign. */
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: string | null;
  enabled: number;
  disabled_reason: string | null;
  /** The first failure of the current run of failures; cleared by a success. */
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookEventTable {
  id: string;
  organisation_id: string;
  type: string;
  /** JSON: the event's `data`. */
  payload: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  organisation_id: string;
  endpoint_id: string;
  event_id: string;
  /** pending | sending | delivered | failed */
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  request_headers: string | null;
  request_body: string | null;
  response_status: number | null;
  response_body: string | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookTables {
  webhook_setting: WebhookSettingTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_event: WebhookEventTable;
  webhook_delivery: WebhookDeliveryTable;
}
