import { Alert, Button, Card, Chip, Group, NativeSelect, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import {
  candidateQuery,
  candidateSearchQuery,
  canManageHiring,
  heldMessageQuery,
  useMe,
  useMessages,
} from '../api/queries';
import { type Message, type MessageStatus, messageStatuses } from '../api/types';
import { MessageStatusBadge } from '../components/badges';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { messageStatusShortLabels, messageWhen, templateKeys, templateName } from '../lib/messages';
import { useIsDesktop } from '../lib/useIsDesktop';

const route = getRouteApi('/_app/messages');

/** Held emails: why, what it means, and what an admin does to send them. */
export function HeldBanner({ showLink }: { showLink: boolean }) {
  return (
    <Alert color="yellow" variant="light" title="Emails are held, not sent" mb="md" data-testid="held-banner">
      <Stack gap={6}>
        <Text size="sm">
          Email sending is not set up on this Followspot server, so every email is kept here instead of being
          sent: nothing is lost, and no candidate is emailed by accident. Open one to read it exactly as it
          will be sent.
        </Text>
        <Text size="sm">
          To send them, an admin sets <strong>SMTP_URL</strong> (and <strong>MAIL_FROM</strong>) in the
          server's environment and restarts it. The held emails then go out, candidate emails in the venue's
          working hours. Cancel any you do not want sent before then.
        </Text>
        {showLink ? (
          <Group>
            <AnchorLink to="/messages" search={{ status: 'held' }} size="sm" fw={600}>
              Show the held emails
            </AnchorLink>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

function CandidateFilter({
  value,
  onChange,
}: {
  value?: string;
  onChange: (id: string | undefined) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const selected = useQuery({ ...candidateQuery(value ?? ''), enabled: Boolean(value) });
  const results = useQuery(candidateSearchQuery(debounced));
  const options = new Map<string, string>();
  if (value && selected.data) options.set(value, selected.data.name);
  for (const c of results.data?.data ?? []) options.set(c.id, c.name);
  return (
    <Select
      label="Candidate"
      placeholder="Anyone: type a name or email"
      searchable
      clearable
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      searchValue={search}
      onSearchChange={setSearch}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      filter={({ options: all }) => all}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No candidate matches'}
      w={{ base: '100%', xs: 320 }}
    />
  );
}

function Recipient({ message }: { message: Message }) {
  const { recipient } = message;
  return (
    <div style={{ minWidth: 0 }}>
      {recipient.candidateId ? (
        <AnchorLink
          to="/candidates/$candidateId"
          params={{ candidateId: recipient.candidateId }}
          size="sm"
          fw={500}
        >
          {recipient.name ?? recipient.email}
        </AnchorLink>
      ) : (
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {recipient.name ?? recipient.email}
        </Text>
      )}
      {recipient.name ? (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {recipient.email}
        </Text>
      ) : null}
    </div>
  );
}

function FailureNote({ message }: { message: Message }) {
  if (message.status !== 'failed' || !message.lastError) return null;
  return (
    <Text size="xs" c="red.8" mt={4} style={{ overflowWrap: 'anywhere' }}>
      {message.lastError}
    </Text>
  );
}

export function MessagesPage() {
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/messages' });
  const desktop = useIsDesktop();
  const statusLabel = useId();
  const allowed = canManageHiring(me);
  const audienceLabel = useId();
  const filters = {
    status: search.status,
    candidateId: search.candidateId,
    templateKey: search.templateKey,
    audience: search.audience,
  };
  const messages = useMessages(filters);
  const held = useQuery({ ...heldMessageQuery, enabled: allowed });
  const items = messages.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(search.status || search.candidateId || search.templateKey || search.audience);

  function setFilter(change: Partial<typeof filters>) {
    void navigate({ search: (prev) => ({ ...prev, ...change }), replace: true });
  }

  const header = (
    <PageHeader
      title="Messages"
      description="Every email Followspot writes to candidates and your team, and whether it has gone."
    />
  );
  if (!allowed) {
    return (
      <>
        {header}
        <Alert color="gray" title="Messages are for admins and hiring managers">
          Ask an admin of your organisation if you need to see the emails sent to a candidate.
        </Alert>
      </>
    );
  }

  return (
    <>
      {header}
      {held.data ? <HeldBanner showLink={search.status !== 'held'} /> : null}

      <Stack gap="sm" mb="md">
        <div>
          <Text size="sm" fw={600} id={audienceLabel} mb={6}>
            To
          </Text>
          <Chip.Group
            multiple={false}
            value={search.audience ?? 'all'}
            onChange={(value) =>
              setFilter({ audience: value === 'candidates' || value === 'team' ? value : undefined })
            }
          >
            <Group gap={6} role="radiogroup" aria-labelledby={audienceLabel} className="chip-filter">
              <Chip value="all" name="message-audience" size="sm" variant="outline">
                Everyone
              </Chip>
              <Chip value="candidates" name="message-audience" size="sm" variant="outline">
                Candidates
              </Chip>
              <Chip value="team" name="message-audience" size="sm" variant="outline">
                Your team
              </Chip>
            </Group>
          </Chip.Group>
        </div>
        <div>
          <Text size="sm" fw={600} id={statusLabel} mb={6}>
            Status
          </Text>
          <Chip.Group
            multiple={false}
            value={search.status ?? 'all'}
            onChange={(value) =>
              setFilter({ status: value === 'all' ? undefined : (value as MessageStatus) })
            }
          >
            <Group gap={6} role="radiogroup" aria-labelledby={statusLabel} className="chip-filter">
              <Chip value="all" name="message-status" size="sm" variant="outline">
                All
              </Chip>
              {messageStatuses.map((status) => (
                <Chip key={status} value={status} name="message-status" size="sm" variant="outline">
                  {messageStatusShortLabels[status]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <CandidateFilter
            value={search.candidateId}
            onChange={(candidateId) => setFilter({ candidateId })}
          />
          <NativeSelect
            label="Template"
            value={search.templateKey ?? ''}
            onChange={(event) =>
              setFilter({
                templateKey: (event.currentTarget.value || undefined) as typeof search.templateKey,
              })
            }
            data={[
              { value: '', label: 'All templates' },
              ...templateKeys.map((key) => ({ value: key, label: templateName(key) })),
            ]}
            w={{ base: '100%', xs: 320 }}
          />
          {filtered ? (
            <Button
              variant="subtle"
              onClick={() =>
                setFilter({
                  status: undefined,
                  candidateId: undefined,
                  templateKey: undefined,
                  audience: undefined,
                })
              }
            >
              Clear filters
            </Button>
          ) : null}
        </Group>
      </Stack>

      {messages.isPending ? (
        <LoadingState label="Loading messages…" />
      ) : messages.isError ? (
        <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <Empty
            title="No messages match these filters"
            description="Choose another recipient, status, candidate or template, or clear the filters to see every message."
          >
            <Button
              variant="light"
              onClick={() =>
                setFilter({
                  status: undefined,
                  candidateId: undefined,
                  templateKey: undefined,
                  audience: undefined,
                })
              }
            >
              Clear filters
            </Button>
          </Empty>
        ) : (
          <Empty
            title="No messages yet"
            description="Followspot writes an email here whenever someone should hear something: an invitation to join your organisation, a reminder that a decision or scorecard is due, an offer, feedback for a candidate who is not progressing, or a holding update when a decision slips. Each one appears here first, then goes out."
          />
        )
      ) : desktop ? (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="messages-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>To</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Template</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>When</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id} data-testid="message-row">
                  <Table.Td maw={220}>
                    <Recipient message={m} />
                  </Table.Td>
                  <Table.Td>
                    <AnchorLink
                      to="/messages/$messageId"
                      params={{ messageId: m.id }}
                      className="row-link"
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {m.subject}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{templateName(m.templateKey)}</Text>
                    <Text size="xs" c="dimmed">
                      Version {m.templateVersion.version}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <MessageStatusBadge status={m.status} />
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm">{messageWhen(m)}</Text>
                    <FailureNote message={m} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((m) => (
            <Card withBorder padding="sm" component="li" key={m.id} data-testid="message-row">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <AnchorLink
                  to="/messages/$messageId"
                  params={{ messageId: m.id }}
                  className="row-link"
                  style={{ overflowWrap: 'anywhere', minWidth: 0 }}
                >
                  {m.subject}
                </AnchorLink>
                <MessageStatusBadge status={m.status} />
              </Group>
              <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
                To {m.recipient.name ? `${m.recipient.name} (${m.recipient.email})` : m.recipient.email}
              </Text>
              <Text size="xs" c="dimmed">
                {templateName(m.templateKey)} · {messageWhen(m)}
              </Text>
              <FailureNote message={m} />
            </Card>
          ))}
        </Stack>
      )}

      {messages.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            onClick={() => void messages.fetchNextPage()}
            loading={messages.isFetchingNextPage}
          >
            Show more messages
          </Button>
        </Group>
      ) : null}
    </>
  );
}
