import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DecisionClockSettingsUpdate } from '../../../../src/features/decision-clock/decision-clock.schema.ts';
import { api, isApiError } from '../../api/client';
import { type DecisionClockSettings, decisionClockSettingsQuery } from '../../api/decisionClock';
import { isAdmin, useMe } from '../../api/queries';
import { useDocumentTitle } from '../../components/PageHeader';
import { ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { formatLocalDate } from '../../lib/decisionClock';
import { errorMessage } from '../../lib/formErrors';

interface Closure {
  date: string;
  label: string | null;
}

function SettingsForm({ settings }: { settings: DecisionClockSettings }) {
  const queryClient = useQueryClient();
  const [workingDays, setWorkingDays] = useState<number | string>(settings.workingDays);
  const [automatic, setAutomatic] = useState(settings.automaticHoldingUpdates);
  const [closures, setClosures] = useState<Closure[]>(settings.closures);
  const [newDate, setNewDate] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const [closureError, setClosureError] = useState<string | null>(null);
  const [daysError, setDaysError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: DecisionClockSettingsUpdate) =>
      api<DecisionClockSettings>('/api/v1/settings/decision-clock', { method: 'PATCH', body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(decisionClockSettingsQuery.queryKey, saved);
      // Open deadlines are recomputed on the server.
      await queryClient.invalidateQueries({ queryKey: ['applications'] });
      notifications.show({
        color: 'teal',
        message: 'Decision deadlines saved. Open deadlines were recalculated.',
      });
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const days = error.issues.find((i) => i.field === 'workingDays');
      if (days || error.field === 'workingDays') setDaysError(days?.message ?? error.message);
    },
  });

  function addClosure() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(newDate)) {
      setClosureError('Choose a date');
      return;
    }
    if (closures.some((c) => c.date === newDate)) {
      setClosureError(`${formatLocalDate(newDate)} is listed already`);
      return;
    }
    setClosures(
      [...closures, { date: newDate, label: newLabel.trim() || null }].sort((a, b) =>
        a.date.localeCompare(b.date),
      ),
    );
    setNewDate('');
    setNewLabel('');
    setClosureError(null);
  }

  function submit() {
    const n = typeof workingDays === 'number' ? workingDays : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > 30) {
      setDaysError('Give a whole number of working days from 1 to 30');
      return;
    }
    setDaysError(null);
    save.mutate({ workingDays: n, closures, automaticHoldingUpdates: automatic });
  }

  return (
    <Stack
      gap="lg"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <NumberInput
        label="Deadline (working days)"
        description="Working days from the end of a candidate's last interview to telling them the outcome. A role can set its own."
        min={1}
        max={30}
        allowDecimal={false}
        allowNegative={false}
        value={workingDays}
        onChange={setWorkingDays}
        error={daysError}
        maw={320}
        required
      />

      <Switch
        label="Send holding updates automatically"
        description="When a deadline arrives without a decision, email the candidate a new date (the next working days) at 09:00."
        checked={automatic}
        onChange={(e) => setAutomatic(e.currentTarget.checked)}
      />

      <Stack gap="xs">
        <Title order={3} size="h5">
          Closure days
        </Title>
        <Text size="sm" c="dimmed">
          Days the whole organisation is closed, on top of bank holidays. They are not counted as working
          days.
        </Text>
        {closures.length === 0 ? (
          <Text size="sm">No closure days.</Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Label</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Remove</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {closures.map((c) => (
                  <Table.Tr key={c.date}>
                    <Table.Td>{formatLocalDate(c.date)}</Table.Td>
                    <Table.Td>{c.label ?? '—'}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => setClosures(closures.filter((x) => x.date !== c.date))}
                        aria-label={`Remove ${formatLocalDate(c.date)}`}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label="Date"
            value={newDate}
            onChange={(e) => setNewDate(e.currentTarget.value)}
            error={closureError}
          />
          <TextInput
            label="Label (optional)"
            placeholder="Christmas shutdown"
            maxLength={80}
            value={newLabel}
            onChange={(e) => setNewLabel(e.currentTarget.value)}
          />
          <Button variant="light" onClick={addClosure}>
            Add closure day
          </Button>
        </Group>
      </Stack>

      <FormAlert message={save.isError && !daysError ? errorMessage(save.error) : null} />
      <Group>
        <Button type="submit" loading={save.isPending}>
          Save
        </Button>
        {settings.updatedAt ? (
          <Text size="xs" c="dimmed">
            Last changed {formatDate(settings.updatedAt)}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

export function DecisionClockSettingsPage() {
  useDocumentTitle('Decision deadlines');
  const me = useMe();
  const admin = isAdmin(me);
  const settings = useQuery({ ...decisionClockSettingsQuery, enabled: admin });

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb={4}>
        Decision deadlines
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        How long candidates wait for an answer after their last interview. Changing these recalculates every
        open deadline.
      </Text>
      {!admin ? (
        <Alert color="gray" title="Set by your admins">
          Deadlines count working days from a candidate's last interview (5 unless your admins or the role say
          otherwise), skipping weekends, bank holidays and closure days. Each application shows its own
          deadline. Ask an admin to change them.
        </Alert>
      ) : settings.isPending ? (
        <LoadingState label="Loading decision deadlines…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm key={settings.data.updatedAt ?? 'new'} settings={settings.data} />
      )}
    </Card>
  );
}
