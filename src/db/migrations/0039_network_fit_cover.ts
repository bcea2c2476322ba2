import type { Kysely } from 'kysely';

// Matching sums every assessed member's fit rows in one pass: with every column it reads in the
// index, that pass is a range read of the index, not an index entry plus a table row per criterion.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('network_fit_cover_idx')
    .on('network_fit')
    .columns(['organisation_id', 'candidate_id', 'criterion_key', 'level', 'trained', 'assessed_ms'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('network_fit_cover_idx').execute();
}
