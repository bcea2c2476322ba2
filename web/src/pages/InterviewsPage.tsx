import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { interviewsQuery, useMe } from '../api/queries';
import type { Interview } from '../api/types';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { formatDate, formatSlot, formatTime } from '../lib/dates';
import { useIsDesktop } from '../lib/useIsDesktop';

function others(interview: Interview, myId: string): string {
  const names = interview.interviewers.filter((i) => i.id !== myId).map((i) => i.name);
  return names.length === 0 ? 'Just you' : `With ${names.join(', ')}`;
}

function InterviewList({ items, myId }: { items: Interview[]; myId: string }) {
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
        </Card>
      ))}
    </Stack>
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

  return (
    <>
      <PageHeader
        title="My interviews"
        description="Interviews you are on, across every role. Times are in your local time."
      />
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
          <InterviewList items={pastItems} myId={me.user.id} />
        )}
      </section>
    </>
  );
}
