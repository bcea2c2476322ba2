// Closing applications (decisions, how the candidate was told, close the rest, the closure report and
// the candidate's timeline). Kept apart from queries.ts so the feature stays in its own files.
import { queryOptions } from '@tanstack/react-query';
import type {
  ApproveManyResult,
  ClosureReport,
  DecisionRequest,
  DecisionResponse,
  QueueItem,
  SendResult,
  TimelineEvent,
  TimelineKind,
  ToldRequest,
} from '../../../src/features/closure/closure.schema.ts';
import { api } from './client';
import type { Application } from './types';

export type {
  ApproveManyResult,
  ClosureReport,
  DecisionRequest,
  DecisionResponse,
  QueueItem,
  SendResult,
  TimelineEvent,
  TimelineKind,
  ToldRequest,
};
export type ClosureReportRow = ClosureReport['rows'][number];

export const decide = (applicationId: string, body: DecisionRequest) =>
  api<DecisionResponse>(`/api/v1/applications/${applicationId}/decision`, { method: 'POST', body });

export const logTold = (applicationId: string, body: ToldRequest) =>
  api<Application>(`/api/v1/applications/${applicationId}/told`, { method: 'POST', body });

export const inviteToFeedbackCall = (
  applicationId: string,
  body: { startsAt: string; endsAt: string; location: string; message?: string },
) =>
  api<{ messageId: string }>(`/api/v1/applications/${applicationId}/feedback-call`, { method: 'POST', body });

const queuePath = (roleId: string) => `/api/v1/roles/${roleId}/close-the-rest`;

export const closeTheRestQuery = (roleId: string) =>
  queryOptions({
    queryKey: ['closure', 'queue', roleId],
    queryFn: async () => (await api<{ queue: QueueItem[] }>(queuePath(roleId))).queue,
  });

export const startCloseTheRest = async (
  roleId: string,
  body: { applicationIds?: string[]; confirmOffersOut?: boolean } = {},
) => (await api<{ queue: QueueItem[] }>(queuePath(roleId), { method: 'POST', body })).queue;

export const approveMany = (roleId: string, applicationIds: string[]) =>
  api<ApproveManyResult>(`${queuePath(roleId)}/approve`, { method: 'POST', body: { applicationIds } });

export const sendTheRest = (roleId: string, onlyApproved: boolean) =>
  api<SendResult>(`${queuePath(roleId)}/send`, {
    method: 'POST',
    body: onlyApproved ? { onlyApproved: true } : {},
  });

export const closureReportPath = (roleId: string) => `/api/v1/roles/${roleId}/closure-report`;
export const closureReportCsvHref = (roleId: string) => `${closureReportPath(roleId)}?format=csv`;

export const closureReportQuery = (roleId: string) =>
  queryOptions({
    queryKey: ['closure', 'report', roleId],
    queryFn: () => api<ClosureReport>(closureReportPath(roleId)),
  });

export const timelineQuery = (candidateId: string) =>
  queryOptions({
    queryKey: ['closure', 'timeline', candidateId],
    queryFn: async () =>
      (
        await api<{ candidateId: string; events: TimelineEvent[] }>(
          `/api/v1/candidates/${candidateId}/timeline`,
        )
      ).events,
  });
