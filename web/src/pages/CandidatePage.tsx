import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import type { CandidateCreate } from '../../../src/features/candidates/candidates.schema.ts';
import { api } from '../api/client';
import {
  allOpenRolesQuery,
  applicationsQuery,
  candidateQuery,
  canManageHiring,
  refresh,
  useMe,
} from '../api/queries';
import { referralsQuery } from '../api/referrals';
import type { Application, Candidate } from '../api/types';
import { StageBadge } from '../components/badges';
import { CandidateTimeline } from '../components/CandidateTimeline';
import { ConfirmModal } from '../components/ConfirmModal';
import { FutureFitCard } from '../components/FutureFitCard';
import { AnchorLink } from '../components/links';
import { MessagesSection } from '../components/MessagesSection';
import { NetworkMembershipCard } from '../components/NetworkMembershipCard';
import { PageHeader } from '../components/PageHeader';
import { ErrorState, FormAlert, LoadingState } from '../components/states';
import { CandidateForm } from '../forms/CandidateForm';
import { formatDate } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';

const route = getRouteApi('/_app/candidates/$candidateId');

/** Who recommended this candidate (one name per referral link they came through). */
function ReferredBy({ candidateId }: { candidateId: string }) {
  const referrals = useQuery(referralsQuery({ candidateId }));
  const referrers = new Map((referrals.data?.data ?? []).map((r) => [r.referrer.id, r.referrer.name]));
  if (referrers.size === 0) return null;
  return (
    <Detail label="Referred by">
      {[...referrers].map(([id, name], i) => (
        <span key={id}>
          {i > 0 ? ', ' : ''}
          <AnchorLink to="/candidates/$candidateId" params={{ candidateId: id }} size="sm">
            {name}
          </AnchorLink>
        </span>
      ))}
    </Detail>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function AddToRole({ candidate, applications }: { candidate: Candidate; applications: Application[] }) {
  const roles = useQuery(allOpenRolesQuery);
  const queryClient = useQueryClient();
  const [roleId, setRoleId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const taken = new Set(applications.map((a) => a.role.id));
  const choices = (roles.data ?? []).filter((r) => !taken.has(r.id));
  const add = useMutation({
    mutationFn: () =>
      api<Application>('/api/v1/applications', {
        method: 'POST',
        body: { candidateId: candidate.id, roleId },
      }),
    onMutate: () => setError(null),
    onSuccess: async (application) => {
      setRoleId('');
      await refresh(queryClient, 'applications', 'roles', 'candidates');
      notifications.show({ color: 'teal', message: `${candidate.name} added to ${application.role.title}` });
    },
    onError: (e) => setError(errorMessage(e)),
  });

  if (roles.isSuccess && choices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        They are on every open role already, or there are no open roles.
      </Text>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!roleId) {
          setError('Choose a role first');
          return;
        }
        add.mutate();
      }}
    >
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label="Open role"
          data={[
            { value: '', label: roles.isPending ? 'Loading roles…' : 'Choose a role' },
            ...choices.map((r) => ({ value: r.id, label: `${r.title} (${r.venue.name})` })),
          ]}
          value={roleId}
          onChange={(event) => setRoleId(event.currentTarget.value)}
          style={{ flex: '1 1 16rem' }}
        />
        <Button type="submit" variant="light" loading={add.isPending}>
          Add to role
        </Button>
      </Group>
      <FormAlert message={error} title="Not added" />
    </form>
  );
}

