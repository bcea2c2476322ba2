import { Alert, Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { isActiveStage, type Stage, stageLabels } from '../../../src/domain/lifecycle.ts';
import {
  type InterviewCreate,
  interviewableStages,
} from '../../../src/features/interviews/interviews.schema.ts';
import { api } from '../api/client';
import {
  applicationQuery,
  canManageHiring,
  interviewsQuery,
  myScorecardsQuery,
  refresh,
  useMe,
} from '../api/queries';
import type { Application, Interview, ScorecardListItem } from '../api/types';
import { AssessmentSummary } from '../components/AssessmentSummary';
import { StageBadge } from '../components/badges';
import { ConfirmModal } from '../components/ConfirmModal';
import { DecisionActions } from '../components/DecisionActions';
import { DecisionClockPanel } from '../components/DecisionClock';
import { FeedbackCallInvite } from '../components/FeedbackCallInvite';
import { FeedbackLink } from '../components/feedback/FeedbackLink';
import { AnchorLink } from '../components/links';
import { MessagesSection } from '../components/MessagesSection';
import { OpenScorecardButton, scorecardActionLabel } from '../components/OpenScorecardButton';
import { PageHeader } from '../components/PageHeader';
import { movesFrom, useMoveStage } from '../components/StageMenu';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { InterviewForm } from '../forms/InterviewForm';
import { daysSince, formatDate, formatSlot } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';

const route = getRouteApi('/_app/applications/$applicationId');

/** What moving to a stage means, said before an outcome is recorded. */
const consequences: Partial<Record<Stage, string>> = {
  hired: 'They accepted the offer. The application then waits until you have told them, and closes.',
  offer_declined: 'They turned the offer down. Record how you acknowledged it so the application can close.',
  not_progressing:
    'They will not be offered the role. They must be told, with specific feedback, before the application closes.',
  withdrawn: 'They have pulled out. Their interviews stay on record.',
};

function InterviewItem({
  interview,
  canEdit,
  onEdit,
  onDelete,
  myId,
  myScorecard,
}: {
  interview: Interview;
  canEdit: boolean;
  onEdit: () => void;
  onDelete: () => void;
  myId: string;
  myScorecard: ScorecardListItem | undefined;
}) {
  const past = new Date(interview.endsAt).getTime() < Date.now();
  const onIt = interview.interviewers.some((i) => i.id === myId);
  return (
    <Card withBorder padding="sm" component="li" data-testid="interview-item">
      <Group justify="space-between" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {interview.kindLabel}
            {past ? (
              <Text span c="dimmed" size="xs">
                {' '}
                · done
              </Text>
            ) : null}
          </Text>
          <Text size="sm">{formatSlot(interview.startsAt, interview.endsAt)}</Text>
          {interview.location ? (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {interview.location}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" mt={4}>
            With {interview.interviewers.map((i) => i.name).join(', ') || 'nobody yet'}
          </Text>
          {onIt ? (
            <Group mt="xs" gap="xs">
              <OpenScorecardButton
                interviewId={interview.id}
                scorecardId={myScorecard?.id}
                label={scorecardActionLabel(myScorecard?.status)}
                accessibleLabel={`${scorecardActionLabel(myScorecard?.status)} for the ${interview.kindLabel.toLowerCase()} interview on ${formatDate(interview.startsAt)}`}
                size="xs"
                variant={myScorecard?.status === 'submitted' ? 'default' : past ? 'filled' : 'light'}
              />
              {!past && !myScorecard ? (
                <Text size="xs" c="dimmed">
                  Opens the interview kit; submit once the interview has started.
                </Text>
              ) : null}
            </Group>
          ) : null}
        </div>
        {canEdit ? (
          <Group gap={4}>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={onEdit}
              aria-label={`Change the ${interview.kindLabel.toLowerCase()} interview on ${formatDate(interview.startsAt)}`}
            >
              Change
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              onClick={onDelete}
              aria-label={`Cancel the ${interview.kindLabel.toLowerCase()} interview on ${formatDate(interview.startsAt)}`}
            >
              Cancel
            </Button>
          </Group>
        ) : null}
      </Group>
    </Card>
  );
}

export function ApplicationPage() {
  const { applicationId } = route.useParams();
  const me = useMe();
  const canEdit = canManageHiring(me);
  const application = useQuery(applicationQuery(applicationId));
  const interviews = useQuery(interviewsQuery({ applicationId }));
  const mine = useQuery(myScorecardsQuery(applicationId));
  const myByInterview = new Map((mine.data ?? []).map((s) => [s.interviewId, s]));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const move = useMoveStage();
  const [pendingMove, setPendingMove] = useState<Stage | null>(null);
  const [scheduling, schedulingHandlers] = useDisclosure(false);
  const [editing, setEditing] = useState<Interview | null>(null);
  const [cancelling, setCancelling] = useState<Interview | null>(null);
  const [deleting, deletingHandlers] = useDisclosure(false);

  const cancelInterview = useMutation({
    mutationFn: (interview: Interview) => api(`/api/v1/interviews/${interview.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setCancelling(null);
      await refresh(queryClient, 'interviews', 'applications');
      notifications.show({ color: 'teal', message: 'Interview cancelled' });
    },
  });

  const remove = useMutation({
    mutationFn: (app: Application) => api(`/api/v1/applications/${app.id}`, { method: 'DELETE' }),
    onSuccess: async (_result, app) => {
      deletingHandlers.close();
      notifications.show({ color: 'teal', message: 'Application deleted' });
      await navigate({ to: '/roles/$roleId', params: { roleId: app.role.id } });
      queryClient.removeQueries({ queryKey: applicationQuery(applicationId).queryKey });
      await refresh(queryClient, 'applications', 'roles', 'candidates', 'interviews');
    },
  });

  async function schedule(body: InterviewCreate) {
    await api<Interview>('/api/v1/interviews', { method: 'POST', body });
    await refresh(queryClient, 'interviews', 'applications', 'roles');
    schedulingHandlers.close();
    notifications.show({ color: 'teal', message: 'Interview saved' });
  }

  async function reschedule(interview: Interview, body: InterviewCreate) {
    const { applicationId: _ignored, ...changes } = body;
    await api<Interview>(`/api/v1/interviews/${interview.id}`, { method: 'PATCH', body: changes });
    await refresh(queryClient, 'interviews', 'applications');
    setEditing(null);
    notifications.show({ color: 'teal', message: 'Interview changed' });
  }

  if (application.isPending) return <LoadingState label="Loading the application…" />;
  if (application.isError)
    return (
      <>
        <PageHeader title="Application" />
        <ErrorState error={application.error} onRetry={() => void application.refetch()} />
        <AnchorLink to="/roles">Back to roles</AnchorLink>
      </>
    );

  const a = application.data;
  const moves = movesFrom(a.stage);
  const canInterview = interviewableStages.includes(a.stage);
  const list = [...(interviews.data ?? [])].sort((x, y) => x.startsAt.localeCompare(y.startsAt));

  function requestMove(stage: Stage) {
    if (consequences[stage]) setPendingMove(stage);
    else move.mutate({ application: a, stage });
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/roles/$roleId" params={{ roleId: a.role.id }} size="sm">
            ← {a.role.title}
          </AnchorLink>
        }
        title={a.candidate.name}
        description={`For ${a.role.title} at ${a.role.venueName}`}
      />

      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Card withBorder style={{ gridColumn: 'span 1' }}>
          <Title order={2} size="h5" mb="xs">
            Stage
          </Title>
          <Group gap="xs" mb={4}>
            <StageBadge stage={a.stage} />
          </Group>
          <Text size="sm" c="dimmed" data-testid="stage-since">
            Since {formatDate(a.stageChangedAt)} ({daysSince(a.stageChangedAt)})
          </Text>
          {canEdit && moves.length > 0 ? (
            <>
              <Text size="sm" fw={500} mt="md" mb={6} id="moves-heading">
                Move to
              </Text>
              <Group gap="xs" role="group" aria-labelledby="moves-heading">
                {moves.map((stage) => (
                  <Button
                    key={stage}
                    size="xs"
                    variant={isActiveStage(stage) ? 'light' : 'default'}
                    color={stage === 'not_progressing' || stage === 'withdrawn' ? 'red' : undefined}
                    loading={move.isPending && move.variables?.stage === stage}
                    onClick={() => requestMove(stage)}
                  >
                    {stageLabels[stage]}
                  </Button>
                ))}
              </Group>
            </>
          ) : null}
          {!isActiveStage(a.stage) && a.stage !== 'closed' ? (
            <Text size="sm" mt="md">
              Outcome reached. The application closes once the candidate has been told.
            </Text>
          ) : null}
        </Card>

        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            Candidate
          </Title>
          <AnchorLink to="/candidates/$candidateId" params={{ candidateId: a.candidate.id }} fw={600}>
            {a.candidate.name}
          </AnchorLink>
          <Text size="sm">
            <Anchor
              href={`mailto:${a.candidate.email}`}
              size="sm"
              // A 24 px target (WCAG 2.5.8): the name's link sits just above.
              style={{ display: 'inline-block', lineHeight: '24px' }}
            >
              {a.candidate.email}
            </Anchor>
          </Text>
          <Text size="xs" c="dimmed" mt="xs">
            Applied {formatDate(a.createdAt)}
          </Text>
        </Card>

        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            Role
          </Title>
          <AnchorLink to="/roles/$roleId" params={{ roleId: a.role.id }} fw={600}>
            {a.role.title}
          </AnchorLink>
          <Text size="sm" c="dimmed">
            {a.role.venueName}
          </Text>
        </Card>
      </SimpleGrid>

      <section aria-labelledby="assessment-heading">
        <Title order={2} size="h3" id="assessment-heading" mt="xl" mb="sm">
          Assessment
        </Title>
        <AssessmentSummary
          applicationId={a.id}
          interviews={list}
          ownAction={(() => {
            const owed = list.find(
              (i) =>
                i.interviewers.some((x) => x.id === me.user.id) &&
                myByInterview.get(i.id)?.status !== 'submitted',
            );
            if (!owed) return undefined;
            const own = myByInterview.get(owed.id);
            return (
              <OpenScorecardButton
                interviewId={owed.id}
                scorecardId={own?.id}
                label={scorecardActionLabel(own?.status)}
                size="sm"
              />
            );
          })()}
        />
        {canEdit ? <FeedbackLink applicationId={a.id} /> : null}
      </section>

      {/* After the evidence: decide once the ratings have been read. */}
      {canEdit ? <DecisionActions application={a} /> : null}
      {canEdit ? <FeedbackCallInvite application={a} /> : null}

      <DecisionClockPanel application={a} canEdit={canEdit} />

      <Group justify="space-between" mt="xl" mb="sm">
        <Title order={2} size="h3">
          Interviews
        </Title>
        {canEdit && canInterview ? (
          <Button onClick={schedulingHandlers.open}>Schedule interview</Button>
        ) : null}
      </Group>
      {canEdit && !canInterview ? (
        <Text size="sm" c="dimmed" mb="sm">
          Interviews can be arranged while the candidate is applied, interviewing or awaiting a decision.
        </Text>
      ) : null}
      {interviews.isPending ? (
        <LoadingState label="Loading interviews…" />
      ) : interviews.isError ? (
        <ErrorState
          error={interviews.error}
          title="The interviews could not be loaded"
          onRetry={() => void interviews.refetch()}
        />
      ) : list.length === 0 ? (
        <Empty
          title="No interviews yet"
          description={
            canEdit && canInterview
              ? 'Schedule the first one: the candidate moves to interviewing, and the decision clock starts when the last interview ends.'
              : 'None were arranged for this application.'
          }
        >
          {canEdit && canInterview ? (
            <Button variant="light" onClick={schedulingHandlers.open}>
              Schedule the first interview
            </Button>
          ) : null}
        </Empty>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.map((interview) => (
            <InterviewItem
              key={interview.id}
              interview={interview}
              canEdit={canEdit && canInterview}
              onEdit={() => setEditing(interview)}
              onDelete={() => setCancelling(interview)}
              myId={me.user.id}
              myScorecard={myByInterview.get(interview.id)}
            />
          ))}
        </Stack>
      )}

      {canEdit ? (
        <MessagesSection
          about={{ applicationId: a.id }}
          emptyText={`No emails about this application yet. The offer, feedback or a holding update to ${a.candidate.name}, and reminders to the hiring team, appear here once they are written.`}
        />
      ) : null}

      {canEdit ? (
        <Alert color="gray" variant="outline" mt="xl" title="Entered by mistake?">
          <Text size="sm" mb="xs">
            Deleting removes this application and its interviews. To record that the candidate pulled out,
            move them to withdrawn instead.
          </Text>
          <Button size="xs" color="red" variant="outline" onClick={deletingHandlers.open}>
            Delete application
          </Button>
        </Alert>
      ) : null}

      <Modal
        opened={scheduling}
        onClose={schedulingHandlers.close}
        title={`Schedule an interview with ${a.candidate.name}`}
        size="lg"
      >
        <InterviewForm applicationId={a.id} onSubmit={schedule} onCancel={schedulingHandlers.close} />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title="Change the interview"
        size="lg"
      >
        {editing ? (
          <InterviewForm
            applicationId={a.id}
            interview={editing}
            onSubmit={(body) => reschedule(editing, body)}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
      <ConfirmModal
        opened={cancelling !== null}
        onClose={() => setCancelling(null)}
        title="Cancel this interview?"
        confirmLabel="Cancel interview"
        cancelLabel="Keep it"
        onConfirm={() => cancelling && cancelInterview.mutate(cancelling)}
        loading={cancelInterview.isPending}
        error={cancelInterview.isError ? errorMessage(cancelInterview.error) : null}
      >
        {cancelling
          ? `The ${cancelling.kindLabel.toLowerCase()} interview on ${formatSlot(cancelling.startsAt, cancelling.endsAt)} will be removed, with any draft scorecards for it (submitted scorecards are kept: an interview with one cannot be removed). Let the candidate and interviewers know.`
          : null}
      </ConfirmModal>
      <ConfirmModal
        opened={pendingMove !== null}
        onClose={() => setPendingMove(null)}
        title={pendingMove ? `Mark as ${stageLabels[pendingMove].toLowerCase()}?` : ''}
        confirmLabel={pendingMove ? `Mark as ${stageLabels[pendingMove].toLowerCase()}` : 'Confirm'}
        danger={pendingMove === 'not_progressing' || pendingMove === 'withdrawn'}
        loading={move.isPending}
        onConfirm={() => {
          if (!pendingMove) return;
          move.mutate({ application: a, stage: pendingMove }, { onSuccess: () => setPendingMove(null) });
        }}
      >
        {pendingMove ? consequences[pendingMove] : null}
      </ConfirmModal>
      <ConfirmModal
        opened={deleting}
        onClose={deletingHandlers.close}
        title="Delete this application?"
        confirmLabel="Delete application"
        onConfirm={() => remove.mutate(a)}
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
      >
        {a.candidate.name}'s application for {a.role.title} and its {list.length} interview
        {list.length === 1 ? '' : 's'} will be deleted. The candidate stays in your candidates.
      </ConfirmModal>
    </>
  );
}
