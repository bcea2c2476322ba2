// Tables of the messaging feature; part of the Database interface in schema.ts.
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the messaging feature
export interface MessagingTables {}
