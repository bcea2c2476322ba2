// Referrals from candidates: the hiring team's list and per-referrer counts. Kept apart from
// queries.ts so the feature stays in its own files.
import { queryOptions } from '@tanstack/react-query';
import type {
  Referral,
  ReferralAskSettings,
  ReferralLinkPage,
  ReferralLinkStatus,
  ReferralPage,
  Referrer,
} from '../../../src/features/referrals/referrals.schema.ts';
import { api } from './client';

export type { Referral, ReferralAskSettings, ReferralLinkStatus, Referrer };

export const referralsQuery = (filters: { candidateId?: string } = {}) =>
  queryOptions({
    queryKey: ['referrals', 'list', filters],
    queryFn: () => {
      const query = new URLSearchParams({ limit: '100' });
      if (filters.candidateId) query.set('candidateId', filters.candidateId);
      return api<ReferralPage>(`/api/v1/referrals?${query}`);
    },
  });

export const referrersQuery = queryOptions({
  queryKey: ['referrals', 'referrers'],
  queryFn: () => api<{ data: Referrer[] }>('/api/v1/referrals/referrers'),
});

export const referralAskSettingsQuery = queryOptions({
  queryKey: ['referrals', 'ask-settings'],
  queryFn: () => api<ReferralAskSettings>('/api/v1/referrals/ask-settings'),
});

export const referralLinksQuery = queryOptions({
  queryKey: ['referrals', 'links'],
  queryFn: () => api<ReferralLinkPage>('/api/v1/referrals/links?limit=100'),
});
