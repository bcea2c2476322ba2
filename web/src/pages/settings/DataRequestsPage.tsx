// Candidates' data requests (admins): open ones soonest due first, each met (the candidate is
// anonymised at once, the request kept as proof) or refused with a reason; closed ones below.
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../api/client';
import { type DataRequest, dataRequestsQuery, eraseCandidate, refuseDataRequest } from '../../api/privacy';
import { isAdmin, useMe } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { AnchorLink } from '../../components/links';
import { useDocumentTitle } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/formErrors';

const statusLabels: Record<DataRequest['status'], string> = {
  open: 'Open',
  done: 'Met',
  refused: 'Refused',
};

function Who({ request }: { request: DataRequest }) {
  if (!request.candidate) return <Text size="sm">Erased candidate (kept as proof, without their name)</Text>;
  return (
    <>
      <AnchorLink to="/candidates/$candidateId" params={{ candidateId: request.candidate.id }}>
        {request.candidate.name}
      </AnchorLink>
      <Text size="xs" c="dimmed">
        {request.candidate.email}
      </Text>
    </>
  );
}

function RequestTable({
  label,
  rows,
  actions,
}: {
  label: string;
  rows: DataRequest[];
  actions?: (r: DataRequest) => ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Candidate</Table.Th>
            <Table.Th>Asked for</Table.Th>
            <Table.Th>Requested</Table.Th>
            <Table.Th>{actions ? 'Act by' : 'Closed'}</Table.Th>
            <Table.Th>{actions ? <span className="visually-hidden">Actions</span> : 'Status'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Who request={r} />
              </Table.Td>
              <Table.Td>Deletion of their data</Table.Td>
              <Table.Td>{formatDate(r.requestedAt)}</Table.Td>
              <Table.Td>
                {actions ? (
                  <Group gap="xs">
                    {formatDate(r.dueAt)}
                    {r.overdue ? <Badge color="red.9">Overdue</Badge> : null}
                  </Group>
                ) : (
                  formatDate(r.closedAt)
                )}
              </Table.Td>
              <Table.Td>{actions ? actions(r) : statusLabels[r.status]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Requests({ requests }: { requests: DataRequest[] }) {
  const queryClient = useQueryClient();
  const [meeting, setMeeting] = useState<DataRequest | null>(null);
  const [refusing, setRefusing] = useState<DataRequest | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['privacy'] });
  const meet = useMutation({
    mutationFn: (candidateId: string) => eraseCandidate(candidateId),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Request met: their data is anonymised.' });
      setMeeting(null);
      await refresh();
    },
  });
  const refuse = useMutation({
    mutationFn: (v: { id: string; reason: string }) => refuseDataRequest(v.id, v.reason),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Request refused; the reason is in the audit trail.' });
      setRefusing(null);
      await refresh();
    },
  });
  const open = requests.filter((r) => r.status === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const closed = requests
    .filter((r) => r.status !== 'open')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  const name = (r: DataRequest | null) => r?.candidate?.name ?? 'this candidate';
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="open-heading">
        <Title order={2} size="h4" id="open-heading" mb="xs">
          Open requests
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          UK GDPR gives you one month from the request. A candidate who deletes their data from their page is
          anonymised at once; requests stay open here when a legal hold stopped it.
        </Text>
        {open.length === 0 ? (
          <Empty
            title="No open requests"
            description="Nothing to do. When a candidate asks from their page to delete their data and it cannot happen at once, the request appears here and admins are notified."
          />
        ) : (
          <RequestTable
            label="Open requests"
            rows={open}
            actions={(r) => (
              <Group gap="xs" wrap="nowrap">
                {r.candidate ? (
                  <Button
                    size="xs"
                    color="red.9"
                    onClick={() => {
                      meet.reset();
                      setMeeting(r);
                    }}
                  >
                    Meet: delete {r.candidate.name}'s data
                  </Button>
                ) : null}
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    refuse.reset();
                    setRefusing(r);
                  }}
                >
                  Refuse
                </Button>
              </Group>
            )}
          />
        )}
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="closed-heading">
        <Title order={2} size="h4" id="closed-heading" mb="xs">
          Closed requests
        </Title>
        {closed.length === 0 ? (
          <Text size="sm">None yet. Met and refused requests are kept here as proof.</Text>
        ) : (
          <RequestTable label="Closed requests" rows={closed} />
        )}
      </Card>
      <ConfirmModal
        opened={meeting !== null}
        onClose={() => setMeeting(null)}
        title={`Delete ${name(meeting)}'s data?`}
        confirmLabel="Delete their data"
        onConfirm={() => meeting?.candidate && meet.mutate(meeting.candidate.id)}
        loading={meet.isPending}
        error={
          meet.isError
            ? `${errorMessage(meet.error)}${isApiError(meet.error) && meet.error.status === 409 ? ' The hold is released under Settings → Privacy.' : ''}`
            : null
        }
      >
        Their name, contact details and free text are removed at once; outcomes, dates and scores stay
        counted. The request is kept as proof, without their name. This cannot be undone.
      </ConfirmModal>
      <ReasonModal
        opened={refusing !== null}
        onClose={() => setRefusing(null)}
        title={`Refuse ${name(refusing)}'s request`}
        label="Reason for refusing"
        minLength={10}
        maxLength={2000}
        confirmLabel="Refuse the request"
        onConfirm={(reason) => refusing && refuse.mutate({ id: refusing.id, reason })}
        loading={refuse.isPending}
        error={refuse.error}
      >
        Say why (for example a legal claim in progress); the reason is audited. Tell the candidate yourself.
      </ReasonModal>
    </Stack>
  );
}

export function DataRequestsPage() {
  useDocumentTitle('Data requests');
  const me = useMe();
  const requests = useQuery({ ...dataRequestsQuery, enabled: isAdmin(me) });
  if (!isAdmin(me)) return <Text>Only admins see candidates' data requests.</Text>;
  if (requests.isPending) return <LoadingState />;
  if (requests.isError) return <ErrorState error={requests.error} onRetry={() => requests.refetch()} />;
  return <Requests requests={requests.data.data} />;
}
