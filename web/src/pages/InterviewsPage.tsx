import { Badge, type ButtonProps, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { interviewsQuery, myScorecardsQuery, owedScorecardsQuery, useMe } from '../api/queries';
import type { Interview, ScorecardListItem } from '../api/types';
import { AnchorLink } from '../components/links';
import { OpenScorecardButton, scorecardActionLabel } from '../components/OpenScorecardButton';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { isOverdue } from '../lib/assessment';
import { daysSince, formatDate, formatDateTime, formatSlot, formatTime } from '../lib/dates';
import { useIsDesktop } from '../lib/useIsDesktop';

function others(interview: Interview, myId: string): string {
  const names = interview.interviewers.filter((i) => i.id !== myId).map((i) => i.name);
  return names.length === 0 ? 'Just you' : `With ${names.join(', ')}`;
}

type MyScorecards = Map<string, ScorecardListItem>;

function ScorecardAction({
  interview,
  mine,
  size = 'compact-sm',
}: {
  interview: Interview;
  mine: MyScorecards | undefined;
  size?: ButtonProps['size'];
}) {
  const own = mine?.get(interview.id);
  return (
    <OpenScorecardButton
      interviewId={interview.id}
      scorecardId={own?.id}
      label={scorecardActionLabel(own?.status)}
      accessibleLabel={`${scorecardActionLabel(own?.status)} for ${interview.candidate.name}`}
      size={size}
      variant={own?.status === 'submitted' ? 'subtle' : 'light'}
    />
  );
}

function InterviewList({
  items,
  myId,
  mine,
}: {
  items: Interview[];
  myId: string;
  /** The caller's scorecards by interview, to offer theirs on each past interview. */
  mine?: MyScorecards | undefined;
}) {
  const desktop = useIsDesktop();
  if (desktop) {
    return (
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Candidate</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Where</Table.Th>
              <Table.Th>Interviewers</Table.Th>
              {mine ? <Table.Th>Scorecard</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {formatDate(i.startsAt)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatTime(i.startsAt)}–{formatTime(i.endsAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <AnchorLink
                    to="/applications/$applicationId"
                    params={{ applicationId: i.applicationId }}
                    className="row-link"
                  >
                    {i.candidate.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{i.role.title}</Table.Td>
                <Table.Td>{i.kindLabel}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{i.location ?? '—'}</Table.Td>
                <Table.Td>{others(i, myId)}</Table.Td>
                {mine ? (
                  <Table.Td>
                    <ScorecardAction interview={i} mine={mine} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((i) => (
        <Card withBorder padding="sm" component="li" key={i.id}>
          <Text size="sm" fw={600}>
            {formatSlot(i.startsAt, i.endsAt)}
          </Text>
          <AnchorLink to="/applications/$applicationId" params={{ applicationId: i.applicationId }}>
            {i.candidate.name}
          </AnchorLink>
          <Text size="sm" c="dimmed">
            {i.role.title}
          </Text>
          <Group gap="xs" mt={4}>
            <Badge variant="light" size="sm">
              {i.kindLabel}
            </Badge>
            {i.location ? (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {i.location}
              </Text>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {others(i, myId)}
          </Text>
          {mine ? (
            <Group mt="xs">
              <ScorecardAction interview={i} mine={mine} size="sm" />
            </Group>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}

function ScorecardsDue() {
  const owed = useQuery(owedScorecardsQuery);
  const items = owed.data ?? [];
  const overdue = items.filter((i) => isOverdue(i.dueSince)).length;
  return (
    <section aria-labelledby="due-heading" style={{ marginBottom: 'var(--mantine-spacing-xl)' }}>
      <Group gap="xs" mb="sm" align="center">
        <Title order={2} size="h3" id="due-heading">
          Scorecards due
        </Title>
        {items.length > 0 ? (
          <Badge variant="light" color={overdue > 0 ? 'orange' : 'indigo'} aria-hidden>
            {items.length}
          </Badge>
        ) : null}
      </Group>
      {owed.isPending ? (
        <LoadingState label="Loading the scorecards you owe…" />
      ) : owed.isError ? (
        <ErrorState
          error={owed.error}
          title="The scorecards you owe could not be loaded"
          onRetry={() => void owed.refetch()}
        />
      ) : items.length === 0 ? (
        <Empty
          title="No scorecards due: you are up to date"
          description="When an interview you are on ends, its scorecard appears here. Fill it in the same day, while what you saw is fresh."
        />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {items.length === 1 ? 'One scorecard is' : `${items.length} scorecards are`} waiting for you
            {overdue > 0 ? `, ${overdue} overdue (the interview ended more than a day ago)` : ''}. The hiring
            manager decides once everyone has submitted.
          </Text>
          <Stack
            gap="sm"
            component="ul"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            data-testid="scorecards-due"
          >
            {items.map((item) => {
              const late = isOverdue(item.dueSince);
              return (
                <Card
                  withBorder
                  padding="sm"
                  component="li"
                  key={item.interviewId}
                  data-testid="scorecard-due"
                  data-overdue={late || undefined}
                  bg={late ? 'orange.0' : undefined}
                  style={late ? { borderLeft: '4px solid var(--mantine-color-orange-7)' } : undefined}
                >
                  <Group justify="space-between" align="center" gap="xs">
                    <div style={{ minWidth: 0 }}>
                      <Group gap={6} wrap="wrap">
                        <Text fw={600}>{item.candidate.name}</Text>
                        {late ? (
                          <Badge color="orange" variant="filled" size="sm">
                            Overdue
                          </Badge>
                        ) : null}
                        <Badge color="gray" variant="light" size="sm">
                          {item.status === 'draft' ? 'Draft saved' : 'Not started'}
                        </Badge>
                      </Group>
                      <Text size="sm" c="dimmed">
                        {item.role.title}
                      </Text>
                      <Text size="xs" c={late ? 'orange.9' : 'dimmed'}>
                        Interview ended {formatDateTime(item.interviewEndsAt)} (
                        {daysSince(item.interviewEndsAt)})
                      </Text>
                    </div>
                    <OpenScorecardButton
                      interviewId={item.interviewId}
                      scorecardId={item.id}
                      label={scorecardActionLabel(item.status === 'not_started' ? undefined : item.status)}
                      accessibleLabel={`${scorecardActionLabel(item.status === 'not_started' ? undefined : item.status)} for ${item.candidate.name}`}
                    />
                  </Group>
                </Card>
              );
            })}
          </Stack>
        </>
      )}
    </section>
  );
}

export function InterviewsPage() {
  const me = useMe();
  // Fixed when the page opens, so the lists do not refetch on every render.
  const [now] = useState(() => new Date().toISOString());
  const upcoming = useQuery(interviewsQuery({ interviewerId: 'me', from: now }));
  const past = useQuery(interviewsQuery({ interviewerId: 'me', to: now }));
  const upcomingItems = [...(upcoming.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const pastItems = [...(past.data ?? [])].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const mineQuery = useQuery(myScorecardsQuery());
  const mine = mineQuery.data ? new Map(mineQuery.data.map((s) => [s.interviewId, s])) : undefined;

  return (
    <>
      <PageHeader
        title="My interviews"
        description="Interviews you are on, across every role, and the scorecards you owe. Times are in your local time."
      />
      <ScorecardsDue />
      <section aria-labelledby="upcoming-heading">
        <Title order={2} size="h3" id="upcoming-heading" mb="sm">
          Coming up
        </Title>
        {upcoming.isPending ? (
          <LoadingState label="Loading your interviews…" />
        ) : upcoming.isError ? (
          <ErrorState error={upcoming.error} onRetry={() => void upcoming.refetch()} />
        ) : upcomingItems.length === 0 ? (
          <Empty
            title="No interviews coming up"
            description="When a hiring manager adds you as an interviewer, the interview appears here."
          />
        ) : (
          <InterviewList items={upcomingItems} myId={me.user.id} />
        )}
      </section>
      <section aria-labelledby="past-heading" style={{ marginTop: 'var(--mantine-spacing-xl)' }}>
        <Title order={2} size="h3" id="past-heading" mb="sm">
          Past
        </Title>
        {past.isPending ? (
          <LoadingState label="Loading past interviews…" />
        ) : past.isError ? (
          <ErrorState error={past.error} onRetry={() => void past.refetch()} />
        ) : pastItems.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        ) : (
          <InterviewList items={pastItems} myId={me.user.id} mine={mine ?? new Map()} />
        )}
      </section>
    </>
  );
}
