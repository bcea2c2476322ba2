import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { defaultRequirements, maxWeight } from '../../../src/domain/frameworks/requirements.ts';
import { api } from '../api/client';
import {
  frameworkQuery,
  frameworksQuery,
  refresh,
  requirementsQuery,
  scorecardCompletionQuery,
} from '../api/queries';
import type { Requirements, RequirementsUpdate } from '../api/types';
import { isLevel, type Level, levelName, percent, ratingLevels } from '../lib/assessment';
import { formatDate } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';
import { useIsDesktop } from '../lib/useIsDesktop';
import { LevelChip } from './assessment';
import { AnchorLink } from './links';
import { ErrorState, FormAlert, LoadingState } from './states';

/** The share of the role's due scorecards that are in, against the 90% benchmark. */
export function ScorecardCompletionCard({ roleId }: { roleId: string }) {
  const completion = useQuery(scorecardCompletionQuery(roleId));
  return (
    <Card withBorder padding="md" data-testid="scorecard-completion">
      <Title order={2} size="h5" mb={6}>
        Scorecard completion
      </Title>
      {completion.isPending ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : completion.isError ? (
        <ErrorState
          error={completion.error}
          title="Completion could not be loaded"
          onRetry={() => void completion.refetch()}
        />
      ) : completion.data.share === null ? (
        <Text size="sm" c="dimmed">
          No scorecards due yet: they fall due when this role's interviews end.
        </Text>
      ) : (
        (() => {
          const c = completion.data;
          const value = percent(c.share) ?? 0;
          const benchmark = Math.round(c.benchmark * 100);
          return (
            <Stack gap={6}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">
                  <Text span fw={700} size="lg">
                    {value}%
                  </Text>{' '}
                  submitted ({c.submitted} of {c.expected})
                </Text>
                <Badge color={c.meetsBenchmark ? 'teal' : 'orange'} variant="light">
                  {c.meetsBenchmark ? 'Meets the benchmark' : 'Below the benchmark'}
                </Badge>
              </Group>
              <div className="benchmark-bar">
                <Progress
                  value={value}
                  size="lg"
                  color={c.meetsBenchmark ? 'teal' : 'orange'}
                  aria-label={`${value}% of due scorecards submitted; the benchmark is ${benchmark}%`}
                />
                <div className="benchmark-marker" style={{ left: `${benchmark}%` }} aria-hidden />
              </div>
              <Group justify="flex-end">
                <Text size="xs" c="dimmed">
                  Benchmark {benchmark}% ▲
                </Text>
              </Group>
              {!c.meetsBenchmark ? (
                <Text size="xs" c="dimmed">
                  Decisions wait on missing scorecards. Each interviewer sees what they owe under My
                  interviews.
                </Text>
              ) : null}
            </Stack>
          );
        })()
      )}
    </Card>
  );
}

interface Row {
  criterionKey: string;
  name: string;
  weight: number;
  requiredLevel: Level;
}

const weightOptions = Array.from({ length: maxWeight + 1 }, (_, w) => ({
  value: String(w),
  label: w === 0 ? '0 (off)' : w === maxWeight ? `${w} (most)` : String(w),
}));
const levelOptions = ratingLevels.map((l) => ({ value: String(l), label: levelName(l) }));

