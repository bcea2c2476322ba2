import { Alert, Badge, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { HoldingUpdate } from '../../../src/features/decision-clock/decision-clock.schema.ts';
import { api, isApiError } from '../api/client';
import { holdingUpdatesQuery } from '../api/decisionClock';
import { refresh } from '../api/queries';
import type { Application } from '../api/types';
import { formatDate, formatShortDateTime } from '../lib/dates';
import { dueState, formatLocalDate, formatShortLocalDate, holdingDateOptions } from '../lib/decisionClock';
import { errorMessage } from '../lib/formErrors';

/** Close enough to the deadline to offer a holding update even when the server does not suggest one. */
function nearDeadline(dueAt: string | null): boolean {
  if (!dueAt) return false;
  return new Date(dueAt).getTime() - Date.now() < 2 * 86_400_000;
}

function HoldingUpdateForm({ application: a, onDone }: { application: Application; onDone: () => void }) {
  const queryClient = useQueryClient();
  const options = holdingDateOptions(a.decisionDueDate);
  const [newDate, setNewDate] = useState<string | null>(options[0] ?? null);
  const [message, setMessage] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: () =>
      api<{ holdingUpdate: HoldingUpdate; application: Application }>(
        `/api/v1/applications/${a.id}/holding-update`,
        { method: 'POST', body: { newDate, message: message.trim() || null } },
      ),
    onMutate: () => setDateError(null),
    onSuccess: async (result) => {
      await refresh(queryClient, 'applications', 'messages', 'notifications');
      notifications.show({
        color: 'teal',
        title: 'Holding update sent',
        message: `${a.candidate.name} will hear by ${formatLocalDate(result.holdingUpdate.toDueDate)}.`,
      });
      onDone();
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const issue = error.issues.find((i) => i.field === 'newDate');
      if (error.field === 'newDate' || issue)
        setDateError((issue?.message ?? error.message).replace(/^newDate:\s*/, ''));
    },
  });

  return (
    <Stack
      gap="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!newDate) {
          setDateError('Choose the date the candidate will hear by');
          return;
        }
        send.mutate();
      }}
      aria-label="Send a holding update"
    >
      <Select
        label="They will hear by"
        description="A working day after the current deadline. Bank holidays and closure days are checked when you send."
        data={options.map((d) => ({ value: d, label: formatLocalDate(d) }))}
        value={newDate}
        onChange={(v) => {
          setNewDate(v);
          setDateError(null);
        }}
        error={dateError}
        allowDeselect={false}
        required
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label="Why it is taking longer (optional)"
        description="One sentence for the candidate. Leave blank for the standard wording."
        maxLength={1000}
        autosize
        minRows={2}
        value={message}
        onChange={(e) => setMessage(e.currentTarget.value)}
      />
      {send.isError && !dateError ? (
        <Alert color="red" title="Not sent" role="alert">
          {errorMessage(send.error)}
        </Alert>
      ) : null}
      <Group gap="sm">
        <Button type="submit" loading={send.isPending}>
          Send holding update
        </Button>
        <Button variant="default" onClick={onDone} disabled={send.isPending}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

function HistoryItem({ update }: { update: HoldingUpdate }) {
  return (
    <Text size="sm" component="li">
      {formatDate(update.createdAt)}: moved from {formatLocalDate(update.fromDueDate)} to{' '}
      <Text span fw={600} size="sm">
        {formatLocalDate(update.toDueDate)}
      </Text>
      {update.automatic ? (
        <Text span c="dimmed" size="sm">
          {' '}
          (sent automatically)
        </Text>
      ) : null}
      {update.reason ? (
        <Text size="xs" c="dimmed" component="span" display="block">
          “{update.reason}”
        </Text>
      ) : null}
    </Text>
  );
}

