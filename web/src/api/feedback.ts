// The feedback editor's API: the application's feedback (draft or approved), its check and preview,
// and the training catalogue for the picker. Types come from the server's shared schema (zod only).
import { queryOptions } from '@tanstack/react-query';
import type {
  FeedbackCheckResponse,
  FeedbackResponse,
  FeedbackView,
  TrainingList,
} from '../../../src/features/feedback/feedback.schema.ts';
import { api } from './client';

export type {
  FeedbackCheckResponse,
  FeedbackFindingResponse,
  FeedbackResponse,
  FeedbackView,
  TrainingList,
} from '../../../src/features/feedback/feedback.schema.ts';
export { overrideReasonMinLength } from '../../../src/features/feedback/feedback.schema.ts';

export type FeedbackStatus = FeedbackResponse['status'];
export type DevelopmentArea = FeedbackResponse['structured']['developmentAreas'][number];
export type TrainingEntry = TrainingList['data'][number];

const base = (applicationId: string) => `/api/v1/applications/${applicationId}/feedback`;

export const feedbackQuery = (applicationId: string) =>
  queryOptions({
    queryKey: ['feedback', applicationId],
    queryFn: () => api<FeedbackView>(base(applicationId)),
    retry: false,
  });

export const trainingQuery = (applicationId: string, criterion: string, level: number | null) =>
  queryOptions({
    queryKey: ['training', applicationId, criterion, level],
    queryFn: () =>
      api<TrainingList>('/api/v1/training', {
        query: { criterion, level: level ?? undefined, applicationId },
      }),
    staleTime: 5 * 60_000,
  });

export const draftFeedback = (applicationId: string, recompose = false) =>
  api<FeedbackView>(`${base(applicationId)}/draft`, { method: 'POST', body: { recompose } });

/** Saves the text; `leftOut` (when given) replaces the gaps left out on purpose, each with a reason. */
export const saveFeedback = (
  applicationId: string,
  text: string,
  leftOut?: { criterionKey: string; reason: string }[],
) => api<FeedbackView>(base(applicationId), { method: 'PUT', body: leftOut ? { text, leftOut } : { text } });

export const approveFeedback = (applicationId: string, overrideReason?: string) =>
  api<FeedbackView>(`${base(applicationId)}/approve`, {
    method: 'POST',
    body: overrideReason ? { overrideReason } : {},
  });

export const checkFeedback = (applicationId: string, text: string, signal?: AbortSignal) =>
  api<FeedbackCheckResponse>('/api/v1/feedback/check', {
    method: 'POST',
    body: { text, applicationId },
    signal,
  });

/** The email an unsaved text would send (400 names what to fix when it is not in the email's shape). */
export const previewFeedback = (applicationId: string, text: string, signal?: AbortSignal) =>
  api<FeedbackView['preview']>(`${base(applicationId)}/preview`, { method: 'POST', body: { text }, signal });
