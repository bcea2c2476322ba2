// Closing applications (decisions, how the candidate was told, close the rest, the closure report and
// the candidate's timeline). Kept apart from queries.ts so the feature stays in its own files.
import { queryOptions } from '@tanstack/react-query';
import type {
  ApproveManyResult,
  ClosureReport,
  DecisionRequest,
  DecisionResponse,
  QueueItem,
  QueueItemPatch,
  ScreeningReasons,
  SendResult,
  TimelineEvent,
  TimelineKind,
  ToldRequest,
} from '../../../src/features/closure/closure.schema.ts';
import { finishedJobStatuses, type Job } from '../../../src/features/jobs/jobs.schema.ts';
import { api } from './client';
import type { Application } from './types';

export type {
  ApproveManyResult,
  ClosureReport,
  DecisionRequest,
  DecisionResponse,
  Job,
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

/** A 202 answer: the work runs as a background job (many applications); poll it with jobQuery. */
const isJob = (body: unknown): body is Job =>
  typeof body === 'object' && body !== null && 'kind' in body && 'status' in body && 'progress' in body;

export type Started<T> = { done: T } | { job: Job };

export const startCloseTheRest = async (
  roleId: string,
  body: { applicationIds?: string[]; confirmOffersOut?: boolean } = {},
): Promise<Started<QueueItem[]>> => {
  const out = await api<{ queue: QueueItem[] } | Job>(queuePath(roleId), { method: 'POST', body });
  return isJob(out) ? { job: out } : { done: out.queue };
};

export const approveMany = (roleId: string, applicationIds: string[]) =>
  api<ApproveManyResult>(`${queuePath(roleId)}/approve`, { method: 'POST', body: { applicationIds } });

export const sendTheRest = async (roleId: string, onlyApproved: boolean): Promise<Started<SendResult>> => {
  const out = await api<SendResult | Job>(`${queuePath(roleId)}/send`, {
    method: 'POST',
    body: onlyApproved ? { onlyApproved: true } : {},
  });
  return isJob(out) ? { job: out } : { done: out };
};

/** Edits one item in place: the screening reason (and note), and why to decide without scorecards. */
export const editQueueItem = (roleId: string, applicationId: string, body: QueueItemPatch) =>
  api<QueueItem>(`${queuePath(roleId)}/${applicationId}`, { method: 'PATCH', body });

export const screeningReasonsQuery = (roleId: string) =>
  queryOptions({
    queryKey: ['closure', 'screening-reasons', roleId],
    queryFn: () => api<ScreeningReasons>(`/api/v1/roles/${roleId}/screening-reasons`),
  });

export const isFinished = (job: Job) => finishedJobStatuses.includes(job.status);

/** A background job, polled every second until it has finished. */
export const jobQuery = (jobId: string) =>
  queryOptions({
    queryKey: ['jobs', jobId],
    queryFn: () => api<Job>(`/api/v1/jobs/${jobId}`),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : 1000),
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
