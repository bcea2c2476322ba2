import { Alert, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { referralStatusLabels } from '../../../src/features/referrals/referrals.schema.ts';
import { canManageHiring, isAdmin, useMe } from '../api/queries';
import { type Referral, referralsQuery, referrersQuery } from '../api/referrals';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { formatDate } from '../lib/dates';
import { ReferralAskSettings } from './ReferralAskSettings';
import { ReferralLinks } from './ReferralLinks';

const statusColours: Record<Referral['status'], string> = {
  joined_network: 'blue',
  applied: 'gray',
  interviewed: 'violet',
  hired: 'green',
  not_progressing: 'orange',
};

export function ReferralsPage() {
  const me = useMe();
  const allowed = canManageHiring(me);
  const referrals = useQuery({ ...referralsQuery(), enabled: allowed });
  const referrers = useQuery({ ...referrersQuery, enabled: allowed });
  const header = (
    <PageHeader
      title="Referrals"
      description="Colleagues your candidates recommended, where each one is now, and who brings them."
    />
  );
  if (!allowed) {
    return (
      <>
        {header}
        <Alert color="gray" title="Referrals are for admins and hiring managers">
          Ask an admin of your organisation if you need to see who referred a candidate.
        </Alert>
      </>
    );
  }
  if (referrals.isPending || referrers.isPending)
    return [header, <LoadingState key="l" label="Loading referrals…" />];
  if (referrals.isError)
    return [header, <ErrorState key="e" error={referrals.error} onRetry={() => void referrals.refetch()} />];
  if (referrers.isError)
    return [header, <ErrorState key="e" error={referrers.error} onRetry={() => void referrers.refetch()} />];
  const items = referrals.data.data;
  const people = referrers.data.data;
  return (
    <>
      {header}
      {people.length === 0 && items.length === 0 ? (
        <Empty
          title="No referrals yet"
          description="Every candidate's personal page has a “Recommend a colleague” section with their own link to share by WhatsApp, email or LinkedIn, and your decision emails point to it. When a colleague opens the link and joins your talent network or says they're interested in a role, they appear here with the candidate who recommended them. Followspot never writes to anyone who has not come forward themselves."
        />
      ) : (
        <Stack gap="xl">
          <section aria-labelledby="referrals-list">
            <Title order={2} size="h3" id="referrals-list" mb="sm">
              Colleagues who came forward
            </Title>
            {items.length === 0 ? (
              <Text c="dimmed" size="sm">
                Links have been shared, but nobody has come forward through one yet.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table verticalSpacing="sm" data-testid="referrals-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Colleague</Table.Th>
                      <Table.Th>Referred by</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Came forward</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((r) => (
                      <Table.Tr key={r.id} data-testid="referral-row">
                        <Table.Td>
                          <AnchorLink to="/candidates/$candidateId" params={{ candidateId: r.candidate.id }}>
                            {r.candidate.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>
                          <AnchorLink to="/candidates/$candidateId" params={{ candidateId: r.referrer.id }}>
                            {r.referrer.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>
                          {r.roleTitle ?? (
                            <Text c="dimmed" size="sm">
                              Talent network
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge
                            color={statusColours[r.status]}
                            variant="light"
                            data-testid="referral-status"
                          >
                            {referralStatusLabels[r.status]}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{formatDate(r.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>
          <ReferralLinks />
          <section aria-labelledby="referrers-list">
            <Title order={2} size="h3" id="referrers-list" mb="sm">
              Who recommends you
            </Title>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" data-testid="referrers-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Candidate</Table.Th>
                    <Table.Th ta="right">Links shared</Table.Th>
                    <Table.Th ta="right">Opened</Table.Th>
                    <Table.Th ta="right">Joined network</Table.Th>
                    <Table.Th ta="right">Interested in a role</Table.Th>
                    <Table.Th ta="right">Hired</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {people.map((p) => (
                    <Table.Tr key={p.referrer.id}>
                      <Table.Td>
                        <AnchorLink to="/candidates/$candidateId" params={{ candidateId: p.referrer.id }}>
                          {p.referrer.name}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td ta="right">{p.links}</Table.Td>
                      <Table.Td ta="right">{p.views}</Table.Td>
                      <Table.Td ta="right">{p.joinedNetwork}</Table.Td>
                      <Table.Td ta="right">{p.interests}</Table.Td>
                      <Table.Td ta="right">{p.hires}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        </Stack>
      )}
      {isAdmin(me) && (
        <Stack mt="xl">
          <ReferralAskSettings />
        </Stack>
      )}
    </>
  );
}
