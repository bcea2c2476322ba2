import { Badge, Button, Card, Group, Modal, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { regionLabels, type VenueCreate } from '../../../../src/features/venues/venues.schema.ts';
import { api } from '../../api/client';
import { isAdmin, refresh, useMe, venuesQuery } from '../../api/queries';
import type { Venue } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { VenueForm } from '../../forms/VenueForm';
import { errorMessage } from '../../lib/formErrors';
import { useIsDesktop } from '../../lib/useIsDesktop';

export function VenuesPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const [showArchived, setShowArchived] = useState(false);
  const venues = useQuery(venuesQuery(showArchived));
  const queryClient = useQueryClient();
  const desktop = useIsDesktop();
  const [creating, creatingHandlers] = useDisclosure(false);
  const [editing, setEditing] = useState<Venue | null>(null);
  const [deleting, setDeleting] = useState<Venue | null>(null);

  const archive = useMutation({
    mutationFn: (venue: Venue) =>
      api<Venue>(`/api/v1/venues/${venue.id}`, { method: 'PATCH', body: { archived: !venue.archived } }),
    onSuccess: async (venue) => {
      await refresh(queryClient, 'venues');
      notifications.show({
        color: 'teal',
        message: venue.archived ? `${venue.name} archived` : `${venue.name} restored`,
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(error) }),
  });

  const remove = useMutation({
    mutationFn: (venue: Venue) => api(`/api/v1/venues/${venue.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setDeleting(null);
      await refresh(queryClient, 'venues');
      notifications.show({ color: 'teal', message: 'Venue deleted' });
    },
  });

  async function create(body: VenueCreate) {
    await api<Venue>('/api/v1/venues', { method: 'POST', body });
    await refresh(queryClient, 'venues');
    creatingHandlers.close();
    notifications.show({ color: 'teal', message: `${body.name} added` });
  }

  async function save(venue: Venue, body: VenueCreate) {
    await api<Venue>(`/api/v1/venues/${venue.id}`, { method: 'PATCH', body });
    await refresh(queryClient, 'venues', 'roles');
    setEditing(null);
    notifications.show({ color: 'teal', message: 'Venue saved' });
  }

  const items = venues.data ?? [];

  function actions(venue: Venue) {
    if (!admin) return null;
    return (
      <Group gap={4} wrap="nowrap">
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => setEditing(venue)}
          aria-label={`Edit ${venue.name}`}
        >
          Edit
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="gray"
          loading={archive.isPending && archive.variables?.id === venue.id}
          onClick={() => archive.mutate(venue)}
          aria-label={`${venue.archived ? 'Restore' : 'Archive'} ${venue.name}`}
        >
          {venue.archived ? 'Restore' : 'Archive'}
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          onClick={() => setDeleting(venue)}
          aria-label={`Delete ${venue.name}`}
        >
          Delete
        </Button>
      </Group>
    );
  }

  return (
    <section aria-labelledby="venues-heading">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="venues-heading">
          Venues
        </Title>
        <Group gap="md">
          <Switch
            label="Show archived"
            checked={showArchived}
            onChange={(event) => setShowArchived(event.currentTarget.checked)}
          />
          {admin ? <Button onClick={creatingHandlers.open}>New venue</Button> : null}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Each venue's nation sets the bank holidays its decision deadlines skip. Archived venues keep their
        roles but are not offered for new ones.
      </Text>

      {venues.isPending ? (
        <LoadingState label="Loading venues…" />
      ) : venues.isError ? (
        <ErrorState error={venues.error} onRetry={() => void venues.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title="No venues yet — add the sites you hire for"
          description={admin ? 'Roles belong to a venue.' : 'An admin adds venues.'}
        >
          {admin ? (
            <Button variant="light" onClick={creatingHandlers.open}>
              Add the first venue
            </Button>
          ) : null}
        </Empty>
      ) : desktop ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Nation</Table.Th>
                <Table.Th>City</Table.Th>
                <Table.Th>Postcode</Table.Th>
                {admin ? (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((venue) => (
                <Table.Tr key={venue.id}>
                  <Table.Td>
                    <Text size="sm" fw={600} span>
                      {venue.name}
                    </Text>{' '}
                    {venue.archived ? (
                      <Badge color="gray" variant="light" size="sm">
                        Archived
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{regionLabels[venue.region]}</Table.Td>
                  <Table.Td>{venue.city ?? '—'}</Table.Td>
                  <Table.Td>{venue.postcode ?? '—'}</Table.Td>
                  {admin ? <Table.Td>{actions(venue)}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((venue) => (
            <Card withBorder padding="sm" component="li" key={venue.id}>
              <Group justify="space-between" gap="xs">
                <Text fw={600}>{venue.name}</Text>
                {venue.archived ? (
                  <Badge color="gray" variant="light" size="sm">
                    Archived
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" c="dimmed">
                {[regionLabels[venue.region], venue.city, venue.postcode].filter(Boolean).join(' · ')}
              </Text>
              <Group mt={6}>{actions(venue)}</Group>
            </Card>
          ))}
        </Stack>
      )}

      <Modal opened={creating} onClose={creatingHandlers.close} title="New venue" size="lg">
        <VenueForm submitLabel="Add venue" onSubmit={create} onCancel={creatingHandlers.close} />
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Edit venue" size="lg">
        {editing ? (
          <VenueForm
            venue={editing}
            submitLabel="Save venue"
            onSubmit={(body) => save(editing, body)}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        title={`Delete ${deleting?.name ?? 'venue'}?`}
        confirmLabel="Delete venue"
        onConfirm={() => deleting && remove.mutate(deleting)}
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
      >
        Only a venue with no roles can be deleted. One with roles can be archived instead: its roles stay on
        record.
      </ConfirmModal>
    </section>
  );
}
