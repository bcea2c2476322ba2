import { Group } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';

const tabs = [
  { to: '/settings/venues', label: 'Venues' },
  { to: '/settings/members', label: 'Members' },
  { to: '/settings/frameworks', label: 'Frameworks' },
  { to: '/settings/api-keys', label: 'API keys' },
] as const;

export function SettingsLayout() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organisation's venues, people, assessment frameworks and integrations."
      />
      <Group component="nav" aria-label="Settings" gap="xs" mb="lg" wrap="wrap">
        {tabs.map((tab) => (
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
