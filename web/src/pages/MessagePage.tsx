import { Alert, Box, Button, Card, Code, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { api } from '../api/client';
import { canManageHiring, messageQuery, refresh, useMe } from '../api/queries';
import type { MessageDetail } from '../api/types';
import { MessageStatusBadge } from '../components/badges';
import { ConfirmModal } from '../components/ConfirmModal';
import { EmailView } from '../components/EmailView';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { ErrorState, LoadingState } from '../components/states';
import { formatDateTime } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';
import {
  type CalendarInviteSummary,
  calendarInviteText,
  cancellable,
  parseCalendarInvite,
  recipientText,
  sendingWindowText,
  templateName,
} from '../lib/messages';

const route = getRouteApi('/_app/messages/$messageId');

function Header({ label, children }: { label: string; children: ReactNode }) {
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

function StatusAlert({ message }: { message: MessageDetail }) {
  switch (message.status) {
    case 'held':
      return (
        <Alert color="yellow" title="Held: this email has not been sent" mb="md" data-testid="status-alert">
          Email sending is not set up on this Followspot server, so the email waits here. It goes out once an
          admin sets SMTP_URL in the server's environment and restarts it
          {message.sendingWindow ? ", within the venue's working hours" : ''}. Cancel it if it should never be
          sent.
        </Alert>
      );
    case 'queued':
      return (
        <Alert color="blue" title="Waiting to send" mb="md" data-testid="status-alert">
          Not before {formatDateTime(message.sendAfter)}. {sendingWindowText(message.sendingWindow) ?? ''} You
          can cancel it until it leaves.
        </Alert>
      );
    case 'sending':
      return (
        <Alert color="cyan" title="Sending now" mb="md" data-testid="status-alert">
          It is being handed to the mail server and can no longer be cancelled.
        </Alert>
      );
    case 'failed':
      return (
        <Alert color="red" title="Not delivered" mb="md" data-testid="status-alert">
          <Stack gap={6}>
            <Text size="sm">
              Followspot tried {message.attempts} time{message.attempts === 1 ? '' : 's'} and gave up.
              {message.lastError ? ' The last answer was:' : ''}
            </Text>
            {message.lastError ? (
              <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {message.lastError}
              </Code>
            ) : null}
            <Text size="sm">
              Check the address and the server's email settings, then retry: it goes again from now.
            </Text>
          </Stack>
        </Alert>
      );
    case 'cancelled':
      return (
        <Alert color="gray" title="Cancelled" mb="md" data-testid="status-alert">
          Cancelled on {formatDateTime(message.cancelledAt ?? message.updatedAt)}: it will never be sent.
        </Alert>
      );
    default:
      return null;
  }
}

function CalendarInvite({ summary, ics }: { summary: CalendarInviteSummary; ics: string }) {
  return (
    <Stack gap="sm">
      <Stack gap="xs" component="dl" m={0}>
        <Header label="Event">{summary.title ?? '—'}</Header>
        <Header label="When">
          {summary.start ? calendarInviteText({ ...summary, title: null, location: null }) : '—'}
        </Header>
        <Header label="Where">{summary.location ?? '—'}</Header>
        <Header label="Organiser">{summary.organiser ?? '—'}</Header>
      </Stack>
      <Text size="xs" c="dimmed">
        The invitation file (invite.ics) attached to the email:
      </Text>
      <Box component="pre" className="email-text">
        {ics}
      </Box>
    </Stack>
  );
}

function MessageTimeline({ message }: { message: MessageDetail }) {
  const items: { title: string; body?: ReactNode; colour?: string }[] = [
    {
      title: `Written ${formatDateTime(message.createdAt)}`,
      body: `From the ${templateName(message.templateKey)} template, version ${message.templateVersion.version}.`,
    },
  ];
  if (message.status === 'held') {
    items.push({ title: 'Held', body: 'Waiting for email sending to be set up.', colour: 'yellow' });
  }
  if (message.status === 'queued' || message.status === 'sending') {
    items.push({
      title: `Not before ${formatDateTime(message.sendAfter)}`,
      body: sendingWindowText(message.sendingWindow) ?? undefined,
    });
  }
  if (message.attempts > 0 && message.status !== 'sent') {
    items.push({
      title: `${message.attempts} attempt${message.attempts === 1 ? '' : 's'} to send`,
      body: message.lastError ? `Last answer: ${message.lastError}` : undefined,
      colour: 'orange',
    });
  }
  if (message.status === 'sent') {
    items.push({
      title: `Sent ${formatDateTime(message.sentAt)}`,
      body: (
        <>
          {message.attempts > 1 ? `After ${message.attempts} attempts. ` : ''}
          Message-ID:{' '}
          <Code style={{ overflowWrap: 'anywhere' }} data-testid="smtp-message-id">
            {message.smtpMessageId ?? 'not given by the mail server'}
          </Code>
        </>
      ),
      colour: 'teal',
    });
  }
  if (message.status === 'failed') {
    items.push({ title: `Failed ${formatDateTime(message.updatedAt)}`, colour: 'red' });
  }
  if (message.status === 'cancelled') {
    items.push({
      title: `Cancelled ${formatDateTime(message.cancelledAt ?? message.updatedAt)}`,
      colour: 'gray',
    });
  }
  return (
    <Timeline active={items.length - 1} bulletSize={14} lineWidth={2} data-testid="message-timeline">
      {items.map((item) => (
        <Timeline.Item
          key={item.title}
          title={
            <Text size="sm" fw={600} component="span">
              {item.title}
            </Text>
          }
          color={item.colour}
        >
          {item.body ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {item.body}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function MessagePage() {
  const { messageId } = route.useParams();
  const me = useMe();
  const message = useQuery(messageQuery(messageId));
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<'cancel' | 'retry' | null>(null);

  const act = useMutation({
    mutationFn: (action: 'cancel' | 'retry') =>
      api<MessageDetail>(`/api/v1/messages/${messageId}/${action}`, { method: 'POST', body: {} }),
    onSuccess: async (updated, action) => {
      queryClient.setQueryData(messageQuery(messageId).queryKey, updated);
      setConfirming(null);
      notifications.show({
        color: 'teal',
        message:
          action === 'cancel'
            ? 'Email cancelled: it will not be sent'
            : updated.status === 'held'
              ? 'Email back in the outbox: it is held until email sending is set up'
              : 'Email back in the queue: it goes again now',
      });
      await refresh(queryClient, 'messages');
    },
    // The message may have moved on (sent, or claimed by a worker): show where it is now.
    onError: () => void refresh(queryClient, 'messages'),
  });

  function closeConfirm() {
    setConfirming(null);
    act.reset();
  }

  if (message.isPending) return <LoadingState label="Loading the message…" />;
  if (message.isError)
    return (
      <>
        <PageHeader title="Message" />
        <ErrorState error={message.error} onRetry={() => void message.refetch()} />
        <AnchorLink to="/messages">Back to messages</AnchorLink>
      </>
    );

  const m = message.data;
  const canAct = canManageHiring(me);
  const invite = m.calendarInvite ? parseCalendarInvite(m.calendarInvite) : null;
  const recipientWord = m.recipient.kind === 'candidate' ? 'the candidate' : 'the recipient';

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/messages" size="sm">
            ← Messages
          </AnchorLink>
        }
        title={m.subject}
        description={
          <Group gap="xs" wrap="wrap">
            <MessageStatusBadge status={m.status} />
            <span style={{ overflowWrap: 'anywhere' }}>
              {templateName(m.templateKey)} to {recipientText(m)}
            </span>
          </Group>
        }
        actions={
          canAct && cancellable(m.status) ? (
            <Button color="red" variant="outline" onClick={() => setConfirming('cancel')}>
              Cancel email
            </Button>
          ) : canAct && m.status === 'failed' ? (
            <Button onClick={() => setConfirming('retry')}>Retry sending</Button>
          ) : null
        }
      />

      <StatusAlert message={m} />
      {/link-added-when-sent/.test(m.text) && (
        <Text size="sm" mb="md" data-testid="sealed-link-note">
          Personal and invitation links are added to the email as it is sent and are never kept, so the copy
          here shows where each link goes, not the link itself.
        </Text>
      )}

      <Box className="message-layout">
        <Card withBorder padding="md" className="message-main">
          <Title order={2} size="h4" mb="sm">
            The email as {recipientWord} sees it
          </Title>
          <EmailView
            html={m.html}
            text={m.text}
            frameTitle={`The email "${m.subject}" as ${recipientWord} sees it`}
            calendarInvite={
              invite && m.calendarInvite ? (
                <CalendarInvite summary={invite} ics={m.calendarInvite} />
              ) : undefined
            }
          />
        </Card>

        <Stack gap="md" className="message-side">
          <Card withBorder padding="md">
            <Title order={2} size="h5" mb="sm">
              Headers
            </Title>
            <Stack gap="xs" component="dl" m={0} data-testid="message-headers">
              <Header label="To">{recipientText(m)}</Header>
              <Header label="Reply-To">
                {m.replyTo
                  ? m.replyTo.name
                    ? `${m.replyTo.name} <${m.replyTo.email}>`
                    : m.replyTo.email
                  : 'None: replies go to the sending address'}
              </Header>
              <Header label="Subject">{m.subject}</Header>
              {m.listUnsubscribe ? <Header label="List-Unsubscribe">{m.listUnsubscribe}</Header> : null}
              {invite ? (
                <Header label="Calendar invite">{calendarInviteText(invite) || 'Attached'}</Header>
              ) : null}
              <Header label="Template">
                <AnchorLink to="/settings/templates/$key" params={{ key: m.templateKey }} size="sm">
                  {templateName(m.templateKey)}
                </AnchorLink>
                , version {m.templateVersion.version}
              </Header>
              {m.applicationId ? (
                <Header label="About">
                  <AnchorLink
                    to="/applications/$applicationId"
                    params={{ applicationId: m.applicationId }}
                    size="sm"
                  >
                    The application
                  </AnchorLink>
                  {m.recipient.candidateId ? (
                    <>
                      {' · '}
                      <AnchorLink
                        to="/candidates/$candidateId"
                        params={{ candidateId: m.recipient.candidateId }}
                        size="sm"
                      >
                        The candidate
                      </AnchorLink>
                    </>
                  ) : null}
                </Header>
              ) : null}
            </Stack>
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h5" mb="sm">
              Timeline
            </Title>
            <MessageTimeline message={m} />
          </Card>
        </Stack>
      </Box>

      <ConfirmModal
        opened={confirming === 'cancel'}
        onClose={closeConfirm}
        title="Cancel this email?"
        confirmLabel="Cancel email"
        cancelLabel="Keep it"
        onConfirm={() => act.mutate('cancel')}
        loading={act.isPending}
        error={act.isError && act.variables === 'cancel' ? errorMessage(act.error) : null}
      >
        “{m.subject}” to {recipientText(m)} will never be sent. This cannot be undone: to tell them later, the
        email has to be written again.
      </ConfirmModal>
      <ConfirmModal
        opened={confirming === 'retry'}
        onClose={closeConfirm}
        title="Send this email again?"
        confirmLabel="Retry sending"
        cancelLabel="Not now"
        danger={false}
        onConfirm={() => act.mutate('retry')}
        loading={act.isPending}
        error={act.isError && act.variables === 'retry' ? errorMessage(act.error) : null}
      >
        “{m.subject}” goes back in the queue to {recipientText(m)} and is tried again from now, with a fresh
        count of attempts.
      </ConfirmModal>
    </>
  );
}
