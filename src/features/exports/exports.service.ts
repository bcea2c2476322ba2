import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  applicationExportBatch,
  candidateExportBatch,
  exportBatchSize,
  exportRowCount,
  scorecardExportBatch,
} from './exports.repository.ts';
import type { ExportKind } from './exports.schema.ts';

/** Each export's columns, in order, with the header a spreadsheet shows. */
const columnsOf: Record<ExportKind, { key: string; header: string }[]> = {
  applications: [
    { key: 'application_id', header: 'Application id' },
    { key: 'candidate_id', header: 'Candidate id' },
    { key: 'candidate_name', header: 'Candidate' },
    { key: 'candidate_email', header: 'Email' },
    { key: 'role_id', header: 'Role id' },
    { key: 'role_title', header: 'Role' },
    { key: 'venue_name', header: 'Venue' },
    { key: 'stage', header: 'Stage' },
    { key: 'outcome', header: 'Outcome' },
    { key: 'applied_at', header: 'Applied at' },
    { key: 'decision_due_date', header: 'Decision due' },
    { key: 'decided_at', header: 'Decided at' },
    { key: 'told_at', header: 'Told at' },
    { key: 'told_via', header: 'Told by' },
    { key: 'scorecards_submitted', header: 'Scorecards submitted' },
  ],
  candidates: [
    { key: 'candidate_id', header: 'Candidate id' },
    { key: 'name', header: 'Name' },
    { key: 'email', header: 'Email' },
    { key: 'phone', header: 'Phone' },
    { key: 'location', header: 'Location' },
    { key: 'source', header: 'Source' },
    { key: 'created_at', header: 'Added at' },
  ],
  scorecards: [
    { key: 'scorecard_id', header: 'Scorecard id' },
    { key: 'application_id', header: 'Application id' },
    { key: 'candidate_name', header: 'Candidate' },
    { key: 'role_title', header: 'Role' },
    { key: 'interviewer_name', header: 'Interviewer' },
    { key: 'status', header: 'Status' },
    { key: 'recommendation', header: 'Recommendation' },
    { key: 'submitted_at', header: 'Submitted at' },
    { key: 'criteria_rated', header: 'Criteria rated' },
    { key: 'mean_rating', header: 'Mean rating (1-4)' },
  ],
};

const batchOf = {
  applications: { read: applicationExportBatch, idOf: (r: { application_id: string }) => r.application_id },
  candidates: { read: candidateExportBatch, idOf: (r: { candidate_id: string }) => r.candidate_id },
  scorecards: { read: scorecardExportBatch, idOf: (r: { scorecard_id: string }) => r.scorecard_id },
} as const;

export function exportService(ctx: AppContext) {
  async function* rows(organisationId: string, kind: ExportKind, onRows?: (n: number) => void) {
    const { read, idOf } = batchOf[kind] as {
      read: (db: AppContext['kysely'], org: string, after: string | undefined) => Promise<object[]>;
      idOf: (row: object) => string;
    };
    let after: string | undefined;
    for (;;) {
      const batch = await read(ctx.kysely, organisationId, after);
      for (const row of batch) yield row;
      onRows?.(batch.length);
      if (batch.length < exportBatchSize) return;
      after = idOf(batch[batch.length - 1]!);
    }
  }

  return {
    /**
     * Writes the export as CSV to `out`: UTF-8 with a byte-order mark (so spreadsheets read accents),
     * a header row, and cells that a spreadsheet would run as a formula (=, +, -, @) made inert.
     * Audited, since it hands personal data out of the app.
     */
    async write(
      organisationId: string,
      kind: ExportKind,
      actor: Actor | 'system',
      out: Writable,
      onRows?: (n: number) => void,
    ): Promise<void> {
      await recordAudit(
        ctx.kysely,
        organisationId,
        actor,
        { action: 'export.created', subjectType: 'export', subjectId: null, detail: { kind } },
        ctx.now(),
      );
      const csv = stringify({ bom: true, header: true, escape_formulas: true, columns: columnsOf[kind] });
      await pipeline(Readable.from(rows(organisationId, kind, onRows)), csv, out);
    },
    /** How many rows the export will have. */
    count(organisationId: string, kind: ExportKind): Promise<number> {
      const table = {
        applications: 'application',
        candidates: 'candidate',
        scorecards: 'scorecard',
      } as const;
      return exportRowCount(ctx.kysely, organisationId, table[kind]);
    },
    fileName(kind: ExportKind, slug: string): string {
      return `${slug}-${kind}-${ctx.now().toISOString().slice(0, 10)}.csv`;
    },
  };
}
