// Queries of reputation (issue #14): the dashboard's figures, the survey and publishing settings and
// the public promise's preview. Kept apart from queries.ts so the feature stays in its own files.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type {
  Metrics,
  PromisePreview,
  ReputationSettingsResponse,
  ReputationSettingsUpdate,
} from '../../../src/features/reputation/reputation.schema.ts';
import { api } from './client';

export type { Metrics, PromisePreview, ReputationSettingsResponse, ReputationSettingsUpdate };

export interface MetricsFilters {
  venueId?: string | undefined;
  roleId?: string | undefined;
  hiringManagerId?: string | undefined;
  /** Whole months: the current one and the ones before it, e.g. 12 = this month and the 11 before. */
  months: number;
}

export const metricsQuery = (filters: MetricsFilters) =>
  queryOptions({
    queryKey: ['reputation', 'metrics', filters],
    queryFn: () => {
      const now = new Date();
      // The API counts whole UTC months, so ask for the first day of the earliest one.
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (filters.months - 1), 1));
      return api<Metrics>('/api/v1/metrics', {
        query: {
          venueId: filters.venueId,
          roleId: filters.roleId,
          hiringManagerId: filters.hiringManagerId,
          from: from.toISOString(),
        },
      });
    },
    placeholderData: keepPreviousData,
  });

export const reputationSettingsQuery = queryOptions({
  queryKey: ['reputation', 'settings'],
  queryFn: () => api<ReputationSettingsResponse>('/api/v1/reputation/settings'),
});

export const promisePreviewQuery = queryOptions({
  queryKey: ['reputation', 'preview'],
  queryFn: () => api<PromisePreview>('/api/v1/reputation/preview'),
});

export const saveReputationSettings = (body: ReputationSettingsUpdate) =>
  api<ReputationSettingsResponse>('/api/v1/reputation/settings', { method: 'PATCH', body });