export function CandidatePage() {
  const { candidateId } = route.useParams();
  const me = useMe();
  const canEdit = canManageHiring(me);
  const candidate = useQuery(candidateQuery(candidateId));
  const applications = useQuery(applicationsQuery({ candidateId }));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, editingHandlers] = useDisclosure(false);
  const [erasing, erasingHandlers] = useDisclosure(false);

  const erase = useMutation({
    mutationFn: () => api(`/api/v1/candidates/${candidateId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      erasingHandlers.close();
      notifications.show({ color: 'teal', message: 'The candidate and their data were erased' });
      await navigate({ to: '/candidates' });
      queryClient.removeQueries({ queryKey: candidateQuery(candidateId).queryKey });
      await refresh(queryClient, 'candidates', 'applications', 'roles', 'interviews');
    },
  });

  async function save(body: CandidateCreate) {
    await api<Candidate>(`/api/v1/candidates/${candidateId}`, { method: 'PATCH', body });
    await refresh(queryClient, 'candidates', 'applications');
    editingHandlers.close();
    notifications.show({ color: 'teal', message: 'Candidate saved' });
  }

  if (candidate.isPending) return <LoadingState label="Loading the candidate…" />;
  if (candidate.isError)
    return (
      <>
        <PageHeader title="Candidate" />
        <ErrorState error={candidate.error} onRetry={() => void candidate.refetch()} />
        <AnchorLink to="/candidates">Back to candidates</AnchorLink>
      </>
    );

  const c = candidate.data;
  const apps = applications.data ?? [];

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/candidates" size="sm">
            ← Candidates
          </AnchorLink>
        }
        title={c.name}
        description={`Added ${formatDate(c.createdAt)}`}
        actions={
          canEdit ? (
            <Button variant="default" onClick={editingHandlers.open}>
              Edit candidate
            </Button>
          ) : null
        }
      />

      <Card withBorder mb="lg">
        <Title order={2} size="h5" mb="sm">
          Details
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" component="dl" m={0}>
          <Detail label="Email">
            <Anchor href={`mailto:${c.email}`} size="sm">
              {c.email}
            </Anchor>
          </Detail>
          <Detail label="Phone">{c.phone ? <Anchor href={`tel:${c.phone}`}>{c.phone}</Anchor> : '—'}</Detail>
          <Detail label="Location">{c.location ?? '—'}</Detail>
          <Detail label="Source">{c.source ?? '—'}</Detail>
          {canManageHiring(me) ? <ReferredBy candidateId={c.id} /> : null}
        </SimpleGrid>
      </Card>

      <Title order={2} size="h3" mb="sm">
        Applications
      </Title>
      {applications.isPending ? (
        <LoadingState label="Loading applications…" />
      ) : applications.isError ? (
        <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />
      ) : apps.length === 0 ? (
        <Text size="sm" c="dimmed" mb="md">
          Not on any role yet{canEdit ? ': add them to an open role below.' : '.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480} mb="md">
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th>Since</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apps.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/applications/$applicationId"
                      params={{ applicationId: a.id }}
                      className="row-link"
                    >
                      {a.role.title}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {a.role.venueName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StageBadge stage={a.stage} />
                  </Table.Td>
                  <Table.Td>{formatDate(a.stageChangedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit && applications.isSuccess ? (
        <Card withBorder mb="xl">
          <Title order={3} size="h6" mb="xs">
            Add to another role
          </Title>
          <AddToRole candidate={c} applications={apps} />
        </Card>
      ) : null}

      {canEdit ? <NetworkMembershipCard candidateId={candidateId} /> : null}
      {canEdit ? <FutureFitCard candidateId={candidateId} name={c.name} /> : null}
      {canEdit ? <CandidateTimeline candidateId={candidateId} /> : null}

      {canEdit ? (
        <MessagesSection
          about={{ candidateId }}
          emptyText={`No emails to ${c.name} yet. Emails about their applications (an offer, feedback, a holding update when a decision slips) appear here, held or sent.`}
        />
      ) : null}

      {canEdit ? (
        <Alert color="red" variant="outline" title="Erase this candidate" mt="xl">
          <Stack gap="xs">
            <Text size="sm">
              For a request to erase their data, or a candidate added by mistake. Their details and every word
              about them go, permanently; outcomes, dates and scores stay counted without their name.
            </Text>
            <Group>
              <Button color="red" variant="outline" size="xs" onClick={erasingHandlers.open}>
                Delete candidate
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}

      <Modal opened={editing} onClose={editingHandlers.close} title="Edit candidate" size="lg">
        <CandidateForm
          candidate={c}
          submitLabel="Save candidate"
          onSubmit={save}
          onCancel={editingHandlers.close}
        />
      </Modal>
      <ConfirmModal
        opened={erasing}
        onClose={erasingHandlers.close}
        title={`Delete ${c.name} and erase their data?`}
        confirmLabel="Erase candidate"
        cancelLabel="Keep them"
        onConfirm={() => erase.mutate()}
        loading={erase.isPending}
        error={erase.isError ? errorMessage(erase.error) : null}
      >
        <Stack gap="xs">
          <span>This permanently erases, and cannot be undone:</span>
          <List size="sm">
            <List.Item>
              their details ({c.name}, {c.email})
            </List.Item>
            <List.Item>
              the notes, evidence, feedback, comments and emails of their{' '}
              {c.applicationCount === 1 ? 'application' : `${c.applicationCount} applications`} (the outcomes,
              dates and scores stay, without their name)
            </List.Item>
          </List>
          <span>
            Use it when a candidate asks for their data to be erased. To keep them but stop their application,
            move it to withdrawn instead.
          </span>
        </Stack>
      </ConfirmModal>
    </>
  );
}
