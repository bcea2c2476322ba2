import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { type ClosureReportRow, closureReportCsvHref, closureReportQuery } from '../api/closure';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { formatDate } from '../lib/dates';
import { useIsDesktop } from '../lib/useIsDesktop';

const route = getRouteApi('/_app/roles/$roleId/closure-report');

const viaLabels: Record<NonNullable<ClosureReportRow['toldVia']>, string> = {
  email: 'Email',
  call: 'Phone call',
  meeting: 'Meeting',
  candidate_response: 'Their reply to the offer',
  candidate_withdrew: 'They withdrew',
};

const words = (value: string) => {
  const text = value.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** '2026-11-26' (the venue's local date) → '26 November 2026' */
const localDate = (value: string | null) => (value ? formatDate(`${value}T12:00:00Z`) : '—');

const days = (n: number | null) => (n === null ? '—' : `${n} working day${n === 1 ? '' : 's'}`);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}

export function summaryLine(rows: ClosureReportRow[]): string {
  const told = rows.filter((r) => r.told).length;
  const m = median(rows.flatMap((r) => (r.workingDaysToTold === null ? [] : [r.workingDaysToTold])));
  return `${told} of ${rows.length} told${m === null ? '' : `; median ${m} working day${m === 1 ? '' : 's'}`}`;
}

function ToldBadge({ told }: { told: boolean }) {
  return (
    <Badge variant="light" radius="sm" color={told ? 'teal' : 'orange'}>
      {told ? 'Told' : 'Not yet'}
    </Badge>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function NameLink({ row }: { row: ClosureReportRow }) {
  return (
    <AnchorLink to="/applications/$applicationId" params={{ applicationId: row.applicationId }} fw={600}>
      {row.name}
    </AnchorLink>
  );
}

function ReportTable({ rows }: { rows: ClosureReportRow[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" striped data-testid="closure-report-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Candidate</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Told</Table.Th>
            <Table.Th>When told</Table.Th>
            <Table.Th>How told</Table.Th>
            <Table.Th>Last interview to told</Table.Th>
            <Table.Th>Feedback check</Table.Th>
            <Table.Th>Network</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.applicationId}>
              <Table.Td>
                <NameLink row={row} />
              </Table.Td>
              <Table.Td>{words(row.outcome)}</Table.Td>
              <Table.Td>
                <ToldBadge told={row.told} />
              </Table.Td>
              <Table.Td>{localDate(row.toldOn)}</Table.Td>
              <Table.Td>{row.toldVia ? viaLabels[row.toldVia] : '—'}</Table.Td>
              <Table.Td>{days(row.workingDaysToTold)}</Table.Td>
              <Table.Td>
                {row.feedbackCheckScore === null ? '—' : Math.round(row.feedbackCheckScore)}
              </Table.Td>
              <Table.Td>{words(row.networkStatus)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReportCards({ rows }: { rows: ClosureReportRow[] }) {
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((row) => (
        <Card
          key={row.applicationId}
          withBorder
          padding="sm"
          component="li"
          data-testid="closure-report-card"
        >
          <Group justify="space-between" wrap="nowrap" mb="xs">
            <NameLink row={row} />
            <ToldBadge told={row.told} />
          </Group>
          <SimpleGrid cols={2} spacing="xs" component="dl" m={0}>
            <Field label="Outcome">{words(row.outcome)}</Field>
            <Field label="When told">{localDate(row.toldOn)}</Field>
            <Field label="How told">{row.toldVia ? viaLabels[row.toldVia] : '—'}</Field>
            <Field label="Last interview to told">{days(row.workingDaysToTold)}</Field>
            <Field label="Feedback check">
              {row.feedbackCheckScore === null ? '—' : Math.round(row.feedbackCheckScore)}
            </Field>
            <Field label="Network">{words(row.networkStatus)}</Field>
          </SimpleGrid>
        </Card>
      ))}
    </Stack>
  );
}

export function ClosureReportPage() {
  const { roleId } = route.useParams();
  const report = useQuery(closureReportQuery(roleId));
  const desktop = useIsDesktop();

  if (report.isPending) return <LoadingState label="Loading the closure report…" />;
  if (report.isError)
    return (
      <>
        <PageHeader title="Closure report" />
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        <AnchorLink to="/roles/$roleId" params={{ roleId }}>
          Back to the role
        </AnchorLink>
      </>
    );

  const { role, rows } = report.data;
  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/roles/$roleId" params={{ roleId }} size="sm">
            ← {role.title}
          </AnchorLink>
        }
        title="Closure report"
        description={`How and when each candidate for ${role.title} heard the outcome.`}
        actions={
          <Button component="a" href={closureReportCsvHref(roleId)} download variant="default">
            Download CSV
          </Button>
        }
      />
      {rows.length === 0 ? (
        <Empty
          title="Nobody to report on yet"
          description="Candidates appear here once they are on the role."
        />
      ) : (
        <>
          <Text fw={600} mb="sm" data-testid="closure-summary">
            {summaryLine(rows)}
          </Text>
          {desktop ? <ReportTable rows={rows} /> : <ReportCards rows={rows} />}
          <Text size="xs" c="dimmed" mt="sm">
            Working days run from the end of the last interview to the day the candidate was told, at the
            venue.{' '}
            <Anchor href={closureReportCsvHref(roleId)} download size="xs" underline="always">
              Download as CSV
            </Anchor>
          </Text>
        </>
      )}
    </>
  );
}
