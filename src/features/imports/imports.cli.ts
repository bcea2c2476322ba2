// `followspot import <file> --org <slug>`: exit 0 when every row was imported (or already present),
// 1 when some rows were rejected, 2 for a usage error (no such file, preset, mapping or header).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { progress } from '../../cli/progress.ts';
import { loadConfig } from '../../config.ts';
import { findOrganisationBySlug } from '../organisations/organisations.repository.ts';
import {
  type ImportMapping,
  type ImportPreset,
  importMappingSchema,
  importPresetNames,
} from './imports.schema.ts';
import { ImportFormatError, importService } from './imports.service.ts';

function usage(message: string): number {
  process.stderr.write(`followspot import: ${message}\n`);
  return 2;
}

export async function runImportCommand(
  file: string,
  opts: { org: string; dryRun?: boolean; preset?: string; mapping?: string },
): Promise<number> {
  if (!existsSync(file) || !statSync(file).isFile()) return usage(`${file}: no such file`);
  const preset = (opts.preset ?? 'followspot') as ImportPreset;
  if (!importPresetNames.includes(preset))
    return usage(`no preset "${opts.preset}": choose one of ${importPresetNames.join(', ')}`);
  let mapping: ImportMapping | undefined;
  if (opts.mapping) {
    try {
      const parsed = importMappingSchema.safeParse(JSON.parse(readFileSync(opts.mapping, 'utf8')));
      if (!parsed.success)
        return usage(
          `${opts.mapping}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      mapping = parsed.data;
    } catch (error) {
      return usage(`${opts.mapping}: ${(error as Error).message}`);
    }
  }
  const { createContext } = await import('../../context.ts');
  const ctx = await createContext(loadConfig());
  try {
    const organisation = await findOrganisationBySlug(ctx.kysely, opts.org);
    if (!organisation)
      return usage(`no organisation with the short name "${opts.org}" (check Settings, or run seed-demo)`);
    // The bar follows bytes read: the row count is not known before the end of a stream.
    const bar = progress(opts.dryRun ? 'Checking' : 'Importing', statSync(file).size);
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bar.tick(chunk.length);
        done(null, chunk);
      },
    });
    const report = await importService(ctx).run(
      organisation.id,
      createReadStream(file).pipe(counter),
      'system',
      { dryRun: opts.dryRun === true, preset, mapping },
    );
    bar.finish();
    for (const r of report.rejected) process.stderr.write(`line ${r.line}: ${r.field}: ${r.reason}\n`);
    const rejectedRows = new Set(report.rejected.map((r) => r.line)).size;
    const verb = opts.dryRun ? 'would import' : 'imported';
    process.stdout.write(
      `${report.rows} rows: ${verb} ${report.imported}, already present ${report.alreadyPresent}, rejected ${rejectedRows}` +
        (report.toTell > 0 ? `; ${report.toTell} at an outcome are to tell` : '') +
        (opts.dryRun ? ' (dry run: nothing changed)' : '') +
        '\n',
    );
    return rejectedRows > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportFormatError) return usage(`${file}: ${error.message}`);
    throw error;
  } finally {
    await ctx.db.destroy();
  }
}