/** The decision deadline of an application, its holding updates, and sending one. */
export function DecisionClockPanel({
  application: a,
  canEdit,
}: {
  application: Application;
  canEdit: boolean;
}) {
  const [composing, setComposing] = useState(false);
  const history = useQuery({ ...holdingUpdatesQuery(a.id), enabled: a.holdingUpdates > 0 });
  const decided = a.decidedAt !== null;

  if (!a.decisionDueDate) {
    if (decided || a.interviews.count === 0) return null;
    return (
      <Card withBorder mt="md" data-testid="decision-clock">
        <Title order={2} size="h5" mb={4}>
          Decision deadline
        </Title>
        <Text size="sm" c="dimmed">
          The deadline is set once the last interview has ended.
        </Text>
      </Card>
    );
  }

  const due = dueState(a.decisionDueDate, a.decisionDueAt);
  const offer =
    !decided && canEdit && (a.holdingUpdateSuggested || due.overdue || nearDeadline(a.decisionDueAt));

  return (
    <Card
      withBorder
      mt="md"
      data-testid="decision-clock"
      style={due.overdue && !decided ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={2} size="h5">
            Decision deadline
          </Title>
          <Text size="sm">
            {decided ? 'Was due' : 'Tell the candidate by'}{' '}
            <Text span fw={600} size="sm">
              {formatLocalDate(a.decisionDueDate)}
            </Text>
          </Text>
          {decided ? (
            <Text size="sm" c="dimmed">
              Decided {formatDate(a.decidedAt)}.
            </Text>
          ) : (
            <Text size="sm" fw={due.overdue ? 600 : undefined} c={due.overdue ? 'red.8' : 'dimmed'}>
              {due.overdue
                ? `Deadline passed: ${due.timeLeft}.`
                : `${due.timeLeft[0]?.toUpperCase()}${due.timeLeft.slice(1)}.`}
            </Text>
          )}
          {a.lastInterviewEndedAt ? (
            <Text size="xs" c="dimmed">
              The clock started when the last interview ended, {formatShortDateTime(a.lastInterviewEndedAt)}.
            </Text>
          ) : null}
        </Stack>
        {a.holdingUpdateSuggested && !decided ? (
          <Badge color="orange" variant="light">
            Holding update suggested
          </Badge>
        ) : null}
      </Group>

      {a.holdingUpdates > 0 ? (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={500}>
            Holding updates ({a.holdingUpdates})
          </Text>
          {history.isPending ? (
            <Text size="sm" c="dimmed">
              Loading…
            </Text>
          ) : history.isError ? (
            <Text size="sm" c="red.8">
              The holding updates could not be loaded: {errorMessage(history.error)}
            </Text>
          ) : (
            <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: '1.1rem' }}>
              {history.data.map((u) => (
                <HistoryItem key={u.id} update={u} />
              ))}
            </Stack>
          )}
        </Stack>
      ) : null}

      {offer ? (
        composing ? (
          <Card withBorder mt="md" padding="sm" bg="var(--mantine-color-gray-0)">
            <HoldingUpdateForm application={a} onDone={() => setComposing(false)} />
          </Card>
        ) : (
          <Group mt="md" gap="sm">
            <Button
              variant={due.overdue ? 'filled' : 'light'}
              color="orange"
              onClick={() => setComposing(true)}
            >
              Send a holding update
            </Button>
            <Text size="xs" c="dimmed" style={{ flex: '1 1 12rem' }}>
              Emails {a.candidate.name} a new date to hear by, and moves the deadline.
            </Text>
          </Group>
        )
      ) : null}
    </Card>
  );
}

/** "Decision due 3 Dec" or "Decision overdue" on a pipeline card, while a decision is waited for. */
export function DecisionDueLine({ application: a }: { application: Application }) {
  if (!a.decisionDueDate || a.decidedAt) return null;
  const due = dueState(a.decisionDueDate, a.decisionDueAt);
  return (
    <Text size="xs" mt={2} fw={600} c={due.overdue ? 'red.8' : undefined} data-testid="pipeline-decision-due">
      {due.overdue ? 'Decision overdue' : `Decision due ${formatShortLocalDate(a.decisionDueDate)}`}
    </Text>
  );
}
