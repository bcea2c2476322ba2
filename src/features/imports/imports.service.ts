import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { AppContext } from '../../app-context.ts';
import { isStage, nextStages, type Stage } from '../../domain/lifecycle.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { findApplicationIdFor } from '../applications/applications.repository.ts';
import { applicationService } from '../applications/applications.service.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findCandidateIdByEmail } from '../candidates/candidates.repository.ts';
import { type CandidateCreate, candidateCreateSchema } from '../candidates/candidates.schema.ts';
import { candidateService } from '../candidates/candidates.service.ts';
import { interviewCreateSchema, type interviewKinds } from '../interviews/interviews.schema.ts';
import { interviewService } from '../interviews/interviews.service.ts';
import { listMembers } from '../members/members.repository.ts';
import { listRoleKeys, type RoleKey } from './imports.repository.ts';
import {
  type ImportField,
  type ImportMapping,
  type ImportPreset,
  type ImportReport,
  type ImportRowError,
  importPresets,
  importRequiredFields,
} from './imports.schema.ts';

/** A report with nothing counted yet. */
export function emptyImportReport(dryRun: boolean): ImportReport {
  return { dryRun, rows: 0, imported: 0, alreadyPresent: 0, rejected: [], toTell: 0 };
}

/** The file cannot be imported at all (a usage error: no rows were looked at). */
export class ImportFormatError extends Error {}

/** Names other systems give our stages (lower case, spaces as underscores). */
const stageAliases: Record<string, Stage> = {
  new: 'applied',
  screening: 'applied',
  interview: 'interviewing',
  interviewed: 'awaiting_decision',
  offered: 'offer',
  offer_extended: 'offer',
  rejected: 'not_progressing',
  declined: 'offer_declined',
  withdrew: 'withdrawn',
};

/** The header row mapped to our fields: the mapping file first, then the preset; others are ignored. */
export function headerMapper(preset: ImportPreset, mapping: ImportMapping = {}) {
  const byHeader = new Map<string, ImportField>();
  for (const [header, field] of Object.entries(importPresets[preset]))
    byHeader.set(header.trim().toLowerCase(), field as ImportField);
  for (const [header, field] of Object.entries(mapping)) byHeader.set(header.trim().toLowerCase(), field);
  return (headers: string[]): (ImportField | undefined)[] => {
    const fields = headers.map((h) => byHeader.get(h.trim().toLowerCase()));
    const missing = importRequiredFields.filter((f) => !fields.includes(f));
    if (missing.length > 0) {
      throw new ImportFormatError(
        `the header has no column for ${missing.join(', ')} (preset ${preset}; columns: ${headers.join(', ')}); choose another preset, or map the columns (a --mapping file on the command line)`,
      );
    }
    const seen = new Set<ImportField>();
    for (const f of fields) {
      if (f && seen.has(f)) throw new ImportFormatError(`two columns map to ${f}: keep one`);
      if (f) seen.add(f);
    }
    return fields;
  };
}

type Row = Partial<Record<ImportField, string>>;

/** The lifecycle's shortest way from applied to `to` (never through closed). */
function pathTo(to: Stage): Stage[] {
  const previous = new Map<Stage, Stage>();
  const queue: Stage[] = ['applied'];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === to) break;
    for (const next of nextStages(at)) {
      if (next === 'closed' || previous.has(next) || next === 'applied') continue;
      previous.set(next, at);
      queue.push(next);
    }
  }
  const path: Stage[] = [];
  for (let s: Stage | undefined = to; s && s !== 'applied'; s = previous.get(s)) path.unshift(s);
  return path;
}

interface Checked {
  candidate: CandidateCreate;
  role: RoleKey;
  stage: Stage;
  interview?: {
    kind: (typeof interviewKinds)[number];
    startsAt: string;
    endsAt: string;
    location?: string;
    interviewerId: string;
  };
}

export interface ImportOptions {
  dryRun: boolean;
  preset?: ImportPreset;
  mapping?: ImportMapping;
  /** Rows done so far (every row read, whatever became of it). */
  onRows?: (done: number) => void;
  /** Added to each reported line: for a part of a file, where the part starts in the whole. */
  lineOffset?: number;
  /** Audit the import at the end (default); a job importing in parts audits once, itself. */
  audit?: boolean;
}

