import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { messagesAboutQuery } from '../api/queries';
import { messageWhen, templateName } from '../lib/messages';
import { MessageStatusBadge } from './badges';
import { AnchorLink } from './links';
import { ErrorState, LoadingState } from './states';

/** The emails to a candidate, or about an application, newest first, each linking to the message. */
export function MessagesSection({
  about,
  emptyText,
}: {
  about: { candidateId: string } | { applicationId: string };
  emptyText: string;
}) {
  const messages = useQuery(messagesAboutQuery(about));
  const headingId = useId();
  const items = messages.data ?? [];
  return (
    <section aria-labelledby={headingId} data-testid="messages-section">
      <Title order={2} size="h3" id={headingId} mt="xl" mb="sm">
        Messages
      </Title>
      {messages.isPending ? (
        <LoadingState label="Loading messages…" />
      ) : messages.isError ? (
        <ErrorState
          error={messages.error}
          title="The messages could not be loaded"
          onRetry={() => void messages.refetch()}
        />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((m) => (
            <Card withBorder padding="sm" component="li" key={m.id} data-testid="message-item">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <AnchorLink
                    to="/messages/$messageId"
                    params={{ messageId: m.id }}
                    className="row-link"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {m.subject}
                  </AnchorLink>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {templateName(m.templateKey)} · to {m.recipient.name ?? m.recipient.email} ·{' '}
                    {messageWhen(m)}
                  </Text>
                </div>
                <MessageStatusBadge status={m.status} />
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </section>
  );
}
