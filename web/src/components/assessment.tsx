import { Badge, Group, Stack, Text } from '@mantine/core';
import {
  type Descriptors,
  descriptorOf,
  type Level,
  levelColours,
  levelLabels,
  levelName,
  type Recommendation,
  ratingLevels,
  recommendationColours,
  recommendationLabels,
  standingColours,
  standingLabels,
} from '../lib/assessment';

/** A rating's number on its colour; decorative: the text beside it says the level. */
export function LevelMark({ level }: { level: Level }) {
  const colour = levelColours[level];
  return (
    <span className="level-mark" style={{ background: colour.background, color: colour.text }} aria-hidden>
      {level}
    </span>
  );
}

/** "3 Competent" with its colour: how a chosen rating reads everywhere. */
export function LevelChip({ level }: { level: Level | null }) {
  if (level === null)
    return (
      <Text size="sm" c="dimmed" span>
        Not rated
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap" display="inline-flex">
      <LevelMark level={level} />
      <Text size="sm" fw={600} span>
        <span className="visually-hidden">{level} </span>
        {levelLabels[level]}
      </Text>
    </Group>
  );
}

/** The four levels with what each looks like for one criterion, as a definition list. */
export function LevelDescriptorList({ descriptors, mt }: { descriptors: Descriptors; mt?: number }) {
  return (
    <Stack gap={6} mt={mt} mb={0} mx={0} component="dl">
      {ratingLevels.map((level) => (
        <Group key={level} gap="xs" align="flex-start" wrap="nowrap">
          <LevelMark level={level} />
          <div>
            <Text component="dt" size="sm" fw={600}>
              {levelName(level)}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {descriptorOf(descriptors, level)}
            </Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}

export function RecommendationBadge({ value }: { value: Recommendation | null }) {
  if (!value) return <Badge variant="default">No recommendation yet</Badge>;
  return (
    <Badge color={recommendationColours[value]} variant={value.startsWith('strong') ? 'filled' : 'light'}>
      {recommendationLabels[value]}
    </Badge>
  );
}

/** What the heat map's colours mean: each rating against the level the role requires. */
export function StandingLegend() {
  const shown = ['below', 'meets', 'exceeds', 'not_assessed'] as const;
  return (
    <Group gap="sm" wrap="wrap" data-testid="standing-legend">
      <Text size="xs" fw={600} id="standing-legend-heading">
        Colours compare each rating with the level the role requires:
      </Text>
      <Group gap="sm" wrap="wrap" role="list" aria-labelledby="standing-legend-heading">
        {shown.map((standing) => (
          <Group key={standing} gap={4} wrap="nowrap" role="listitem">
            <span
              className="standing-swatch"
              style={{
                background: standingColours[standing].background,
                borderColor: standingColours[standing].border,
              }}
              aria-hidden
            />
            <Text size="xs">{standingLabels[standing]}</Text>
          </Group>
        ))}
      </Group>
    </Group>
  );
}
