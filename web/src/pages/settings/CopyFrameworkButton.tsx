import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../api/client';
import { refresh } from '../../api/queries';
import type { Framework } from '../../api/types';
import { errorMessage } from '../../lib/formErrors';

/** Copies a framework version into the organisation (admins) and opens the copy's editor. */
export function CopyFrameworkButton({
  framework,
  version,
  ...props
}: { framework: { id: string; name: string }; version?: number } & ButtonProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const copy = useMutation({
    mutationFn: () =>
      api<Framework>(`/api/v1/frameworks/${framework.id}/copy`, {
        method: 'POST',
        body: version === undefined ? {} : { version },
      }),
    onSuccess: async (created) => {
      await refresh(queryClient, 'frameworks');
      notifications.show({ color: 'teal', message: `Copied as “${created.name}”: edit it here` });
      await navigate({ to: '/settings/frameworks/$frameworkId/edit', params: { frameworkId: created.id } });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not copied', message: errorMessage(error) }),
  });
  return (
    <Button
      loading={copy.isPending}
      onClick={() => copy.mutate()}
      aria-label={`Copy ${framework.name} to edit`}
      {...props}
    >
      Copy to edit
    </Button>
  );
}
