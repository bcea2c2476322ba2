// "Future fit" on a candidate's profile: a manager marks them a future fit for a level or kind of
// role after some development, with a day to get back in touch; on that day the manager is reminded
// and the candidate appears in the network's re-engage queue. Earlier marks are listed.
import { Button, Card, List, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type FutureFitCreate, futureFitCreateSchema } from '../../../src/features/network/network.schema.ts';
import { api } from '../api/client';
import { membershipQuery } from '../api/network';
import { formatDate } from '../lib/dates';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';
import { FormAlert } from './states';

export function FutureFitCard({ candidateId, name }: { candidateId: string; name: string }) {
  const queryClient = useQueryClient();
  const membership = useQuery(membershipQuery(candidateId));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FutureFitCreate>({
    mode: 'controlled',
    initialValues: { forRole: '', after: '', reengageOn: '' },
    validate: zodResolver(futureFitCreateSchema),
  });
  const mark = useMutation({
    mutationFn: (body: FutureFitCreate) =>
      api(`/api/v1/candidates/${candidateId}/future-fit`, { method: 'POST', body }),
    onSuccess: async (_, body) => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['network'] });
      notifications.show({
        color: 'teal',
        message: `Marked. You will be reminded on ${formatDate(body.reengageOn)}.`,
      });
    },
    onError: (error) => setFormError(applyApiError(form, error)),
  });
  // A member's marks come with their profile; anyone else's are read from the history.
  const marks = membership.data?.member
    ? membership.data.member.futureFit.map((f) => ({
        key: f.id,
        text: `Future fit for ${f.forRole} after ${f.after}; re-engage on ${formatDate(f.reengageOn)}${f.managerName ? ` (${f.managerName})` : ''}`,
      }))
    : (membership.data?.history ?? [])
        .filter((h) => h.kind === 'future_fit')
        .map((h) => ({ key: `${h.at}-${h.summary}`, text: h.summary }));

  return (
    <Card withBorder mb="xl" component="section" aria-labelledby="future-fit-title" data-testid="future-fit">
      <Title order={3} size="h6" mb="xs" id="future-fit-title">
        Future fit
      </Title>
      {marks.length > 0 ? (
        <List size="sm" mb="sm" spacing={2}>
          {marks.map((m) => (
            <List.Item key={m.key}>{m.text}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed" mb="sm">
          Not marked yet. If {name} could be right later, say for what and after which development, and when
          to get back in touch: you will be reminded that day and they will be in the re-engage queue.
        </Text>
      )}
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          mark.mutate(futureFitCreateSchema.parse(values));
        })}
      >
        <Stack gap="sm">
          <TextInput
            label="Future fit for"
            description="The level or kind of role, e.g. Senior AV Technician"
            required
            {...form.getInputProps('forRole')}
          />
          <Textarea
            label="After"
            description="The development first, e.g. a season running RF at a touring venue"
            required
            autosize
            minRows={2}
            {...form.getInputProps('after')}
          />
          <TextInput
            type="date"
            label="Re-engage on"
            description="A day after today"
            required
            {...form.getInputProps('reengageOn')}
          />
          <FormAlert message={formError} title="Not marked" />
          <Button type="submit" loading={mark.isPending} style={{ alignSelf: 'flex-start' }}>
            Mark future fit
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
