// A role's talent-network matches: members ranked by fit with the reasons; choose some, add a
// personal note each ("why we thought of you, what changed"), preview every email, then send as a
// background job with its progress. One email per member per role; the server refuses anyone
// without current consent or who unsubscribed, and the preview says why.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import {
  jobQuery,
  matchesQuery,
  type OpportunityPreview,
  previewOpportunities,
  sendOpportunities,
} from '../api/network';
import { roleQuery } from '../api/queries';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, FormAlert, LoadingState } from '../components/states';
import { errorMessage } from '../lib/formErrors';

const route = getRouteApi('/_app/roles/$roleId/network-matches');

function JobProgress({ jobId }: { jobId: string }) {
  const job = useQuery(jobQuery(jobId));
  if (!job.data) return <LoadingState label="Starting…" />;
  const j = job.data;
  return (
    <Card withBorder mt="md" data-testid="opportunities-job">
      <Text fw={500}>
        {j.status === 'succeeded'
          ? `Sent: ${j.done} opportunit${j.done === 1 ? 'y' : 'ies'} queued for the candidates' sending window.`
          : j.status === 'failed'
            ? `Stopped: ${j.error ?? 'the job failed'}`
            : `Sending… ${j.done} of ${j.total || '?'}`}
      </Text>
      <Progress value={Math.round(j.progress * 100)} mt="xs" aria-label="Progress" />
    </Card>
  );
}

export function RoleNetworkMatchesPage() {
  const { roleId } = route.useParams();
  const [kind, setKind] = useState<'permanent' | 'casual'>('permanent');
  const role = useQuery(roleQuery(roleId));
  const matches = useQuery(matchesQuery(roleId, kind));
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [previews, setPreviews] = useState<OpportunityPreview[] | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();

  const body = () => {
    const candidateIds = [...chosen];
    const withNotes = Object.fromEntries(
      candidateIds.filter((id) => (notes[id] ?? '').trim() !== '').map((id) => [id, notes[id]!.trim()]),
    );
    return { candidateIds, ...(Object.keys(withNotes).length > 0 && { notes: withNotes }) };
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
    setPreviews(null);
  };

  async function preview() {
    setBusy(true);
    setProblem(null);
    try {
      setPreviews(await previewOpportunities(roleId, body()));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }
  async function send() {
    setBusy(true);
    setProblem(null);
    try {
      const job = await sendOpportunities(roleId, body());
      setJobId(job.id);
      setChosen(new Set());
      setPreviews(null);
      await queryClient.invalidateQueries({ queryKey: ['network', 'matches', roleId] });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const title = role.data ? `Network matches: ${role.data.title}` : 'Network matches';
  const sendable = previews?.filter((p) => p.canSend).length ?? 0;
  return (
    <>
      <AnchorLink to="/roles/$roleId" params={{ roleId }} size="sm">
        Back to the role
      </AnchorLink>
      <PageHeader
        title={title}
        description="Talent-network members ranked by fit for this role: criterion levels against what the role needs, skills, availability, region, how recent the assessment was and training done."
      />
      <SegmentedControl
        mb="md"
        value={kind}
        onChange={(value) => {
          setKind(value as 'permanent' | 'casual');
          setChosen(new Set());
          setPreviews(null);
        }}
        data={[
          { value: 'permanent', label: 'For the role' },
          { value: 'casual', label: 'Casual-crew bench' },
        ]}
      />
      {matches.isPending ? (
        <LoadingState label="Ranking the network…" />
      ) : matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />
      ) : matches.data.length === 0 ? (
        <Empty
          title="No network members to match yet"
          description="Members appear here once candidates join the talent network with current consent."
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" data-testid="matches-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Choose</Table.Th>
                <Table.Th>Member</Table.Th>
                <Table.Th>Fit</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matches.data.map((m) => (
                <Table.Tr key={m.candidateId} data-testid="match-row">
                  <Table.Td>
                    <Checkbox
                      aria-label={`Choose ${m.name}`}
                      checked={chosen.has(m.candidateId)}
                      disabled={m.alreadyOffered}
                      onChange={(event) => toggle(m.candidateId, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <AnchorLink to="/candidates/$candidateId" params={{ candidateId: m.candidateId }}>
                      {m.name}
                    </AnchorLink>
                    {m.alreadyOffered ? (
                      <Text size="xs" c="dimmed">
                        Already sent this role
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{Math.round(m.score)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.explanation}</Text>
                    {chosen.has(m.candidateId) ? (
                      <Textarea
                        mt="xs"
                        label={`Why we thought of ${m.name} (optional, in their email)`}
                        maxLength={1000}
                        autosize
                        value={notes[m.candidateId] ?? ''}
                        onChange={(event) => {
                          setNotes({ ...notes, [m.candidateId]: event.currentTarget.value });
                          setPreviews(null);
                        }}
                      />
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <FormAlert message={problem} title="Not sent" />
      <Group mt="md">
        <Button variant="default" disabled={chosen.size === 0} loading={busy && !previews} onClick={preview}>
          Preview {chosen.size > 0 ? chosen.size : ''} email{chosen.size === 1 ? '' : 's'}
        </Button>
        {previews ? (
          <Button disabled={sendable === 0} loading={busy} onClick={send}>
            Send {sendable} opportunit{sendable === 1 ? 'y' : 'ies'}
          </Button>
        ) : null}
      </Group>

      {previews ? (
        <Stack mt="md" data-testid="opportunity-previews">
          <Title order={3} size="h5">
            Preview
          </Title>
          {previews.map((p) => (
            <Card withBorder key={p.candidateId}>
              <Text fw={500}>{p.name}</Text>
              {p.canSend ? (
                <>
                  <Text size="sm" c="dimmed">
                    Subject: {p.subject}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt="xs">
                    {p.text}
                  </Text>
                </>
              ) : (
                <Alert color="yellow" mt="xs">
                  Not sent: {p.reason}
                </Alert>
              )}
            </Card>
          ))}
        </Stack>
      ) : null}
      {jobId ? <JobProgress jobId={jobId} /> : null}
    </>
  );
}
