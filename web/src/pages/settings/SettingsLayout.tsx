import { Group } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { canManageHiring, isAdmin, useMe } from '../../api/queries';
import type { Me } from '../../api/types';
import { ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';

const tabs = [
  { to: '/settings/venues', label: 'Venues', shown: () => true },
  { to: '/settings/members', label: 'Members', shown: () => true },
  { to: '/settings/frameworks', label: 'Frameworks', shown: () => true },
  { to: '/settings/templates', label: 'Email templates', shown: canManageHiring },
  { to: '/settings/branding', label: 'Email branding', shown: isAdmin },
  { to: '/settings/decision-clock', label: 'Decision deadlines', shown: () => true },
  { to: '/settings/reputation', label: 'Reputation', shown: isAdmin },
  { to: '/settings/api-keys', label: 'API keys', shown: () => true },
  { to: '/settings/webhooks', label: 'Webhooks', shown: isAdmin },
  { to: '/settings/import', label: 'Import', shown: canManageHiring },
  { to: '/settings/privacy', label: 'Privacy', shown: isAdmin },
  { to: '/settings/data-requests', label: 'Data requests', shown: isAdmin },
] as const satisfies readonly { to: string; label: string; shown: (me: Me) => boolean }[];

export function SettingsLayout() {
  const me = useMe();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organisation's venues, people, assessment frameworks, emails and integrations."
      />
      <Group component="nav" aria-label="Settings" gap="xs" mb="lg" wrap="wrap">
        {tabs
          .filter((tab) => tab.shown(me))
          .map((tab) => (
            <ButtonLink
              key={tab.to}
              to={tab.to}
              variant="default"
              size="sm"
              activeProps={{ variant: 'filled' }}
            >
              {tab.label}
            </ButtonLink>
          ))}
      </Group>
      <Outlet />
    </>
  );
}
