// A person who comes forward on their own (a referral link's forms): their candidate record found
// again by email, else a new one, inside the caller's transaction. Emails are kept lower case, as
// the candidates service keeps them, so the same person through two links is one candidate.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import * as repo from './candidates.repository.ts';

export async function candidateForEmail(
  tx: Kysely<Database>,
  organisationId: string,
  input: { name: string; email: string; phone?: string | null; source: string },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const existing = await repo.findCandidateIdByEmail(tx, organisationId, email);
  if (existing) return { id: existing, created: false };
  const id = newId(now.getTime());
  await repo.insertCandidate(
    tx,
    organisationId,
    id,
    { name: input.name, email, phone: input.phone ?? null, source: input.source },
    now,
  );
  return { id, created: true };
}
