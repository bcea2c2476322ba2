import {
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { useRouteContext } from '@tanstack/react-router';
import { api, fetchAll, type Page } from './client';
import type {
  ApiKeyView,
  Application,
  ApplicationSummary,
  Branding,
  Candidate,
  Framework,
  FrameworkSummary,
  Interview,
  Invitation,
  InvitationPreview,
  Me,
  Member,
  Message,
  MessageDetail,
  MessageStatus,
  Requirements,
  Role,
  ScorecardCompletion,
  ScorecardDetail,
  ScorecardListItem,
  TemplateDetail,
  TemplateSummary,
  Venue,
} from './types';

const PAGE = 25;

export const setupQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: () => api<{ required: boolean }>('/api/v1/setup'),
  staleTime: Number.POSITIVE_INFINITY,
  retry: 1,
});

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => api<Me>('/api/v1/me'),
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe(): Me {
  const { data } = useQuery(meQuery);
  // The app's layout route loads `me` before any page inside it renders; its copy stands in while
  // the query refetches after being cleared.
  const context = useRouteContext({ strict: false }) as { me?: Me };
  return (data ?? context.me) as Me;
}

export function canManageHiring(me: Me | undefined): boolean {
  return me?.role === 'admin' || me?.role === 'manager';
}

export function isAdmin(me: Me | undefined): boolean {
  return me?.role === 'admin';
}

// Venues
export const venuesQuery = (includeArchived = false) =>
  queryOptions({
    queryKey: ['venues', 'list', { includeArchived }],
    queryFn: () => fetchAll<Venue>('/api/v1/venues', { includeArchived: String(includeArchived) }),
  });

