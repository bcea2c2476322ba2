import {
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { inviteToFeedbackCall } from '../api/closure';
import { refresh } from '../api/queries';
import type { Application } from '../api/types';
import { localInputToIso } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';
import { FormAlert } from './states';

const feedbackStages = ['not_progressing', 'closed'];

/** For a candidate who asked to talk their feedback through: an email with a calendar invitation. */
export function FeedbackCallInvite({ application }: { application: Application }) {
  const [open, setOpen] = useState(false);
  const [starts, setStarts] = useState('');
  const [length, setLength] = useState('30');
  const [location, setLocation] = useState('');
  const [message, setMessage] = useState('');
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: () => {
      const startsAt = localInputToIso(starts);
      const endsAt = startsAt ? new Date(Date.parse(startsAt) + Number(length) * 60_000).toISOString() : '';
      return inviteToFeedbackCall(application.id, {
        startsAt,
        endsAt,
        location,
        ...(message.trim() && { message: message.trim() }),
      });
    },
    onSuccess: async () => {
      setOpen(false);
      notifications.show({ color: 'teal', message: 'Invitation sent, with a calendar invitation attached' });
      await refresh(queryClient, 'messages', 'closure');
    },
  });
  if (!feedbackStages.includes(application.stage)) return null;
  return (
    <Card withBorder mt="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <div>
          <Title order={2} size="h5">
            Feedback call
          </Title>
          <Text size="sm" c="dimmed">
            When a candidate asks to talk their feedback through, invite them to a call.
          </Text>
        </div>
        <Button variant="light" onClick={() => setOpen(true)}>
          Invite to a feedback call
        </Button>
      </Group>
      <Modal opened={open} onClose={() => setOpen(false)} title="Invite to a feedback call">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            invite.mutate();
          }}
        >
          <Stack gap="sm">
            <TextInput
              type="datetime-local"
              label="Starts"
              required
              value={starts}
              onChange={(e) => setStarts(e.currentTarget.value)}
            />
            <NativeSelect
              label="Length"
              data={[
                { value: '15', label: '15 minutes' },
                { value: '30', label: '30 minutes' },
                { value: '45', label: '45 minutes' },
                { value: '60', label: '1 hour' },
              ]}
              value={length}
              onChange={(e) => setLength(e.currentTarget.value)}
            />
            <TextInput
              label="Where"
              description="A phone number, a video link or a room"
              required
              value={location}
              onChange={(e) => setLocation(e.currentTarget.value)}
            />
            <Textarea
              label="A note for the candidate (optional)"
              autosize
              minRows={2}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
            />
            <FormAlert message={invite.isError ? errorMessage(invite.error) : null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
