import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../http/access.ts';
import { canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import { jobSchema } from '../jobs/jobs.schema.ts';
import { startImport } from './import-job.ts';
import {
  type ImportPreset,
  importPresetList,
  importPresetListSchema,
  importPresetNames,
  importReportSchema,
} from './imports.schema.ts';
import { ImportFormatError, importService } from './imports.service.ts';

/** The largest file the app takes (about 40,000 rows); the CLI streams files of any size. */
export const importBodyLimit = 10 * 1024 * 1024;

const importQuery = z.object({
  preset: z
    .enum(importPresetNames as [ImportPreset, ...ImportPreset[]])
    .default('followspot')
    .describe(
      'Whose column names the file has: followspot (the documented format), or another system’s export',
    ),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: check every row and change nothing, answering the report at once'),
});

/** A file that cannot be imported at all is the body's fault: 400 naming it. */
function asBodyError(error: unknown): never {
  if (error instanceof ImportFormatError)
    throw new AppError('validation_failed', `body: ${error.message}`, { field: 'body' });
  throw error;
}

export function importRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/v1/imports/presets',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags: ['imports'],
        summary: 'List the import presets: which column header feeds which field, and the required fields',
        response: { 200: importPresetListSchema, ...errorResponses },
      },
    },
    async () => importPresetList(),
  );

  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: importBodyLimit },
      (_r, body, done) => done(null, body),
    );

    scope.post(
      '/api/v1/imports',
      {
        config: { access: { roles: canManageHiring }, bodyTypes: ['text/csv'] },
        bodyLimit: importBodyLimit,
        schema: {
          tags: ['imports'],
          summary: 'Import candidates, applications and interviews from a CSV file',
          description:
            'Send the file as `text/csv` (UTF-8, up to 10 MB). With `dryRun=true` every row is checked and nothing changes: the answer is the report, each bad row with its line and field. Otherwise the import runs as a background job (202): poll GET /api/v1/jobs/{id}; its result is the same report. Re-importing is safe: a candidate (by email) who already applied for the role is left as they are. Columns: the Followspot format (name, email, phone, location, source, role, stage, interview_kind, interview_starts_at, interview_ends_at, interview_location, interviewer_email) or a preset’s. A header without name, email and role is refused with 400. Audited.',
          querystring: importQuery,
          body: z.string().min(1).describe('The CSV file'),
          response: { 200: importReportSchema, 202: jobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { preset, dryRun } = request.query;
        if (dryRun) {
          return importService(ctx)
            .run(actor.organisationId, Readable.from([request.body]), actor, { dryRun: true, preset })
            .catch(asBodyError);
        }
        const job = await startImport(ctx, actor.organisationId, { csv: request.body, preset }, actor).catch(
          asBodyError,
        );
        return reply.code(202).send(job);
      },
    );
  });
}
