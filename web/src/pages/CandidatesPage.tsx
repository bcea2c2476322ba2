import { Button, Card, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { CandidateCreate } from '../../../src/features/candidates/candidates.schema.ts';
import { api } from '../api/client';
import { canManageHiring, refresh, useCandidates, useMe } from '../api/queries';
import type { Candidate } from '../api/types';
import { AnchorLink, ButtonLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { CandidateForm } from '../forms/CandidateForm';
import { formatDate } from '../lib/dates';
import { useDebouncedSearch } from '../lib/useDebounced';
import { useIsDesktop } from '../lib/useIsDesktop';

const route = getRouteApi('/_app/candidates');

function applicationsText(count: number): string {
  return count === 0 ? 'No applications' : `${count} application${count === 1 ? '' : 's'}`;
}

export function CandidatesPage() {
  const me = useMe();
  const canEdit = canManageHiring(me);
  const { q = '' } = route.useSearch();
  const navigate = useNavigate({ from: '/candidates' });
  const candidates = useCandidates(q);
  const [text, setText] = useDebouncedSearch(q, (value) => {
    void navigate({ search: { q: value || undefined }, replace: true });
  });
  const [creating, creatingHandlers] = useDisclosure(false);
  const queryClient = useQueryClient();
  const desktop = useIsDesktop();
  const items = candidates.data?.pages.flatMap((p) => p.data) ?? [];

  async function create(body: CandidateCreate) {
    const candidate = await api<Candidate>('/api/v1/candidates', { method: 'POST', body });
    await refresh(queryClient, 'candidates');
    creatingHandlers.close();
    await navigate({ to: '/candidates/$candidateId', params: { candidateId: candidate.id } });
  }

  return (
    <>
      <PageHeader
        title="Candidates"
        description="Everyone who has applied for a role at your venues."
        actions={canEdit ? <Button onClick={creatingHandlers.open}>New candidate</Button> : null}
      />
      <TextInput
        label="Search candidates"
        placeholder="Name or email"
        type="search"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        maw={360}
        mb="md"
      />

      {candidates.isPending ? (
        <LoadingState label="Loading candidates…" />
      ) : candidates.isError ? (
        <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
      ) : items.length === 0 ? (
        q ? (
          <Empty title="Nobody matches" description={`No candidate's name or email matches “${q}”.`} />
        ) : (
          <Empty
            title="No candidates yet — add someone to a role to start following them to a decision"
            description="Open a role and choose Add candidate, create a candidate here, or import them from a spreadsheet or another system's CSV export."
          >
            {canEdit ? (
              <>
                <Button variant="light" onClick={creatingHandlers.open}>
                  Create the first candidate
                </Button>
                <ButtonLink to="/settings/import" variant="default">
                  Import from a CSV file
                </ButtonLink>
              </>
            ) : null}
          </Empty>
        )
      ) : desktop ? (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="candidates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Location</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Applications</Table.Th>
                <Table.Th>Added</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/candidates/$candidateId"
                      params={{ candidateId: c.id }}
                      className="row-link"
                    >
                      {c.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{c.email}</Table.Td>
                  <Table.Td>{c.location ?? '—'}</Table.Td>
                  <Table.Td>{c.source ?? '—'}</Table.Td>
                  <Table.Td>{applicationsText(c.applicationCount)}</Table.Td>
                  <Table.Td>{formatDate(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((c) => (
            <Card withBorder padding="sm" component="li" key={c.id}>
              <AnchorLink to="/candidates/$candidateId" params={{ candidateId: c.id }} className="row-link">
                {c.name}
              </AnchorLink>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {c.email}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {[c.location, applicationsText(c.applicationCount)].filter(Boolean).join(' · ')}
              </Text>
            </Card>
          ))}
        </Stack>
      )}

      {candidates.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            onClick={() => void candidates.fetchNextPage()}
            loading={candidates.isFetchingNextPage}
          >
            Show more candidates
          </Button>
        </Group>
      ) : null}

      <Modal opened={creating} onClose={creatingHandlers.close} title="New candidate" size="lg">
        <CandidateForm submitLabel="Create candidate" onSubmit={create} onCancel={creatingHandlers.close} />
      </Modal>
    </>
  );
}
