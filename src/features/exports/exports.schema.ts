import { z } from 'zod';

/** What can be exported as CSV; each is one row per item, for a spreadsheet or another system. */
export const exportKinds = ['applications', 'candidates', 'scorecards'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportParams = z.object({
  kind: z
    .enum(exportKinds)
    .describe('applications (with outcomes), candidates, or scorecards (a summary per scorecard)'),
});
