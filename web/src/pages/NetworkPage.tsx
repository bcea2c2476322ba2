// The talent network for the hiring team: every member with consent and expiry, where they were
// assessed, their strongest criteria, skills, region and travel, availability (casual crew too),
// interests, future fit and last contact; search and filters on all of these; and the re-engage
// queue (future-fit candidates whose date has come).
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import {
  type AvailabilityKind,
  availabilityKinds,
  availabilityLabels,
  type ConsentStatus,
  consentStatuses,
  consentStatusLabels,
} from '../../../src/features/network/network.schema.ts';
import { type NetworkFilters, type NetworkMember, networkQuery, reengageQuery } from '../api/network';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { formatDate } from '../lib/dates';
import { useDebouncedSearch } from '../lib/useDebounced';

const route = getRouteApi('/_app/network');

const consentColour: Record<ConsentStatus, string> = {
  active: 'teal',
  expiring: 'yellow',
  expired: 'gray',
  left: 'gray',
};

function availabilityText(m: NetworkMember): string {
  const a = m.availability;
  const kinds = [
    a.permanent ? 'Permanent' : null,
    a.freelance ? 'Freelance' : null,
    a.casualCrew ? 'Casual crew' : null,
  ].filter(Boolean);
  const notice = a.noticeWeeks === null ? '' : ` · ${a.noticeWeeks} weeks' notice`;
  return `${kinds.length > 0 ? kinds.join(', ') : 'Not said'}${notice}`;
}

