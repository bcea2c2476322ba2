import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../api/client';
import { refresh } from '../api/queries';
import type { ScorecardListItem, ScorecardView } from '../api/types';
import { errorMessage } from '../lib/formErrors';
import { ButtonLink } from './links';

/** What the button says for the caller's scorecard of an interview. */
export function scorecardActionLabel(status: ScorecardListItem['status'] | undefined): string {
  if (status === 'submitted') return 'View your scorecard';
  if (status === 'draft') return 'Carry on with your scorecard';
  return 'Fill your scorecard';
}

/**
 * Opens the caller's scorecard for an interview: a link when it exists, else a button that creates
 * the draft (POST /scorecards answers with the existing one if it was started meanwhile) and goes there.
 */
export function OpenScorecardButton({
  interviewId,
  scorecardId,
  label,
  accessibleLabel,
  ...buttonProps
}: {
  interviewId: string;
  scorecardId?: string | null | undefined;
  label: string;
  accessibleLabel?: string;
} & ButtonProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const open = useMutation({
    mutationFn: () => api<ScorecardView>('/api/v1/scorecards', { method: 'POST', body: { interviewId } }),
    onSuccess: async (view) => {
      await navigate({ to: '/scorecards/$scorecardId', params: { scorecardId: view.id } });
      await refresh(queryClient, 'scorecards');
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'The scorecard could not be opened',
        message: errorMessage(error),
      }),
  });
  if (scorecardId) {
    return (
      <ButtonLink
        to="/scorecards/$scorecardId"
        params={{ scorecardId }}
        aria-label={accessibleLabel}
        {...buttonProps}
      >
        {label}
      </ButtonLink>
    );
  }
  return (
    <Button
      loading={open.isPending}
      onClick={() => open.mutate()}
      aria-label={accessibleLabel}
      {...buttonProps}
    >
      {label}
    </Button>
  );
}
