import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { isFinished, type Job, jobQuery } from '../../api/closure';
import {
  cancelJob,
  checkImport,
  type ImportPreset,
  type ImportPresetList,
  type ImportReport,
  importMaxBytes,
  importPresetsQuery,
  latestImportJobQuery,
  startImport,
} from '../../api/imports';
import { canManageHiring, refresh, useMe } from '../../api/queries';
import { ButtonLink } from '../../components/links';
import { Empty, ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/formErrors';
import { type ColumnMapping, mapColumns, presetFor, readHeader } from '../../lib/importFile';
import { ImportReportView } from './ImportReportView';

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
const fieldName = (f: string) => f.replaceAll('_', ' ');

/** The API's answer about a file, in the page's words: a refused header is the file's header's fault. */
function fileError(error: unknown): string {
  if (isApiError(error) && error.field === 'body') {
    const message = error.message.replace(/^body: /, '');
    return message.startsWith('the header has no column for')
      ? `The file's header needs a column for${message.slice('the header has no column for'.length)}`
      : `The file: ${message}`;
  }
  if (isApiError(error) && error.status === 413)
    return 'The file is larger than 10 MB: cut it in two, or import it with npx followspot import.';
  return errorMessage(error);
}

function MappingTable({ mapping, preset }: { mapping: ColumnMapping; preset: string }) {
  return (
    <>
      {mapping.missing.length > 0 ? (
        <Alert color="red" title="This file cannot be imported with this preset" role="alert" mb="sm">
          The file's header needs a column for {list(mapping.missing.map(fieldName))} (preset {preset}).
          Rename the column in the file, or choose the preset of the system the file came from.
        </Alert>
      ) : null}
      {mapping.twice.length > 0 ? (
        <Alert color="red" title="Two columns feed the same field" role="alert" mb="sm">
          More than one column feeds {list(mapping.twice.map(fieldName))}: keep one of them in the file.
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={420}>
        <Table data-testid="column-mapping" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Column in the file</Table.Th>
              <Table.Th scope="col">Feeds the field</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mapping.columns.map((c) => (
              <Table.Tr key={c.position} data-testid="mapped-column">
                <Table.Td>
                  <Code>{c.header || '(no name)'}</Code>
                </Table.Td>
                <Table.Td>
                  {c.field ? (
                    fieldName(c.field)
                  ) : (
                    <Text span size="sm" c="dimmed">
                      not imported
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** The import job: its progress while it runs, then what it did (or why it stopped). */
function ImportJobView({
  job,
  file,
  onCancel,
  cancelling,
}: {
  job: Job;
  file: File | null;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const percent = Math.round(job.progress * 100);
  const parts = job.total > 0 ? ` (${job.done} of ${job.total} part${job.total === 1 ? '' : 's'})` : '';
  const label =
    job.status === 'queued'
      ? 'Importing: waiting for a worker'
      : job.status === 'running'
        ? `Importing: ${percent}%${parts}`
        : job.status === 'succeeded'
          ? 'Import done: 100%'
          : job.status === 'cancelled'
            ? `Import cancelled at ${percent}%${parts}`
            : 'Import failed';
  return (
    <>
      <Card withBorder mb="md" data-testid="import-progress">
        <Group justify="space-between" mb={6} wrap="wrap">
          <Text fw={600} size="sm" aria-live="polite" data-testid="import-progress-label">
            {label}
          </Text>
          <Text size="xs" c="dimmed">
            Started {formatDateTime(job.createdAt)}
          </Text>
        </Group>
        <Progress
          value={job.status === 'succeeded' ? 100 : percent}
          // Stripes move only while a worker imports: a queued job is not moving yet.
          animated={job.status === 'running'}
          color={job.status === 'failed' ? 'red' : job.status === 'cancelled' ? 'gray' : undefined}
          aria-label={label}
        />
        {!isFinished(job) ? (
          <Group justify="space-between" mt="sm" wrap="wrap">
            <Text size="xs" c="dimmed">
              This runs in the background and carries on if you leave this page; come back to see how far it
              has gone.
            </Text>
            <Button size="xs" variant="default" color="red" onClick={onCancel} loading={cancelling}>
              Cancel the import
            </Button>
          </Group>
        ) : null}
        {job.status === 'cancelled' ? (
          <Text size="sm" mt="sm">
            The parts done before you cancelled were imported. Importing the file again adds the rest; nothing
            is added twice.
          </Text>
        ) : null}
        {job.status === 'failed' ? (
          <Alert color="red" title="The import stopped" mt="sm" role="alert">
            {job.error ?? 'It failed without saying why.'} The parts done before it stopped were imported;
            importing the file again adds the rest.
          </Alert>
        ) : null}
      </Card>
      {job.status === 'succeeded' && job.result ? (
        <>
          <ImportReportView report={job.result as ImportReport} file={file} />
          <Group mb="md">
            <ButtonLink to="/candidates" variant="default">
              See the candidates
            </ButtonLink>
          </Group>
        </>
      ) : null}
    </>
  );
}

function ImportForm({ presets }: { presets: ImportPresetList }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[] | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [preset, setPreset] = useState<ImportPreset>('followspot');
  const [chosenFor, setChosenFor] = useState<string | null>(null);
  const [startedId, setStartedId] = useState<string | null>(null);
  const latest = useQuery(latestImportJobQuery);
  const jobId = startedId ?? latest.data?.id ?? null;
  const job = useQuery({ ...jobQuery(jobId ?? ''), enabled: jobId !== null });
  const running = job.data ? !isFinished(job.data) : false;
  const presetInfo = presets.presets.find((p) => p.name === preset) ?? presets.presets[0]!;
  const mapping = header ? mapColumns(header, presetInfo, presets.fields) : null;
  const usable =
    file !== null && mapping !== null && mapping.missing.length === 0 && mapping.twice.length === 0;

  const check = useMutation({ mutationFn: () => checkImport(file!, preset) });
  const start = useMutation({
    mutationFn: () => startImport(file!, preset),
    onSuccess: (started) => {
      check.reset();
      queryClient.setQueryData(jobQuery(started.id).queryKey, started);
      setStartedId(started.id);
      void refresh(queryClient, 'jobs');
    },
  });
  const cancel = useMutation({
    mutationFn: (id: string) => cancelJob(id),
    onSuccess: (cancelled) => queryClient.setQueryData(jobQuery(cancelled.id).queryKey, cancelled),
  });

  // Once per job that finishes while the page watches it: the imported candidates are new data.
  const seenRunning = useRef<string | null>(null);
  useEffect(() => {
    const j = job.data;
    if (!j) return;
    if (!isFinished(j)) seenRunning.current = j.id;
    else if (seenRunning.current === j.id) {
      seenRunning.current = null;
      void refresh(queryClient, 'candidates', 'applications', 'roles', 'closure');
    }
  }, [job.data, queryClient]);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setHeader(null);
    setFileProblem(null);
    setChosenFor(null);
    check.reset();
    start.reset();
    if (!chosen) return;
    if (chosen.size > importMaxBytes) {
      setFileProblem(
        `The file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; the app takes files up to 10 MB. Cut it in two, or import it with npx followspot import (any size).`,
      );
      return;
    }
    try {
      const headers = await readHeader(chosen);
      if (headers.length === 0 || headers.every((h) => h === '')) {
        setFileProblem('The file is empty: it needs a header row, then one row per candidate.');
        return;
      }
      setHeader(headers);
      const fits = mapColumns(headers, presetInfo, presets.fields).missing.length === 0;
      const better = fits ? null : presetFor(headers, presets);
      if (better) {
        setPreset(better as ImportPreset);
        setChosenFor(better);
      }
    } catch (error) {
      setFileProblem(
        `The file is not a CSV file we can read (${(error as Error).message}): save it as CSV (UTF-8) and choose it again.`,
      );
    }
  };

  return (
    <>
      <Card withBorder mb="md">
        <Stack gap="sm">
          <Group align="flex-start" gap="md" wrap="wrap">
            <FileInput
              label="CSV file"
              description="Up to 10 MB, UTF-8, with a header row"
              placeholder="Choose a file"
              // Mantine's placeholder grey is too faint to read (WCAG contrast): the dimmed text colour.
              styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
              accept=".csv,text/csv"
              clearable
              value={file}
              onChange={(f) => void choose(f)}
              style={{ flex: '1 1 18rem' }}
            />
            <Select
              label="Whose columns the file has"
              description={presetInfo.description}
              data={presets.presets.map((p) => ({ value: p.name, label: p.label }))}
              value={preset}
              onChange={(v) => {
                if (v) setPreset(v as ImportPreset);
                setChosenFor(null);
                check.reset();
              }}
              allowDeselect={false}
              style={{ flex: '1 1 16rem' }}
            />
          </Group>
          {chosenFor ? (
            <Text size="sm" c="dimmed">
              Preset set to {presetInfo.label}: its columns fit the file's header.
            </Text>
          ) : null}
          <FormAlert message={fileProblem} title="This file cannot be read" />
        </Stack>
      </Card>

      {!file && !job.data ? (
        <Empty
          title="Choose a CSV file to import"
          description="Save your spreadsheet or your applicant tracking system's export as CSV. Each row needs a name, an email and the title of an open role: create the roles first. Re-importing a file adds nothing twice."
        />
      ) : null}

      {mapping ? (
        <Card withBorder mb="md">
          <Title order={3} size="h4" mb="xs">
            How the columns are read
          </Title>
          <MappingTable mapping={mapping} preset={presetInfo.label} />
          <Group gap="sm" mt="md" wrap="wrap">
            <Button
              variant="default"
              onClick={() => check.mutate()}
              loading={check.isPending}
              disabled={!usable}
            >
              Check the file
            </Button>
            <Button onClick={() => start.mutate()} loading={start.isPending} disabled={!usable || running}>
              Import
            </Button>
            {running ? (
              <Text size="sm" c="dimmed">
                An import is running: wait for it to finish, or cancel it.
              </Text>
            ) : null}
          </Group>
          <FormAlert message={check.isError ? fileError(check.error) : null} title="Not checked" />
          <FormAlert message={start.isError ? fileError(start.error) : null} title="Not imported" />
        </Card>
      ) : null}

      {check.data ? <ImportReportView report={check.data} file={file} /> : null}

      {job.data ? (
        <section aria-labelledby="import-job-heading">
          <Title order={3} size="h4" mb="xs" id="import-job-heading">
            {startedId ? 'This import' : running ? 'The running import' : 'The last import'}
          </Title>
          <ImportJobView
            job={job.data}
            file={startedId ? file : null}
            onCancel={() => cancel.mutate(job.data.id)}
            cancelling={cancel.isPending}
          />
          <FormAlert message={cancel.isError ? errorMessage(cancel.error) : null} title="Not cancelled" />
        </section>
      ) : job.isError ? (
        <ErrorState error={job.error} title="The import's progress could not be loaded" />
      ) : null}
    </>
  );
}

export function ImportPage() {
  const me = useMe();
  const allowed = canManageHiring(me);
  const presets = useQuery({ ...importPresetsQuery, enabled: allowed });
  if (!allowed) {
    return (
      <Alert color="gray" title="For admins and managers">
        Importing adds candidates and applications to your organisation's roles, so admins and hiring managers
        do it. Ask one of them to import your file.
      </Alert>
    );
  }
  return (
    <section aria-labelledby="import-heading">
      <Group gap="xs" mb="xs">
        <Title order={2} size="h3" id="import-heading">
          Import candidates
        </Title>
        <Badge variant="light" radius="sm">
          CSV
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Candidates, their applications and one interview per row, from a spreadsheet or another system's
        export. Check the file first: every bad row is listed with its line and field, and nothing changes
        until you import. Larger files go through <Code>npx followspot import</Code>.
      </Text>
      {presets.isPending ? (
        <LoadingState label="Loading the presets…" />
      ) : presets.isError ? (
        <ErrorState error={presets.error} onRetry={() => void presets.refetch()} />
      ) : (
        <ImportForm presets={presets.data} />
      )}
    </section>
  );
}