function MemberRow({ m }: { m: NetworkMember }) {
  const fit = m.futureFit[0];
  return (
    <Table.Tr data-testid="network-row">
      <Table.Td>
        <AnchorLink
          to="/candidates/$candidateId"
          params={{ candidateId: m.candidateId }}
          className="row-link"
        >
          {m.name}
        </AnchorLink>
        {m.unsubscribed ? (
          <Text size="xs" c="dimmed">
            No network emails
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Badge color={consentColour[m.consent.status]} variant="light">
          {consentStatusLabels[m.consent.status]}
        </Badge>
        <Text size="xs" c="dimmed">
          Until {formatDate(m.consent.expiresAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        {m.assessed.length === 0
          ? '—'
          : m.assessed.map((a) => (
              <Text size="sm" key={a.applicationId}>
                {a.roleTitle}, {a.venueName}, {formatDate(a.assessedOn)}
              </Text>
            ))}
      </Table.Td>
      <Table.Td>
        {m.strongestCriteria.length === 0
          ? '—'
          : m.strongestCriteria.map((c) => (
              <Text size="sm" key={c.criterionKey}>
                {c.name}: {c.levelLabel}
              </Text>
            ))}
      </Table.Td>
      <Table.Td>{[...m.skills, ...m.certifications].join(', ') || '—'}</Table.Td>
      <Table.Td>
        {m.region ?? '—'}
        {m.travelMiles !== null ? ` · up to ${m.travelMiles} miles` : ''}
      </Table.Td>
      <Table.Td>{availabilityText(m)}</Table.Td>
      <Table.Td>{[...m.interests.roleKinds, ...m.interests.venues].join(', ') || '—'}</Table.Td>
      <Table.Td>
        {fit ? `${fit.forRole} after ${fit.after} (re-engage ${formatDate(fit.reengageOn)})` : '—'}
        {m.trainingDone.length > 0 ? (
          <Text size="xs" c="dimmed">
            Training done: {m.trainingDone.map((t) => t.title).join(', ')}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{m.lastContactAt ? formatDate(m.lastContactAt) : '—'}</Table.Td>
    </Table.Tr>
  );
}

function ReengageQueue() {
  const queue = useInfiniteQuery(reengageQuery);
  const items = queue.data?.pages.flatMap((p) => p.data) ?? [];
  if (queue.isPending) return <LoadingState label="Loading the re-engage queue…" />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  if (items.length === 0)
    return (
      <Empty
        title="Nobody to re-engage today"
        description="When you mark a candidate a future fit, they appear here on the date you chose to get back in touch."
      />
    );
  return (
    <Stack
      gap="sm"
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      data-testid="reengage-queue"
    >
      {items.map((item) => (
        <Card withBorder padding="sm" component="li" key={item.futureFit.id}>
          <AnchorLink to="/candidates/$candidateId" params={{ candidateId: item.candidateId }}>
            {item.name}
          </AnchorLink>
          <Text size="sm">
            Future fit for {item.futureFit.forRole} after {item.futureFit.after}. Re-engage on{' '}
            {formatDate(item.futureFit.reengageOn)}
            {item.futureFit.managerName ? ` (marked by ${item.futureFit.managerName})` : ''}.
          </Text>
          {!item.inNetwork ? (
            <Text size="xs" c="dimmed">
              Not in the talent network: contact them about a role only if they applied again or agreed.
            </Text>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}

export function NetworkPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/network' });
  const filters: NetworkFilters = {
    q: search.q,
    skill: search.skill,
    region: search.region,
    availability: search.availability,
    interest: search.interest,
    consentStatus: search.consentStatus,
    futureFitDue: search.futureFitDue,
  };
  const set = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const [text, setText] = useDebouncedSearch(search.q ?? '', (value) => set({ q: value || undefined }));
  const members = useInfiniteQuery(networkQuery(filters));
  const items = members.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== false);

  return (
    <>
      <PageHeader
        title="Talent network"
        description="People who chose to stay in touch: ready for the next role, or a shift on the casual-crew bench."
      />
      <SegmentedControl
        mb="md"
        value={search.reengage ? 'reengage' : 'members'}
        onChange={(value) => set({ reengage: value === 'reengage' ? true : undefined })}
        data={[
          { value: 'members', label: 'Members' },
          { value: 'reengage', label: 'Re-engage queue' },
        ]}
      />
      {search.reengage ? (
        <ReengageQueue />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} mb="md">
            <TextInput
              label="Search"
              placeholder="Name or skill"
              type="search"
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            <TextInput
              label="Skill or certification"
              defaultValue={search.skill ?? ''}
              onBlur={(event) => set({ skill: event.currentTarget.value.trim() || undefined })}
            />
            <TextInput
              label="Region"
              defaultValue={search.region ?? ''}
              onBlur={(event) => set({ region: event.currentTarget.value.trim() || undefined })}
            />
            <TextInput
              label="Interested in"
              placeholder="Kind of role or venue"
              defaultValue={search.interest ?? ''}
              onBlur={(event) => set({ interest: event.currentTarget.value.trim() || undefined })}
            />
            <Select
              label="Available for"
              clearable
              value={search.availability ?? null}
              onChange={(value) => set({ availability: (value as AvailabilityKind | null) ?? undefined })}
              data={availabilityKinds.map((k) => ({
                value: k,
                label: k === 'casual' ? 'Casual shifts (casual-crew bench)' : availabilityLabels[k],
              }))}
            />
            <Select
              label="Consent"
              clearable
              placeholder="Current members"
              value={search.consentStatus ?? null}
              onChange={(value) => set({ consentStatus: (value as ConsentStatus | null) ?? undefined })}
              data={consentStatuses.map((s) => ({ value: s, label: consentStatusLabels[s] }))}
            />
            <Checkbox
              mt="xl"
              label="Future fit: re-engage date has come"
              checked={search.futureFitDue ?? false}
              onChange={(event) => set({ futureFitDue: event.currentTarget.checked || undefined })}
            />
          </SimpleGrid>
          {members.isPending ? (
            <LoadingState label="Loading the talent network…" />
          ) : members.isError ? (
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          ) : items.length === 0 ? (
            filtered ? (
              <Empty
                title="Nobody matches"
                description="No member matches these filters. Clear one to see more."
              />
            ) : (
              <Empty
                title="No one in the talent network yet"
                description="Candidates you don't hire are invited to join in their not-progressing email and on their personal page. Members appear here once they accept."
              />
            )
          ) : (
            <Table.ScrollContainer minWidth={1200}>
              <Table verticalSpacing="sm" highlightOnHover data-testid="network-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Consent</Table.Th>
                    <Table.Th>Assessed</Table.Th>
                    <Table.Th>Strongest criteria</Table.Th>
                    <Table.Th>Skills and certifications</Table.Th>
                    <Table.Th>Region and travel</Table.Th>
                    <Table.Th>Availability</Table.Th>
                    <Table.Th>Interests</Table.Th>
                    <Table.Th>Future fit</Table.Th>
                    <Table.Th>Last contact</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <MemberRow m={m} key={m.candidateId} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {members.hasNextPage ? (
            <Group justify="center" mt="md">
              <Button
                variant="default"
                onClick={() => void members.fetchNextPage()}
                loading={members.isFetchingNextPage}
              >
                Show more members
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </>
  );
}
