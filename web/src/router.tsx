import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { z } from 'zod';
import { messageStatuses } from '../../src/features/messages/messages.schema.ts';
import { availabilityKinds, consentStatuses } from '../../src/features/network/network.schema.ts';
import { roleStatuses } from '../../src/features/roles/roles.schema.ts';
import { templateKeys } from '../../src/mail/template-keys.ts';
import { isApiError } from './api/client';
import { meQuery, setupQuery } from './api/queries';
import { PageLoading } from './components/states';
import { NotFoundPage, RouteErrorPage } from './pages/NotFoundPage';

// Each page is its own chunk, fetched on navigation (or on hover, via preload): the first page stays small.
// The signed-in layout too, so the sign-in page loads none of its menus.
const AppLayout = lazyRouteComponent(() => import('./components/AppLayout'), 'AppLayout');
const ApplicationPage = lazyRouteComponent(() => import('./pages/ApplicationPage'), 'ApplicationPage');
const CandidatePage = lazyRouteComponent(() => import('./pages/CandidatePage'), 'CandidatePage');
const CandidatesPage = lazyRouteComponent(() => import('./pages/CandidatesPage'), 'CandidatesPage');
const CloseTheRestPage = lazyRouteComponent(() => import('./pages/CloseTheRestPage'), 'CloseTheRestPage');
const ClosureReportPage = lazyRouteComponent(() => import('./pages/ClosureReportPage'), 'ClosureReportPage');
const DashboardPage = lazyRouteComponent(() => import('./pages/DashboardPage'), 'DashboardPage');
const DecisionsPage = lazyRouteComponent(() => import('./pages/DecisionsPage'), 'DecisionsPage');
const FeedbackPage = lazyRouteComponent(() => import('./pages/FeedbackPage'), 'FeedbackPage');
const InterviewsPage = lazyRouteComponent(() => import('./pages/InterviewsPage'), 'InterviewsPage');
const InvitePage = lazyRouteComponent(() => import('./pages/InvitePage'), 'InvitePage');
const MessagePage = lazyRouteComponent(() => import('./pages/MessagePage'), 'MessagePage');
const MessagesPage = lazyRouteComponent(() => import('./pages/MessagesPage'), 'MessagesPage');
const NetworkPage = lazyRouteComponent(() => import('./pages/NetworkPage'), 'NetworkPage');
const RoleNetworkMatchesPage = lazyRouteComponent(
  () => import('./pages/RoleNetworkMatchesPage'),
  'RoleNetworkMatchesPage',
);
const ReferralsPage = lazyRouteComponent(() => import('./pages/ReferralsPage'), 'ReferralsPage');
const RolePage = lazyRouteComponent(() => import('./pages/RolePage'), 'RolePage');
const RolesPage = lazyRouteComponent(() => import('./pages/RolesPage'), 'RolesPage');
const ScorecardPage = lazyRouteComponent(() => import('./pages/ScorecardPage'), 'ScorecardPage');
const SetupPage = lazyRouteComponent(() => import('./pages/SetupPage'), 'SetupPage');
const SignInPage = lazyRouteComponent(() => import('./pages/SignInPage'), 'SignInPage');
const ForgotPasswordPage = lazyRouteComponent(
  () => import('./pages/PasswordResetPages'),
  'ForgotPasswordPage',
);
const ResetPasswordPage = lazyRouteComponent(() => import('./pages/PasswordResetPages'), 'ResetPasswordPage');
const ConfirmEmailPage = lazyRouteComponent(() => import('./pages/PasswordResetPages'), 'ConfirmEmailPage');
const AccountPage = lazyRouteComponent(() => import('./pages/AccountPage'), 'AccountPage');
const ApiKeysPage = lazyRouteComponent(() => import('./pages/settings/ApiKeysPage'), 'ApiKeysPage');
const BrandingPage = lazyRouteComponent(() => import('./pages/settings/BrandingPage'), 'BrandingPage');
const DecisionClockSettingsPage = lazyRouteComponent(
  () => import('./pages/settings/DecisionClockSettingsPage'),
  'DecisionClockSettingsPage',
);
const FrameworkEditPage = lazyRouteComponent(
  () => import('./pages/settings/FrameworkEditPage'),
  'FrameworkEditPage',
);
const PrivacySettingsPage = lazyRouteComponent(
  () => import('./pages/settings/PrivacySettingsPage'),
  'PrivacySettingsPage',
);
const DataRequestsPage = lazyRouteComponent(
  () => import('./pages/settings/DataRequestsPage'),
  'DataRequestsPage',
);
const ReputationSettingsPage = lazyRouteComponent(
  () => import('./pages/settings/ReputationSettingsPage'),
  'ReputationSettingsPage',
);
const FrameworkPage = lazyRouteComponent(() => import('./pages/settings/FrameworkPage'), 'FrameworkPage');
const FrameworksPage = lazyRouteComponent(() => import('./pages/settings/FrameworksPage'), 'FrameworksPage');
const MembersPage = lazyRouteComponent(() => import('./pages/settings/MembersPage'), 'MembersPage');
const SettingsLayout = lazyRouteComponent(() => import('./pages/settings/SettingsLayout'), 'SettingsLayout');
const TemplatePage = lazyRouteComponent(() => import('./pages/settings/TemplatePage'), 'TemplatePage');
const TemplatesPage = lazyRouteComponent(() => import('./pages/settings/TemplatesPage'), 'TemplatesPage');
const VenuesPage = lazyRouteComponent(() => import('./pages/settings/VenuesPage'), 'VenuesPage');
const WebhooksPage = lazyRouteComponent(() => import('./pages/settings/WebhooksPage'), 'WebhooksPage');
const ImportPage = lazyRouteComponent(() => import('./pages/settings/ImportPage'), 'ImportPage');

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  // A fresh installation has no organisation yet: every page leads to setup until it is done.
  beforeLoad: async ({ context, location }) => {
    let required: boolean;
    try {
      required = (await context.queryClient.ensureQueryData(setupQuery)).required;
    } catch {
      return; // the server is unreachable: the page itself shows the error
    }
    if (required && location.pathname !== '/setup') throw redirect({ to: '/setup' });
    if (!required && location.pathname === '/setup') throw redirect({ to: '/' });
  },
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const setupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/setup', component: SetupPage });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: z.object({ redirect: z.string().optional().catch(undefined) }),
  component: SignInPage,
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$token',
  component: InvitePage,
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password/$token',
  component: ResetPasswordPage,
});

const confirmEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/confirm-email',
  validateSearch: z.object({ token: z.string().optional().catch(undefined) }),
  component: ConfirmEmailPage,
});

/** Everything behind sign-in: loads the member (and their organisation and role) first. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery);
      return { me };
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        throw redirect({
          to: '/sign-in',
          search: { redirect: location.pathname === '/' ? undefined : location.href },
        });
      }
      throw error;
    }
  },
  component: AppLayout,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  // The reputation dashboard is the home of admins and managers; interviewers start at roles.
  beforeLoad: ({ context }) => {
    if (context.me.role === 'interviewer') throw redirect({ to: '/roles' });
  },
  component: DashboardPage,
});

const rolesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roles',
  validateSearch: z.object({
    status: z
      .enum([...roleStatuses, 'all'])
      .optional()
      .catch(undefined),
    q: z.string().optional().catch(undefined),
  }),
  component: RolesPage,
});

const roleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roles/$roleId',
  component: RolePage,
});

const closeTheRestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roles/$roleId/close-the-rest',
  component: CloseTheRestPage,
});

const closureReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roles/$roleId/closure-report',
  component: ClosureReportPage,
});

const roleNetworkMatchesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roles/$roleId/network-matches',
  component: RoleNetworkMatchesPage,
});

const networkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/network',
  validateSearch: z.object({
    q: z.string().optional().catch(undefined),
    skill: z.string().optional().catch(undefined),
    region: z.string().optional().catch(undefined),
    availability: z.enum(availabilityKinds).optional().catch(undefined),
    interest: z.string().optional().catch(undefined),
    consentStatus: z.enum(consentStatuses).optional().catch(undefined),
    futureFitDue: z.coerce.boolean().optional().catch(undefined),
    reengage: z.coerce.boolean().optional().catch(undefined),
  }),
  component: NetworkPage,
});

const decisionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/decisions',
  component: DecisionsPage,
});

const candidatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/candidates',
  validateSearch: z.object({ q: z.string().optional().catch(undefined) }),
  component: CandidatesPage,
});

const candidateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/candidates/$candidateId',
  component: CandidatePage,
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: AccountPage,
});

const applicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/applications/$applicationId',
  component: ApplicationPage,
});

const feedbackRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/applications/$applicationId/feedback',
  component: FeedbackPage,
});

const interviewsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/interviews',
  component: InterviewsPage,
});

const scorecardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/scorecards/$scorecardId',
  component: ScorecardPage,
});

const messagesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/messages',
  validateSearch: z.object({
    status: z.enum(messageStatuses).optional().catch(undefined),
    candidateId: z.string().min(1).optional().catch(undefined),
    templateKey: z.enum(templateKeys).optional().catch(undefined),
    audience: z.enum(['candidates', 'team']).optional().catch(undefined),
  }),
  component: MessagesPage,
});

const referralsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/referrals',
  component: ReferralsPage,
});

const messageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/messages/$messageId',
  component: MessagePage,
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: SettingsLayout,
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/venues' });
  },
});

const venuesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/venues',
  component: VenuesPage,
});
const membersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/members',
  component: MembersPage,
});
const frameworksRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/frameworks',
  component: FrameworksPage,
});
const frameworkRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/frameworks/$frameworkId',
  validateSearch: z.object({ version: z.coerce.number().int().min(1).optional().catch(undefined) }),
  component: FrameworkPage,
});
const frameworkEditRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/frameworks/$frameworkId/edit',
  component: FrameworkEditPage,
});
const apiKeysRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/api-keys',
  component: ApiKeysPage,
});
const webhooksRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/webhooks',
  component: WebhooksPage,
});

const importRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/import',
  component: ImportPage,
});

const templatesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/templates',
  component: TemplatesPage,
});
const templateRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/templates/$key',
  component: TemplatePage,
});
const brandingRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/branding',
  component: BrandingPage,
});

const decisionClockSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/decision-clock',
  component: DecisionClockSettingsPage,
});

const reputationSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/reputation',
  component: ReputationSettingsPage,
});

const privacySettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/privacy',
  component: PrivacySettingsPage,
});

const dataRequestsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/data-requests',
  component: DataRequestsPage,
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  signInRoute,
  inviteRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  confirmEmailRoute,
  appRoute.addChildren([
    indexRoute,
    accountRoute,
    rolesRoute,
    roleRoute,
    closeTheRestRoute,
    closureReportRoute,
    roleNetworkMatchesRoute,
    networkRoute,
    decisionsRoute,
    candidatesRoute,
    candidateRoute,
    applicationRoute,
    feedbackRoute,
    interviewsRoute,
    scorecardRoute,
    messagesRoute,
    messageRoute,
    referralsRoute,
    settingsRoute.addChildren([
      settingsIndexRoute,
      venuesRoute,
      membersRoute,
      frameworksRoute,
      frameworkRoute,
      frameworkEditRoute,
      apiKeysRoute,
      webhooksRoute,
      importRoute,
      templatesRoute,
      templateRoute,
      brandingRoute,
      decisionClockSettingsRoute,
      reputationSettingsRoute,
      privacySettingsRoute,
      dataRequestsRoute,
    ]),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultPendingMs: 300,
    // A slow chunk or loader shows a named spinner where the page will be, not a blank screen.
    defaultPendingComponent: PageLoading,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
