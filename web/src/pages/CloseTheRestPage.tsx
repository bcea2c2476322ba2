import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import {
  approveMany,
  closeTheRestQuery,
  editQueueItem,
  isFinished,
  type Job,
  jobQuery,
  type QueueItem,
  type SendResult,
  screeningReasonsQuery,
  sendTheRest,
  startCloseTheRest,
} from '../api/closure';
import { refresh, roleQuery } from '../api/queries';
import { AnchorLink, ButtonLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, FormAlert, LoadingState } from '../components/states';
import { errorMessage } from '../lib/formErrors';

const route = getRouteApi('/_app/roles/$roleId/close-the-rest');

const kindLabels: Record<QueueItem['kind'], string> = {
  feedback: 'Feedback from scorecards',
  screening: 'Screening reason',
  without_scorecards: 'Interviewed, no scorecards',
};

/** One review list: name, stage, what they will receive, the check, edit, and select to approve. */
function ReviewList({
  items,
  selected,
  onToggle,
  onEdit,
}: {
  items: QueueItem[];
  selected: Set<string>;
  onToggle: (id: string, on: boolean) => void;
  onEdit: (id: string) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="review-list" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-label="Select" />
            <Table.Th>Candidate</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th>What they will receive</Table.Th>
            <Table.Th>Check</Table.Th>
            <Table.Th>Edit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.applicationId} data-testid="review-row">
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${item.candidate.name}`}
                  checked={selected.has(item.applicationId)}
                  disabled={item.ready}
                  onChange={(e) => onToggle(item.applicationId, e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>{item.candidate.name}</Table.Td>
              <Table.Td>{item.stage.replaceAll('_', ' ')}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {kindLabels[item.kind]}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {item.receives?.text ?? item.problem ?? 'Nothing yet'}
                </Text>
              </Table.Td>
              <Table.Td>
                {item.check ? (
                  <Badge variant="light" radius="sm" color={item.check.pass ? 'teal' : 'orange'}>
                    {item.check.pass ? 'passes' : 'needs work'} · {Math.round(item.check.score)}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
                {item.ready ? (
                  <Badge variant="light" radius="sm" color="teal" ml={4}>
                    ready
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                {item.kind === 'feedback' ? (
                  <AnchorLink
                    to="/applications/$applicationId/feedback"
                    params={{ applicationId: item.applicationId }}
                    size="sm"
                  >
                    Edit feedback
                  </AnchorLink>
                ) : (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    aria-label={`Edit the reason for ${item.candidate.name}`}
                    onClick={() => onEdit(item.applicationId)}
                  >
                    Edit reason
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Edits a screening item in place: the reason from the role's requirements, a note to the candidate,
 * and for an interviewed candidate without scorecards why the decision is made without them (audited,
 * never sent). The answer is the item, checked again.
 */
function ItemEditor({
  roleId,
  item,
  onSaved,
  onClose,
}: {
  roleId: string;
  item: QueueItem;
  onSaved: (item: QueueItem) => void;
  onClose: () => void;
}) {
  const reasons = useQuery(screeningReasonsQuery(roleId));
  const [criterionKey, setCriterionKey] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [withoutScorecardsNote, setWithoutScorecardsNote] = useState('');
  const chosen = criterionKey ?? reasons.data?.reasons[0]?.criterionKey ?? null;
  const save = useMutation({
    mutationFn: () =>
      editQueueItem(roleId, item.applicationId, {
        screening: { reasons: chosen ? [{ criterionKey: chosen }] : [], ...(note.trim() && { note }) },
        ...(item.kind === 'without_scorecards' && { withoutScorecardsNote }),
      }),
    onSuccess: (saved) => onSaved(saved),
  });
  const errors = save.data?.findings.filter((f) => f.severity === 'error') ?? [];
  return (
    <Card withBorder mb="md" data-testid="item-editor">
      <Title order={2} size="h5" mb="xs">
        The reason for {item.candidate.name}
      </Title>
      <Stack gap="sm">
        <Select
          label="Reason from the role's requirements"
          data={(reasons.data?.reasons ?? []).map((r) => ({ value: r.criterionKey, label: r.criterionName }))}
          value={chosen}
          onChange={setCriterionKey}
          allowDeselect={false}
        />
        <Textarea
          label="A sentence of your own to the candidate (optional)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        {item.kind === 'without_scorecards' ? (
          <Textarea
            label="Why you decide without the scorecards (kept in the audit log, never sent)"
            description="Or chase the scorecards first and refresh the queue."
            value={withoutScorecardsNote}
            onChange={(e) => setWithoutScorecardsNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        ) : null}
        <FormAlert message={save.isError ? errorMessage(save.error) : null} title="Not saved" />
        {errors.length > 0 ? (
          <Alert color="orange" title="The check found something to fix">
            <List size="sm">
              {errors.map((f) => (
                <List.Item key={`${f.kind}:${f.message}`}>{f.message}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!chosen}>
            Save the reason
          </Button>
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const statusLabels: Record<QueueItem['feedbackStatus'], string> = {
  none: 'No feedback',
  draft: 'Draft',
  approved: 'Approved',
};

function FeedbackStatusBadge({ status }: { status: QueueItem['feedbackStatus'] }) {
  return (
    <Badge
      variant="light"
      radius="sm"
      color={status === 'approved' ? 'teal' : status === 'draft' ? 'yellow' : 'gray'}
    >
      {statusLabels[status]}
    </Badge>
  );
}

function CheckLine({ check }: { check: QueueItem['check'] }) {
  if (!check)
    return (
      <Text size="sm" c="dimmed">
        Not checked yet: there is no feedback to check.
      </Text>
    );
  return (
    <Text size="sm">
      Feedback check: <strong>{Math.round(check.score)}</strong>{' '}
      {check.pass ? (
        <Badge variant="light" color="teal" radius="sm" size="sm">
          passes
        </Badge>
      ) : (
        <Badge variant="light" color="orange" radius="sm" size="sm">
          needs work
        </Badge>
      )}
    </Text>
  );
}

function QueueStep({ item, index, total }: { item: QueueItem; index: number; total: number }) {
  return (
    <Card withBorder data-testid="queue-step">
      <Text size="xs" c="dimmed">
        Candidate {index + 1} of {total}
      </Text>
      <Group justify="space-between" align="flex-start" mt={4} wrap="wrap">
        <Title order={2} size="h4">
          {item.candidate.name}
        </Title>
        <FeedbackStatusBadge status={item.feedbackStatus} />
      </Group>
      <Stack gap="xs" mt="sm">
        <CheckLine check={item.check} />
        {item.problem ? (
          <Alert color="orange" title="No draft could be written">
            {item.problem}
          </Alert>
        ) : null}
        <Group gap="sm" wrap="wrap">
          <ButtonLink
            to="/applications/$applicationId/feedback"
            params={{ applicationId: item.applicationId }}
            variant={item.feedbackStatus === 'approved' ? 'default' : 'filled'}
          >
            {item.feedbackStatus === 'approved'
              ? 'Review the approved feedback'
              : item.feedbackStatus === 'draft'
                ? 'Edit and approve the feedback'
                : 'Write the feedback'}
          </ButtonLink>
          <AnchorLink
            to="/applications/$applicationId"
            params={{ applicationId: item.applicationId }}
            size="sm"
          >
            Open the application
          </AnchorLink>
        </Group>
      </Stack>
    </Card>
  );
}

function SendResults({ result, queue }: { result: SendResult; queue: QueueItem[] }) {
  const names = new Map(queue.map((q) => [q.applicationId, q.candidate.name]));
  const queued = result.results.filter((r) => r.status === 'queued').length;
  return (
    <Card withBorder mt="md" data-testid="send-results">
      <Title order={2} size="h5" mb="xs">
        {queued} of {result.results.length} emails queued
      </Title>
      <List spacing={4} size="sm" aria-live="polite">
        {result.results.map((r) => (
          <List.Item key={r.applicationId}>
            {names.get(r.applicationId) ?? 'A candidate'}:{' '}
            {r.status === 'queued' ? (
              <Text span c="teal" fw={500} size="sm">
                {r.sendAfterText ? `leaves ${r.sendAfterText}` : 'queued for the sending window'}
              </Text>
            ) : (
              <Text span c="orange" fw={500} size="sm">
                skipped{r.reason ? ` (${r.reason})` : ''}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed" mt="sm">
        Each email is in the outbox; each application closes once its email has gone.
      </Text>
    </Card>
  );
}

type Phase = 'compose' | 'send';

const phaseLabels: Record<Phase, string> = {
  compose: 'Composing the review list',
  send: 'Sending the decisions',
};

/** A background job of this page (many applications), polled until it has finished. */
function JobProgress({ phase, job }: { phase: Phase; job: Job }) {
  const percent = Math.round(job.progress * 100);
  const label =
    job.status === 'queued'
      ? `${phaseLabels[phase]}: waiting for a worker`
      : `${phaseLabels[phase]}: ${percent}%${job.total > 0 ? ` (${job.done} of ${job.total} batches)` : ''}`;
  return (
    <Card withBorder mb="md" data-testid="job-progress">
      <Text fw={600} size="sm" mb={6} aria-live="polite">
        {label}
      </Text>
      <Progress value={percent} animated={!isFinished(job)} aria-label={label} />
      <Text size="xs" c="dimmed" mt={6}>
        This runs in the background and carries on if you leave this page; refresh the queue when you come
        back.
      </Text>
    </Card>
  );
}

export function CloseTheRestPage() {
  const { roleId } = route.useParams();
  const role = useQuery(roleQuery(roleId));
  const queue = useQuery(closeTheRestQuery(roleId));
  const queryClient = useQueryClient();
  const [index, setIndex] = useState(0);
  const [result, setResult] = useState<{ sent: SendResult; queue: QueueItem[] } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const search = new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search);
  const chosenIds = search.get('ids')?.split(',').filter(Boolean);
  const [confirmOffersOut, setConfirmOffersOut] = useState(false);
  const [running, setRunning] = useState<{ phase: Phase; jobId: string } | null>(null);
  const [jobError, setJobError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const job = useQuery({ ...jobQuery(running?.jobId ?? ''), enabled: running !== null });

  const showSent = async (sent: SendResult) => {
    setResult({ sent, queue: queue.data ?? [] });
    const queued = sent.results.filter((r) => r.status === 'queued').length;
    notifications.show({ color: 'teal', message: `${queued} email${queued === 1 ? '' : 's'} queued` });
    await refresh(queryClient, 'applications', 'roles', 'messages', 'closure');
  };

  // A job that has finished: read what it did, then stop polling.
  const finished = running && job.data && isFinished(job.data) ? job.data : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per finished job (showSent is new each render)
  useEffect(() => {
    if (!running || !finished) return;
    setRunning(null);
    if (finished.status !== 'succeeded') {
      setJobError(finished.error ?? `The job was ${finished.status}`);
      return;
    }
    if (running.phase === 'compose') {
      setIndex(0);
      setResult(null);
      void refresh(queryClient, 'closure', 'feedback');
    } else {
      void showSent(finished.result as SendResult);
    }
  }, [finished, running]);

  const start = useMutation({
    mutationFn: () =>
      startCloseTheRest(roleId, {
        ...(chosenIds && chosenIds.length > 0 && { applicationIds: chosenIds }),
        ...(confirmOffersOut && { confirmOffersOut: true }),
      }),
    onSuccess: async (out) => {
      setJobError(null);
      if ('job' in out) {
        setRunning({ phase: 'compose', jobId: out.job.id });
        return;
      }
      queryClient.setQueryData(closeTheRestQuery(roleId).queryKey, out.done);
      setIndex(0);
      setResult(null);
      await refresh(queryClient, 'feedback');
    },
  });

  const approve = useMutation({
    mutationFn: () => approveMany(roleId, [...selected]),
    onSuccess: async (out) => {
      queryClient.setQueryData(closeTheRestQuery(roleId).queryKey, out.queue);
      setSelected(new Set());
      const refused = out.results.filter((r) => r.status === 'refused');
      notifications.show({
        color: refused.length ? 'orange' : 'teal',
        message: refused.length
          ? `${out.results.length - refused.length} approved; ${refused.length} refused: ${refused.map((r) => r.reason).join('; ')}`
          : `${out.results.length} approved`,
      });
      await refresh(queryClient, 'feedback');
    },
  });

  const send = useMutation({
    mutationFn: (onlyApproved: boolean) => sendTheRest(roleId, onlyApproved),
    onSuccess: async (out) => {
      setJobError(null);
      if ('job' in out) {
        setRunning({ phase: 'send', jobId: out.job.id });
        return;
      }
      await showSent(out.done);
    },
  });

  if (role.isPending || queue.isPending) return <LoadingState label="Loading the queue…" />;
  if (role.isError || queue.isError)
    return (
      <>
        <PageHeader title="Close the rest" />
        <ErrorState
          error={role.error ?? queue.error}
          onRetry={() => {
            void role.refetch();
            void queue.refetch();
          }}
        />
        <AnchorLink to="/roles/$roleId" params={{ roleId }}>
          Back to the role
        </AnchorLink>
      </>
    );

  const r = role.data;
  const items = queue.data;
  const total = items.length;
  const approved = items.filter((q) => q.ready).length;
  const current = items[Math.min(index, Math.max(total - 1, 0))];
  const at = current ? items.indexOf(current) : 0;

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/roles/$roleId" params={{ roleId }} size="sm">
            ← {r.title}
          </AnchorLink>
        }
        title="Close the rest"
        description={`Tell everyone still waiting on ${r.title} that they are not progressing, each with their own approved feedback.`}
        actions={
          total > 0 ? (
            <Button
              variant="default"
              onClick={() => start.mutate()}
              loading={start.isPending || running?.phase === 'compose'}
            >
              Refresh the queue
            </Button>
          ) : null
        }
      />

      {running && job.data ? <JobProgress phase={running.phase} job={job.data} /> : null}
      <FormAlert message={jobError} title="The background job did not finish" />
      <FormAlert message={start.isError ? errorMessage(start.error) : null} title="The queue was not built" />
      {start.isError && errorMessage(start.error).includes('offer') ? (
        <Checkbox
          mt="sm"
          label="Close them anyway: the offer may still be declined, and I accept that"
          checked={confirmOffersOut}
          onChange={(e) => setConfirmOffersOut(e.currentTarget.checked)}
        />
      ) : null}

      {total === 0 ? (
        <Empty
          title="No queue yet"
          description="Followspot drafts feedback from the scorecards for every candidate still waiting on this role. You review and approve each one, then send them all together."
        >
          <Button onClick={() => start.mutate()} loading={start.isPending || running?.phase === 'compose'}>
            Start: draft the feedback
          </Button>
        </Empty>
      ) : (
        <>
          <Stack gap={6} mb="md">
            <Text fw={600} data-testid="queue-progress">
              {approved} of {total} ready to send
            </Text>
            <Progress
              value={(approved / total) * 100}
              color={approved === total ? 'teal' : 'blue'}
              aria-label={`${approved} of ${total} ready to send`}
            />
          </Stack>

          <ReviewList
            items={items}
            selected={selected}
            onToggle={(id, on) =>
              setSelected((was) => {
                const next = new Set(was);
                if (on) next.add(id);
                else next.delete(id);
                return next;
              })
            }
            onEdit={setEditing}
          />
          {editing && items.some((q) => q.applicationId === editing) ? (
            <ItemEditor
              key={editing}
              roleId={roleId}
              item={items.find((q) => q.applicationId === editing)!}
              onClose={() => setEditing(null)}
              onSaved={(saved) =>
                queryClient.setQueryData(closeTheRestQuery(roleId).queryKey, (was: QueueItem[] | undefined) =>
                  (was ?? []).map((q) => (q.applicationId === saved.applicationId ? saved : q)),
                )
              }
            />
          ) : null}
          <Group gap="sm" mb="md">
            <Button
              variant="default"
              disabled={selected.size === 0}
              loading={approve.isPending}
              onClick={() => approve.mutate()}
            >
              Approve selected ({selected.size})
            </Button>
          </Group>
          <FormAlert
            message={approve.isError ? errorMessage(approve.error) : null}
            title="Nothing was approved"
          />

          {current ? <QueueStep item={current} index={at} total={total} /> : null}

          <Group justify="space-between" mt="sm">
            <Button variant="default" disabled={at === 0} onClick={() => setIndex(at - 1)}>
              Previous
            </Button>
            <Button variant="default" disabled={at >= total - 1} onClick={() => setIndex(at + 1)}>
              Next
            </Button>
          </Group>

          <Card withBorder mt="xl">
            <Title order={2} size="h5" mb="xs">
              Send all
            </Title>
            <Text size="sm" mb="sm">
              Each candidate gets the "not progressing" email: with their approved feedback once interviewed
              and scored, otherwise with the screening reason shown above. Emails go out in the venue's
              sending window, not straight away, so nobody hears late at night or at the weekend.
            </Text>
            {approved < total ? (
              <Text size="sm" c="dimmed" mb="sm">
                {total - approved} are not ready yet: approve them above (or fix what the check found), or
                send to the {approved} ready and deal with the rest later.
              </Text>
            ) : null}
            <FormAlert message={send.isError ? errorMessage(send.error) : null} title="Nothing was sent" />
            <Group gap="sm" mt={send.isError ? 'sm' : 0}>
              {approved === total ? (
                <Button
                  onClick={() => send.mutate(false)}
                  loading={send.isPending || running?.phase === 'send'}
                >
                  Send all {total}
                </Button>
              ) : approved > 0 ? (
                <Button
                  onClick={() => send.mutate(true)}
                  loading={send.isPending || running?.phase === 'send'}
                >
                  Send the {approved} ready, skip the rest
                </Button>
              ) : (
                <Button disabled>Nothing is ready to send yet</Button>
              )}
            </Group>
          </Card>
        </>
      )}

      {result ? <SendResults result={result.sent} queue={result.queue} /> : null}
    </>
  );
}
