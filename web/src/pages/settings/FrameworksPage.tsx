import { Badge, Button, Card, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { frameworksQuery, isAdmin, refresh, useMe } from '../../api/queries';
import type { Framework, FrameworkSummary } from '../../api/types';
import { ButtonLink } from '../../components/links';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/formErrors';
import { CopyFrameworkButton } from './CopyFrameworkButton';

export function FrameworksPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const [showArchived, setShowArchived] = useState(false);
  const frameworks = useQuery(frameworksQuery(showArchived));
  const queryClient = useQueryClient();
  const items = frameworks.data ?? [];
  const names = new Map(items.map((f) => [f.id, f.name]));

  const archive = useMutation({
    mutationFn: (framework: FrameworkSummary) =>
      api<Framework>(`/api/v1/frameworks/${framework.id}`, {
        method: 'PATCH',
        body: { archived: !framework.archived },
      }),
    onSuccess: async (framework) => {
      await refresh(queryClient, 'frameworks');
      notifications.show({
        color: 'teal',
        message: framework.archived
          ? `${framework.name} archived: roles already on it keep it`
          : `${framework.name} restored`,
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(error) }),
  });

  return (
    <section aria-labelledby="frameworks-heading">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h3" id="frameworks-heading">
          Frameworks
        </Title>
        <Switch
          label="Show archived"
          checked={showArchived}
          onChange={(event) => setShowArchived(event.currentTarget.checked)}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        A framework is what interviewers rate: criteria, each with four level descriptors, an interview kit
        and training to suggest. The built-in one is read-only; {admin ? 'copy it' : 'an admin can copy it'}{' '}
        to make your own. Editing a copy saves a new version, and scorecards already written keep the version
        they were written against. Archive a framework you no longer use: it is not offered for new roles, and
        roles already on it keep it.
      </Text>

      {frameworks.isPending ? (
        <LoadingState label="Loading frameworks…" />
      ) : frameworks.isError ? (
        <ErrorState error={frameworks.error} onRetry={() => void frameworks.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title="No frameworks"
          description="Reload the page: the built-in framework is always listed."
        />
      ) : (
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          spacing="md"
          component="ul"
          style={{ listStyle: 'none', padding: 0 }}
        >
          {items.map((f) => (
            <Card withBorder component="li" key={f.id} padding="md" data-testid="framework-card">
              <Stack gap={6} h="100%">
                <Group gap="xs" wrap="wrap">
                  <Title order={3} size="h5">
                    {f.name}
                  </Title>
                  {f.builtIn ? (
                    <Badge variant="light" color="gray">
                      Built-in
                    </Badge>
                  ) : (
                    <Badge variant="light" color="indigo">
                      Your organisation
                    </Badge>
                  )}
                  {f.archived ? (
                    <Badge variant="outline" color="gray">
                      Archived
                    </Badge>
                  ) : null}
                </Group>
                {f.description ? (
                  <Text size="sm" c="dimmed" lineClamp={3}>
                    {f.description}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  {f.criteriaCount} criteria · version {f.latestVersion.version}
                  {f.updatedAt ? ` · changed ${formatDate(f.updatedAt)}` : ''}
                  {f.copiedFrom
                    ? ` · copied from ${names.get(f.copiedFrom.frameworkId) ?? 'another framework'}`
                    : ''}
                </Text>
                <Group gap="xs" mt="auto" pt="xs">
                  <ButtonLink
                    to="/settings/frameworks/$frameworkId"
                    params={{ frameworkId: f.id }}
                    search={{ version: undefined }}
                    size="xs"
                    variant="default"
                    aria-label={`Read ${f.name}`}
                  >
                    Read
                  </ButtonLink>
                  {admin && !f.builtIn ? (
                    <ButtonLink
                      to="/settings/frameworks/$frameworkId/edit"
                      params={{ frameworkId: f.id }}
                      size="xs"
                      variant="light"
                      aria-label={`Edit ${f.name}`}
                    >
                      Edit
                    </ButtonLink>
                  ) : null}
                  {admin ? <CopyFrameworkButton framework={f} size="xs" variant="subtle" /> : null}
                  {admin && !f.builtIn ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="gray"
                      loading={archive.isPending && archive.variables?.id === f.id}
                      onClick={() => archive.mutate(f)}
                      aria-label={`${f.archived ? 'Restore' : 'Archive'} ${f.name}`}
                    >
                      {f.archived ? 'Restore' : 'Archive'}
                    </Button>
                  ) : null}
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {!admin ? (
        <Text size="xs" c="dimmed" mt="md">
          Only admins copy and edit frameworks. Hiring managers choose a role's framework on the role page.
        </Text>
      ) : null}
    </section>
  );
}
