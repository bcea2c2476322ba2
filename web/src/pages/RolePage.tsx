import { Alert, Badge, Button, Card, Grid, Group, Menu, Modal, Stack, Text, Title } from '@mantine/core';
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
import { applicationsQuery, canManageHiring, refresh, roleQuery, useMe } from '../api/queries';
import type { Application, Role } from '../api/types';
import { AddCandidateModal } from '../components/AddCandidateModal';
import { RoleStatusBadge, StageBadge } from '../components/badges';
import { ConfirmModal } from '../components/ConfirmModal';
import { DecisionDueLine } from '../components/DecisionClock';
import { AnchorLink, ButtonLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { RequirementsPanel, ScorecardCompletionCard } from '../components/RoleAssessment';
import { StageMenu } from '../components/StageMenu';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { RoleForm, type RoleRequest } from '../forms/RoleForm';
import { daysSince, formatDate, formatDateTime } from '../lib/dates';
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

function ApplicationCard({ application, canEdit }: { application: Application; canEdit: boolean }) {
  const { interviews } = application;
  return (
    <Card withBorder padding="xs" radius="md" component="li" data-testid="pipeline-card">
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <div style={{ minWidth: 0 }}>
          <AnchorLink
            to="/applications/$applicationId"
            params={{ applicationId: application.id }}
            fw={600}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {application.candidate.name}
          </AnchorLink>
          <Text size="xs" c="dimmed" truncate="end">
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
      <Text size="xs" c="dimmed" mt={6}>
        {stageLabels[application.stage]} since {formatDate(application.stageChangedAt)} (
        {daysSince(application.stageChangedAt)})
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

function Pipeline({
  role,
  applications,
  canEdit,
}: {
  role: Role;
  applications: Application[];
  canEdit: boolean;
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
                  <ApplicationCard key={a.id} application={a} canEdit={canEdit} />
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
              <ButtonLink to="/roles/$roleId/network-matches" params={{ roleId }} variant="default">
                Network matches
              </ButtonLink>
              {r.applicationCounts.total > 0 ? (
                <ButtonLink to="/roles/$roleId/closure-report" params={{ roleId }} variant="default">
                  Closure report
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
                      <Menu.Item color="red" onClick={deletingHandlers.open}>
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
        <Pipeline role={r} applications={list} canEdit={canEdit} />
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
