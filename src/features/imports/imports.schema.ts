import { z } from 'zod';

/** The fields of the Followspot import format, in the order of its header (docs/OPERATIONS.md). */
export const importFields = [
  'name',
  'email',
  'phone',
  'location',
  'source',
  'role',
  'stage',
  'interview_kind',
  'interview_starts_at',
  'interview_ends_at',
  'interview_location',
  'interviewer_email',
] as const;
export type ImportField = (typeof importFields)[number];

/** Column headers of other systems' exports, mapped to our fields (matched without case). */
export const importPresets = {
  followspot: Object.fromEntries(importFields.map((f) => [f, f])),
  /** The applications CSV that `followspot export applications` writes (moving between organisations). */
  'followspot-export': { Candidate: 'name', Email: 'email', Role: 'role', Stage: 'stage' },
  greenhouse: {
    'Candidate Name': 'name',
    Email: 'email',
    Phone: 'phone',
    Location: 'location',
    Source: 'source',
    Job: 'role',
    Status: 'stage',
  },
  workable: {
    Name: 'name',
    Email: 'email',
    Phone: 'phone',
    Address: 'location',
    Source: 'source',
    Job: 'role',
    Stage: 'stage',
  },
} as const satisfies Record<string, Record<string, ImportField>>;
export type ImportPreset = keyof typeof importPresets;
export const importPresetNames = Object.keys(importPresets) as ImportPreset[];

/** A header without a column for each of these is refused before any row is read. */
export const importRequiredFields: readonly ImportField[] = ['name', 'email', 'role'];

/** What the web app shows for each preset. */
const presetDescriptions: Record<ImportPreset, { label: string; description: string }> = {
  followspot: { label: 'Followspot format', description: 'The documented format: one column per field' },
  'followspot-export': {
    label: 'Followspot applications export',
    description: 'The applications CSV another Followspot organisation exported',
  },
  greenhouse: { label: 'Greenhouse', description: 'A candidates export from Greenhouse' },
  workable: { label: 'Workable', description: 'A candidates export from Workable' },
};

const importFieldSchema = z.enum(importFields);
export const importPresetListSchema = z.object({
  fields: z
    .array(z.object({ name: importFieldSchema, required: z.boolean() }))
    .describe('The fields a row can give, in the Followspot format’s order'),
  presets: z.array(
    z.object({
      name: z.enum(importPresetNames as [ImportPreset, ...ImportPreset[]]).describe('The value of ?preset='),
      label: z.string(),
      description: z.string(),
      columns: z
        .array(z.object({ header: z.string(), field: importFieldSchema }))
        .describe('Which header feeds which field (headers match without case); other columns are ignored'),
    }),
  ),
});
export type ImportPresetList = z.infer<typeof importPresetListSchema>;

export function importPresetList(): ImportPresetList {
  return {
    fields: importFields.map((name) => ({ name, required: importRequiredFields.includes(name) })),
    presets: importPresetNames.map((name) => ({
      name,
      ...presetDescriptions[name],
      columns: Object.entries(importPresets[name]).map(([header, field]) => ({
        header,
        field: field as ImportField,
      })),
    })),
  };
}

/** A mapping file: `{ "Header in the file": "field" }`, e.g. `{ "Full name": "name" }`. */
export const importMappingSchema = z.record(z.string().min(1), z.enum(importFields));
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importRowErrorSchema = z.object({
  line: z.number().int().min(1).describe('The line of the file the row ends on (the header is line 1)'),
  field: z.string().describe('The field at fault (a Followspot field name), or "row"'),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int().min(0).describe('Data rows read (the header not counted)'),
  imported: z.number().int().min(0).describe('Rows imported (in a dry run: rows that would be)'),
  alreadyPresent: z
    .number()
    .int()
    .min(0)
    .describe('Rows whose candidate (by email) already applied for the role: left as they are'),
  rejected: z.array(importRowErrorSchema).describe('One entry per problem of each rejected row'),
  toTell: z
    .number()
    .int()
    .min(0)
    .describe('Imported applications at an outcome: they are to tell, in the "to tell" queue'),
});
export type ImportReport = z.infer<typeof importReportSchema>;
