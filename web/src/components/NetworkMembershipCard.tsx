// A candidate's talent-network membership on their profile: consent and expiry, availability and
// interests, and the history of the membership (joined, renewed, opportunities, left…).
import { Badge, Card, Group, List, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { consentStatusLabels } from '../../../src/features/network/network.schema.ts';
import { membershipQuery } from '../api/network';
import { formatDate, formatDateTime } from '../lib/dates';
import { ErrorState } from './states';

export function NetworkMembershipCard({ candidateId }: { candidateId: string }) {
  const membership = useQuery(membershipQuery(candidateId));
  if (membership.isPending) return null;
  if (membership.isError)
    return <ErrorState error={membership.error} onRetry={() => void membership.refetch()} />;
  const { member, history } = membership.data;
  return (
    <Card withBorder mb="xl" data-testid="network-membership">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h6">
          Talent network
        </Title>
        {member ? <Badge variant="light">{consentStatusLabels[member.consent.status]}</Badge> : null}
      </Group>
      {member ? (
        <>
          <Text size="sm">
            Joined {formatDate(member.consent.joinedAt)}; consent until {formatDate(member.consent.expiresAt)}{' '}
            (text {member.consent.version}).{member.unsubscribed ? ' Has stopped network emails.' : ''}
          </Text>
          <Text size="sm">
            Available for:{' '}
            {[
              member.availability.permanent ? 'permanent roles' : null,
              member.availability.freelance ? 'freelance shifts' : null,
              member.availability.casualCrew ? 'casual crew' : null,
            ]
              .filter(Boolean)
              .join(', ') || 'not said'}
            {member.region ? ` · ${member.region}` : ''}
            {member.travelMiles !== null ? `, up to ${member.travelMiles} miles` : ''}
          </Text>
          {member.interests.roleKinds.length + member.interests.venues.length > 0 ? (
            <Text size="sm">
              Interested in: {[...member.interests.roleKinds, ...member.interests.venues].join(', ')}
            </Text>
          ) : null}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Not in the talent network. They are invited in their not-progressing email and on their personal
          page.
        </Text>
      )}
      {history.length > 0 ? (
        <List size="sm" mt="sm" spacing={2}>
          {history.map((h) => (
            <List.Item key={`${h.at}-${h.kind}`}>
              {formatDateTime(h.at)}: {h.summary}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Card>
  );
}
