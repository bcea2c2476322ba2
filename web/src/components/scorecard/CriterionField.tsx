// One criterion of the scorecard: its definition and interview kit, the rating, "not assessed", the
// chosen level's descriptor and the evidence. Compact on purpose: an interviewer fills nine of these
// on a phone between shows.
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Collapse,
  Paper,
  Space,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useId, useState } from 'react';
import type { ScorecardDetail } from '../../api/types';
import {
  type CriterionProblem,
  descriptorOf,
  evidenceRequiredFor,
  type Level,
  levelLabels,
  levelName,
  ratingLevels,
} from '../../lib/assessment';
import { useIsDesktop } from '../../lib/useIsDesktop';
import { LevelDescriptorList, LevelMark } from '../assessment';
import { type Choice, ChoiceGroup } from '../ChoiceGroup';

type Guide = ScorecardDetail['guide'][number];

export interface RatingState {
  rating: Level | null;
  evidence: string;
  /** The interview did not cover the criterion: no rating, and it counts for nothing. */
  notAssessed: boolean;
}

const ratingChoices: Choice<Level>[] = ratingLevels.map((level) => ({
  value: level,
  mark: <LevelMark level={level} />,
  label: (
    <>
      <span className="visually-hidden">{level} </span>
      {levelLabels[level]}
    </>
  ),
}));

export function CriterionField({
  index,
  total,
  criterionKey,
  name,
  guide,
  value,
  onChange,
  problem,
}: {
  index: number;
  total: number;
  criterionKey: string;
  name: string;
  guide: Guide | undefined;
  value: RatingState;
  onChange: (value: RatingState) => void;
  problem: CriterionProblem | undefined;
}) {
  const [kitOpen, setKitOpen] = useState(false);
  // On a phone the definition folds to two lines until the kit is opened: nine criteria, a screen saved.
  const desktop = useIsDesktop();
  const folded = !desktop && !kitOpen;
  const [levelsOpen, setLevelsOpen] = useState(false);
  const kitId = useId();
  const levelsId = useId();
  const headingId = `criterion-${criterionKey}`;
  const needsEvidence = value.rating !== null && evidenceRequiredFor.includes(value.rating);
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby={headingId}
      padding="md"
      data-testid="criterion"
      data-criterion={criterionKey}
    >
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {index + 1} of {total}
      </Text>
      <Title order={2} size="h4" id={headingId}>
        {name}
      </Title>
      {guide ? (
        <Text
          size="sm"
          c="dimmed"
          mt={2}
          lineClamp={folded ? 2 : undefined}
          data-testid="criterion-definition"
        >
          {guide.definition}
        </Text>
      ) : null}

      {guide && guide.kit.length > 0 ? (
        <>
          <Button
            variant="subtle"
            size="compact-sm"
            mt={6}
            px={4}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setKitOpen((o) => !o)}
            aria-expanded={kitOpen}
            aria-controls={kitId}
          >
            {`${kitOpen ? 'Hide' : folded ? 'Show all and' : 'Show'} the interview kit (${guide.kit.length})`}
          </Button>
          <Collapse expanded={kitOpen} id={kitId}>
            <Stack gap="xs" component="ol" mt={6} pl={0} style={{ listStyle: 'none' }}>
              {guide.kit.map((item) => (
                <Paper component="li" key={item.prompt} withBorder p="xs" bg="gray.0">
                  <Badge
                    size="xs"
                    variant="light"
                    color={item.kind === 'practical' ? 'grape' : 'blue'}
                    mb={4}
                  >
                    {item.kind === 'practical' ? 'Practical task' : 'Question'}
                  </Badge>
                  <Text size="sm">{item.prompt}</Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    Listen for: {item.lookFor}
                  </Text>
                </Paper>
              ))}
            </Stack>
          </Collapse>
        </>
      ) : null}

      {/* No visible "Rating" heading: the radio group is named for screen readers, and on a phone every
          line saved across nine criteria is a screen less to scroll. */}
      <Space h="sm" />
      <ChoiceGroup
        name={`rating-${criterionKey}`}
        label={`${name}: rating`}
        choices={ratingChoices}
        value={value.rating}
        onChange={(rating) => onChange({ ...value, rating, notAssessed: false })}
        error={problem?.rating}
        digitShortcuts
        testId={`rating-${criterionKey}`}
      />
      <Checkbox
        mt="xs"
        label="Not assessed in this interview"
        description={
          value.notAssessed ? 'It counts for nothing in the assessment; no rating needed.' : undefined
        }
        checked={value.notAssessed}
        onChange={(event) =>
          onChange({
            ...value,
            notAssessed: event.currentTarget.checked,
            rating: event.currentTarget.checked ? null : value.rating,
          })
        }
        data-testid={`not-assessed-${criterionKey}`}
      />
      {guide ? (
        <>
          {/* Always in the page (empty until a rating), so the live region announces the level chosen. */}
          <div aria-live="polite">
            {value.rating ? (
              <Paper mt="xs" p="xs" radius="sm" bg="indigo.0">
                <Text size="sm" data-testid="selected-descriptor">
                  <Text span fw={700}>
                    {levelName(value.rating)}:
                  </Text>{' '}
                  {descriptorOf(guide.descriptors, value.rating)}
                </Text>
              </Paper>
            ) : null}
          </div>
          <Button
            variant="subtle"
            size="compact-sm"
            mt={4}
            px={4}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setLevelsOpen((o) => !o)}
            aria-expanded={levelsOpen}
            aria-controls={levelsId}
          >
            {levelsOpen ? 'Hide the four levels' : 'Compare all four levels'}
          </Button>
          <Collapse expanded={levelsOpen} id={levelsId}>
            <LevelDescriptorList descriptors={guide.descriptors} mt={6} />
          </Collapse>
        </>
      ) : null}

      <Textarea
        id={`evidence-${criterionKey}`}
        mt="sm"
        label={
          <>
            Evidence<span className="visually-hidden"> for {name}</span>
          </>
        }
        description={
          needsEvidence
            ? `Required for a rating of ${value.rating}: note what you saw or heard.`
            : 'What you saw or heard; required for 1 and 4.'
        }
        required={needsEvidence}
        autosize
        minRows={2}
        maxRows={10}
        value={value.evidence}
        onChange={(event) => onChange({ ...value, evidence: event.currentTarget.value })}
        error={problem?.evidence}
      />
    </Card>
  );
}
