// The import page's work on the chosen file, in the browser: its header, the columns a preset maps,
// and the bad rows as a CSV to fix. The CSV libraries load only when a file is chosen.
import type {
  ImportField,
  ImportPresetList,
  ImportReport,
} from '../../../src/features/imports/imports.schema.ts';

/** The header row of a CSV file (its first record; quoted headers and a BOM are understood). */
export async function readHeader(file: File): Promise<string[]> {
  const { parse } = await import('csv-parse/browser/esm/sync');
  const start = await file.slice(0, 64 * 1024).text();
  const firstLines = start.split(/\r?\n/).slice(0, 20).join('\n');
  const records = parse(firstLines, { bom: true, to: 1, relax_column_count: true, relax_quotes: true });
  return (records[0] ?? []).map((h) => h.trim());
}

export interface ColumnMapping {
  /** Each column of the header, where it is (1 = first) and the field it feeds. */
  columns: { position: number; header: string; field: ImportField | null }[];
  /** Required fields no column feeds. */
  missing: ImportField[];
  /** Fields fed by more than one column (the server refuses these). */
  twice: ImportField[];
}

/** What a preset makes of the header, as the server's header mapper does (headers match without case). */
export function mapColumns(
  headers: string[],
  preset: ImportPresetList['presets'][number],
  fields: ImportPresetList['fields'],
): ColumnMapping {
  const byHeader = new Map(preset.columns.map((c) => [c.header.trim().toLowerCase(), c.field]));
  const columns = headers.map((header, i) => ({
    position: i + 1,
    header,
    field: byHeader.get(header.toLowerCase()) ?? null,
  }));
  const fed = columns.flatMap((c) => (c.field ? [c.field] : []));
  return {
    columns,
    missing: fields.filter((f) => f.required && !fed.includes(f.name)).map((f) => f.name),
    twice: [...new Set(fed.filter((f, i) => fed.indexOf(f) !== i))],
  };
}

/** The preset that maps every required field of this header, if one does (the first such). */
export function presetFor(headers: string[], list: ImportPresetList): string | null {
  return list.presets.find((p) => mapColumns(headers, p, list.fields).missing.length === 0)?.name ?? null;
}

/**
 * The rejected rows as a CSV to fix and import again: the file's own columns, then the line and what
 * is wrong (ignored by every preset). Formula-safe: a cell starting = + - @ is made inert.
 */
export async function badRowsCsv(file: File, report: ImportReport): Promise<string> {
  const [{ parse }, { stringify }] = await Promise.all([
    import('csv-parse/browser/esm/sync'),
    import('csv-stringify/browser/esm/sync'),
  ]);
  const problems = new Map<number, string[]>();
  for (const r of report.rejected)
    problems.set(r.line, [...(problems.get(r.line) ?? []), `${r.field}: ${r.reason}`]);
  const records = parse(await file.text(), {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record ?? [];
  const byLine = new Map(records.map((r) => [r.info.lines, r.record]));
  const rows = [...problems.entries()].map(([line, reasons]) => {
    const record = byLine.get(line) ?? [];
    return [...header.map((_, i) => record[i] ?? ''), String(line), reasons.join('; ')];
  });
  return stringify([[...header, 'line', 'problem'], ...rows], { bom: true, escape_formulas: true });
}
