import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Menu,
  Modal,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { activeStages, type Stage, stageLabels } from '../../../src/domain/lifecycle.ts';
import {
  type RoleStatus,
  roleLevelLabels,
  roleStatuses,
  roleStatusLabels,
} from '../../../src/features/roles/roles.schema.ts';
import { api } from '../api/client';
import { remindScorecards } from '../api/decisionClock';
import {
  applicationsQuery,
  canManageHiring,
  refresh,
  roleQuery,
  scorecardCompletionQuery,
  useMe,
} from '../api/queries';
import type { Application, Role, ScorecardCompletion } from '../api/types';
import { AddCandidateModal } from '../components/AddCandidateModal';
import { RoleStatusBadge, StageBadge } from '../components/badges';
import { ConfirmModal } from '../components/ConfirmModal';
import { DecisionDueLine } from '../components/DecisionClock';
import { AnchorLink, ButtonLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { RequirementsPanel, ScorecardCompletionCard } from '../components/RoleAssessment';
import { allMovesFrom, closeTheRestHref, isOutcomeMove, StageMenu } from '../components/StageMenu';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { RoleForm, type RoleRequest } from '../forms/RoleForm';
import { formatDate, formatDateTime } from '../lib/dates';
import { recommendationText } from '../lib/decision';
import { errorMessage } from '../lib/formErrors';

const route = getRouteApi('/_app/roles/$roleId');

const outcomeColumn: readonly Stage[] = ['hired', 'offer_declined', 'not_progressing', 'withdrawn', 'closed'];
const columns: { key: string; title: string; stages: readonly Stage[]; hint: string }[] = [
  ...activeStages.map((s) => ({
    key: s,
    title: stageLabels[s],
    stages: [s],
    hint:
      s === 'applied'
        ? 'Nobody yet'
        : s === 'interviewing'
          ? 'Nobody is being interviewed'
          : s === 'awaiting_decision'
            ? 'Nobody is waiting for a decision'
            : 'No offers out',
  })),
  { key: 'outcomes', title: 'Outcomes', stages: outcomeColumn, hint: 'No outcomes yet' },
];

type PipelineFigures = ScorecardCompletion['applications'][number];

function waitingText(application: Application, days: number | undefined): string {
  const stage = stageLabels[application.stage];
  if (days === undefined) return `${stage} since ${formatDate(application.stageChangedAt)}`;
  if (days === 0) return `${stage} since today`;
  return `${stage} for ${days} working day${days === 1 ? '' : 's'}`;
}

function ApplicationCard({
  application,
  figures,
  canEdit,
  selected,
  onSelect,
}: {
  application: Application;
  figures: PipelineFigures | undefined;
  canEdit: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}) {
  const { interviews } = application;
  const recommendation = recommendationText(figures?.recommendations ?? null);
  return (
    <Card
      withBorder
      padding="xs"
      radius="md"
      component="li"
      data-testid="pipeline-card"
      data-selected={selected || undefined}
      style={selected ? { borderColor: 'var(--mantine-color-indigo-6)' } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap={6} align="flex-start">
        {canEdit ? (
          <Checkbox
            mt={2}
            size="xs"
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            aria-label={`Select ${application.candidate.name}`}
          />
        ) : null}
        <div style={{ minWidth: 0, flex: 1 }}>
          <AnchorLink
            to="/applications/$applicationId"
            params={{ applicationId: application.id }}
            fw={600}
            size="sm"
            // A 24 px target (WCAG 2.5.8) beside the checkbox.
            style={{ overflowWrap: 'anywhere', display: 'inline-block', lineHeight: '24px' }}
          >
            {application.candidate.name}
          </AnchorLink>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {application.candidate.email}
          </Text>
        </div>
        {canEdit ? <StageMenu application={application} /> : null}
      </Group>
      {outcomeColumn.includes(application.stage) ? (
        <Group mt={6}>
          <StageBadge stage={application.stage} />
        </Group>
      ) : null}
      {figures && (figures.expected > 0 || figures.submitted > 0) ? (
        <Group gap={6} mt={6} data-testid="card-assessment">
          {figures.overallMean !== null ? (
            <Badge variant="light" color="indigo" size="sm" data-testid="card-score">
              Score {figures.overallMean.toFixed(2)} of 4
            </Badge>
          ) : null}
          {recommendation ? (
            <Text size="xs" data-testid="card-recommendation">
              {recommendation}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" data-testid="card-scorecards">
            Scorecards {figures.submitted} of {figures.expected}
          </Text>
        </Group>
      ) : null}
      <Text size="xs" c="dimmed" mt={6} data-testid="card-waiting">
        {waitingText(application, figures?.workingDaysInStage)}
      </Text>
      <DecisionDueLine application={application} />
      {interviews.nextStartsAt ? (
        <Text size="xs" mt={2}>
          Next interview: {formatDateTime(interviews.nextStartsAt)}
        </Text>
      ) : interviews.count > 0 ? (
        <Text size="xs" mt={2} c="dimmed">
          {interviews.count} interview{interviews.count === 1 ? '' : 's'}, last ended{' '}
          {formatDate(interviews.lastEndsAt)}
        </Text>
      ) : null}
    </Card>
  );
}

/** The stages every chosen application may move to without a decision (a bulk move). */
function commonProcessMoves(chosen: Application[]): Stage[] {
  if (chosen.length === 0) return [];
  return allMovesFrom(chosen[0]!.stage).filter(
    (stage) => !isOutcomeMove(stage) && chosen.every((a) => allMovesFrom(a.stage).includes(stage)),
  );
}

/** What can be done to several candidates at once: move, not progressing, scorecard reminders. */
function BulkBar({ role, chosen, onClear }: { role: Role; chosen: Application[]; onClear: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const moves = commonProcessMoves(chosen);
  const canClose = chosen.every((a) => allMovesFrom(a.stage).includes('not_progressing'));
  const owing = chosen.filter((a) => a.scorecardsOwed.length > 0);
  const bulk = useMutation({
    mutationFn: async (action: { kind: 'move'; stage: Stage } | { kind: 'remind' }) => {
      const targets = action.kind === 'move' ? chosen : owing;
      const results = await Promise.allSettled(
        targets.map((a) =>
          action.kind === 'move'
            ? api(`/api/v1/applications/${a.id}`, { method: 'PATCH', body: { stage: action.stage } })
            : remindScorecards(a.id),
        ),
      );
      return { action, done: results.filter((r) => r.status === 'fulfilled').length, of: targets.length };
    },
    onSuccess: async ({ action, done, of }) => {
      await refresh(queryClient, 'applications', 'roles', 'scorecards');
      notifications.show({
        color: done === of ? 'teal' : 'orange',
        message:
          action.kind === 'move'
            ? `${done} of ${of} moved to ${stageLabels[action.stage].toLowerCase()}`
            : `Scorecard reminders sent for ${done} of ${of} candidate${of === 1 ? '' : 's'}`,
      });
      if (action.kind === 'move' && done === of) onClear();
    },
  });
  return (
    <Card withBorder padding="xs" mb="xs" data-testid="bulk-bar" aria-label="Selected candidates">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {chosen.length} selected
        </Text>
        <Menu position="bottom-start">
          <Menu.Target>
            <Button size="xs" variant="default" disabled={moves.length === 0} loading={bulk.isPending}>
              Move selected
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Move all {chosen.length} to</Menu.Label>
            {moves.map((stage) => (
              <Menu.Item key={stage} onClick={() => bulk.mutate({ kind: 'move', stage })}>
                {stageLabels[stage]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button
          size="xs"
          variant="default"
          color="red"
          disabled={!canClose}
          onClick={() =>
            void navigate({
              href: closeTheRestHref(
                role.id,
                chosen.map((a) => a.id),
              ),
            })
          }
        >
          Not progressing…
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={owing.length === 0}
          loading={bulk.isPending}
          onClick={() => bulk.mutate({ kind: 'remind' })}
        >
          Remind about scorecards{owing.length > 0 ? ` (${owing.length})` : ''}
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
    </Card>
  );
}

function Pipeline({
  role,
  applications,
  figures,
  canEdit,
  selected,
  onSelect,
}: {
  role: Role;
  applications: Application[];
  figures: Map<string, PipelineFigures>;
  canEdit: boolean;
  selected: ReadonlySet<string>;
  onSelect: (id: string, selected: boolean) => void;
}) {
  return (
    <div className="pipeline" data-testid="pipeline">
      {columns.map((column) => {
        const items = applications.filter((a) => column.stages.includes(a.stage));
        const headingId = `stage-${column.key}-${role.id}`;
        return (
          <section key={column.key} className="pipeline-column" aria-labelledby={headingId}>
            <Group justify="space-between" px="sm" pt="sm" pb={6} wrap="nowrap" gap="xs">
              <Title order={2} size="h6" id={headingId} style={{ minWidth: 0 }}>
                {column.title}
              </Title>
              <Badge variant="default" size="sm" aria-label={`${items.length} candidates`}>
                {items.length}
              </Badge>
            </Group>
            {items.length === 0 ? (
              <Text size="xs" c="dimmed" px="sm" pb="sm">
                {column.hint}
              </Text>
            ) : (
              <Stack gap={6} px={6} pb={6} component="ul" style={{ listStyle: 'none', margin: 0 }}>
                {items.map((a) => (
                  <ApplicationCard
                    key={a.id}
                    application={a}
                    figures={figures.get(a.id)}
                    canEdit={canEdit}
                    selected={selected.has(a.id)}
                    onSelect={(on) => onSelect(a.id, on)}
                  />
                ))}
              </Stack>
            )}
          </section>
        );
      })}
    </div>
  );
}

export function RolePage() {
  const { roleId } = route.useParams();
  const me = useMe();
  const canEdit = canManageHiring(me);
  const role = useQuery(roleQuery(roleId));
  const applications = useQuery(applicationsQuery({ roleId }));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [adding, addingHandlers] = useDisclosure(false);
  const [editing, editingHandlers] = useDisclosure(false);
  const [deleting, deletingHandlers] = useDisclosure(false);
  const [statusProblem, setStatusProblem] = useState<string | null>(null);
  const completion = useQuery(scorecardCompletionQuery(roleId));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const figures = new Map((completion.data?.applications ?? []).map((f) => [f.applicationId, f]));
  function select(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const changeStatus = useMutation({
    mutationFn: (status: RoleStatus) =>
      api<Role>(`/api/v1/roles/${roleId}`, { method: 'PATCH', body: { status } }),
    onMutate: () => setStatusProblem(null),
    onSuccess: async (updated) => {
      await refresh(queryClient, 'roles');
      notifications.show({
        color: 'teal',
        message: `${updated.title} is now ${roleStatusLabels[updated.status].toLowerCase()}`,
      });
    },
    onError: (error) => setStatusProblem(errorMessage(error)),
  });

  const remove = useMutation({
    mutationFn: () => api(`/api/v1/roles/${roleId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      deletingHandlers.close();
      notifications.show({ color: 'teal', message: 'Role deleted' });
      await navigate({ to: '/roles' });
      queryClient.removeQueries({ queryKey: roleQuery(roleId).queryKey });
      await refresh(queryClient, 'roles');
    },
  });

  async function save(body: RoleRequest) {
    setStatusProblem(null);
    await api<Role>(`/api/v1/roles/${roleId}`, { method: 'PATCH', body });
    await refresh(queryClient, 'roles', 'applications');
    editingHandlers.close();
    notifications.show({ color: 'teal', message: 'Role saved' });
  }

  if (role.isPending) return <LoadingState label="Loading the role…" />;
  if (role.isError)
    return (
      <>
        <PageHeader title="Role" />
        <ErrorState error={role.error} onRetry={() => void role.refetch()} />
        <AnchorLink to="/roles">Back to roles</AnchorLink>
      </>
    );

  const r = role.data;
  const list = applications.data ?? [];
  const chosen = list.filter((a) => selected.has(a.id));
  const open = r.status === 'open';

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/roles" size="sm">
            ← Roles
          </AnchorLink>
        }
        title={r.title}
        description={
          <Group gap="xs" wrap="wrap">
            <RoleStatusBadge status={r.status} />
            <span>
              {r.venue.name} · {roleLevelLabels[r.level]} · Hiring manager:{' '}
              {r.hiringManager ? r.hiringManager.name : 'not set'}
            </span>
            {r.applicationCounts.total > 0 ? (
              <AnchorLink to="/roles/$roleId/closure-report" params={{ roleId }} size="sm">
                Closure report
              </AnchorLink>
            ) : null}
            {canEdit ? (
              <AnchorLink to="/roles/$roleId/network-matches" params={{ roleId }} size="sm">
                Network matches
              </AnchorLink>
            ) : null}
          </Group>
        }
        actions={
          canEdit ? (
            <>
              {open ? <Button onClick={addingHandlers.open}>Add candidate</Button> : null}
              <Button variant="default" onClick={editingHandlers.open}>
                Edit role
              </Button>
              {r.applicationCounts.active > 0 && r.status !== 'archived' ? (
                <ButtonLink to="/roles/$roleId/close-the-rest" params={{ roleId }} variant="default">
                  Close the rest
                </ButtonLink>
              ) : null}
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" loading={changeStatus.isPending}>
                    Change status
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>Mark this role as</Menu.Label>
                  {roleStatuses
                    .filter((s) => s !== r.status)
                    .map((s) => (
                      <Menu.Item key={s} onClick={() => changeStatus.mutate(s)}>
                        {s === 'open' ? 'Open again' : roleStatusLabels[s]}
                      </Menu.Item>
                    ))}
                  {r.applicationCounts.total === 0 ? (
                    <>
                      <Menu.Divider />
                      <Menu.Item color="red.8" onClick={deletingHandlers.open}>
                        Delete role
                      </Menu.Item>
                    </>
                  ) : null}
                </Menu.Dropdown>
              </Menu>
            </>
          ) : null
        }
      />

      {statusProblem ? (
        <Alert
          color="orange"
          title="The status did not change"
          role="alert"
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setStatusProblem(null)}
          data-testid="role-status-problem"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {statusProblem}
          </Text>
          <Text size="sm" mt="xs" c="dimmed">
            Give each waiting candidate an outcome (move them to hired, not progressing or withdrawn), then
            try again.
          </Text>
          <ButtonLink
            to="/roles/$roleId/close-the-rest"
            params={{ roleId }}
            size="xs"
            mt="sm"
            variant="light"
            color="orange"
          >
            Close the rest
          </ButtonLink>
        </Alert>
      ) : null}

      {!open ? (
        <Alert color="gray" mb="md">
          This role is {roleStatusLabels[r.status].toLowerCase()}: candidates cannot be added. Open it again
          to add more.
        </Alert>
      ) : null}

      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {r.applicationCounts.active} waiting for an outcome · {r.applicationCounts.total} in total
        </Text>
      </Group>

      {applications.isPending ? (
        <LoadingState label="Loading candidates…" />
      ) : applications.isError ? (
        <ErrorState
          error={applications.error}
          title="The candidates could not be loaded"
          onRetry={() => void applications.refetch()}
        />
      ) : list.length === 0 ? (
        <Empty
          title="No candidates on this role yet"
          description={
            canEdit && open
              ? 'Add the people who applied: each one is followed from application to a decision they hear on time.'
              : 'Candidates appear here once a hiring manager adds them.'
          }
        >
          {canEdit && open ? (
            <Button variant="light" onClick={addingHandlers.open}>
              Add the first candidate
            </Button>
          ) : null}
        </Empty>
      ) : (
        <>
          {chosen.length > 0 ? (
            <BulkBar role={r} chosen={chosen} onClear={() => setSelected(new Set())} />
          ) : null}
          <Pipeline
            role={r}
            applications={list}
            figures={figures}
            canEdit={canEdit}
            selected={selected}
            onSelect={select}
          />
        </>
      )}

      <Grid mt="lg" gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ScorecardCompletionCard roleId={r.id} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <RequirementsPanel roleId={r.id} canEdit={canEdit} />
        </Grid.Col>
      </Grid>

      {r.description ? (
        <Card withBorder mt="lg">
          <Title order={2} size="h5" mb="xs">
            About the role
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.description}
          </Text>
        </Card>
      ) : null}

      <Text size="xs" c="dimmed" mt="lg">
        Created {formatDate(r.createdAt)} · Last changed {formatDate(r.updatedAt)}
      </Text>

      <AddCandidateModal role={r} existing={list} opened={adding} onClose={addingHandlers.close} />
      <Modal opened={editing} onClose={editingHandlers.close} title="Edit role" size="lg">
        <RoleForm role={r} submitLabel="Save role" onSubmit={save} onCancel={editingHandlers.close} />
      </Modal>
      <ConfirmModal
        opened={deleting}
        onClose={deletingHandlers.close}
        title="Delete this role?"
        confirmLabel="Delete role"
        onConfirm={() => remove.mutate()}
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
      >
        {r.title} has no candidates, so it can be deleted. To keep it for the record, archive it instead.
      </ConfirmModal>
    </>
  );
}
