import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/client';
import { createAppRouter } from './router';
import { theme } from './theme';

const publicPaths = ['/sign-in', '/setup', '/invite/'];

// A session that ends mid-use (expired, or signed out elsewhere) leads back to sign-in, then here.
function onSessionEnded(error: unknown) {
  if (!isApiError(error) || error.status !== 401) return;
  const { pathname, search } = window.location;
  if (publicPaths.some((p) => pathname.startsWith(p))) return;
  queryClient.removeQueries({ queryKey: ['me'] });
  void router.navigate({ to: '/sign-in', search: { redirect: pathname + search } });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionEnded }),
  mutationCache: new MutationCache({ onError: onSessionEnded }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
