// The reputation dashboard (issue #14), the home page of admins and managers: how fast and how well
// candidates hear back, filtered by venue, role, hiring manager and period, with a monthly trend per
// chart. Every chart has its numbers in a table beside it, and every table downloads as CSV.
import '@mantine/charts/styles.css';

import { BarChart, LineChart } from '@mantine/charts';
import {
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { allOpenRolesQuery, membersQuery, venuesQuery } from '../api/queries';
import { type Metrics, type MetricsFilters, metricsQuery } from '../api/reputation';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';

type Cell = string | number | null;
interface TableData {
  name: string;
  headers: string[];
  rows: Cell[][];
}

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const show = (v: Cell) => (v === null ? '—' : String(v));
const monthLabel = (m: string) =>
  new Date(`${m}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric' });

/** The whole UTC months the figures cover; `to` is exclusive, so the last month is the one before it. */
export function periodLabel(period: { from: string; to: string }): string {
  const month = (d: Date) =>
    d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const first = new Date(period.from);
  const last = new Date(period.to);
  last.setUTCMonth(last.getUTCMonth() - 1);
  return first.getTime() >= last.getTime() ? month(first) : `${month(first)} to ${month(last)}`;
}

function csvOf(t: TableData): string {
  const quote = (v: Cell) => {
    const s = v === null ? '' : String(v);
    // A leading = + - @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
    return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return [t.headers, ...t.rows].map((row) => row.map(quote).join(',')).join('\r\n');
}

function download(t: TableData) {
  const url = URL.createObjectURL(new Blob([csvOf(t)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${t.name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

function FigureTable({ table, caption }: { table: TableData; caption: string }) {
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={320}>
        <Table striped withTableBorder>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {table.headers.map((h) => (
                <Table.Th key={h} scope="col">
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row) => (
              <Table.Tr key={row.join('|')}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <Table.Th key={table.headers[j]} scope="row" fw={500}>
                      {show(cell)}
                    </Table.Th>
                  ) : (
                    <Table.Td key={table.headers[j]}>{show(cell)}</Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button variant="default" size="xs" onClick={() => download(table)}>
          Download {table.name} (CSV)
        </Button>
      </Group>
    </Stack>
  );
}

function ChartCard({
  title,
  summary,
  chart,
  table,
}: {
  title: string;
  summary: string;
  chart: React.ReactNode;
  table: TableData;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {/* The chart is a picture of the table below it: screen readers get the summary and the table. */}
      <div aria-hidden="true" data-testid="chart">
        {chart}
      </div>
      <VisuallyHidden>{summary}</VisuallyHidden>
      <FigureTable table={table} caption={`${title}, by month`} />
    </Card>
  );
}

function summaryTable(m: Metrics): TableData {
  const rows: Cell[][] = [
    ['Applications decided', m.closures.decided],
    ['Candidates told', m.closures.told],
    ['Closure rate (told of decided)', percent(m.closures.closureRate)],
    ['Decided, still untold (any time)', m.closures.untold],
    ['Told within the deadline', percent(m.closures.toldOnTimeRate)],
    ['Working days, interview to told: median', m.timeToTell.medianWorkingDays],
    ['Working days, interview to told: 90th percentile', m.timeToTell.p90WorkingDays],
    ['Holding updates sent', m.feedback.holdingUpdatesSent],
    ['Unsuccessful interviewees given checked feedback', percent(m.feedback.checkedFeedbackRate)],
    ['Feedback passing the check at first draft', percent(m.feedback.firstDraftPassRate)],
    ['Scorecards within 24 hours', percent(m.scorecards.onTimeRate)],
    ['Survey response rate', percent(m.survey.responseRate)],
    ['Survey responses', m.survey.responses],
    ['NPS (from 5 responses)', m.survey.nps],
    ['“Told when promised” (mean of 5)', m.survey.toldOnTime],
    ['“Feedback specific and useful” (mean of 5)', m.survey.feedbackUseful],
    ['“Treated with respect” (mean of 5)', m.survey.treatedWithRespect],
    ['Talent network opt-in (of those told no)', percent(m.network.optInRate)],
    ['Network members re-engaged', m.network.reengaged],
    ['Hires from the network', m.network.hiresFromNetwork],
    ['Referrals received', m.referrals.received],
    ['Referrals hired', m.referrals.hired],
  ];
  return { name: 'Summary', headers: ['Figure', 'Value'], rows };
}

function Dashboard({ m }: { m: Metrics }) {
  const monthly = m.monthly.map((x) => ({
    month: monthLabel(x.month),
    told: x.told,
    onTime: x.toldOnTimeRate === null ? null : Math.round(x.toldOnTimeRate * 100),
    median: x.medianWorkingDays,
    responses: x.survey.responses,
    nps: x.survey.nps,
  }));
  const speed: TableData = {
    name: 'Time to tell',
    headers: ['Month', 'Told', 'Told on time (%)', 'Median working days'],
    rows: monthly.map((x) => [x.month, x.told, x.onTime, x.median]),
  };
  const survey: TableData = {
    name: 'Candidate survey',
    headers: ['Month', 'Responses', 'NPS (from 5 responses)'],
    rows: monthly.map((x) => [x.month, x.responses, x.nps]),
  };
  const scorecards: TableData = {
    name: 'Scorecards by interviewer',
    headers: ['Interviewer', 'Owed', 'Submitted', 'Within 24 hours', 'On time'],
    rows: m.scorecards.byInterviewer.map((s) => [
      s.name,
      s.due,
      s.submitted,
      s.onTime,
      percent(s.onTimeRate),
    ]),
  };
  const last = monthly.at(-1);
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed" data-testid="metrics-period">
        Figures for {periodLabel(m.period)}: whole calendar months (UTC), the current month so far.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {[
          ['Told within the deadline', percent(m.closures.toldOnTimeRate)],
          ['Median working days to tell', show(m.timeToTell.medianWorkingDays)],
          ['Still untold', String(m.closures.untold)],
          ['NPS', m.survey.nps === null ? 'Under 5 responses' : String(m.survey.nps)],
        ].map(([label, value]) => (
          <Card key={label} withBorder padding="md">
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text fz={28} fw={700}>
              {value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <ChartCard
        title="Time to tell"
        summary={`Told on time by month; latest ${last?.month ?? ''}: ${show(last?.onTime ?? null)}% on time, median ${show(last?.median ?? null)} working days`}
        table={speed}
        chart={
          <LineChart
            h={240}
            data={monthly}
            dataKey="month"
            connectNulls
            withLegend
            lineChartProps={{ accessibilityLayer: false }}
            series={[
              { name: 'onTime', label: 'Told on time (%)', color: 'teal.7' },
              { name: 'median', label: 'Median working days', color: 'indigo.7' },
            ]}
          />
        }
      />
      <ChartCard
        title="Candidates told"
        summary={`Candidates told per month; ${m.closures.told} in the period`}
        table={{
          ...speed,
          name: 'Candidates told',
          headers: speed.headers.slice(0, 2),
          rows: speed.rows.map((r) => r.slice(0, 2)),
        }}
        chart={
          <BarChart
            h={200}
            data={monthly}
            dataKey="month"
            barChartProps={{ accessibilityLayer: false }}
            series={[{ name: 'told', label: 'Told', color: 'blue.7' }]}
          />
        }
      />
      <ChartCard
        title="Candidate survey"
        summary={`Net promoter score by month (shown from 5 responses); ${m.survey.responses} responses in the period`}
        table={survey}
        chart={
          <LineChart
            h={200}
            data={monthly}
            dataKey="month"
            connectNulls
            lineChartProps={{ accessibilityLayer: false }}
            yAxisProps={{ domain: [-100, 100] }}
            series={[{ name: 'nps', label: 'NPS', color: 'grape.7' }]}
          />
        }
      />
      <Card withBorder padding="lg" component="section" aria-label="Figures of the period">
        <Title order={2} size="h4" mb="xs">
          Figures of the period
        </Title>
        <FigureTable table={summaryTable(m)} caption="Every figure of the period and filters chosen" />
      </Card>
      <Card withBorder padding="lg" component="section" aria-label="Scorecards by interviewer">
        <Title order={2} size="h4" mb="xs">
          Scorecards by interviewer
        </Title>
        {scorecards.rows.length === 0 ? (
          <Text c="dimmed">No interviews ended in this period.</Text>
        ) : (
          <FigureTable
            table={scorecards}
            caption="Scorecards owed and submitted within 24 hours of the interview"
          />
        )}
      </Card>
      <Card withBorder padding="lg" component="section" aria-label="What candidates said">
        <Title order={2} size="h4" mb="xs">
          What candidates said
        </Title>
        {m.comments.length === 0 ? (
          <Text c="dimmed">No comments to show yet (comments appear from 5 responses).</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ paddingLeft: '1rem' }}>
            {m.comments.map((c) => (
              <Text component="li" key={`${c.month}-${c.text}`}>
                “{c.text}”{' '}
                <Text span c="dimmed" size="sm">
                  ({monthLabel(c.month)})
                </Text>
              </Text>
            ))}
          </Stack>
        )}
        {m.commentsWithheld > 0 ? (
          <Text size="sm" c="dimmed" mt="xs">
            {m.commentsWithheld} comment{m.commentsWithheld === 1 ? '' : 's'} not shown: they may identify
            someone.
          </Text>
        ) : null}
      </Card>
    </Stack>
  );
}

export function DashboardPage() {
  const [filters, setFilters] = useState<MetricsFilters>({ months: 12 });
  const venues = useQuery(venuesQuery());
  const roles = useQuery(allOpenRolesQuery);
  const members = useQuery(membersQuery);
  const metrics = useQuery(metricsQuery(filters));
  const set = (patch: Partial<MetricsFilters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <>
      <PageHeader
        title="Reputation"
        description="How fast and how well candidates hear back from you. Survey figures appear only for groups of 5 responses or more."
      />
      <Group
        component="form"
        aria-label="Filters"
        gap="sm"
        mb="lg"
        align="flex-end"
        wrap="wrap"
        onSubmit={(e) => e.preventDefault()}
      >
        <Select
          label="Period"
          value={String(filters.months)}
          onChange={(v) => set({ months: Number(v ?? 12) })}
          allowDeselect={false}
          data={[
            { value: '3', label: 'Last 3 months' },
            { value: '6', label: 'Last 6 months' },
            { value: '12', label: 'Last 12 months' },
            { value: '24', label: 'Last 24 months' },
          ]}
        />
        <Select
          label="Venue"
          placeholder="All venues"
          clearable
          value={filters.venueId ?? null}
          onChange={(v) => set({ venueId: v ?? undefined })}
          data={(venues.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        />
        <Select
          label="Role"
          placeholder="All roles"
          clearable
          searchable
          value={filters.roleId ?? null}
          onChange={(v) => set({ roleId: v ?? undefined })}
          data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
        />
        <Select
          label="Hiring manager"
          placeholder="Everyone"
          clearable
          value={filters.hiringManagerId ?? null}
          onChange={(v) => set({ hiringManagerId: v ?? undefined })}
          data={(members.data ?? [])
            .filter((m) => m.role !== 'interviewer')
            .map((m) => ({ value: m.userId, label: m.name }))}
        />
      </Group>
      {metrics.isPending ? (
        <LoadingState label="Loading figures…" />
      ) : metrics.isError ? (
        <ErrorState error={metrics.error} onRetry={() => metrics.refetch()} />
      ) : metrics.data.closures.decided === 0 && metrics.data.survey.responses === 0 ? (
        <Empty
          title="Nothing to report yet"
          description="Figures appear here once candidates in this period have been given a decision."
        />
      ) : (
        <Dashboard m={metrics.data} />
      )}
    </>
  );
}
