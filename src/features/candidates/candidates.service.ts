import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Page } from '../common.schema.ts';
import { anonymiseCandidate, flushErasedPages, isOnLegalHold } from '../privacy/privacy.service.ts';
import * as repo from './candidates.repository.ts';
import type { Candidate, CandidateCreate, CandidateListQuery, CandidateUpdate } from './candidates.schema.ts';

const emailTaken = () =>
  new AppError('conflict', 'email: a candidate with this email already exists', { field: 'email' });

/** Checked first for a clear answer; the unique index settles a race between two writers. */
async function checkEmailFree(
  db: Kysely<Database>,
  organisationId: string,
  email: string,
  candidateId?: string,
): Promise<void> {
  const owner = await repo.findCandidateIdByEmail(db, organisationId, email);
  if (owner !== undefined && owner !== candidateId) throw emailTaken();
}

async function mapDuplicateEmail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (repo.isDuplicateEmailError(error)) throw emailTaken();
    throw error;
  }
}

export function candidateService(ctx: AppContext) {
  return {
    create(organisationId: string, input: CandidateCreate): Promise<Candidate> {
      const now = ctx.now();
      return mapDuplicateEmail(() =>
        ctx.kysely.transaction().execute(async (tx) => {
          await checkEmailFree(tx, organisationId, input.email);
          return repo.insertCandidate(tx, organisationId, newId(now.getTime()), input, now);
        }),
      );
    },
    async get(organisationId: string, id: string): Promise<Candidate> {
      return (
        (await repo.findCandidate(ctx.kysely, organisationId, id)) ?? Promise.reject(notFound('Candidate'))
      );
    },
    list(organisationId: string, query: CandidateListQuery): Promise<Page<Candidate>> {
      return repo.listCandidates(ctx.kysely, organisationId, query);
    },
    update(organisationId: string, id: string, input: CandidateUpdate): Promise<Candidate> {
      const now = ctx.now();
      return mapDuplicateEmail(() =>
        ctx.kysely.transaction().execute(async (tx) => {
          if (!(await repo.findCandidate(tx, organisationId, id))) throw notFound('Candidate');
          if (input.email !== undefined) await checkEmailFree(tx, organisationId, input.email, id);
          const candidate = await repo.updateCandidate(tx, organisationId, id, input, now);
          if (!candidate) throw notFound('Candidate');
          return candidate;
        }),
      );
    },
    /**
     * Erases the candidate by anonymising them (src/features/privacy): personal fields replaced and
     * free text removed at once, while outcomes, dates, scores and survey figures stay counted. Their
     * deletion requests are met and kept as proof. Refused while a legal hold is on. The audit event
     * keeps only counts: no personal data outlives the erasure.
     */
    async erase(organisationId: string, id: string, actor: Actor): Promise<void> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        if (!(await repo.findCandidate(tx, organisationId, id))) throw notFound('Candidate');
        if (await isOnLegalHold(tx, organisationId, id)) {
          throw new AppError(
            'conflict',
            'This candidate is on legal hold (a claim in progress): release the hold before erasing them',
          );
        }
        const removed = await repo.countCandidateRecords(tx, organisationId, id);
        if (!(await anonymiseCandidate(tx, organisationId, id, actor, 'erased_by_admin', now))) {
          throw notFound('Candidate');
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          { action: 'candidate.erased', subjectType: 'candidate', subjectId: id, detail: removed },
          now,
        );
      });
      await flushErasedPages(ctx.kysely);
    },
  };
}
export type CandidateService = ReturnType<typeof candidateService>;
