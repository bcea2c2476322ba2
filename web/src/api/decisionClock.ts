// Queries of the decision clock (issue #5): the decisions queues, holding updates, notifications and
// the organisation's deadline settings. Kept apart from queries.ts so the feature stays in its own files.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ApplicationView } from '../../../src/features/applications/applications.schema.ts';
import type {
  DecisionClockSettings,
  HoldingUpdate,
  ScorecardReminders,
} from '../../../src/features/decision-clock/decision-clock.schema.ts';
import type { NotificationPage } from '../../../src/features/notifications/notifications.schema.ts';
import { api, fetchAll } from './client';
import type { Application } from './types';

export type {
  Notification,
  NotificationPage,
} from '../../../src/features/notifications/notifications.schema.ts';
export type { DecisionClockSettings, HoldingUpdate };

/** Tabs of the Decisions page: the deadline queues, and outcomes nobody has told the candidate of. */
export type DecisionTab = ApplicationView | 'to-tell';

/** Applications waiting for a decision (or past their deadline, or to tell), soonest deadline first. */
export const decisionsQuery = (tab: DecisionTab, mine: boolean) =>
  queryOptions({
    queryKey: ['applications', 'decisions', { tab, mine }],
    queryFn: () =>
      fetchAll<Application>(
        '/api/v1/applications',
        {
          ...(tab === 'to-tell' ? { toTell: 'true' } : { view: tab }),
          hiringManagerId: mine ? 'me' : undefined,
        },
        500,
      ),
    placeholderData: keepPreviousData,
  });

/** Emails every interviewer who still owes a scorecard for the application (once a day each). */
export const remindScorecards = (applicationId: string) =>
  api<ScorecardReminders>(`/api/v1/applications/${applicationId}/scorecard-reminders`, { method: 'POST' });

export const holdingUpdatesQuery = (applicationId: string) =>
  queryOptions({
    queryKey: ['applications', 'holding-updates', applicationId],
    queryFn: async () =>
      (await api<{ data: HoldingUpdate[] }>(`/api/v1/applications/${applicationId}/holding-updates`)).data,
  });

/** The newest 20 notifications (unread first) and the unread count, checked every minute. */
export const notificationsQuery = queryOptions({
  queryKey: ['notifications'],
  queryFn: () => api<NotificationPage>('/api/v1/notifications', { query: { limit: 20 } }),
  refetchInterval: 60_000,
  refetchIntervalInBackground: false,
});

export const decisionClockSettingsQuery = queryOptions({
  queryKey: ['settings', 'decision-clock'],
  queryFn: () => api<DecisionClockSettings>('/api/v1/settings/decision-clock'),
  retry: false,
});
