import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { type Stage, stageLabels } from '../../domain/lifecycle.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { findApplicationStage, updateApplicationStage } from '../applications/applications.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Page } from '../common.schema.ts';
import { recomputeDecisionClocks } from '../decision-clock/decision-clock.service.ts';
import { countScorecardsOfInterview } from '../scorecards/scorecards.repository.ts';
import * as repo from './interviews.repository.ts';
import {
  type Interview,
  type InterviewCreate,
  type InterviewListQuery,
  type InterviewUpdate,
  interviewableStages,
  interviewTimeProblem,
} from './interviews.schema.ts';

function checkTimes(startsAt: string, endsAt: string): void {
  const problem = interviewTimeProblem(startsAt, endsAt);
  if (problem) throw invalidField('endsAt', problem);
}

/** `field` names the request field that chose the application, when there is one. */
function checkStage(stage: Stage, field?: string): void {
  if (interviewableStages.includes(stage)) return;
  const why = `interviews are arranged or changed only while an application is applied, interviewing or awaiting a decision, and this one is ${stageLabels[stage].toLowerCase()}`;
  throw field
    ? new AppError('conflict', `${field}: ${why}`, { field })
    : new AppError('conflict', `This interview cannot change: ${why}`);
}

async function checkInterviewers(
  db: Kysely<Database>,
  organisationId: string,
  userIds: readonly string[],
): Promise<void> {
  const members = await repo.findMemberUserIds(db, organisationId, userIds);
  const strangers = userIds.filter((id) => !members.has(id));
  if (strangers.length > 0) {
    throw invalidField(
      'interviewerIds',
      `not members of your organisation: ${strangers.join(', ')} (interviewers are given by user id)`,
    );
  }
}

export function interviewService(ctx: AppContext) {
  return {
    /** Arranges an interview; the application's first one moves it from applied to interviewing. */
    async create(
      organisationId: string,
      input: InterviewCreate,
      actor: Actor | 'system',
    ): Promise<Interview> {
      checkTimes(input.startsAt, input.endsAt);
      const now = ctx.now();
      const id = newId(now.getTime());
      return ctx.kysely.transaction().execute(async (tx) => {
        const stage = await findApplicationStage(tx, organisationId, input.applicationId);
        if (!stage) throw invalidField('applicationId', 'no application with this id in your organisation');
        checkStage(stage, 'applicationId');
        await checkInterviewers(tx, organisationId, input.interviewerIds);
        await repo.insertInterview(tx, organisationId, id, input, now);
        await repo.replaceInterviewers(tx, organisationId, id, input.interviewerIds);
        if (stage === 'applied') {
          if (
            !(await updateApplicationStage(
              tx,
              organisationId,
              input.applicationId,
              stage,
              'interviewing',
              now,
            ))
          ) {
            throw new AppError('conflict', 'The application has just changed stage: try again');
          }
          await recordAudit(
            tx,
            organisationId,
            actor,
            {
              action: 'application.stage_changed',
              subjectType: 'application',
              subjectId: input.applicationId,
              detail: { from: stage, to: 'interviewing', interviewId: id },
            },
            now,
          );
        }
        // The decision clock runs from the end of the last interview: recompute it with the change.
        await recomputeDecisionClocks(tx, organisationId, { applicationIds: [input.applicationId] }, now);
        return (await repo.findInterview(tx, organisationId, id))!;
      });
    },

    async get(organisationId: string, id: string): Promise<Interview> {
      const interview = await repo.findInterview(ctx.kysely, organisationId, id);
      if (!interview) throw notFound('Interview');
      return interview;
    },

    /** Lists interviews; `interviewerId=me` means the signed-in member. */
    list(organisationId: string, query: InterviewListQuery, actor: Actor): Promise<Page<Interview>> {
      if (query.interviewerId === 'me') {
        if (actor.kind !== 'member') {
          throw invalidField('interviewerId', '"me" needs a signed-in member; an API key gives a user id');
        }
        return repo.listInterviews(ctx.kysely, organisationId, { ...query, interviewerId: actor.userId });
      }
      return repo.listInterviews(ctx.kysely, organisationId, query);
    },

    /** Changes what is given; interviewerIds replaces the whole set. */
    async update(organisationId: string, id: string, input: InterviewUpdate): Promise<Interview> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const current = await repo.findInterviewTimes(tx, organisationId, id);
        if (!current) throw notFound('Interview');
        if (input.startsAt !== undefined || input.endsAt !== undefined) {
          checkTimes(input.startsAt ?? current.startsAt, input.endsAt ?? current.endsAt);
        }
        const stage = await findApplicationStage(tx, organisationId, current.applicationId);
        if (!stage) throw notFound('Interview');
        checkStage(stage);
        if (input.interviewerIds !== undefined) {
          await checkInterviewers(tx, organisationId, input.interviewerIds);
          await repo.replaceInterviewers(tx, organisationId, id, input.interviewerIds);
        }
        await repo.updateInterview(tx, organisationId, id, input, now);
        await recomputeDecisionClocks(tx, organisationId, { applicationIds: [current.applicationId] }, now);
        return (await repo.findInterview(tx, organisationId, id))!;
      });
    },

    async remove(organisationId: string, id: string, actor: Actor): Promise<void> {
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const interview = await repo.findInterview(tx, organisationId, id);
        if (!interview) throw notFound('Interview');
        // Submitted scorecards are the evidence behind a decision: deleting the interview would take
        // them with it, so it is refused. Drafts go with it, and the audit records how many.
        const scorecards = await countScorecardsOfInterview(tx, organisationId, id);
        if (scorecards.submitted > 0)
          throw new AppError(
            'conflict',
            `This interview has ${scorecards.submitted} submitted scorecard${scorecards.submitted === 1 ? '' : 's'}: they are the evidence for the decision, so the interview cannot be deleted. Change its details instead.`,
          );
        await repo.deleteInterview(tx, organisationId, id);
        await recomputeDecisionClocks(tx, organisationId, { applicationIds: [interview.applicationId] }, now);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'interview.deleted',
            subjectType: 'interview',
            subjectId: id,
            detail: {
              applicationId: interview.applicationId,
              kind: interview.kind,
              startsAt: interview.startsAt,
              endsAt: interview.endsAt,
              draftScorecardsDeleted: scorecards.drafts,
            },
          },
          now,
        );
      });
    },
  };
}
export type InterviewService = ReturnType<typeof interviewService>;
