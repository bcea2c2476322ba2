import { ActionIcon, Button, Group, Indicator, Menu, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
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

/** The bell in the header: unread count, the newest notifications, mark read. Polls every minute. */
export function NotificationsMenu() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const query = useQuery(notificationsQuery);
  const unread = query.data?.unreadCount ?? 0;

  const markRead = useMutation({
    mutationFn: (n: Notification) => api(`/api/v1/notifications/${n.id}/read`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsQuery.queryKey }),
  });
  const markAll = useMutation({
    mutationFn: () => api<{ marked: number }>('/api/v1/notifications/read-all', { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQuery.queryKey }),
    onError: (error) => toasts.show({ color: 'red', title: 'Not marked read', message: errorMessage(error) }),
  });

  function open(n: Notification) {
    if (!n.read) markRead.mutate(n);
    // Only links inside the app are followed.
    if (n.linkPath?.startsWith('/')) router.history.push(n.linkPath);
  }

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Menu position="bottom-end" width={340} shadow="md" onOpen={() => void query.refetch()}>
      {/* The menu's target is the button itself, so aria-expanded sits on a button, not the badge's div. */}
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={16}
        color="red"
        offset={6}
        disabled={unread === 0}
      >
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            data-testid="notifications-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Menu.Target>
      </Indicator>
      <Menu.Dropdown>
        <Group justify="space-between" px="xs" py={4} wrap="nowrap">
          <Text size="sm" fw={600}>
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
        <Menu.Divider />
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
          <ScrollArea.Autosize mah={420} type="auto">
            {query.data.data.map((n) => (
              <Menu.Item
                key={n.id}
                onClick={() => open(n)}
                data-testid="notification-item"
                bg={n.read ? undefined : 'var(--mantine-color-blue-light)'}
              >
                <Stack gap={2}>
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
                </Stack>
              </Menu.Item>
            ))}
          </ScrollArea.Autosize>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
