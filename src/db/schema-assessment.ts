// Tables of the assessment feature; part of the Database interface in schema.ts.
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the assessment feature
export interface AssessmentTables {}
