// The criteria the candidate scored below the role's required level: each must be in the text or
// left out on purpose with a reason (the `leftOut` list of PUT …/feedback; never sent to the candidate).
import { Badge, Button, Card, Checkbox, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import {
  type FeedbackGap,
  leftOutReasonMinLength,
  maxDevelopmentAreas,
  parseFeedbackMarkdown,
  type StructuredFeedback,
  uncoveredGaps,
} from '../../../../src/domain/feedback/document.ts';

/** A manager's choice per gap: left out (with the reason typed so far) or not. */
export type LeftOutChoices = Record<string, { reason: string } | undefined>;

export function choicesOf(structured: StructuredFeedback): LeftOutChoices {
  return Object.fromEntries((structured.leftOut ?? []).map((l) => [l.criterionKey, { reason: l.reason }]));
}

/** The list to save: only gaps that are left out, with their reasons trimmed. */
export function leftOutList(choices: LeftOutChoices): { criterionKey: string; reason: string }[] {
  return Object.entries(choices).flatMap(([criterionKey, choice]) =>
    choice ? [{ criterionKey, reason: choice.reason.trim() }] : [],
  );
}

export function sameChoices(a: LeftOutChoices, b: LeftOutChoices): boolean {
  return JSON.stringify(leftOutList(a).sort(byKey)) === JSON.stringify(leftOutList(b).sort(byKey));
}

const byKey = (x: { criterionKey: string }, y: { criterionKey: string }) =>
  x.criterionKey.localeCompare(y.criterionKey);

/** A left-out gap whose reason is too short to save, or null. */
export function shortReason(choices: LeftOutChoices): string | null {
  const short = leftOutList(choices).find((l) => l.reason.length < leftOutReasonMinLength);
  return short?.criterionKey ?? null;
}

/** The gaps the current text does not cover (by name), ignoring the left-out list; null if the text does not parse. */
function notInText(text: string, structured: StructuredFeedback): Set<string> | null {
  try {
    const parsed = parseFeedbackMarkdown(text, structured);
    return new Set(uncoveredGaps({ ...parsed, leftOut: [] }).map((g) => g.criterionKey));
  } catch {
    return null;
  }
}

export function LeftOutCard({
  structured,
  text,
  choices,
  onChange,
  onPutBack,
  canPutBack,
}: {
  structured: StructuredFeedback;
  text: string;
  choices: LeftOutChoices;
  onChange: (next: LeftOutChoices) => void;
  /** Puts the gap's point back under "Where to develop next" (as composed, or empty to write). */
  onPutBack: (gap: FeedbackGap) => void;
  /** False when "Where to develop next" already has as many points as the email takes. */
  canPutBack: boolean;
}) {
  const gaps = structured.gaps ?? [];
  if (gaps.length === 0) return null;
  const missing = notInText(text, structured);
  const set = (key: string, value: { reason: string } | undefined) => onChange({ ...choices, [key]: value });

  return (
    <Card withBorder padding="sm" data-testid="left-out">
      <Title order={2} size="h5" mb={4}>
        Below the level this role asks for
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Each of these must be in the feedback, or left out on purpose with a reason. The reason stays with the
        hiring team; the candidate never sees it.
      </Text>
      <Stack gap="sm">
        {gaps.map((gap) => {
          const choice = choices[gap.criterionKey];
          const inText = missing !== null && !missing.has(gap.criterionKey);
          const reason = choice?.reason ?? '';
          const short = leftOutReasonMinLength - reason.trim().length;
          return (
            <Stack key={gap.criterionKey} gap={4} data-testid={`gap-${gap.criterionKey}`}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" fw={500} style={{ minWidth: 0 }}>
                  {gap.criterion}
                </Text>
                {choice ? (
                  <Badge variant="light" color="gray" radius="sm">
                    Left out
                  </Badge>
                ) : inText ? (
                  <Badge variant="light" color="teal" radius="sm">
                    In the feedback
                  </Badge>
                ) : (
                  <Badge variant="light" color="red" radius="sm">
                    Missing
                  </Badge>
                )}
              </Group>
              {!choice && !inText && missing !== null ? (
                <Group gap="xs" wrap="nowrap" align="center">
                  <Text size="xs" c="red.9" style={{ flex: 1 }}>
                    {canPutBack
                      ? 'Put it back under “Where to develop next”, or leave it out below with a reason.'
                      : `“Where to develop next” has ${maxDevelopmentAreas} points, the most it takes: remove one to put this back, or leave it out below with a reason.`}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="light"
                    disabled={!canPutBack}
                    onClick={() => onPutBack(gap)}
                    aria-label={`Put ${gap.criterion} back in the feedback`}
                  >
                    Put it back
                  </Button>
                </Group>
              ) : null}
              <Checkbox
                size="sm"
                label="Leave out of the feedback"
                checked={choice !== undefined}
                onChange={(event) =>
                  set(gap.criterionKey, event.currentTarget.checked ? { reason } : undefined)
                }
              />
              {choice ? (
                <Textarea
                  label={`Why ${gap.criterion} is left out`}
                  description={`At least ${leftOutReasonMinLength} characters; recorded, never sent`}
                  value={reason}
                  onChange={(event) => set(gap.criterionKey, { reason: event.currentTarget.value })}
                  autosize
                  minRows={2}
                  error={
                    short > 0
                      ? reason.trim().length === 0
                        ? 'Say why, e.g. “Not part of this role’s day-to-day work”'
                        : `${short} more character${short === 1 ? '' : 's'}`
                      : undefined
                  }
                />
              ) : null}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
