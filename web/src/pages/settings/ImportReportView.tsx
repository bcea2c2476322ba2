import {
  Alert,
  Button,
  Card,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ImportReport } from '../../api/imports';
import { FormAlert } from '../../components/states';
import { badRowsCsv } from '../../lib/importFile';

function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Problems per page of the bad-rows table: a file with hundreds of bad rows stays readable. */
const pageSize = 50;

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value.toLocaleString('en-GB')}
      </Text>
    </Card>
  );
}

/**
 * A dry run's or an import's report: the counts, and every problem of each bad row by line and
 * field, filterable by field and paged, with the bad rows as a CSV to fix (needs the file chosen).
 */
export function ImportReportView({ report, file }: { report: ImportReport; file: File | null }) {
  const [field, setField] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const badLines = new Set(report.rejected.map((r) => r.line)).size;
  const fields = [...new Set(report.rejected.map((r) => r.field))].sort();
  const shown = field ? report.rejected.filter((r) => r.field === field) : report.rejected;
  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const current = Math.min(page, pages);
  const rows = shown.slice((current - 1) * pageSize, current * pageSize);

  const download = async () => {
    if (!file) return;
    setDownloadError(null);
    try {
      downloadText(await badRowsCsv(file, report), `${file.name.replace(/\.csv$/i, '')}-bad-rows.csv`);
    } catch (error) {
      setDownloadError(
        `The file could not be read again (${(error as Error).message}): choose it once more, then download.`,
      );
    }
  };

  return (
    <Card withBorder mb="md" data-testid="import-report">
      <Title order={3} size="h4" mb="sm">
        {report.dryRun ? 'What the check found (nothing has changed yet)' : 'What the import did'}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="md">
        <Count label="Rows read" value={report.rows} testId="count-rows" />
        <Count
          label={report.dryRun ? 'Would be imported' : 'Imported'}
          value={report.imported}
          testId="count-imported"
        />
        <Count label="Already here (left as they are)" value={report.alreadyPresent} testId="count-present" />
        <Count label="Bad rows" value={badLines} testId="count-bad" />
      </SimpleGrid>
      {report.toTell > 0 ? (
        <Text size="sm" mb="sm">
          {report.toTell} imported application{report.toTell === 1 ? ' is' : 's are'} at an outcome: you will
          find {report.toTell === 1 ? 'it' : 'them'} in “to tell”, to let the candidate know.
        </Text>
      ) : null}
      {report.rejected.length === 0 ? (
        <Alert color="teal" title="Every row is good">
          {report.dryRun
            ? 'Nothing to fix: import the file when you are ready.'
            : 'Every row was imported or was already here.'}
        </Alert>
      ) : (
        <>
          <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap">
            <Text size="sm">
              {report.dryRun
                ? 'These rows would be left out. Fix them in the file and check it again, or import the good rows now and the fixed rows later (importing again adds nothing twice).'
                : 'These rows were left out. Fix them and import the fixed rows: rows already imported are not added twice.'}
            </Text>
            <Group gap="sm" align="flex-end">
              {fields.length > 1 ? (
                <Select
                  label="Show the problems with"
                  data={[
                    { value: '', label: 'Every field' },
                    ...fields.map((f) => ({ value: f, label: f.replaceAll('_', ' ') })),
                  ]}
                  value={field ?? ''}
                  onChange={(v) => {
                    setField(v || null);
                    setPage(1);
                  }}
                  allowDeselect={false}
                  w={200}
                />
              ) : null}
              {file ? (
                <Button variant="default" onClick={() => void download()}>
                  Download the bad rows (CSV)
                </Button>
              ) : null}
            </Group>
          </Group>
          <FormAlert message={downloadError} title="No download" />
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="bad-rows" verticalSpacing="xs" striped>
              <Table.Caption>
                {shown.length === report.rejected.length
                  ? `${report.rejected.length} problem${report.rejected.length === 1 ? '' : 's'} in ${badLines} row${badLines === 1 ? '' : 's'}`
                  : `${shown.length} of ${report.rejected.length} problems`}
                {pages > 1 ? `, page ${current} of ${pages}` : ''}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Line</Table.Th>
                  <Table.Th scope="col">Field</Table.Th>
                  <Table.Th scope="col">What is wrong</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.line}:${r.field}:${r.reason}`} data-testid="bad-row">
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.field.replaceAll('_', ' ')}</Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 ? (
            <Pagination
              mt="sm"
              total={pages}
              value={current}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
              getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
            />
          ) : null}
        </>
      )}
    </Card>
  );
}
