import type { AppContext } from '../../app-context.ts';
import { type Stage, stageLabels, transitionProblem } from '../../domain/lifecycle.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { closureService } from '../closure/closure.service.ts';
import type { Page } from '../common.schema.ts';
import { thankReferrersOnHire } from '../referrals/referrals.service.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import * as repo from './applications.repository.ts';
import type {
  Application,
  ApplicationCreate,
  ApplicationListQuery,
  ApplicationUpdate,
  ApplicationUpdated,
} from './applications.schema.ts';
import { applyForRole } from './apply.ts';

export const closeByPatchMessage =
  'An application closes once the candidate has been told; record how they were told';
const alreadyApplied = () =>
  new AppError('conflict', 'candidateId: this candidate has already applied for this role', {
    field: 'candidateId',
  });

/** Stages from which a move to an outcome is a decision (a rejection at screening is one too). */
const clockStages: readonly Stage[] = ['applied', 'interviewing', 'awaiting_decision'];
const decisionStages: readonly Stage[] = ['offer', 'not_progressing', 'withdrawn'];

/** Whether moving from `from` to `to` is the decision (recorded as decided_at for reporting). */
export function isDecision(from: Stage, to: Stage): boolean {
  return clockStages.includes(from) && decisionStages.includes(to);
}

export function applicationService(ctx: AppContext) {
  /** A stage-only move: no email; an outcome reached this way is to tell (see applications.repository.ts). */
  async function moveStage(
    organisationId: string,
    id: string,
    input: ApplicationUpdate,
    actor: Actor | 'system',
  ): Promise<Application> {
    const now = ctx.now();

    return ctx.kysely.transaction().execute(async (tx) => {
      const from = await repo.findApplicationStage(tx, organisationId, id);
      if (!from) throw notFound('Application');
      const to = input.stage;
      if (to === 'closed') {
        throw new AppError('invalid_transition', closeByPatchMessage, { field: 'stage' });
      }
      const problem = transitionProblem(from, to);
      if (problem) throw new AppError('invalid_transition', problem, { field: 'stage' });
      if (from !== to) {
        if (!(await repo.updateApplicationStage(tx, organisationId, id, from, to, now))) {
          throw new AppError(
            'conflict',
            `This application has just left ${stageLabels[from].toLowerCase()}: reload it and try again`,
          );
        }
        if (isDecision(from, to)) await repo.setDecidedAt(tx, organisationId, id, now);
        if (to === 'hired') await thankReferrersOnHire(tx, ctx, organisationId, id, now);
        await emitEvent(
          tx,
          organisationId,
          'application.stage_changed',
          { applicationId: id, from, to },
          now,
        );
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'application.stage_changed',
            subjectType: 'application',
            subjectId: id,
            detail: { from, to },
          },
          now,
        );
      }
      return (await repo.findApplication(tx, organisationId, id, now))!;
    });
  }

  /** An outcome with `tell`: the decision endpoint's rules and email (approved feedback, notes). */
  async function tellThrough(
    organisationId: string,
    id: string,
    input: ApplicationUpdate,
    actor: Actor,
  ): Promise<ApplicationUpdated> {
    const outcome = input.stage;
    switch (outcome) {
      case 'offer':
        return closureService(ctx).decide(organisationId, id, { outcome, message: input.message }, actor);
      case 'not_progressing':
        return closureService(ctx).decide(organisationId, id, { outcome, sendAt: input.sendAt }, actor);
      case 'hired':
        return closureService(ctx).decide(organisationId, id, { outcome }, actor);
      case 'offer_declined':
        return closureService(ctx).decide(organisationId, id, { outcome, note: input.note }, actor);
      case 'withdrawn': {
        if (!input.note || input.note.length < 5) {
          throw invalidField('note', 'say how and why the candidate withdrew (5 characters or more)');
        }
        return closureService(ctx).decide(organisationId, id, { outcome, note: input.note }, actor);
      }
      case 'applied':
      case 'interviewing':
      case 'awaiting_decision':
      case 'closed':
        throw invalidField(
          'tell',
          `only an outcome (offer, hired, offer declined, not progressing, withdrawn) is told; ${stageLabels[outcome].toLowerCase()} is not one`,
        );
    }
  }

  return {
    /** A candidate applies for an open role; they start at `applied`. */
    async create(organisationId: string, input: ApplicationCreate): Promise<Application> {
      const now = ctx.now();
      try {
        return await ctx.kysely.transaction().execute(async (tx) => {
          const { id, created } = await applyForRole(tx, organisationId, input, now);
          if (!created) throw alreadyApplied();
          return (await repo.findApplication(tx, organisationId, id, now))!;
        });
      } catch (err) {
        // Two requests for the same candidate and role at once: the unique index decides.
        if (repo.isUniqueViolation(err)) throw alreadyApplied();
        throw err;
      }
    },

    async get(organisationId: string, id: string): Promise<Application> {
      const application = await repo.findApplication(ctx.kysely, organisationId, id, ctx.now());
      if (!application) throw notFound('Application');
      return application;
    },

    /** Lists applications; `hiringManagerId=me` means the signed-in member; a `view` is a queue by deadline. */
    list(organisationId: string, query: ApplicationListQuery, actor: Actor): Promise<Page<Application>> {
      let hiringManagerId = query.hiringManagerId;
      if (hiringManagerId === 'me') {
        if (actor.kind !== 'member') {
          throw invalidField('hiringManagerId', '"me" needs a signed-in member; an API key gives a user id');
        }
        hiringManagerId = actor.userId;
      }
      let cursor: Parameters<typeof repo.listApplications>[3];
      if (query.cursor && query.view) {
        cursor = repo.parseDeadlineCursor(query.cursor);
        if (!cursor) throw invalidField('cursor', 'is not a cursor of this view (use nextCursor)');
      } else if (query.cursor) {
        cursor = { id: query.cursor };
      }
      return repo.listApplications(
        ctx.kysely,
        organisationId,
        { ...query, hiringManagerId },
        cursor,
        ctx.now(),
      );
    },

    /**
     * Moves the application along its lifecycle; closure is recorded with how the candidate was told.
     * With `tell`, an outcome goes through the decision (and its email); without, it is left to tell.
     */
    async update(
      organisationId: string,
      id: string,
      input: ApplicationUpdate,
      actor: Actor | 'system',
    ): Promise<ApplicationUpdated> {
      // Telling needs a person or an integrator; a system move (an import) leaves the outcome to tell.
      if (input.tell && actor !== 'system') return tellThrough(organisationId, id, input, actor);
      const application = await moveStage(organisationId, id, input, actor);
      return { ...application, messageId: null };
    },

    /** Removes an application entered by mistake, with its interviews. */
    async remove(organisationId: string, id: string, actor: Actor): Promise<void> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const application = await repo.findApplication(tx, organisationId, id, now);
        if (!application) throw notFound('Application');
        await repo.deleteApplication(tx, organisationId, id);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'application.deleted',
            subjectType: 'application',
            subjectId: id,
            detail: {
              candidateId: application.candidate.id,
              roleId: application.role.id,
              stage: application.stage,
              interviews: application.interviews.count,
            },
          },
          now,
        );
      });
    },
  };
}
export type ApplicationService = ReturnType<typeof applicationService>;
