import { Badge, Group, Text } from '@mantine/core';
import {
  type Level,
  levelColours,
  levelLabels,
  type Recommendation,
  recommendationColours,
  recommendationLabels,
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

export function RecommendationBadge({ value }: { value: Recommendation | null }) {
  if (!value) return <Badge variant="default">No recommendation yet</Badge>;
  return (
    <Badge color={recommendationColours[value]} variant={value.startsWith('strong') ? 'filled' : 'light'}>
      {recommendationLabels[value]}
    </Badge>
  );
}

/** The four levels and their colours, for reading the heat map. */
export function LevelLegend() {
  return (
    <Group gap="sm" wrap="wrap" aria-label="Rating colours" role="list">
      {([1, 2, 3, 4] as const).map((level) => (
        <Group key={level} gap={4} wrap="nowrap" role="listitem">
          <LevelMark level={level} />
          <Text size="xs">{levelLabels[level]}</Text>
        </Group>
      ))}
    </Group>
  );
}
