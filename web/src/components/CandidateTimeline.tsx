import { Badge, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type TimelineEvent, type TimelineKind, timelineQuery } from '../api/closure';
import { formatShortDateTime } from '../lib/dates';
import { timelineLabel, timelineSummary } from '../lib/timeline';
import { AnchorLink } from './links';
import { ErrorState, LoadingState } from './states';

/** One glyph and colour per kind of touchpoint (no icon font: plain characters, hidden from readers). */
const kinds: Record<TimelineKind, { glyph: string; color: string; label: string }> = {
  application_created: { glyph: '+', color: 'gray', label: 'Application' },
  interview_scheduled: { glyph: '◷', color: 'blue', label: 'Interview arranged' },
  interview_held: { glyph: '✓', color: 'blue', label: 'Interview' },
  scorecard_submitted: { glyph: '★', color: 'violet', label: 'Scorecard' },
  stage_changed: { glyph: '→', color: 'gray', label: 'Stage' },
  decision: { glyph: '◆', color: 'orange', label: 'Decision' },
  holding_update: { glyph: '…', color: 'yellow', label: 'Holding update' },
  message: { glyph: '✉', color: 'cyan', label: 'Email' },
  told: { glyph: '☎', color: 'teal', label: 'Told' },
  portal_action: { glyph: '☺', color: 'grape', label: 'On their page' },
};

const fallback = { glyph: '•', color: 'gray', label: 'Touchpoint' };

function Bullet({ kind }: { kind: TimelineKind }) {
  const k = kinds[kind] ?? fallback;
  return (
    <ThemeIcon size={22} radius="xl" color={k.color} variant="light" aria-hidden>
      <span style={{ fontSize: 12, lineHeight: 1 }}>{k.glyph}</span>
    </ThemeIcon>
  );
}

function Item({ event }: { event: TimelineEvent }) {
  const k = kinds[event.kind] ?? fallback;
  const text = timelineSummary(k.label, event.summary);
  const label = timelineLabel(k.label, text);
  return (
    <>
      <Text size="sm" fw={500}>
        {label ? (
          <Text span size="xs" c="dimmed" fw={400}>
            {label}:{' '}
          </Text>
        ) : null}
        {text}
        {event.status ? (
          <Badge ml="xs" size="xs" variant="light" radius="sm" color="gray">
            {event.status}
          </Badge>
        ) : null}
      </Text>
      <Text size="xs" c="dimmed">
        {formatShortDateTime(event.at)}
        {event.applicationId ? (
          <>
            {' · '}
            <AnchorLink
              to="/applications/$applicationId"
              params={{ applicationId: event.applicationId }}
              size="xs"
            >
              Open the application
            </AnchorLink>
          </>
        ) : null}
      </Text>
    </>
  );
}

/** Every touchpoint with the candidate, oldest first. */
export function CandidateTimeline({ candidateId }: { candidateId: string }) {
  const timeline = useQuery(timelineQuery(candidateId));
  const events = [...(timeline.data ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-labelledby="timeline-heading" data-testid="candidate-timeline">
      <Title order={2} size="h3" id="timeline-heading" mt="xl" mb="sm">
        Timeline
      </Title>
      {timeline.isPending ? (
        <LoadingState label="Loading the timeline…" />
      ) : timeline.isError ? (
        <ErrorState
          error={timeline.error}
          title="The timeline could not be loaded"
          onRetry={() => void timeline.refetch()}
        />
      ) : events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing yet: applications, interviews, decisions and emails appear here as they happen.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={events.length - 1}>
          {events.map((event) => (
            <Timeline.Item
              key={`${event.at}-${event.kind}-${event.applicationId ?? ''}-${event.summary}`}
              bullet={<Bullet kind={event.kind} />}
            >
              <Item event={event} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </section>
  );
}
