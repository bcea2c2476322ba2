import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_auth.ts';
import * as m0002 from './0002_core.ts';
import * as m0003 from './0003_messaging.ts';
import * as m0004 from './0004_assessment.ts';
import * as m0005 from './0005_decision_clock.ts';
import * as m0006 from './0006_feedback.ts';
import * as m0007 from './0007_closure.ts';
import * as m0008 from './0008_portal.ts';
import * as m0009 from './0009_sealed_links.ts';
import * as m0010jobs from './0010_jobs.ts';
import * as m0013network from './0013_talent_network.ts';
import * as m0014indexes from './0014_indexes.ts';
import * as m0015referrals from './0015_referrals.ts';
import * as m0016webhooks from './0016_webhooks.ts';
import * as m0017reputation from './0017_reputation.ts';
import * as m0018closureBulk from './0018_closure_bulk.ts';
import * as m0021privacy from './0021_privacy.ts';
import * as m0024reputationIndexes from './0024_reputation_indexes.ts';
import * as m0026idempotency from './0026_idempotency_keys.ts';
import * as m0027bounces from './0027_message_bounces.ts';
import * as m0030metricsIndexes from './0030_metrics_covering_indexes.ts';
import * as m0031sweepRuns from './0031_retention_sweep_runs.ts';
import * as m0032emailChange from './0032_candidate_email_change.ts';
import * as m0033referralOpens from './0033_referral_link_opens.ts';
import * as m0034passwordResets from './0034_password_resets.ts';
import * as m0035reputationRollup from './0035_reputation_rollup.ts';
import * as m0036networkFit from './0036_network_fit.ts';
import * as m0037staleRoles from './0037_reputation_stale_roles.ts';
import * as m0038frameworkArchive from './0038_framework_archive.ts';
import * as m0039networkFitCover from './0039_network_fit_cover.ts';
import * as m0040roleCountsCover from './0040_role_counts_cover.ts';

// A static list, so migrations work the same from TypeScript sources and from the build.
export const migrations: Record<string, Migration> = {
  '0001_auth': m0001,
  '0002_core': m0002,
  '0003_messaging': m0003,
  '0004_assessment': m0004,
  '0005_decision_clock': m0005,
  '0006_feedback': m0006,
  '0007_closure': m0007,
  '0008_portal': m0008,
  '0009_sealed_links': m0009,
  '0010_jobs': m0010jobs,
  '0014_indexes': m0014indexes,
  '0013_talent_network': m0013network,
  '0015_referrals': m0015referrals,
  '0016_webhooks': m0016webhooks,
  '0017_reputation': m0017reputation,
  '0018_closure_bulk': m0018closureBulk,
  '0026_idempotency_keys': m0026idempotency,
  '0027_message_bounces': m0027bounces,
  '0021_privacy': m0021privacy,
  '0024_reputation_indexes': m0024reputationIndexes,
  '0031_retention_sweep_runs': m0031sweepRuns,
  '0033_referral_link_opens': m0033referralOpens,
  '0032_candidate_email_change': m0032emailChange,
  '0034_password_resets': m0034passwordResets,
  '0030_metrics_covering_indexes': m0030metricsIndexes,
  '0036_network_fit': m0036networkFit,
  '0035_reputation_rollup': m0035reputationRollup,
  '0037_reputation_stale_roles': m0037staleRoles,
  '0038_framework_archive': m0038frameworkArchive,
  '0039_network_fit_cover': m0039networkFitCover,
  '0040_role_counts_cover': m0040roleCountsCover,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
