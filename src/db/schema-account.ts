// Table of password resets (migration 0034); part of the Database interface in schema.ts.

export interface PasswordResetTable {
  id: string;
  user_id: string;
  organisation_id: string;
  /** SHA-256 (hex) of the emailed link's token; null until the email is sent. */
  token_hash: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AccountTables {
  password_reset: PasswordResetTable;
}
