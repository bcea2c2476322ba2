import {
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { type RoleStatus, roleLevelLabels } from '../../../src/features/roles/roles.schema.ts';
import { api } from '../api/client';
import { canManageHiring, refresh, useMe, useRoles } from '../api/queries';
import type { Role } from '../api/types';
import { RoleStatusBadge } from '../components/badges';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import type { RoleRequest } from '../forms/RoleForm';
import { useDebouncedSearch } from '../lib/useDebounced';
import { useIsDesktop } from '../lib/useIsDesktop';

const route = getRouteApi('/_app/roles');

// The form (and @mantine/form) loads when someone opens it: the roles list is a first page.
const loadRoleForm = () => import('../forms/RoleForm');
const RoleForm = lazy(() => loadRoleForm().then((m) => ({ default: m.RoleForm })));
const preloadRoleForm = () => void loadRoleForm();

const filters = [
  { value: 'open', label: 'Open' },
  { value: 'filled', label: 'Filled' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];

function Waiting({ role }: { role: Role }) {
  const { active, total } = role.applicationCounts;
  return (
    <Text size="sm" component="span">
      <Text span fw={600}>
        {active}
      </Text>{' '}
      waiting
      <Text span c="dimmed">
        {' '}
        · {total} in total
      </Text>
    </Text>
  );
}

export function RolesPage() {
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/roles' });
  const status = search.status ?? 'open';
  const q = search.q ?? '';
  const roles = useRoles({
    status: status === 'all' ? undefined : (status as RoleStatus),
    q: q || undefined,
  });
  const [text, setText] = useDebouncedSearch(q, (value) => {
    void navigate({ search: (prev) => ({ ...prev, q: value || undefined }), replace: true });
  });
  const [creating, creatingHandlers] = useDisclosure(false);
  const queryClient = useQueryClient();
  const desktop = useIsDesktop();
  const canEdit = canManageHiring(me);

  const items = roles.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(q) || status !== 'open';

  async function create(body: RoleRequest) {
    const role = await api<Role>('/api/v1/roles', { method: 'POST', body });
    await refresh(queryClient, 'roles');
    creatingHandlers.close();
    await navigate({ to: '/roles/$roleId', params: { roleId: role.id } });
  }

  return (
    <>
      <PageHeader
        title="Roles"
        description="Openings at your venues, and how many candidates are still waiting for an outcome."
        actions={
          canEdit ? (
            <Button
              onClick={creatingHandlers.open}
              onPointerEnter={preloadRoleForm}
              onFocus={preloadRoleForm}
              data-testid="new-role"
            >
              New role
            </Button>
          ) : null
        }
      />

      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={600} id="role-status-label">
            Status
          </Text>
          <SegmentedControl
            aria-labelledby="role-status-label"
            data={filters}
            value={status}
            onChange={(value) =>
              void navigate({
                search: (prev) => ({ ...prev, status: value === 'open' ? undefined : (value as RoleStatus) }),
                replace: true,
              })
            }
          />
        </Stack>
        <TextInput
          label="Search roles"
          placeholder="Title"
          type="search"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: '1 1 14rem', maxWidth: 360 }}
        />
      </Group>

      {roles.isPending ? (
        <LoadingState label="Loading roles…" />
      ) : roles.isError ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <Empty
            title="No roles match"
            description={
              q
                ? `Nothing ${status === 'all' ? '' : `${status} `}matches “${q}”. Try another word, or another status.`
                : `There are no ${status} roles. Choose another status to see the rest.`
            }
          />
        ) : (
          <Empty
            title="No roles yet — create your first role to start tracking candidates"
            description={
              canEdit
                ? 'A role is an opening, such as “AV Technician — Main House”. Add candidates to it and follow each one to a decision.'
                : 'An admin or hiring manager creates roles; they will appear here.'
            }
          >
            {canEdit ? (
              <Button
                variant="light"
                onClick={creatingHandlers.open}
                onPointerEnter={preloadRoleForm}
                onFocus={preloadRoleForm}
              >
                Create your first role
              </Button>
            ) : null}
          </Empty>
        )
      ) : desktop ? (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover striped={false} data-testid="roles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Venue</Table.Th>
                <Table.Th>Hiring manager</Table.Th>
                <Table.Th>Candidates</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Td>
                    <AnchorLink to="/roles/$roleId" params={{ roleId: role.id }} className="row-link">
                      {role.title}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {roleLevelLabels[role.level]}
                    </Text>
                  </Table.Td>
                  <Table.Td>{role.venue.name}</Table.Td>
                  <Table.Td>
                    {role.hiringManager?.name ?? (
                      <Text span c="dimmed" size="sm">
                        Not set
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Waiting role={role} />
                  </Table.Td>
                  <Table.Td>
                    <RoleStatusBadge status={role.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((role) => (
            <Card withBorder key={role.id} component="li" padding="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <AnchorLink to="/roles/$roleId" params={{ roleId: role.id }} className="row-link">
                  {role.title}
                </AnchorLink>
                <RoleStatusBadge status={role.status} />
              </Group>
              <Text size="sm" c="dimmed">
                {role.venue.name} · {roleLevelLabels[role.level]}
              </Text>
              <Group gap="xs" mt={4}>
                <Waiting role={role} />
              </Group>
            </Card>
          ))}
        </Stack>
      )}

      {roles.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            onClick={() => void roles.fetchNextPage()}
            loading={roles.isFetchingNextPage}
          >
            Show more roles
          </Button>
        </Group>
      ) : null}
      {roles.isFetching && !roles.isPending && !roles.isFetchingNextPage ? (
        <VisuallyHidden role="status">Updating…</VisuallyHidden>
      ) : null}

      <Modal opened={creating} onClose={creatingHandlers.close} title="New role" size="lg">
        <Suspense fallback={<LoadingState label="Loading the form…" />}>
          <RoleForm submitLabel="Create role" onSubmit={create} onCancel={creatingHandlers.close} />
        </Suspense>
      </Modal>
    </>
  );
}
