import { Badge, Button, Card, Group, Stack, Switch, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type DecisionTab, decisionsQuery, remindScorecards } from '../api/decisionClock';
import { refresh } from '../api/queries';
import type { Application } from '../api/types';
import { AnchorLink, ButtonLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { formatShortDateTime } from '../lib/dates';
import { dueState } from '../lib/decisionClock';
import { errorMessage } from '../lib/formErrors';
import { useIsDesktop } from '../lib/useIsDesktop';

const emptyText: Record<DecisionTab, { title: string; all: string; mine: string }> = {
  'needs-decision': {
    title: 'No decisions waiting',
    all: 'Every interviewed candidate whose scorecards are in has an answer. Candidates appear here once their last interview has ended and every scorecard is in; look at Waiting on scorecards for the rest.',
    mine: 'Nobody on your roles is ready for a decision. Look at Waiting on scorecards for candidates whose scorecards are late.',
  },
  'waiting-on-scorecards': {
    title: 'No scorecards owed',
    all: 'Every interviewer has sent their scorecard for candidates still waiting on a decision.',
    mine: 'Every interviewer on your roles has sent their scorecard.',
  },
  overdue: {
    title: 'Nothing overdue',
    all: 'Every candidate waiting for a decision is still within their deadline, or has been sent a new date.',
    mine: 'Every candidate on your roles is still within their deadline, or has been sent a new date.',
  },
  'to-tell': {
    title: 'Nobody left to tell',
    all: 'Every outcome has its email on the way, or a logged call or meeting. An outcome set without an email (a stage change, a cancelled email) appears here.',
    mine: 'Every outcome on your roles has its email on the way, or a logged call or meeting.',
  },
};

function OwedScorecards({ application: a }: { application: Application }) {
  const queryClient = useQueryClient();
  const remind = useMutation({
    mutationFn: () => remindScorecards(a.id),
    onSuccess: async (result) => {
      await refresh(queryClient, 'applications', 'notifications');
      const fresh = result.reminders.filter((r) => !r.alreadyRemindedToday);
      notifications.show({
        color: 'teal',
        message:
          fresh.length === 0
            ? 'Already reminded today: nothing new was sent'
            : `Reminded ${fresh.map((r) => r.interviewerName).join(', ')}; the email leaves ${formatShortDateTime(fresh[0]?.sendAfter)}`,
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Group gap="xs" align="center" wrap="wrap" data-testid="scorecards-owed">
      <Text size="sm">
        Scorecard owed by{' '}
        {a.scorecardsOwed
          .map(
            (s) =>
              `${s.interviewerName} (since ${formatShortDateTime(s.since)}${s.started ? ', started' : ''})`,
          )
          .join(', ')}
      </Text>
      <Button
        size="compact-xs"
        variant="light"
        loading={remind.isPending}
        onClick={() => remind.mutate()}
        aria-label={`Remind the interviewers who owe a scorecard for ${a.candidate.name}`}
      >
        Remind
      </Button>
    </Group>
  );
}

function DecisionRow({ application: a }: { application: Application }) {
  const due = a.decisionDueDate ? dueState(a.decisionDueDate, a.decisionDueAt) : null;
  const desktop = useIsDesktop();
  return (
    <Card withBorder padding="sm" component="li" data-testid="decision-row">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          <AnchorLink
            to="/applications/$applicationId"
            params={{ applicationId: a.id }}
            fw={600}
            style={{ overflowWrap: 'anywhere' }}
          >
            {a.candidate.name}
          </AnchorLink>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {a.role.title}{' '}
            <Text span c="dimmed" size="sm">
              at {a.role.venueName}
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            {a.lastInterviewEndedAt
              ? `Last interview ended ${formatShortDateTime(a.lastInterviewEndedAt)}`
              : 'Not interviewed'}
            {a.holdingUpdates > 0
              ? ` · ${a.holdingUpdates} holding update${a.holdingUpdates === 1 ? '' : 's'} sent`
              : ''}
          </Text>
          {a.toTellReason ? <Text size="sm">{a.toTellReason}</Text> : null}
          {a.scorecardsOwed.length > 0 ? <OwedScorecards application={a} /> : null}
        </Stack>
        <Stack gap={6} align={desktop ? 'flex-end' : 'flex-start'} style={{ flex: '0 1 auto' }}>
          {due ? (
            <Text size="sm" fw={600} c={due.overdue ? 'red.8' : undefined} data-testid="decision-due">
              {due.overdue ? due.label : due.label.replace(/^due/, 'Due')}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              No deadline yet
            </Text>
          )}
          {a.toTell ? (
            <Badge color="grape" variant="light">
              {a.stageLabel}: to tell
            </Badge>
          ) : null}
          {a.holdingUpdateSuggested ? (
            <Badge color="orange" variant="light">
              Holding update suggested
            </Badge>
          ) : null}
          <ButtonLink
            to="/applications/$applicationId"
            params={{ applicationId: a.id }}
            size="xs"
            variant="light"
            aria-label={`Open application: ${a.candidate.name}, ${a.role.title}`}
          >
            Open application
          </ButtonLink>
        </Stack>
      </Group>
    </Card>
  );
}

function DecisionList({ view, mine }: { view: DecisionTab; mine: boolean }) {
  const query = useQuery(decisionsQuery(view, mine));
  if (query.isPending) return <LoadingState label="Loading decisions…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) {
    const text = emptyText[view];
    return <Empty title={text.title} description={mine ? text.mine : text.all} />;
  }
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {query.data.map((a) => (
        <DecisionRow key={a.id} application={a} />
      ))}
    </Stack>
  );
}

function CountBadge({ view, mine }: { view: DecisionTab; mine: boolean }) {
  const query = useQuery(decisionsQuery(view, mine));
  if (!query.data || query.data.length === 0) return null;
  return (
    <Badge size="sm" variant="light" color={view === 'overdue' ? 'red' : 'gray'} ml={6} aria-hidden>
      {query.data.length}
    </Badge>
  );
}

export function DecisionsPage() {
  const [view, setView] = useState<DecisionTab>('needs-decision');
  const [mine, setMine] = useState(false);
  return (
    <>
      <PageHeader
        title="Decisions"
        description="Every candidate whose interviews are over, soonest deadline first: ready to decide, or waiting on scorecards (remind who owes them). Overdue ones show in both. Tell each one the outcome, or send a holding update with a new date, before their deadline."
        actions={
          <Switch
            label="Mine only"
            description="Roles you are hiring manager of"
            checked={mine}
            onChange={(e) => setMine(e.currentTarget.checked)}
          />
        }
      />
      <Tabs value={view} onChange={(v) => v && setView(v as DecisionTab)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="needs-decision">
            Ready to decide
            <CountBadge view="needs-decision" mine={mine} />
          </Tabs.Tab>
          <Tabs.Tab value="waiting-on-scorecards">
            Waiting on scorecards
            <CountBadge view="waiting-on-scorecards" mine={mine} />
          </Tabs.Tab>
          <Tabs.Tab value="overdue" color="red">
            Overdue
            <CountBadge view="overdue" mine={mine} />
          </Tabs.Tab>
          <Tabs.Tab value="to-tell" color="grape">
            To tell
            <CountBadge view="to-tell" mine={mine} />
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="needs-decision">
          <DecisionList view="needs-decision" mine={mine} />
        </Tabs.Panel>
        <Tabs.Panel value="waiting-on-scorecards">
          <DecisionList view="waiting-on-scorecards" mine={mine} />
        </Tabs.Panel>
        <Tabs.Panel value="overdue">
          <DecisionList view="overdue" mine={mine} />
        </Tabs.Panel>
        <Tabs.Panel value="to-tell">
          <DecisionList view="to-tell" mine={mine} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
