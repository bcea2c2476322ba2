import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Group,
  Menu,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api } from '../api/client';
import { canManageHiring, isAdmin, useMe, venuesQuery } from '../api/queries';
import { memberRoleLabels } from '../api/types';
import { setDisplayTimeZone } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';
import { AnchorLink, NavRouterLink } from './links';
import { NotificationsMenu } from './NotificationsMenu';
import { SpotIcon } from './states';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Times and "yesterday" are the venue's: its zone once the venues are known (the first venue's).
  const venueZone = useQuery(venuesQuery()).data?.[0]?.timezone;
  setDisplayTimeZone(venueZone);

  // On a phone the menu closes once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => {
    close();
  }, [pathname, close]);

  async function signOut() {
    try {
      await api('/api/auth/sign-out', { method: 'POST', body: {} });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Signing out failed', message: errorMessage(error) });
      return;
    }
    // Leave the signed-in pages first, so nothing renders without its member.
    await navigate({ to: '/sign-in' });
    queryClient.clear();
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <AnchorLink to="/roles" underline="never" c="inherit" aria-label="Followspot, go to roles">
              <Group gap={6} wrap="nowrap">
                <Box c="yellow.6" display="flex">
                  <SpotIcon size={24} />
                </Box>
                <Text fw={700} visibleFrom="xs">
                  Followspot
                </Text>
              </Group>
            </AnchorLink>
            <Text c="dimmed" size="sm" truncate="end" data-testid="organisation-name">
              <VisuallyHidden>Organisation: </VisuallyHidden>
              {me.organisation.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationsMenu />
            <Menu position="bottom-end" width={240} shadow="md">
              <Menu.Target>
                <UnstyledButton aria-label={`Account menu for ${me.user.name}`} className="account-button">
                  <Group gap="xs" wrap="nowrap">
                    <Avatar size={32} radius="xl" color="indigo">
                      {initials(me.user.name)}
                    </Avatar>
                    <Text size="sm" fw={500} visibleFrom="sm" truncate="end" maw={160}>
                      {me.user.name}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Stack gap={0}>
                    <Text size="sm" fw={600} c="var(--mantine-color-text)">
                      {me.user.name}
                    </Text>
                    <Text size="xs">{me.user.email}</Text>
                    <Text size="xs">{memberRoleLabels[me.role]}</Text>
                  </Stack>
                </Menu.Label>
                <Menu.Divider />
                <Menu.Item component={Link} to="/account">
                  Your account
                </Menu.Item>
                <Menu.Item onClick={() => void signOut()}>Sign out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="app-navigation" aria-label="Main">
        <Stack gap={2} component="nav" aria-label="Main navigation">
          {canManageHiring(me) ? (
            <NavRouterLink to="/" label="Dashboard" activeOptions={{ exact: true }} />
          ) : null}
          <NavRouterLink to="/roles" label="Roles" />
          {canManageHiring(me) ? <NavRouterLink to="/decisions" label="Decisions" /> : null}
          <NavRouterLink to="/candidates" label="Candidates" />
          {canManageHiring(me) ? <NavRouterLink to="/network" label="Talent network" /> : null}
          <NavRouterLink to="/interviews" label="My interviews" />
          {canManageHiring(me) ? <NavRouterLink to="/messages" label="Messages" /> : null}
          {canManageHiring(me) ? <NavRouterLink to="/referrals" label="Referrals" /> : null}
          <NavRouterLink to="/settings" label="Settings" />
        </Stack>
        <Box mt="auto" pt="md">
          <Text size="xs" c="dimmed">
            Signed in as {memberRoleLabels[me.role].toLowerCase()}
            {isAdmin(me) ? '' : '. Some settings are for admins only.'}
          </Text>
        </Box>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw={1280} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
