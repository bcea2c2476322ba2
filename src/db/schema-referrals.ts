// Tables of referrals from candidates (migration 0015); part of the Database interface in schema.ts.

/** A referrer's personal link; only the SHA-256 of the code is kept. */
export interface ReferralLinkTable {
  id: string;
  organisation_id: string;
  referrer_candidate_id: string;
  code_hash: string;
  role_id: string | null;
  kind_of_work: string | null;
  /** 1: the colleague's page shows the referrer's first name. */
  show_first_name: number;
  /** Times the colleague's page was opened: a count only, nothing about who opened it. */
  view_count: number;
  first_viewed_at: string | null;
  last_viewed_at: string | null;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

/** One colleague who came forward through one link. */
export interface ReferralTable {
  id: string;
  organisation_id: string;
  link_id: string;
  referrer_candidate_id: string;
  candidate_id: string;
  application_id: string | null;
  joined_network_at: string | null;
  interest_at: string | null;
  arrival_thanks_at: string | null;
  hired_thanks_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReferralAskOffTable {
  organisation_id: string;
  template_key: string;
  created_at: string;
}

export interface ReferralTables {
  referral_link: ReferralLinkTable;
  referral: ReferralTable;
  referral_ask_off: ReferralAskOffTable;
}
