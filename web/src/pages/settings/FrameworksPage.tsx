import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { frameworksQuery, isAdmin, useMe } from '../../api/queries';
import { ButtonLink } from '../../components/links';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { CopyFrameworkButton } from './CopyFrameworkButton';

export function FrameworksPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const frameworks = useQuery(frameworksQuery);
  const items = frameworks.data ?? [];
  const names = new Map(items.map((f) => [f.id, f.name]));

  return (
    <section aria-labelledby="frameworks-heading">
      <Title order={2} size="h3" id="frameworks-heading" mb="xs">
        Frameworks
      </Title>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        A framework is what interviewers rate: criteria, each with four level descriptors, an interview kit
        and training to suggest. The built-in one is read-only; {admin ? 'copy it' : 'an admin can copy it'}{' '}
        to make your own. Editing a copy saves a new version, and scorecards already written keep the version
        they were written against.
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
