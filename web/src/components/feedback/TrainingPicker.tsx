import { Anchor, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { levelLabels } from '../../../../src/domain/frameworks/types.ts';
import { type DevelopmentArea, type TrainingEntry, trainingQuery } from '../../api/feedback';
import { Empty, ErrorState, LoadingState } from '../states';

/** "Add training" for one development area: the catalogue entries for its criterion and level. */
export function TrainingPicker({
  applicationId,
  area,
  onPick,
}: {
  applicationId: string;
  area: DevelopmentArea;
  onPick: (entry: TrainingEntry) => void;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const training = useQuery({
    ...trainingQuery(applicationId, area.criterionKey ?? '', area.level),
    enabled: opened,
  });
  const entries = training.data?.data ?? [];
  return (
    <>
      <Button size="xs" variant="light" onClick={open} aria-label={`Add training for ${area.criterion}`}>
        Add training
      </Button>
      <Modal opened={opened} onClose={close} title={`Training for ${area.criterion}`} size="lg">
        <Text size="sm" c="dimmed" mb="sm">
          {area.level ? `Suited to a candidate at level ${area.level}(${levelLabels[area.level]}). ` : ''}
          Choosing one writes “A good next step: …” on the {area.criterion} point, replacing the next step
          there.
        </Text>
        {training.isPending ? (
          <LoadingState label="Loading the training catalogue…" />
        ) : training.isError ? (
          <ErrorState
            error={training.error}
            title="The training catalogue could not be loaded"
            onRetry={() => void training.refetch()}
          />
        ) : entries.length === 0 ? (
          <Empty
            title="No training in the catalogue for this"
            description="Write the next step by hand at the end of the point, after “A good next step:”."
          />
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {entries.map((entry) => (
              <Card key={`${entry.criterionKey}-${entry.id}`} component="li" withBorder padding="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600} size="sm">
                      {entry.name}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {entry.provider} · {entry.form}
                    </Text>
                    {entry.builds ? (
                      <Text size="xs" c="dimmed" mt={2}>
                        Builds: {entry.builds}
                      </Text>
                    ) : null}
                    {entry.url ? (
                      <Anchor href={entry.url} target="_blank" rel="noreferrer" size="xs">
                        About this course
                      </Anchor>
                    ) : null}
                  </div>
                  <Button
                    size="xs"
                    onClick={() => {
                      onPick(entry);
                      close();
                    }}
                    aria-label={`Use ${entry.name} from ${entry.provider}`}
                  >
                    Use this
                  </Button>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </Modal>
    </>
  );
}
