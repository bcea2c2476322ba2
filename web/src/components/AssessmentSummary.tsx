import { Alert, Badge, Box, Card, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { applicationSummaryQuery } from '../api/queries';
import type { ApplicationSummary, Interview } from '../api/types';
import {
  levelColours,
  levelLabels,
  levelName,
  percent,
  type Recommendation,
  recommendationLabels,
  recommendations,
  standingColours,
  standingLabels,
  standingOf,
} from '../lib/assessment';
import { formatDate } from '../lib/dates';
import { StandingLegend } from './assessment';
import { Empty, ErrorState, LoadingState } from './states';

type Criterion = ApplicationSummary['criteria'][number];
type Evidence = Criterion['ratings'][number];

interface Column {
  scorecardId: string;
  interviewerId: string;
  name: string;
  /** "Alex Amp" or, when Alex wrote more than one, "Alex Amp (Practical, 3 March 2026)". */
  detail: string | null;
}

function columnsOf(summary: ApplicationSummary, interviews: Interview[]): Column[] {
  const seen = new Map<string, Evidence>();
  for (const criterion of summary.criteria) {
    for (const r of criterion.ratings) if (!seen.has(r.scorecardId)) seen.set(r.scorecardId, r);
  }
  const perInterviewer = new Map<string, number>();
  for (const r of seen.values())
    perInterviewer.set(r.interviewerId, (perInterviewer.get(r.interviewerId) ?? 0) + 1);
  const byInterview = new Map(interviews.map((i) => [i.id, i]));
  return [...seen.values()].map((r) => {
    const interview = byInterview.get(r.interviewId);
    return {
      scorecardId: r.scorecardId,
      interviewerId: r.interviewerId,
      name: r.interviewerName ?? 'Former member',
      detail:
        (perInterviewer.get(r.interviewerId) ?? 0) > 1 && interview
          ? `${interview.kindLabel}, ${formatDate(interview.startsAt)}`
          : null,
    };
  });
}

/** One interviewer's rating of one criterion, its standing against the role, and the evidence in full. */
function HeatCell({ evidence, criterion }: { evidence: Evidence; criterion: Criterion }) {
  const standing = standingOf(evidence.rating, criterion);
  const colour = standingColours[standing];
  return (
    <div
      className="heat-cell"
      style={{ background: colour.background, borderLeftColor: colour.border, color: colour.text }}
      data-testid="heat-cell"
      data-rating={evidence.rating}
      data-standing={standing}
    >
      <div className="heat-cell-head">
        <span className="heat-cell-level">
          {evidence.rating} {levelLabels[evidence.rating]}
        </span>
        <span className="heat-cell-standing">{standingLabels[standing]}</span>
      </div>
      <Text size="sm" className="heat-cell-evidence" fs={evidence.evidence ? undefined : 'italic'}>
        {evidence.evidence ?? 'No evidence noted.'}
      </Text>
    </div>
  );
}

/** A scorecard that left the criterion out: "Not assessed" when the interviewer said so. */
function GapCell({ notAssessed, column }: { notAssessed: boolean; column: Column }) {
  if (notAssessed) {
    const colour = standingColours.not_assessed;
    return (
      <div
        className="heat-cell"
        style={{ background: colour.background, borderLeftColor: colour.border, color: colour.text }}
        data-testid="heat-cell-not-assessed"
        data-standing="not_assessed"
      >
        <span className="heat-cell-standing">Not assessed</span>
        <Text size="xs">The interview did not cover it.</Text>
      </div>
    );
  }
  return (
    <div className="heat-cell" data-empty>
      <span aria-hidden>–</span>
      <span className="visually-hidden">Not on {column.name}'s scorecard</span>
    </div>
  );
}

function MeanCell({ criterion }: { criterion: Criterion }) {
  if (criterion.mean === null)
    return (
      <Text size="sm" c="dimmed" ta="center">
        —
      </Text>
    );
  const standing = standingOf(criterion.mean, criterion);
  return (
    <Text
      size="sm"
      fw={700}
      ta="center"
      c={standingColours[standing].text}
      data-testid="criterion-mean"
      data-standing={standing}
      aria-label={`Mean ${criterion.mean.toFixed(1)} of 4, ${standingLabels[standing].toLowerCase()} (${criterion.requiredLevel})`}
    >
      {criterion.mean.toFixed(1)}
    </Text>
  );
}

const tallyColours: Record<Recommendation, string> = {
  strong_no: levelColours[1].background,
  no: levelColours[2].background,
  yes: levelColours[3].background,
  strong_yes: levelColours[4].background,
};

function Tally({ counts }: { counts: Record<Recommendation, number> }) {
  return (
    <Group gap={6} wrap="wrap" data-testid="recommendation-tally">
      {recommendations.map((r) => (
        <Badge
          key={r}
          variant="default"
          size="lg"
          radius="sm"
          tt="none"
          fw={counts[r] > 0 ? 700 : 400}
          c={counts[r] > 0 ? undefined : 'dimmed'}
          leftSection={<span className="tally-dot" style={{ background: tallyColours[r] }} aria-hidden />}
        >
          {recommendationLabels[r]}: {counts[r]}
        </Badge>
      ))}
    </Group>
  );
}

function HeatMap({ summary, interviews }: { summary: ApplicationSummary; interviews: Interview[] }) {
  const columns = columnsOf(summary, interviews);
  const rows = summary.criteria.filter((c) => c.weight > 0 || c.ratings.length > 0);
  return (
    // Focusable, so a keyboard can scroll it sideways on a narrow screen.
    <Box
      component="section"
      style={{ overflowX: 'auto' }}
      tabIndex={0}
      aria-label="Ratings by criterion and interviewer"
    >
      <table className="heatmap" data-testid="heatmap">
        <caption className="visually-hidden">
          Ratings by criterion (rows) and interviewer (columns) on the 1 to 4 scale, each compared with the
          level the role requires, with the evidence and each criterion's mean
        </caption>
        <thead>
          <tr>
            <th scope="col" className="sticky-col" style={{ textAlign: 'left' }}>
              Criterion
            </th>
            {columns.map((c) => (
              <th scope="col" key={c.scorecardId} data-testid="heatmap-interviewer">
                {c.name}
                {c.detail ? (
                  <Text size="xs" c="dimmed" fw={400}>
                    {c.detail}
                  </Text>
                ) : null}
              </th>
            ))}
            <th scope="col" className="heatmap-mean">
              Mean
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((criterion) => {
            const byCard = new Map(criterion.ratings.map((r) => [r.scorecardId, r]));
            return (
              <tr key={criterion.key} data-testid="heatmap-row" data-criterion={criterion.key}>
                <th scope="row" className="sticky-col">
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {criterion.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {criterion.weight > 0
                      ? `Needs ${levelName(criterion.requiredLevel)} · weight ${criterion.weight}`
                      : 'Not scored for this role'}
                  </Text>
                  {criterion.disagreement ? (
                    <Group gap={4} mt={2}>
                      <Badge size="xs" color="grape" variant="filled" data-testid="disagreement-badge">
                        Disagreement
                      </Badge>
                    </Group>
                  ) : null}
                </th>
                {columns.map((column) => {
                  const evidence = byCard.get(column.scorecardId);
                  return (
                    <td key={column.scorecardId}>
                      {evidence ? (
                        <HeatCell evidence={evidence} criterion={criterion} />
                      ) : (
                        <GapCell
                          column={column}
                          notAssessed={criterion.notAssessedBy.includes(column.scorecardId)}
                        />
                      )}
                    </td>
                  );
                })}
                <td className="heatmap-mean">
                  <MeanCell criterion={criterion} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Box>
  );
}

function nameOf(summary: ApplicationSummary, key: string): string {
  return summary.criteria.find((c) => c.key === key)?.name ?? key;
}

/**
 * The application's assessment as a heat map: criteria down, interviewers across, each cell a rating
 * against the role's required level with its evidence in full; means, disagreements, gaps, the
 * overall score on the criteria's 1–4 scale and the tally.
 */
export function AssessmentSummary({
  applicationId,
  interviews,
  ownAction,
}: {
  applicationId: string;
  interviews: Interview[];
  /** The caller's own scorecard action, offered when independence hides the summary. */
  ownAction?: React.ReactNode;
}) {
  const summary = useQuery(applicationSummaryQuery(applicationId));

  if (summary.isPending) return <LoadingState label="Loading the assessment…" />;
  if (summary.isError) {
    if (isApiError(summary.error) && summary.error.status === 403) {
      return (
        <Alert
          color="indigo"
          title="Submit your own scorecard to see everyone's"
          data-testid="summary-locked"
        >
          <Text size="sm">
            Scorecards are independent, so what you saw is not swayed by others. Once you have submitted your
            scorecard for this candidate, the other interviewers' ratings and evidence appear here.
          </Text>
          {ownAction ? <Group mt="sm">{ownAction}</Group> : null}
        </Alert>
      );
    }
    return (
      <ErrorState
        error={summary.error}
        title="The assessment could not be loaded"
        onRetry={() => void summary.refetch()}
      />
    );
  }

  const s = summary.data;
  const { submitted, expected } = s.scorecards;
  const share = percent(s.scorecards.share);

  if (submitted === 0) {
    return (
      <Empty
        title="No scorecards submitted yet"
        description={
          expected > 0
            ? `${expected} ${expected === 1 ? 'is' : 'are'} due. The heat map fills in as the interviewers submit: remind them from My interviews, where each sees what they owe.`
            : 'Scorecards fall due when an interview ends. Schedule an interview, and its interviewers fill their scorecards afterwards.'
        }
      >
        {ownAction}
      </Empty>
    );
  }

  return (
    <Stack gap="md" data-testid="assessment-summary">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Overall score
          </Text>
          <Text fz={32} fw={800} lh={1.1} data-testid="overall-score">
            {s.overall.meanRating !== null ? s.overall.meanRating.toFixed(2) : '—'}
            <Text span size="sm" c="dimmed" fw={500}>
              {' '}
              of 4
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            {s.overall.meanRating !== null
              ? 'Weighted mean of the criterion ratings, on their 1 to 4 scale'
              : 'Not rated yet'}
            {s.overall.ratedWeight < s.overall.totalWeight ? ' · some criteria not rated yet' : ''}
          </Text>
          <Text
            size="sm"
            fw={600}
            mt={4}
            data-testid="overall-gaps"
            c={s.gaps.length > 0 ? standingColours.below.text : undefined}
          >
            {s.gaps.length === 0
              ? 'Every rated criterion meets the role'
              : `${s.gaps.length} ${s.gaps.length === 1 ? 'criterion' : 'criteria'} below required`}
          </Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={6}>
            Recommendations
          </Text>
          <Tally counts={s.recommendations} />
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Scorecards
          </Text>
          <Text fw={700} data-testid="scorecards-submitted">
            {submitted} of {expected} scorecards submitted
          </Text>
          {share !== null ? (
            <Progress
              value={share}
              mt={6}
              color={submitted >= expected ? 'teal' : 'indigo'}
              aria-label={`${share}% of scorecards submitted`}
            />
          ) : null}
          {submitted < expected ? (
            <Text size="xs" c="dimmed" mt={4}>
              Wait for the rest before deciding, or ask who is still to submit.
            </Text>
          ) : null}
        </Card>
      </SimpleGrid>

      {s.disagreements.length > 0 || s.gaps.length > 0 ? (
        <Alert color="grape" variant="light" title="Talk these through before deciding">
          <Stack gap={4}>
            {s.disagreements.length > 0 ? (
              <Text size="sm">
                <strong>Interviewers disagree</strong> (ratings 2 or more apart) on{' '}
                {s.disagreements.map((k) => nameOf(s, k)).join(', ')}.
              </Text>
            ) : null}
            {s.gaps.length > 0 ? (
              <Text size="sm">
                <strong>Below the required level</strong> on {s.gaps.map((k) => nameOf(s, k)).join(', ')}.
              </Text>
            ) : null}
          </Stack>
        </Alert>
      ) : null}

      <StandingLegend />
      <HeatMap summary={s} interviews={interviews} />
      <Text size="xs" c="dimmed">
        Against {s.framework.name}, version {s.framework.version}.
      </Text>
    </Stack>
  );
}