function RequirementsEditor({ requirements, onDone }: { requirements: Requirements; onDone: () => void }) {
  const queryClient = useQueryClient();
  const frameworks = useQuery(frameworksQuery());
  const desktop = useIsDesktop();
  const current = requirements.framework;
  const [frameworkId, setFrameworkId] = useState(current.id);
  const [moveToLatest, setMoveToLatest] = useState(false);
  const [rows, setRows] = useState<Row[]>(requirements.criteria.map((c) => ({ ...c })));
  const [loadingCriteria, setLoadingCriteria] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  /** The chosen framework's latest criteria, keeping the values of criteria already set. */
  async function loadCriteria(id: string) {
    setLoadingCriteria(true);
    setProblem(null);
    try {
      const framework = await queryClient.fetchQuery(frameworkQuery(id));
      const byKey = new Map(rows.map((r) => [r.criterionKey, r]));
      const defaults = defaultRequirements(
        framework.criteria.map((c) => c.key),
        requirements.roleLevel,
      );
      setRows(
        framework.criteria.map((c, i) => {
          const kept = byKey.get(c.key);
          const d = defaults[i]!;
          return {
            criterionKey: c.key,
            name: c.name,
            weight: kept?.weight ?? d.weight,
            requiredLevel: kept?.requiredLevel ?? d.requiredLevel,
          };
        }),
      );
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setLoadingCriteria(false);
    }
  }

  async function save() {
    setSaving(true);
    setProblem(null);
    const sameVersion = frameworkId === current.id && !moveToLatest;
    const body: RequirementsUpdate = {
      frameworkId,
      ...(sameVersion && { version: current.version }),
      criteria: rows.map(({ criterionKey, weight, requiredLevel }) => ({
        criterionKey,
        weight,
        requiredLevel,
      })),
    };
    try {
      const saved = await api<Requirements>(`/api/v1/roles/${requirements.roleId}/requirements`, {
        method: 'PUT',
        body,
      });
      queryClient.setQueryData(requirementsQuery(requirements.roleId).queryKey, saved);
      await refresh(queryClient, 'scorecards');
      notifications.show({ color: 'teal', message: 'Requirements saved' });
      onDone();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  const options = (frameworks.data ?? []).map((f) => ({
    value: f.id,
    label: f.builtIn ? `${f.name} (built-in)` : `${f.name}, version ${f.latestVersion.version}`,
  }));
  if (!options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });

  function setRow(key: string, change: Partial<Row>) {
    setRows((all) => all.map((r) => (r.criterionKey === key ? { ...r, ...change } : r)));
  }

  return (
    <Stack gap="sm">
      <NativeSelect
        label="Framework"
        description="The criteria this role is assessed on. Frameworks are managed in Settings → Frameworks."
        data={options}
        value={frameworkId}
        disabled={frameworks.isPending}
        onChange={(event) => {
          const id = event.currentTarget.value;
          setFrameworkId(id);
          setMoveToLatest(false);
          void loadCriteria(id);
        }}
      />
      {frameworkId === current.id && current.latestVersion > current.version ? (
        <Checkbox
          label={`Move to the latest version (${current.latestVersion}); this role uses version ${current.version}`}
          checked={moveToLatest}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setMoveToLatest(checked);
            if (checked) void loadCriteria(current.id);
            else setRows(requirements.criteria.map((c) => ({ ...c })));
          }}
        />
      ) : null}
      <Text size="xs" c="dimmed">
        Weight 0–{maxWeight} sets how much a criterion counts in the overall score (0: not assessed, left off
        scorecards). The required level flags a candidate below it. Scorecards already opened keep the
        criteria and framework version they started with.
      </Text>
      {loadingCriteria ? (
        <LoadingState label="Loading the framework's criteria…" />
      ) : desktop ? (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Criterion</Table.Th>
                <Table.Th w={200}>Weight</Table.Th>
                <Table.Th w={200}>Required level</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.criterionKey}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Weight for ${r.name}`}
                      data={weightOptions}
                      value={String(r.weight)}
                      onChange={(event) =>
                        setRow(r.criterionKey, { weight: Number(event.currentTarget.value) })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Required level for ${r.name}`}
                      data={levelOptions}
                      value={String(r.requiredLevel)}
                      disabled={r.weight === 0}
                      onChange={(event) => {
                        const level = Number(event.currentTarget.value);
                        if (isLevel(level)) setRow(r.criterionKey, { requiredLevel: level });
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {rows.map((r) => (
            <Card withBorder padding="xs" component="li" key={r.criterionKey}>
              <Text size="sm" fw={600} mb={4}>
                {r.name}
              </Text>
              <SimpleGrid cols={2} spacing="xs">
                <NativeSelect
                  label="Weight"
                  aria-label={`Weight for ${r.name}`}
                  data={weightOptions}
                  value={String(r.weight)}
                  onChange={(event) => setRow(r.criterionKey, { weight: Number(event.currentTarget.value) })}
                />
                <NativeSelect
                  label="Required level"
                  aria-label={`Required level for ${r.name}`}
                  data={levelOptions}
                  value={String(r.requiredLevel)}
                  disabled={r.weight === 0}
                  onChange={(event) => {
                    const level = Number(event.currentTarget.value);
                    if (isLevel(level)) setRow(r.criterionKey, { requiredLevel: level });
                  }}
                />
              </SimpleGrid>
            </Card>
          ))}
        </Stack>
      )}
      <FormAlert message={problem} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={() => void save()} loading={saving} disabled={loadingCriteria}>
          Save requirements
        </Button>
      </Group>
    </Stack>
  );
}

/** What the role assesses: its framework version and, per criterion, weight and required level. */
export function RequirementsPanel({ roleId, canEdit }: { roleId: string; canEdit: boolean }) {
  const requirements = useQuery(requirementsQuery(roleId));
  const [editing, setEditing] = useState(false);

  return (
    <Card withBorder padding="md" data-testid="requirements">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h5">
          Requirements
        </Title>
        {canEdit && requirements.data && !editing ? (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            Edit requirements
          </Button>
        ) : null}
      </Group>
      {requirements.isPending ? (
        <LoadingState label="Loading the requirements…" />
      ) : requirements.isError ? (
        <ErrorState
          error={requirements.error}
          title="The requirements could not be loaded"
          onRetry={() => void requirements.refetch()}
        />
      ) : editing ? (
        <RequirementsEditor requirements={requirements.data} onDone={() => setEditing(false)} />
      ) : (
        (() => {
          const r = requirements.data;
          const assessed = r.criteria.filter((c) => c.weight > 0);
          const skipped = r.criteria.filter((c) => c.weight === 0);
          return (
            <Stack gap="xs">
              <Text size="sm">
                Assessed against{' '}
                <AnchorLink
                  to="/settings/frameworks/$frameworkId"
                  params={{ frameworkId: r.framework.id }}
                  search={{ version: r.framework.builtIn ? undefined : r.framework.version }}
                >
                  {r.framework.name}
                </AnchorLink>
                , version {r.framework.version}.
                {r.source === 'default'
                  ? " These are the defaults for the role's level until someone saves them."
                  : ` Saved ${formatDate(r.updatedAt)}.`}
              </Text>
              {r.framework.latestVersion > r.framework.version ? (
                <Alert color="yellow" p="xs">
                  <Text size="sm">
                    The framework has a newer version ({r.framework.latestVersion}).{' '}
                    {canEdit ? 'Edit the requirements to move to it.' : ''}
                  </Text>
                </Alert>
              ) : null}
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Criterion</Table.Th>
                    <Table.Th ta="center">Weight</Table.Th>
                    <Table.Th>Needs</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {assessed.map((c) => (
                    <Table.Tr key={c.criterionKey}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td ta="center">{c.weight}</Table.Td>
                      <Table.Td>
                        <LevelChip level={c.requiredLevel} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {skipped.length > 0 ? (
                <Text size="xs" c="dimmed">
                  Not assessed (weight 0): {skipped.map((c) => c.name).join(', ')}.
                </Text>
              ) : null}
            </Stack>
          );
        })()
      )}
    </Card>
  );
}
