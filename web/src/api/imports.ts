// CSV import from the web app: the presets, the dry run (answered at once) and the import (a job of
// kind imports.csv, followed with jobQuery). Kept apart from queries.ts so the feature stays in its files.
import { queryOptions } from '@tanstack/react-query';
import type {
  ImportField,
  ImportPreset,
  ImportPresetList,
  ImportReport,
  ImportRowError,
} from '../../../src/features/imports/imports.schema.ts';
import type { Job } from '../../../src/features/jobs/jobs.schema.ts';
import { api, type Page } from './client';

export type { ImportField, ImportPreset, ImportPresetList, ImportReport, ImportRowError };

/** The API's limit on a file sent from the app; larger files go through `npx followspot import`. */
export const importMaxBytes = 10 * 1024 * 1024;
export const importJobKind = 'imports.csv';

export const importPresetsQuery = queryOptions({
  queryKey: ['imports', 'presets'],
  queryFn: () => api<ImportPresetList>('/api/v1/imports/presets'),
  staleTime: Number.POSITIVE_INFINITY,
});

/** The organisation's newest import job (running, or the last one), polled while it runs. */
export const latestImportJobQuery = queryOptions({
  queryKey: ['jobs', 'latest', importJobKind],
  queryFn: async () =>
    (await api<Page<Job>>('/api/v1/jobs', { query: { kind: importJobKind, limit: 1 } })).data[0] ?? null,
});

const send = <T>(file: File, preset: ImportPreset, dryRun: boolean) =>
  api<T>('/api/v1/imports', {
    method: 'POST',
    query: { preset, dryRun: dryRun ? 'true' : undefined },
    raw: { type: 'text/csv', data: file },
  });

export const checkImport = (file: File, preset: ImportPreset) => send<ImportReport>(file, preset, true);
export const startImport = (file: File, preset: ImportPreset) => send<Job>(file, preset, false);

export const cancelJob = (jobId: string) =>
  api<Job>(`/api/v1/jobs/${jobId}/cancel`, { method: 'POST', body: {} });