export function importService(ctx: AppContext) {
  /** Checks a row without writing: its problems, or what to import. */
  function check(
    row: Row,
    roles: { byId: Map<string, RoleKey>; byTitle: Map<string, RoleKey[]> },
    interviewers: Map<string, string>,
  ): { problems: Omit<ImportRowError, 'line'>[]; checked?: Checked } {
    const problems: Omit<ImportRowError, 'line'>[] = [];
    const candidate = candidateCreateSchema.safeParse({
      name: row.name ?? '',
      email: row.email ?? '',
      phone: row.phone || undefined,
      location: row.location || undefined,
      source: row.source || undefined,
    });
    if (!candidate.success) {
      for (const issue of candidate.error.issues)
        problems.push({ field: String(issue.path[0] ?? 'row'), reason: issue.message });
    }
    const roleText = (row.role ?? '').trim();
    let role: RoleKey | undefined;
    if (!roleText) problems.push({ field: 'role', reason: 'is empty: give the role title or id' });
    else {
      const matches = roles.byId.has(roleText)
        ? [roles.byId.get(roleText)!]
        : (roles.byTitle.get(roleText.toLowerCase()) ?? []);
      if (matches.length === 0)
        problems.push({
          field: 'role',
          reason: `no role "${roleText}" in this organisation: create it first`,
        });
      else if (matches.length > 1)
        problems.push({
          field: 'role',
          reason: `${matches.length} roles are called "${roleText}": give the role id`,
        });
      else if (matches[0]!.status !== 'open')
        problems.push({
          field: 'role',
          reason: `the role "${roleText}" is ${matches[0]!.status.replaceAll('_', ' ')}; candidates are imported only into open roles`,
        });
      else role = matches[0];
    }
    const stageText = (row.stage ?? '')
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    let stage: Stage = 'applied';
    if (stageText) {
      const named = isStage(stageText) ? stageText : stageAliases[stageText];
      if (!named)
        problems.push({
          field: 'stage',
          reason: `"${row.stage}" is not a stage (applied, interviewing, offer, hired, …)`,
        });
      else if (named === 'closed')
        problems.push({
          field: 'stage',
          reason:
            'give the outcome (hired, offer declined, not progressing, withdrawn): it is imported to tell',
        });
      else stage = named;
    }
    let interview: Checked['interview'];
    const interviewGiven = row.interview_starts_at || row.interview_ends_at || row.interviewer_email;
    if (interviewGiven) {
      const interviewerId = interviewers.get((row.interviewer_email ?? '').trim().toLowerCase());
      if (!interviewerId)
        problems.push({
          field: 'interviewer_email',
          reason: row.interviewer_email
            ? 'is not a member of this organisation'
            : 'is empty: who interviewed?',
        });
      const kind = (row.interview_kind || 'in_person')
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      const parsed = interviewCreateSchema.safeParse({
        applicationId: 'x'.repeat(26),
        kind,
        startsAt: toIso(row.interview_starts_at),
        endsAt: toIso(row.interview_ends_at),
        location: row.interview_location || undefined,
        interviewerIds: ['x'.repeat(26)],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? 'row');
          if (key === 'applicationId' || key === 'interviewerIds') continue;
          const field =
            {
              kind: 'interview_kind',
              startsAt: 'interview_starts_at',
              endsAt: 'interview_ends_at',
              location: 'interview_location',
            }[key] ?? key;
          problems.push({ field, reason: issue.message });
        }
      } else if (interviewerId) {
        const { kind: k, startsAt, endsAt, location } = parsed.data;
        interview = { kind: k, startsAt, endsAt, location: location ?? undefined, interviewerId };
      }
    }
    if (problems.length > 0 || !candidate.success || !role) return { problems };
    return { problems, checked: { candidate: candidate.data, role, stage, interview } };
  }

  /** Writes one checked row; false when the candidate already applied for the role. */
  async function write(organisationId: string, c: Checked, actor: Actor | 'system'): Promise<boolean> {
    let candidateId = await findCandidateIdByEmail(ctx.kysely, organisationId, c.candidate.email);
    if (candidateId && (await findApplicationIdFor(ctx.kysely, organisationId, c.role.id, candidateId)))
      return false;
    candidateId ??= (await candidateService(ctx).create(organisationId, c.candidate)).id;
    const applications = applicationService(ctx);
    const application = await applications.create(organisationId, { candidateId, roleId: c.role.id });
    if (c.interview) {
      await interviewService(ctx).create(
        organisationId,
        {
          applicationId: application.id,
          kind: c.interview.kind,
          startsAt: c.interview.startsAt,
          endsAt: c.interview.endsAt,
          location: c.interview.location,
          interviewerIds: [c.interview.interviewerId],
        },
        actor,
      );
    }
    // Stage by stage, as the API's PATCH does without `tell`: an outcome lands in "to tell".
    let at: Stage = c.interview ? 'interviewing' : 'applied';
    for (const next of pathTo(c.stage)) {
      if (next === at) continue;
      await applications.update(organisationId, application.id, { stage: next }, actor);
      at = next;
    }
    return true;
  }

  return {
    /**
     * Reads the CSV as a stream (one row in memory at a time) and imports each good row; a dry run
     * checks every row and writes nothing. Bad rows are reported with their line and field.
     */
    async run(
      organisationId: string,
      input: Readable,
      actor: Actor | 'system',
      options: ImportOptions,
    ): Promise<ImportReport> {
      const roleKeys = await listRoleKeys(ctx.kysely, organisationId);
      const roles = { byId: new Map(roleKeys.map((r) => [r.id, r])), byTitle: new Map<string, RoleKey[]>() };
      for (const r of roleKeys) {
        const key = r.title.trim().toLowerCase();
        roles.byTitle.set(key, [...(roles.byTitle.get(key) ?? []), r]);
      }
      const interviewers = new Map(
        (await listMembers(ctx.kysely, organisationId)).map((m) => [m.email.toLowerCase(), m.userId]),
      );
      const report = emptyImportReport(options.dryRun);
      const mapHeader = headerMapper(options.preset ?? 'followspot', options.mapping);
      const parser = input.pipe(
        parse({
          bom: true,
          columns: (headers: string[]) => mapHeader(headers),
          info: true,
          trim: true,
          skip_empty_lines: true,
          skip_records_with_error: true,
          on_skip: (error) => {
            report.rows += 1;
            report.rejected.push({
              line: Number(error?.lines ?? 0) + (options.lineOffset ?? 0),
              field: 'row',
              reason: error?.message ?? 'unreadable',
            });
          },
        }),
      );
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: Row;
          info: { lines: number };
        }>) {
          report.rows += 1;
          const line = info.lines + (options.lineOffset ?? 0);
          const { problems, checked } = check(record, roles, interviewers);
          if (!checked) {
            for (const p of problems) report.rejected.push({ line, ...p });
          } else if (options.dryRun) {
            const candidateId = await findCandidateIdByEmail(
              ctx.kysely,
              organisationId,
              checked.candidate.email,
            );
            const present =
              candidateId &&
              (await findApplicationIdFor(ctx.kysely, organisationId, checked.role.id, candidateId));
            if (present) report.alreadyPresent += 1;
            else report.imported += 1;
          } else {
            try {
              if (await write(organisationId, checked, actor)) {
                report.imported += 1;
                if (['hired', 'offer_declined', 'not_progressing', 'withdrawn'].includes(checked.stage))
                  report.toTell += 1;
              } else report.alreadyPresent += 1;
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              const field = error.field ?? 'row';
              report.rejected.push({ line, field, reason: error.message.replace(/^\w+: /, '') });
            }
          }
          options.onRows?.(report.rows);
        }
      } catch (error) {
        if (error instanceof ImportFormatError) throw error;
        // Any parser error (its codes are not all prefixed CSV_: "INVALID_OPENING_QUOTE").
        if (error instanceof CsvError)
          throw new ImportFormatError(`not a CSV file we can read: ${error.message}`);
        throw error;
      }
      if (!options.dryRun && options.audit !== false) {
        await recordAudit(
          ctx.kysely,
          organisationId,
          actor,
          {
            action: 'import.completed',
            subjectType: 'import',
            subjectId: null,
            detail: { rows: report.rows, imported: report.imported, rejected: report.rejected.length },
          },
          ctx.now(),
        );
      }
      return report;
    },
  };
}

/** A date-time as the file gives it, with UTC assumed when it has no offset. */
function toIso(value: string | undefined): string {
  const v = (value ?? '').trim();
  if (!v) return '';
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(v))
    return `${v.replace(' ', 'T')}${v.length === 16 ? ':00' : ''}Z`;
  return v;
}
