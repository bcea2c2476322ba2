// Queries of privacy (issue #15): the retention policy, who retention anonymises next, legal holds,
// and candidates' data requests. Kept apart from queries.ts so the feature stays in its own files.
import { queryOptions } from '@tanstack/react-query';
import type { DataRequest } from '../../../src/features/data-requests/data-requests.schema.ts';
import type {
  LegalHold,
  PrivacySettings,
  PrivacySettingsUpdate,
  RetentionDue,
} from '../../../src/features/privacy/privacy.schema.ts';
import { api } from './client';

export type { DataRequest, LegalHold, PrivacySettings, PrivacySettingsUpdate, RetentionDue };

export const privacySettingsQuery = queryOptions({
  queryKey: ['privacy', 'settings'],
  queryFn: () => api<PrivacySettings>('/api/v1/privacy/settings'),
});

export const retentionDueQuery = (days: number) =>
  queryOptions({
    queryKey: ['privacy', 'due', days],
    queryFn: () => api<RetentionDue>('/api/v1/privacy/due', { query: { days } }),
  });

export const dataRequestsQuery = queryOptions({
  queryKey: ['privacy', 'data-requests'],
  queryFn: () => api<{ data: DataRequest[] }>('/api/v1/data-requests'),
});

export const savePrivacySettings = (body: PrivacySettingsUpdate) =>
  api<PrivacySettings>('/api/v1/privacy/settings', { method: 'PATCH', body });

export const placeLegalHold = (candidateId: string, reason: string) =>
  api<LegalHold>(`/api/v1/candidates/${candidateId}/legal-hold`, { method: 'PUT', body: { reason } });

export const releaseLegalHold = (candidateId: string) =>
  api<LegalHold>(`/api/v1/candidates/${candidateId}/legal-hold`, { method: 'DELETE' });

/** Meets a deletion request: the candidate is anonymised at once (their figures stay counted). */
export const eraseCandidate = (candidateId: string) =>
  api<void>(`/api/v1/candidates/${candidateId}`, { method: 'DELETE' });

export const refuseDataRequest = (id: string, reason: string) =>
  api<{ data: DataRequest[] }>(`/api/v1/data-requests/${id}/refuse`, { method: 'POST', body: { reason } });
