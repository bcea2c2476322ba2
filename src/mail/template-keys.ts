// The key of every email template, in the order Settings → Templates lists them.
export const templateKeys = [
  'offer',
  'not_progressing',
  'holding_update',
  'feedback_call',
  'talent_network_invitation',
  'new_opportunity',
  'referral_thanks',
  'experience_survey',
  'reconsent',
  'scorecard_reminder',
  'decision_reminder',
  'escalation',
  'manager_digest',
  'organisation_invitation',
  'fresh_link',
  'future_fit_reminder',
] as const;
