import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { FeedbackCheckResponse, FeedbackFindingResponse } from '../../api/feedback';
import type { Severity } from './fields';

const severityColour: Record<Severity, string> = { error: 'red', warning: 'yellow' };
const severityLabel: Record<Severity, string> = { error: 'Must fix', warning: 'Worth a look' };

export const kindLabels: Record<FeedbackFindingResponse['kind'], string> = {
  vague: 'Vague',
  'missing-strength': 'No strength',
  'missing-development-area': 'No development area',
  'missing-action': 'No next step',
  'protected-characteristic': 'Protected characteristic',
  'private-note-leak': 'Private note',
  'interviewer-name': 'Interviewer named',
  tone: 'Tone',
  grammar: 'Grammar',
  length: 'Length',
};

/** The check's verdict and its findings, errors first, each able to select its range in the editor. */
export function FindingsList({
  check,
  checking,
  onSelect,
}: {
  check: FeedbackCheckResponse | undefined;
  checking: boolean;
  onSelect: (finding: FeedbackFindingResponse) => void;
}) {
  const ordered = check
    ? [...check.findings].sort((a, b) =>
        a.severity === b.severity ? a.start - b.start : a.severity === 'error' ? -1 : 1,
      )
    : [];
  const errors = ordered.filter((f) => f.severity === 'error').length;
  const warnings = ordered.length - errors;
  return (
    <Stack gap="sm" data-testid="feedback-findings">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Title order={2} size="h4">
          Check
        </Title>
        <Group gap={6} aria-live="polite" role="status">
          {checking ? (
            <Text size="xs" c="dimmed">
              Checking…
            </Text>
          ) : null}
          {check ? (
            <>
              <Badge color={check.pass ? 'teal' : 'red'} variant="light" radius="sm">
                {check.pass ? 'Passes' : 'Does not pass'}
              </Badge>
              <Badge color="gray" variant="outline" radius="sm">
                Score {check.score}
              </Badge>
            </>
          ) : null}
        </Group>
      </Group>
      {check ? (
        <Text size="sm" c="dimmed">
          {errors === 0 && warnings === 0
            ? 'Nothing to fix: the feedback is specific, kind and in the right shape.'
            : `${errors} to fix before it can be sent${warnings ? `, ${warnings} worth a look` : ''}. Errors stop approval; warnings do not.`}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          The check runs as you type.
        </Text>
      )}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {ordered.map((finding) => (
          <Card
            key={`${finding.kind}-${finding.start}-${finding.end}`}
            component="li"
            withBorder
            padding="sm"
            style={{
              borderLeft: `4px solid var(--mantine-color-${severityColour[finding.severity]}-filled)`,
            }}
            data-testid="feedback-finding"
          >
            <Group gap={6} mb={4}>
              <Badge size="sm" color={severityColour[finding.severity]} variant="light" radius="sm">
                {severityLabel[finding.severity]}
              </Badge>
              <Text size="xs" c="dimmed">
                {kindLabels[finding.kind]}
              </Text>
            </Group>
            <Text size="sm">{finding.message}</Text>
            {finding.suggestion ? (
              <Text size="sm" c="dimmed" mt={4}>
                <Text span fw={600} size="sm" c="dimmed">
                  Try:{' '}
                </Text>
                {finding.suggestion}
              </Text>
            ) : null}
            <Group mt={6}>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => onSelect(finding)}
                aria-label={`Select in the text: ${finding.message}`}
              >
                Select in text
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
