// Privacy settings (admins): the retention periods, who retention anonymises next and why, and
// legal holds, which pause it for a candidate (each change audited on the server).
import { Anchor, Button, Card, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import {
  type PrivacySettings,
  type PrivacySettingsUpdate,
  placeLegalHold,
  privacySettingsQuery,
  releaseLegalHold,
  retentionDueQuery,
  savePrivacySettings,
} from '../../api/privacy';
import { isAdmin, useMe } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { AnchorLink } from '../../components/links';
import { useDocumentTitle } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { Empty, ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/formErrors';

const fields = {
  candidateMonths: {
    label: 'Months after the last application closed',
    min: 1,
    max: 72,
    rule: 'Months after the last application closed must be a whole number from 1 to 72',
  },
  messageBodyDays: {
    label: 'Days after an email was sent',
    min: 1,
    max: 3650,
    rule: 'Days after an email was sent must be a whole number from 1 to 3650',
  },
} as const;
type Field = keyof typeof fields;

function RetentionForm({ settings }: { settings: PrivacySettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, number | string>>({
    candidateMonths: settings.candidateMonths,
    messageBodyDays: settings.messageBodyDays,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const save = useMutation({
    mutationFn: (body: PrivacySettingsUpdate) => savePrivacySettings(body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(privacySettingsQuery.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['privacy', 'due'] });
      notifications.show({ color: 'teal', message: 'Retention periods saved.' });
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const found: Partial<Record<Field, string>> = {};
      for (const issue of error.issues) {
        const field = issue.field.replace(/^body\./, '');
        if (field in fields) found[field as Field] = issue.message;
      }
      setErrors(found);
    },
  });
  function submit() {
    const found: Partial<Record<Field, string>> = {};
    for (const [name, f] of Object.entries(fields) as [Field, (typeof fields)[Field]][]) {
      const n = Number(values[name]);
      if (values[name] === '' || !Number.isInteger(n) || n < f.min || n > f.max) found[name] = f.rule;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({
      candidateMonths: Number(values.candidateMonths),
      messageBodyDays: Number(values.messageBodyDays),
    });
  }
  const failed = save.isError && Object.keys(errors).length === 0 ? errorMessage(save.error) : null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="retention-heading">
      <Title order={2} size="h4" id="retention-heading" mb="xs">
        How long we keep candidates' data
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        When a period is up, the next retention sweep (hourly) anonymises the candidate: their name, contact
        details and free text go; outcomes, dates and scores stay, so your figures do not change. Talent
        network members are kept until their consent ends; expired links and invitations go at once.
      </Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Group align="flex-start">
            {(Object.keys(fields) as Field[]).map((name) => (
              <NumberInput
                key={name}
                label={fields[name].label}
                description={
                  name === 'candidateMonths'
                    ? 'Candidates not in the talent network (default 6: the 3-month tribunal window and a margin)'
                    : 'Email bodies are removed; the subject and dates stay (default 90)'
                }
                min={fields[name].min}
                max={fields[name].max}
                allowDecimal={false}
                clampBehavior="none"
                value={values[name]}
                onChange={(v) => setValues((old) => ({ ...old, [name]: v }))}
                error={errors[name]}
                w={300}
              />
            ))}
          </Group>
          <FormAlert message={failed} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save retention periods
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function DueSection() {
  const queryClient = useQueryClient();
  const [days, setDays] = useState('30');
  const due = useQuery(retentionDueQuery(Number(days)));
  const [holding, setHolding] = useState<{ id: string; name: string } | null>(null);
  const [releasing, setReleasing] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['privacy', 'due'] });
  const hold = useMutation({
    mutationFn: (v: { id: string; reason: string }) => placeLegalHold(v.id, v.reason),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: `Legal hold placed on ${holding?.name ?? 'them'}.` });
      setHolding(null);
      await refresh();
    },
  });
  const release = useMutation({
    mutationFn: (id: string) => releaseLegalHold(id),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: `Legal hold released for ${releasing?.name ?? 'them'}.` });
      setReleasing(null);
      await refresh();
    },
  });
  const because = (b: 'applications_closed' | 'left_network') =>
    b === 'applications_closed' ? 'Last application closed the set months ago' : 'Left the talent network';
  return (
    <>
      <Card withBorder padding="lg" component="section" aria-labelledby="due-heading">
        <Group justify="space-between" align="flex-end" mb="xs">
          <Title order={2} size="h4" id="due-heading">
            Due for anonymisation
          </Title>
          <Select
            label="Show who is due within"
            data={[
              { value: '0', label: 'Due now' },
              { value: '30', label: '30 days' },
              { value: '90', label: '90 days' },
              { value: '366', label: 'A year' },
            ]}
            value={days}
            onChange={(v) => setDays(v ?? '30')}
            allowDeselect={false}
            w={200}
          />
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          Download a candidate's data (the same file they can download from their page) to keep a copy before
          it happens. A legal hold (a claim in progress) pauses it until you release it.
        </Text>
        {due.isPending ? (
          <LoadingState />
        ) : due.isError ? (
          <ErrorState error={due.error} onRetry={() => due.refetch()} />
        ) : due.data.data.length === 0 ? (
          <Empty
            title="Nobody is due in this period"
            description="Choose a longer period above to look further ahead. Candidates appear here once their last application has closed."
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-labelledby="due-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Candidate</Table.Th>
                  <Table.Th>Anonymised on</Table.Th>
                  <Table.Th>Why</Table.Th>
                  <Table.Th>Their data</Table.Th>
                  <Table.Th>Legal hold</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {due.data.data.map((row) => (
                  <Table.Tr key={row.candidate.id}>
                    <Table.Td>
                      <AnchorLink to="/candidates/$candidateId" params={{ candidateId: row.candidate.id }}>
                        {row.candidate.name}
                      </AnchorLink>
                      <Text size="xs" c="dimmed">
                        {row.candidate.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(row.dueAt)}</Table.Td>
                    <Table.Td>{because(row.because)}</Table.Td>
                    <Table.Td>
                      <Anchor href={`/api/v1/candidates/${row.candidate.id}/data-export`} download size="sm">
                        Download {row.candidate.name}'s data
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => {
                          hold.reset();
                          setHolding({ id: row.candidate.id, name: row.candidate.name });
                        }}
                      >
                        Place legal hold on {row.candidate.name}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="holds-heading">
        <Title order={2} size="h4" id="holds-heading" mb="xs">
          On legal hold
        </Title>
        {due.isSuccess && due.data.onLegalHold.length === 0 ? (
          <Empty
            title="No legal holds"
            description="When a candidate brings a claim, place a legal hold from the list above or their row here, so retention and erasure wait until it is over."
          />
        ) : due.isSuccess ? (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-labelledby="holds-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Candidate</Table.Th>
                  <Table.Th>Since</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {due.data.onLegalHold.map((row) => (
                  <Table.Tr key={row.candidate.id}>
                    <Table.Td>
                      <AnchorLink to="/candidates/$candidateId" params={{ candidateId: row.candidate.id }}>
                        {row.candidate.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{formatDate(row.since)}</Table.Td>
                    <Table.Td>{row.reason}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => {
                          release.reset();
                          setReleasing({ id: row.candidate.id, name: row.candidate.name });
                        }}
                      >
                        Release the hold on {row.candidate.name}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Card>
      <ReasonModal
        opened={holding !== null}
        onClose={() => setHolding(null)}
        title={`Place a legal hold on ${holding?.name ?? ''}`}
        label="Reason for the hold"
        minLength={3}
        confirmLabel="Place legal hold"
        onConfirm={(reason) => holding && hold.mutate({ id: holding.id, reason })}
        loading={hold.isPending}
        error={hold.error}
      >
        Retention and erasure wait until you release it. Name the claim, without other personal data (for
        example “Tribunal claim 2026/0412”).
      </ReasonModal>
      <ConfirmModal
        opened={releasing !== null}
        onClose={() => setReleasing(null)}
        title={`Release the hold on ${releasing?.name ?? ''}?`}
        confirmLabel="Release the hold"
        onConfirm={() => releasing && release.mutate(releasing.id)}
        loading={release.isPending}
        error={release.isError ? errorMessage(release.error) : null}
      >
        Retention applies to them again from the next sweep: if their time is up they are anonymised within
        the hour.
      </ConfirmModal>
    </>
  );
}

export function PrivacySettingsPage() {
  useDocumentTitle('Privacy settings');
  const me = useMe();
  const settings = useQuery({ ...privacySettingsQuery, enabled: isAdmin(me) });
  if (!isAdmin(me)) return <Text>Only admins change how long candidates' data is kept.</Text>;
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;
  return (
    <Stack gap="lg">
      <RetentionForm settings={settings.data} />
      <DueSection />
      <Text size="sm">
        Candidates' requests about their data are under{' '}
        <AnchorLink to="/settings/data-requests">Data requests</AnchorLink>.
      </Text>
    </Stack>
  );
}
