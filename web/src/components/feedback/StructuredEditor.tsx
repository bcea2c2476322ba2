// The feedback as the fields the candidate's text is made of: strengths, development areas (each with
// its next step and training picker) and the closing paragraph. Every field edits the text directly
// (document.ts renders it), and the check's findings are marked in the field they fall in.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import {
  addPoint,
  canWriteOut,
  type FeedbackSegment,
  maxDevelopmentAreas,
  maxStrengths,
  offeredSpare,
  removePoint,
  type StructuredFeedback,
  writeOut,
} from '../../../../src/domain/feedback/document.ts';
import { trainingLine } from '../../../../src/domain/feedback/training.ts';
import type { FeedbackFindingResponse, TrainingEntry } from '../../api/feedback';
import { type FieldKey, fieldKey, marksByField, rawValue, withValue } from './fields';
import { MarkedField } from './MarkedField';
import { TrainingPicker } from './TrainingPicker';

export function StructuredEditor({
  applicationId,
  structured,
  segments,
  findings,
  stale,
  onChange,
  fieldRef,
}: {
  applicationId: string;
  structured: StructuredFeedback;
  segments: readonly FeedbackSegment[];
  findings: readonly FeedbackFindingResponse[];
  stale: boolean;
  onChange: (next: StructuredFeedback) => void;
  fieldRef: (key: FieldKey) => (el: HTMLTextAreaElement | null) => void;
}) {
  const marks = marksByField(findings, segments, (key) => rawValue(structured, key));
  const field = (key: FieldKey) => ({
    ref: fieldRef(key),
    value: rawValue(structured, key),
    onChange: (value: string) => onChange(withValue(structured, key, value)),
    marks: marks.get(key) ?? [],
    stale,
    testId: `feedback-${key.replace(':', '-')}`,
  });
  const pick = (index: number, entry: TrainingEntry) =>
    onChange(withValue(structured, fieldKey('training', index), trainingLine(entry)));
  const removeStrength = (index: number) => onChange(removePoint(structured, 'strength', index));
  const removeArea = (index: number) => onChange(removePoint(structured, 'development', index));
  const spare = offeredSpare(structured);

  return (
    <Stack gap="md" data-testid="feedback-editor">
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb={4}>
          What went well
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          One to three strengths, each saying what the panel saw.
        </Text>
        <Stack gap="md">
          {structured.strengths.length === 0 ? (
            <Text size="sm">No strength left: put one back below, or the check will ask for one.</Text>
          ) : null}
          {structured.strengths.map((s, i) => (
            <Stack key={s.criterion} gap={4}>
              <MarkedField label={s.criterion} {...field(fieldKey('strength', i))} />
              <Group justify="flex-end">
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => removeStrength(i)}
                  aria-label={`Remove the strength ${s.criterion}`}
                >
                  Remove
                </Button>
              </Group>
            </Stack>
          ))}
        </Stack>
        <PutBack
          what="strength"
          names={spare.strengths.map((s) => s.criterion)}
          full={structured.strengths.length >= maxStrengths}
          limit={`Up to ${maxStrengths} strengths: remove one to put another back.`}
          onPut={(name) => onChange(addPoint(structured, 'strength', name))}
        />
      </Card>

      <Card withBorder padding="md">
        <Title order={2} size="h4" mb={4}>
          Where to develop next
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Each area: what held the candidate back, then one next step they can take.
        </Text>
        <Stack gap="lg">
          {structured.developmentAreas.length === 0 ? (
            <Text size="sm">
              No development area left: put one back below, or the check will ask for one.
            </Text>
          ) : null}
          {structured.developmentAreas.map((d, i) => (
            <Stack key={d.criterion} gap={6} data-testid={`feedback-area-${i}`}>
              <MarkedField label={d.criterion} {...field(fieldKey('development', i))} />
              <MarkedField
                label={`A good next step for ${d.criterion}`}
                description="Shown after “A good next step:”. Pick from the catalogue or write your own."
                {...field(fieldKey('training', i))}
                minRows={1}
              />
              <Group justify="space-between" gap="xs">
                <TrainingPicker applicationId={applicationId} area={d} onPick={(entry) => pick(i, entry)} />
                {canWriteOut(structured, i) ? (
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => onChange(writeOut(structured, i))}
                    aria-label={`Write ${d.criterion} out as one point each`}
                  >
                    One point each
                  </Button>
                ) : null}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => removeArea(i)}
                  aria-label={`Remove the development area ${d.criterion}`}
                >
                  Remove
                </Button>
              </Group>
            </Stack>
          ))}
        </Stack>
        <PutBack
          what="development area"
          names={spare.developmentAreas.map((d) => d.criterion)}
          full={structured.developmentAreas.length >= maxDevelopmentAreas}
          limit={`Up to ${maxDevelopmentAreas} development areas: remove one to put another back.`}
          onPut={(name) => onChange(addPoint(structured, 'development', name))}
        />
      </Card>

      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          Closing paragraph
        </Title>
        <MarkedField
          label="Encouragement"
          description="What to do next with us: a future role, reapplying after training, or the talent network. A blank line starts a new paragraph."
          {...field(fieldKey('encouragement', 0))}
          minRows={3}
        />
      </Card>
    </Stack>
  );
}

/** The composed points that are not in the text, each a button that puts it back as it was written. */
function PutBack({
  what,
  names,
  full,
  limit,
  onPut,
}: {
  what: string;
  names: readonly string[];
  full: boolean;
  limit: string;
  onPut: (name: string) => void;
}) {
  if (names.length === 0) return null;
  return (
    <Stack gap={4} mt="md" data-testid={`put-back-${what.replace(' ', '-')}`}>
      <Text size="sm" fw={500}>
        Put back
      </Text>
      <Text size="xs" c="dimmed">
        {full ? limit : `Composed from the scorecards and not in the text: each goes back as it was written.`}
      </Text>
      <Group gap="xs">
        {names.map((name) => (
          <Button
            key={name}
            size="compact-sm"
            variant="default"
            disabled={full}
            onClick={() => onPut(name)}
            aria-label={`Put back the ${what} ${name}`}
          >
            + {name}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
