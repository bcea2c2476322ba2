// An import from the web app or the API runs as a background job (imports.csv): the file is cut into
// parts of whole records, each imported in one transaction with the job's progress, so the page shows
// a progress bar and a worker that dies resumes at the next part. A dry run answers in the request.
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { actorSchema, boundTo } from '../jobs/job-context.ts';
import { toJob } from '../jobs/jobs.repository.ts';
import type { Job } from '../jobs/jobs.schema.ts';
import { defineJobHandler, jobQueued, startJob } from '../jobs/jobs.service.ts';
import {
  type ImportMapping,
  type ImportPreset,
  type ImportReport,
  type ImportRowError,
  importMappingSchema,
  importPresetNames,
} from './imports.schema.ts';
import { emptyImportReport, headerMapper, ImportFormatError, importService } from './imports.service.ts';

export const importJobKind = 'imports.csv';
/** Records per part (one transaction each). */
export const recordsPerPart = 200;

interface FilePart {
  /** The header, then whole records, as the file had them. */
  text: string;
  /** Where the part's first record starts in the whole file, less the header's lines. */
  lineOffset: number;
}

/**
 * Cuts a CSV into parts of whole records (a quoted field may span lines), each with the header.
 * Records the parser cannot read are reported here, with their line in the whole file.
 */
export async function cutIntoParts(
  csv: string,
  size = recordsPerPart,
): Promise<{ parts: FilePart[]; unreadable: ImportRowError[] }> {
  const unreadable: ImportRowError[] = [];
  const parser = Readable.from([csv]).pipe(
    parse({
      bom: true,
      raw: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        unreadable.push({
          line: Number(error?.lines ?? 0),
          field: 'row',
          reason: error?.message ?? 'unreadable',
        });
      },
    }),
  );
  const parts: FilePart[] = [];
  let header: { raw: string; lines: number } | undefined;
  let current: string[] = [];
  let partStart = 0;
  let lastEnd = 0;
  const close = () => {
    if (header && current.length > 0) {
      const headerText = header.raw.endsWith('\n') ? header.raw : `${header.raw}\n`;
      parts.push({ text: headerText + current.join(''), lineOffset: partStart - header.lines });
    }
    current = [];
  };
  try {
    for await (const { raw, info } of parser as AsyncIterable<{ raw: string; info: { lines: number } }>) {
      if (!header) {
        header = { raw, lines: info.lines };
        lastEnd = info.lines;
        partStart = lastEnd;
        continue;
      }
      if (current.length === 0) partStart = lastEnd;
      current.push(raw.endsWith('\n') ? raw : `${raw}\n`);
      lastEnd = info.lines;
      if (current.length >= size) close();
    }
  } catch (error) {
    throw new ImportFormatError(`not a CSV file we can read: ${(error as Error).message}`);
  }
  close();
  return { parts, unreadable };
}

/** The file's header read against the preset and mapping: a wrong header fails before any job. */
export async function checkHeader(csv: string, preset: ImportPreset, mapping?: ImportMapping): Promise<void> {
  const parser = Readable.from([csv]).pipe(parse({ bom: true, to_line: 1, relax_column_count: true }));
  try {
    for await (const headers of parser as AsyncIterable<string[]>) {
      headerMapper(preset, mapping)(headers);
      return;
    }
  } catch (error) {
    // A header the parser cannot read ("a quote is found on field 0") is the file's fault, not ours.
    if (error instanceof CsvError)
      throw new ImportFormatError(`not a CSV file we can read: the header row: ${error.message}`);
    throw error;
  }
  throw new ImportFormatError('the file is empty: give a header row and at least one row');
}

const jobInput = z.object({
  csv: z.string(),
  preset: z.enum(importPresetNames as [ImportPreset, ...ImportPreset[]]),
  mapping: importMappingSchema.optional(),
  actor: actorSchema,
});

/** Writes the import job, after checking the header; the job's result is the import report. */
export async function startImport(
  ctx: AppContext,
  organisationId: string,
  input: { csv: string; preset: ImportPreset; mapping?: ImportMapping },
  actor: Actor,
): Promise<Job> {
  await checkHeader(input.csv, input.preset, input.mapping);
  const { job } = await ctx.kysely.transaction().execute((tx) =>
    startJob(tx, ctx.now(), {
      organisationId,
      kind: importJobKind,
      input: { ...input, actor },
      createdBy: actor,
    }),
  );
  jobQueued();
  return toJob(job);
}

export const importJob = defineJobHandler({
  kind: importJobKind,
  input: jobInput,
  async run(run): Promise<ImportReport> {
    const { csv, preset, mapping, actor } = run.input;
    const organisationId = run.job.organisationId;
    const { parts, unreadable } = await cutIntoParts(csv);
    await run.setTotal(parts.length);
    const report = emptyImportReport(false);
    report.rows += unreadable.length;
    report.rejected.push(...unreadable);
    for (const [i, part] of parts.entries()) {
      const done = await run.step(`part:${i}`, (tx) =>
        importService(boundTo(run.ctx, tx)).run(organisationId, Readable.from([part.text]), actor, {
          dryRun: false,
          preset,
          ...(mapping && { mapping }),
          lineOffset: part.lineOffset,
          audit: false,
        }),
      );
      report.rows += done.rows;
      report.imported += done.imported;
      report.alreadyPresent += done.alreadyPresent;
      report.toTell += done.toTell;
      report.rejected.push(...done.rejected);
    }
    report.rejected.sort((a, b) => a.line - b.line);
    await run.step(
      'audit',
      (tx) =>
        recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'import.completed',
            subjectType: 'import',
            subjectId: run.job.id,
            detail: { rows: report.rows, imported: report.imported, rejected: report.rejected.length },
          },
          run.ctx.now(),
        ),
      { counts: false },
    );
    return report;
  },
});
