import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import type { NotificationKind } from '../../../src/features/notifications/notifications.schema.ts';
import { api } from '../api/client';
import { type Notification, notificationsQuery } from '../api/decisionClock';
import { daysSince, formatShortDateTime } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';

function BellIcon() {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none">
      <path
        d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function when(createdAt: string): string {
  const ago = daysSince(createdAt);
  return ago === 'today' ? (formatShortDateTime(createdAt).split(', ')[1] ?? '') : ago;
}

/** What following a notification does, in the words of its kind. */
const actionLabels: Record<NotificationKind, string> = {
  decision_reminder: 'Make the decision',
  escalation: 'Review the overdue decision',
  manager_digest: 'See what is waiting',
  scorecard_reminder: 'Write the scorecard',
  holding_update: 'See the holding update',
  feedback_call_request: 'Arrange the call',
  data_request: 'Handle the request',
  security: 'Check your account',
  future_fit: 'Re-engage the candidate',
  referral: 'Review the referral',
  network_training: 'See the training',
  message_bounced: 'Fix the address',
  network_interest: 'See the member',
};

/**
 * The bell in the header: unread count and the newest notifications, each with its kind's action
 * and mark read or unread. A popover, not a menu, since each item holds two buttons. Polls every minute.
 */
export function NotificationsMenu() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const query = useQuery(notificationsQuery);
  const unread = query.data?.unreadCount ?? 0;
  const [opened, setOpened] = useState(false);

  const setRead = useMutation({
    mutationFn: ({ n, read }: { n: Notification; read: boolean }) =>
      api<Notification>(`/api/v1/notifications/${n.id}/${read ? 'read' : 'unread'}`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsQuery.queryKey }),
    onError: (error) => toasts.show({ color: 'red', title: 'Not changed', message: errorMessage(error) }),
  });
  const markAll = useMutation({
    mutationFn: () => api<{ marked: number }>('/api/v1/notifications/read-all', { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQuery.queryKey }),
    onError: (error) => toasts.show({ color: 'red', title: 'Not marked read', message: errorMessage(error) }),
  });

  function follow(n: Notification) {
    if (!n.read) setRead.mutate({ n, read: true });
    setOpened(false);
    // Only links inside the app are followed.
    if (n.linkPath?.startsWith('/')) router.history.push(n.linkPath);
  }

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Popover
      position="bottom-end"
      width={360}
      shadow="md"
      opened={opened}
      onChange={setOpened}
      onOpen={() => void query.refetch()}
      trapFocus
      returnFocus
    >
      {/* The popover's target is the button itself, so aria-expanded sits on a button, not the badge's div. */}
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={16}
        color="red"
        offset={6}
        disabled={unread === 0}
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            data-testid="notifications-bell"
            onClick={() => setOpened((o) => !o)}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} aria-labelledby="notifications-heading">
        <Group justify="space-between" px="sm" py={6} wrap="nowrap">
          <Text size="sm" fw={600} id="notifications-heading">
            Notifications
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        </Group>
        {query.isPending ? (
          <Text size="sm" c="dimmed" p="sm">
            Loading…
          </Text>
        ) : query.isError ? (
          <Text size="sm" c="red.8" p="sm">
            Notifications could not be loaded: {errorMessage(query.error)}
          </Text>
        ) : query.data.data.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            Nothing yet. Reminders about decisions and scorecards appear here.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={440} type="auto">
            <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
              {query.data.data.map((n) => (
                <NotificationItem
                  key={n.id}
                  notification={n}
                  busy={setRead.isPending && setRead.variables?.n.id === n.id}
                  onFollow={() => follow(n)}
                  onToggleRead={() => setRead.mutate({ n, read: !n.read })}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationItem({
  notification: n,
  busy,
  onFollow,
  onToggleRead,
}: {
  notification: Notification;
  busy: boolean;
  onFollow: () => void;
  onToggleRead: () => void;
}) {
  const action = actionLabels[n.kind];
  return (
    <li
      data-testid="notification-item"
      style={{
        borderTop: '1px solid var(--mantine-color-gray-3)',
        background: n.read ? undefined : 'var(--mantine-color-blue-light)',
        padding: '8px 12px',
      }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text size="sm" fw={n.read ? 500 : 700} style={{ overflowWrap: 'anywhere' }}>
            {n.read ? null : <span className="visually-hidden">Unread: </span>}
            {n.title}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {when(n.createdAt)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" lineClamp={3}>
          {n.body}
        </Text>
        <Group gap={4} wrap="wrap">
          {n.linkPath?.startsWith('/') ? (
            <Button size="compact-xs" variant="light" onClick={onFollow} aria-label={`${action}: ${n.title}`}>
              {action}
            </Button>
          ) : null}
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            loading={busy}
            onClick={onToggleRead}
            aria-label={`${n.read ? 'Mark unread' : 'Mark read'}: ${n.title}`}
          >
            {n.read ? 'Mark unread' : 'Mark read'}
          </Button>
        </Group>
      </Stack>
    </li>
  );
}
