// Each referral link's story on the Referrals page: opened (a count only), who came forward through
// it, where each one is now, and a timeline. Read from GET /api/v1/referrals/links.
import { Accordion, Badge, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  type ReferralLinkEventKind,
  referralLinkEventLabels,
  referralStatusLabels,
} from '../../../src/features/referrals/referrals.schema.ts';
import { type ReferralLinkStatus, referralLinksQuery } from '../api/referrals';
import { AnchorLink } from '../components/links';
import { ErrorState, LoadingState } from '../components/states';
import { formatDate, formatShortDateTime } from '../lib/dates';

const stateLabels: Record<ReferralLinkStatus['state'], { label: string; color: string }> = {
  active: { label: 'Working', color: 'teal' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Revoked', color: 'gray' },
};

function openedLine(opened: ReferralLinkStatus['opened']): string {
  if (opened.count === 0 || !opened.first) return 'Not opened yet';
  const times = opened.count === 1 ? 'once' : `${opened.count} times`;
  if (opened.count === 1 || !opened.last) return `Opened ${times}, ${formatShortDateTime(opened.first)}`;
  return `Opened ${times}: first ${formatShortDateTime(opened.first)}, last ${formatShortDateTime(opened.last)}`;
}

function eventText(event: ReferralLinkStatus['timeline'][number]): string {
  const label = referralLinkEventLabels[event.kind as ReferralLinkEventKind];
  return event.candidate ? `${event.candidate.name} ${label}` : label;
}

function LinkStory({ link }: { link: ReferralLinkStatus }) {
  return (
    <Stack gap="sm">
      <Text size="sm">{openedLine(link.opened)}. Who opened it is not recorded, only how often.</Text>
      {link.referrals.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has come forward through this link yet. {link.referrer.name} shares it themselves; Followspot
          never writes to the people they send it to.
        </Text>
      ) : (
        <Stack gap={4} data-testid="referral-link-people">
          {link.referrals.map((r) => (
            <Group key={r.id} gap="xs">
              <AnchorLink to="/candidates/$candidateId" params={{ candidateId: r.candidate.id }}>
                {r.candidate.name}
              </AnchorLink>
              <Badge variant="light" color="blue" size="sm">
                {referralStatusLabels[r.status]}
              </Badge>
              {r.roleTitle ? (
                <Text size="sm" c="dimmed">
                  {r.roleTitle}
                </Text>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      <Timeline
        bulletSize={14}
        lineWidth={2}
        active={link.timeline.length - 1}
        data-testid="referral-link-timeline"
      >
        {link.timeline.map((event) => (
          <Timeline.Item key={`${event.at}-${event.kind}-${event.candidate?.id ?? ''}`}>
            <Text size="sm">{eventText(event)}</Text>
            <Text size="xs" c="dimmed">
              {formatShortDateTime(event.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

export function ReferralLinks() {
  const links = useQuery(referralLinksQuery);
  return (
    <section aria-labelledby="referral-links">
      <Title order={2} size="h3" id="referral-links" mb="xs">
        Referral links
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Each candidate's link: whether it was opened, who came forward through it and where they are now.
      </Text>
      {links.isPending ? (
        <LoadingState label="Loading referral links…" />
      ) : links.isError ? (
        <ErrorState error={links.error} onRetry={() => void links.refetch()} />
      ) : links.data.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No links yet. A candidate makes one from the “Recommend a colleague” section of their page.
        </Text>
      ) : (
        <Accordion multiple variant="separated" data-testid="referral-links">
          {links.data.data.map((link) => (
            <Accordion.Item key={link.id} value={link.id} data-testid="referral-link">
              <Accordion.Control>
                <Group gap="xs" wrap="wrap">
                  <Text fw={500}>{link.referrer.name}</Text>
                  <Text size="sm" c="dimmed">
                    {link.roleTitle ?? link.kindOfWork ?? 'Any role'} · made {formatDate(link.createdAt)}
                  </Text>
                  <Badge variant="light" color={stateLabels[link.state].color} size="sm">
                    {stateLabels[link.state].label}
                  </Badge>
                  <Badge variant="light" color="gray" size="sm" data-testid="referral-link-opened">
                    {link.opened.count === 1 ? 'Opened once' : `Opened ${link.opened.count} times`}
                  </Badge>
                  <Badge variant="light" color="blue" size="sm">
                    {link.referrals.length === 1 ? '1 came forward' : `${link.referrals.length} came forward`}
                  </Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <LinkStory link={link} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </section>
  );
}
