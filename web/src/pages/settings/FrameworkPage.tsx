import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { frameworkQuery, isAdmin, useMe } from '../../api/queries';
import type { Framework } from '../../api/types';
import { LevelDescriptorList } from '../../components/assessment';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { CopyFrameworkButton } from './CopyFrameworkButton';

const route = getRouteApi('/_app/settings/frameworks/$frameworkId');

type Criterion = Framework['criteria'][number];

/** A link that opens outside Followspot, said so for screen readers. */
export function ExternalLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span> ↗
    </Anchor>
  );
}

function CriterionDetail({ criterion }: { criterion: Criterion }) {
  return (
    <Stack gap="md">
      <Text size="sm">{criterion.definition}</Text>

      <div>
        <Title order={4} size="h6" mb={6}>
          Levels
        </Title>
        <LevelDescriptorList descriptors={criterion.descriptors} />
      </div>

      <div>
        <Title order={4} size="h6" mb={6}>
          Interview kit
        </Title>
        {criterion.kit.length === 0 ? (
          <Text size="sm" c="dimmed">
            No questions or tasks yet.
          </Text>
        ) : (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {criterion.kit.map((item) => (
              <Paper component="li" key={item.prompt} withBorder p="xs" bg="gray.0">
                <Badge size="xs" variant="light" color={item.kind === 'practical' ? 'grape' : 'blue'} mb={4}>
                  {item.kind === 'practical' ? 'Practical task' : 'Question'}
                </Badge>
                <Text size="sm">{item.prompt}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Listen for: {item.lookFor}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </div>

      <div>
        <Title order={4} size="h6" mb={6}>
          Training
        </Title>
        {criterion.training.length === 0 ? (
          <Text size="sm" c="dimmed">
            None listed: feedback for this criterion will have no training to suggest.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {criterion.training.map((t) => (
              <li key={t.id}>
                <Group gap={6} wrap="wrap">
                  {t.url ? (
                    <ExternalLink href={t.url}>{t.name}</ExternalLink>
                  ) : (
                    <Text size="sm" fw={600}>
                      {t.name}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t.provider} · {t.form}
                  </Text>
                </Group>
                <Text size="sm">{t.builds}</Text>
                <Text size="xs" c="dimmed">
                  Suggested for ratings {t.forLevels.join(' and ')}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </div>

      {criterion.standards.length > 0 ? (
        <div>
          <Title order={4} size="h6" mb={6}>
            Drawn from
          </Title>
          <List size="sm">
            {criterion.standards.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        </div>
      ) : null}
    </Stack>
  );
}

export function FrameworkPage() {
  const { frameworkId } = route.useParams();
  const { version } = route.useSearch();
  const navigate = useNavigate();
  const me = useMe();
  const admin = isAdmin(me);
  const framework = useQuery(frameworkQuery(frameworkId, version));

  if (framework.isPending) return <LoadingState label="Loading the framework…" />;
  if (framework.isError)
    return (
      <>
        <ErrorState error={framework.error} onRetry={() => void framework.refetch()} />
        <AnchorLink to="/settings/frameworks">Back to frameworks</AnchorLink>
      </>
    );

  const f = framework.data;
  const latest = f.version.version === f.latestVersion.version;

  return (
    <section aria-labelledby="framework-heading">
      <AnchorLink to="/settings/frameworks" size="sm">
        ← Frameworks
      </AnchorLink>
      <Group justify="space-between" align="flex-end" mt="xs" mb="sm" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Group gap="xs" wrap="wrap">
            <Title order={2} size="h3" id="framework-heading">
              {f.name}
            </Title>
            <Badge variant="light" color={f.builtIn ? 'gray' : 'indigo'}>
              {f.builtIn ? 'Built-in' : 'Your organisation'}
            </Badge>
            <Badge variant="outline" color={latest ? 'teal' : 'orange'} data-testid="framework-version">
              Version {f.version.version}
              {latest ? '' : ` of ${f.latestVersion.version}`}
            </Badge>
          </Group>
          {f.description ? (
            <Text size="sm" c="dimmed">
              {f.description}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {f.criteria.length} criteria
            {f.version.createdAt
              ? ` · version ${f.version.version} saved ${formatDate(f.version.createdAt)}`
              : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          {admin && !f.builtIn && latest ? (
            <ButtonLink to="/settings/frameworks/$frameworkId/edit" params={{ frameworkId: f.id }}>
              Edit
            </ButtonLink>
          ) : null}
          {admin ? <CopyFrameworkButton framework={f} version={f.version.version} variant="default" /> : null}
        </Group>
      </Group>

      {f.versions.length > 1 ? (
        <NativeSelect
          label="Version"
          maw={320}
          mb="sm"
          data={f.versions.map((v) => ({
            value: String(v.version),
            label: `Version ${v.version}${v.version === f.latestVersion.version ? ' (latest)' : ''}${v.createdAt ? `, ${formatDate(v.createdAt)}` : ''}`,
          }))}
          value={String(f.version.version)}
          onChange={(event) =>
            void navigate({
              to: '/settings/frameworks/$frameworkId',
              params: { frameworkId: f.id },
              search: { version: Number(event.currentTarget.value) },
            })
          }
        />
      ) : null}

      {f.builtIn ? (
        <Alert color="gray" mb="md">
          <Text size="sm">
            Built-in frameworks never change, so every scorecard written against one reads the same.{' '}
            {admin ? 'Copy it to edit your own version.' : 'An admin can copy it to make your own.'}
          </Text>
        </Alert>
      ) : !latest ? (
        <Alert color="orange" mb="md">
          <Text size="sm">
            You are reading an older version. Scorecards written against it keep it; new edits start from the
            latest version.
          </Text>
        </Alert>
      ) : null}

      <Accordion multiple variant="separated" chevronPosition="right">
        {f.criteria.map((c) => (
          <Accordion.Item key={c.key} value={c.key}>
            <Accordion.Control>
              <Text fw={600}>{c.name}</Text>
              <Text size="xs" c="dimmed">
                {c.kit.length} kit item{c.kit.length === 1 ? '' : 's'} · {c.training.length} training
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <CriterionDetail criterion={c} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  );
}
