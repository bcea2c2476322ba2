import { Alert, Button, Center, EmptyState, Group, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/formErrors';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

/** While a page's code or data loads: keeps the page's height, so nothing jumps when it arrives. */
export function PageLoading() {
  return (
    <Center mih="60vh" role="status" aria-live="polite">
      <Loader aria-hidden />
      <VisuallyHidden>Loading the page…</VisuallyHidden>
    </Center>
  );
}

function hintFor(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  if (error.status === 0) return 'Is the Followspot server running? Reload the page once it is back.';
  if (error.status === 401) return 'Sign in again to carry on.';
  if (error.status === 403)
    return 'An admin of your organisation can change your role in Settings → Members.';
  if (error.status === 404) return 'Check the link, or go back to the list and open it from there.';
  if (error.status >= 500) return 'Try again in a moment. If it keeps happening, tell your admin.';
  return undefined;
}

export function ErrorState({
  error,
  title = 'This could not be loaded',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const hint = hintFor(error);
  return (
    <Alert color="red" title={title} role="alert" my="md">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        {hint ? (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        ) : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function Empty({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <EmptyState
      py="xl"
      title={title}
      description={description}
      icon={<SpotIcon />}
      withIndicatorBackground
      data-testid="empty-state"
    >
      {children ? <EmptyState.Actions>{children}</EmptyState.Actions> : null}
    </EmptyState>
  );
}

/** A followspot beam: the product's one decorative mark. */
export function SpotIcon({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M8 27 L16 5 L24 27 Z" fill="currentColor" opacity="0.35" />
      <ellipse cx="16" cy="26" rx="8" ry="2.5" fill="currentColor" opacity="0.6" />
      <circle cx="16" cy="5" r="3" fill="currentColor" />
    </svg>
  );
}

export function FormAlert({ message, title = 'Not saved' }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {message}
    </Alert>
  );
}