// Roles
export interface RoleFilters {
  status?: 'open' | 'filled' | 'archived' | undefined;
  q?: string | undefined;
  venueId?: string | undefined;
}
export const rolesQuery = (filters: RoleFilters) =>
  infiniteQueryOptions({
    queryKey: ['roles', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Role>>('/api/v1/roles', { query: { ...filters, limit: PAGE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
export const useRoles = (filters: RoleFilters) => useInfiniteQuery(rolesQuery(filters));
export const allOpenRolesQuery = queryOptions({
  queryKey: ['roles', 'list', 'all-open'],
  queryFn: () => fetchAll<Role>('/api/v1/roles', { status: 'open' }),
});
export const roleQuery = (id: string) =>
  queryOptions({ queryKey: ['roles', 'detail', id], queryFn: () => api<Role>(`/api/v1/roles/${id}`) });

// Candidates
export const candidatesQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: ['candidates', 'list', { q }],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Candidate>>('/api/v1/candidates', { query: { q, limit: PAGE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
export const useCandidates = (q: string) => useInfiniteQuery(candidatesQuery(q));
export const candidateSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['candidates', 'search', q],
    queryFn: ({ signal }) => api<Page<Candidate>>('/api/v1/candidates', { query: { q, limit: 8 }, signal }),
    placeholderData: keepPreviousData,
  });
export const candidateQuery = (id: string) =>
  queryOptions({
    queryKey: ['candidates', 'detail', id],
    queryFn: () => api<Candidate>(`/api/v1/candidates/${id}`),
  });

// Applications
export interface ApplicationFilters {
  roleId?: string;
  candidateId?: string;
  stage?: string[];
}
export const applicationsQuery = (filters: ApplicationFilters) =>
  queryOptions({
    queryKey: ['applications', 'list', filters],
    queryFn: () =>
      fetchAll<Application>('/api/v1/applications', {
        roleId: filters.roleId,
        candidateId: filters.candidateId,
        stage: filters.stage,
      }),
  });
export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: ['applications', 'detail', id],
    queryFn: () => api<Application>(`/api/v1/applications/${id}`),
  });

// Interviews
export interface InterviewFilters {
  applicationId?: string;
  interviewerId?: 'me' | string;
  from?: string;
  to?: string;
}
export const interviewsQuery = (filters: InterviewFilters) =>
  queryOptions({
    queryKey: ['interviews', 'list', filters],
    queryFn: () => fetchAll<Interview>('/api/v1/interviews', { ...filters }, 500),
  });

// Members, invitations, API keys
export const membersQuery = queryOptions({
  queryKey: ['members'],
  queryFn: () => fetchAll<Member>('/api/v1/members'),
  staleTime: 60_000,
});
export const invitationsQuery = queryOptions({
  queryKey: ['invitations'],
  queryFn: async () => {
    const result = await api<Page<Invitation> | { data: Invitation[] }>('/api/v1/invitations');
    return result.data;
  },
});
export const invitationByTokenQuery = (token: string) =>
  queryOptions({
    queryKey: ['invitation-token', token],
    queryFn: () => api<InvitationPreview>(`/api/v1/invitations/by-token/${encodeURIComponent(token)}`),
    retry: false,
  });
export const apiKeysQuery = queryOptions({
  queryKey: ['api-keys'],
  queryFn: async () => (await api<{ data: ApiKeyView[] }>('/api/v1/api-keys')).data,
});

// Assessment: frameworks, role requirements, scorecards, the application summary
/** The frameworks a role may be put on; with `includeArchived`, the archived ones too (settings). */
export const frameworksQuery = (includeArchived = false) =>
  queryOptions({
    queryKey: ['frameworks', 'list', { includeArchived }],
    queryFn: async () =>
      (
        await api<{ data: FrameworkSummary[] }>('/api/v1/frameworks', {
          query: { includeArchived: String(includeArchived) },
        })
      ).data,
    staleTime: 60_000,
  });
export const frameworkQuery = (id: string, version?: number) =>
  queryOptions({
    queryKey: ['frameworks', 'detail', id, version ?? 'latest'],
    queryFn: () => api<Framework>(`/api/v1/frameworks/${id}`, { query: { version } }),
    staleTime: 60_000,
  });
export const requirementsQuery = (roleId: string) =>
  queryOptions({
    queryKey: ['requirements', roleId],
    queryFn: () => api<Requirements>(`/api/v1/roles/${roleId}/requirements`),
  });
export const scorecardCompletionQuery = (roleId: string) =>
  queryOptions({
    queryKey: ['scorecards', 'completion', roleId],
    queryFn: () => api<ScorecardCompletion>(`/api/v1/roles/${roleId}/scorecard-completion`),
  });
export const scorecardQuery = (id: string) =>
  queryOptions({
    queryKey: ['scorecards', 'detail', id],
    queryFn: () => api<ScorecardDetail>(`/api/v1/scorecards/${id}`),
  });
/** What the signed-in interviewer still owes: ended interviews without a submitted scorecard. */
export const owedScorecardsQuery = queryOptions({
  queryKey: ['scorecards', 'owed'],
  queryFn: async () =>
    (await api<Page<ScorecardListItem>>('/api/v1/scorecards', { query: { owed: 'me' } })).data,
});
/** The signed-in member's own scorecards (of one application, or all), by interview. */
export const myScorecardsQuery = (applicationId?: string) =>
  queryOptions({
    queryKey: ['scorecards', 'mine', applicationId ?? 'all'],
    queryFn: () => fetchAll<ScorecardListItem>('/api/v1/scorecards', { applicationId, interviewerId: 'me' }),
  });
export const applicationSummaryQuery = (applicationId: string) =>
  queryOptions({
    queryKey: ['scorecards', 'summary', applicationId],
    queryFn: () => api<ApplicationSummary>(`/api/v1/applications/${applicationId}/summary`),
  });

// Messages: the outbox
const inFlight = (status: MessageStatus) => status === 'queued' || status === 'sending';
export interface MessageFilters {
  status?: MessageStatus | undefined;
  candidateId?: string | undefined;
  applicationId?: string | undefined;
  templateKey?: string | undefined;
  /** Candidates' emails, or the team's (reminders, notices, invitations). */
  audience?: 'candidates' | 'team' | undefined;
}
export const messagesQuery = (filters: MessageFilters) =>
  infiniteQueryOptions({
    queryKey: ['messages', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Message>>('/api/v1/messages', {
        query: { ...filters, limit: PAGE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // Emails on their way change status without anyone here doing anything.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.data.some((m) => inFlight(m.status))) ? 30_000 : false,
  });
export const useMessages = (filters: MessageFilters) => useInfiniteQuery(messagesQuery(filters));
/** Whether any email is held (SMTP is not set up): the newest held message, if there is one. */
export const heldMessageQuery = queryOptions({
  queryKey: ['messages', 'held'],
  queryFn: async () =>
    (await api<Page<Message>>('/api/v1/messages', { query: { status: 'held', limit: 1 } })).data[0] ?? null,
});
/** Every message to a candidate, or about an application, newest first (a short list shown whole). */
export const messagesAboutQuery = (about: { candidateId: string } | { applicationId: string }) =>
  queryOptions({
    queryKey: ['messages', 'about', about],
    queryFn: () => fetchAll<Message>('/api/v1/messages', { ...about }, 200),
  });
export const messageQuery = (id: string) =>
  queryOptions({
    queryKey: ['messages', 'detail', id],
    queryFn: () => api<MessageDetail>(`/api/v1/messages/${id}`),
    refetchInterval: (query) => (query.state.data && inFlight(query.state.data.status) ? 15_000 : false),
  });

// Email templates and branding
export const templatesQuery = queryOptions({
  queryKey: ['templates', 'list'],
  queryFn: async () => (await api<{ data: TemplateSummary[] }>('/api/v1/templates')).data,
});
export const templateQuery = (key: string) =>
  queryOptions({
    queryKey: ['templates', 'detail', key],
    queryFn: () => api<TemplateDetail>(`/api/v1/templates/${key}`),
  });
export const brandingQuery = queryOptions({
  queryKey: ['branding'],
  queryFn: () => api<Branding>('/api/v1/settings/branding'),
});
/** The newest applications (or those whose candidate matches `q`), for choosing one to preview with. */
export const recentApplicationsQuery = (q: string) =>
  queryOptions({
    queryKey: ['applications', 'recent', q],
    queryFn: async ({ signal }) =>
      (await api<Page<Application>>('/api/v1/applications', { query: { q, limit: 20 }, signal })).data,
    placeholderData: keepPreviousData,
  });

/** Refreshes every cached list and record under these roots (`roles`, `applications`, …). */
export function refresh(queryClient: QueryClient, ...roots: string[]): Promise<void> {
  return Promise.all(roots.map((root) => queryClient.invalidateQueries({ queryKey: [root] }))).then(
    () => undefined,
  );
}
