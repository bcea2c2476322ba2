// The talent network (issue #12): the members list and its filters, the re-engage queue, a
// candidate's membership, a role's ranked matches and sending opportunities (a background job).
// Kept apart from queries.ts so the feature stays in its own files.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Job } from '../../../src/features/jobs/jobs.schema.ts';
import type {
  AvailabilityKind,
  ConsentStatus,
  NetworkMatch,
  NetworkMember,
  NetworkMembership,
  OpportunitiesCreate,
  opportunityPreviewSchema,
  reengageItemSchema,
} from '../../../src/features/network/network.schema.ts';
import { api } from './client';

export type { Job, NetworkMatch, NetworkMember, NetworkMembership };
export type ReengageItem = z.infer<typeof reengageItemSchema>;
export type OpportunityPreview = z.infer<typeof opportunityPreviewSchema>['data'][number];

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface NetworkFilters {
  q?: string | undefined;
  skill?: string | undefined;
  region?: string | undefined;
  availability?: AvailabilityKind | undefined;
  interest?: string | undefined;
  consentStatus?: ConsentStatus | undefined;
  futureFitDue?: boolean | undefined;
}

const PAGE = 50;

export const networkQuery = (filters: NetworkFilters) =>
  infiniteQueryOptions({
    queryKey: ['network', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<NetworkMember>>('/api/v1/network', {
        query: {
          ...filters,
          futureFitDue: filters.futureFitDue ? 'true' : undefined,
          limit: PAGE,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const reengageQuery = infiniteQueryOptions({
  queryKey: ['network', 're-engage'],
  queryFn: ({ pageParam, signal }) =>
    api<Page<ReengageItem>>('/api/v1/network/re-engage', {
      query: { limit: PAGE, cursor: pageParam },
      signal,
    }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const membershipQuery = (candidateId: string) =>
  queryOptions({
    queryKey: ['network', 'membership', candidateId],
    queryFn: () => api<NetworkMembership>(`/api/v1/network/${candidateId}`),
  });

export const matchesQuery = (roleId: string, kind: 'permanent' | 'casual') =>
  queryOptions({
    queryKey: ['network', 'matches', roleId, kind],
    queryFn: async () =>
      (
        await api<{ roleId: string; data: NetworkMatch[] }>(`/api/v1/roles/${roleId}/network-matches`, {
          query: { kind },
        })
      ).data,
  });

export const previewOpportunities = async (roleId: string, body: OpportunitiesCreate) =>
  (
    await api<{ data: OpportunityPreview[] }>(`/api/v1/roles/${roleId}/opportunities/preview`, {
      method: 'POST',
      body,
    })
  ).data;

export const sendOpportunities = (roleId: string, body: OpportunitiesCreate) =>
  api<Job>(`/api/v1/roles/${roleId}/opportunities`, { method: 'POST', body });

export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: ['jobs', id],
    queryFn: () => api<Job>(`/api/v1/jobs/${id}`),
    refetchInterval: (query) =>
      query.state.data && ['succeeded', 'failed', 'cancelled'].includes(query.state.data.status)
        ? false
        : 1000,
  });
