import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import {
  type ApplicationAssessment,
  type AssessedCriterion,
  assessApplication,
  type Recommendation,
} from '../../domain/aggregation.ts';
import { type Nation, nations, workingDaysBetween } from '../../domain/calendar.ts';
import { candidateFacing } from '../../domain/candidate-facing.ts';
import { isDue, type RatingDraft, submissionProblems } from '../../domain/scorecards.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Page } from '../common.schema.ts';
import { findClosures } from '../decision-clock/decision-clock.repository.ts';
import { withClosures } from '../decision-clock/decision-clock.service.ts';
import {
  type FrameworkVersionRecord,
  findFrameworkVersionById,
  findFrameworkVersionsByIds,
} from '../frameworks/frameworks.repository.ts';
import { type ResolvedRequirements, resolveRequirements } from '../frameworks/requirements.service.ts';
import { refreshFitOfApplication } from '../network/network-fit.repository.ts';
import * as repo from './scorecards.repository.ts';
import type {
  ApplicationSummary,
  ScorecardAmend,
  ScorecardCompletion,
  ScorecardContent,
  ScorecardDetail,
  ScorecardListItem,
  ScorecardListQuery,
  ScorecardView,
} from './scorecards.schema.ts';

/** The share of due scorecards a role should have submitted (Greenhouse's published benchmark). */
export const completionBenchmark = 0.9;

function isAuthor(actor: Actor, scorecard: repo.ScorecardRecord): boolean {
  return actor.kind === 'member' && actor.userId === scorecard.interviewerId;
}

/** Managers and admins see every scorecard; so does an integrator's key (without private notes). */
function seesAll(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'manager' || actor.role === 'integrator';
}

/** Private notes: the author, managers and admins only — never other interviewers, keys or candidates. */
function seesPrivateNotes(actor: Actor, scorecard: repo.ScorecardRecord): boolean {
  return isAuthor(actor, scorecard) || actor.role === 'admin' || actor.role === 'manager';
}

const independence = () =>
  new AppError(
    'forbidden',
    "Scorecards are independent: submit your own scorecard for this application to see the other interviewers'",
  );

function criterionNames(version: FrameworkVersionRecord | undefined): Map<string, string> {
  return new Map((version?.criteria ?? []).map((c) => [c.key, c.name]));
}

export function presentScorecard(
  scorecard: repo.ScorecardRecord,
  version: FrameworkVersionRecord | undefined,
  actor: Actor,
  permissions: ScorecardView['permissions'],
  now: Date,
): ScorecardView {
  const names = criterionNames(version);
  return {
    id: scorecard.id,
    interviewId: scorecard.interviewId,
    applicationId: scorecard.applicationId,
    interviewer: { id: scorecard.interviewerId, name: scorecard.interviewerName },
    candidate: { id: scorecard.interview.candidateId, name: scorecard.interview.candidateName },
    role: { id: scorecard.interview.roleId, title: scorecard.interview.roleTitle },
    interview: {
      kind: scorecard.interview.kind,
      startsAt: scorecard.interview.startsAt,
      endsAt: scorecard.interview.endsAt,
    },
    framework: {
      id: scorecard.frameworkId,
      name: version?.frameworkName ?? scorecard.frameworkId,
      versionId: scorecard.frameworkVersionId,
      version: version?.version ?? 0,
    },
    status: scorecard.status,
    recommendation: scorecard.recommendation,
    ratings: scorecard.ratings.map((r) => ({
      criterionKey: r.criterionKey,
      name: names.get(r.criterionKey) ?? r.criterionKey,
      rating: r.rating,
      evidence: r.evidence,
      notAssessed: r.notAssessed,
    })),
    ...(seesPrivateNotes(actor, scorecard) && { privateNotes: scorecard.privateNotes }),
    dueSince:
      scorecard.status === 'draft' && isDue(scorecard.interview.endsAt, now)
        ? scorecard.interview.endsAt
        : null,
    submittedAt: scorecard.submittedAt,
    amendedAt: scorecard.amendedAt,
    createdAt: scorecard.createdAt,
    updatedAt: scorecard.updatedAt,
    permissions,
  };
}

/** The scorecard's ratings with the input applied (criteria not given are cleared); names the unknown key. */
function applyContent(
  scorecard: repo.ScorecardRecord,
  content: ScorecardContent,
  names: Map<string, string>,
): { ratings: RatingDraft[]; recommendation: Recommendation | null; privateNotes: string | null } {
  const keys = scorecard.ratings.map((r) => r.criterionKey);
  content.ratings.forEach((r, i) => {
    if (!keys.includes(r.criterionKey)) {
      throw invalidField(
        `ratings.${i}.criterionKey`,
        `"${r.criterionKey}" is not on this scorecard; its criteria are ${keys.join(', ')}`,
      );
    }
  });
  const given = new Map(content.ratings.map((r) => [r.criterionKey, r]));
  return {
    ratings: keys.map((key) => {
      const r = given.get(key);
      return {
        criterionKey: key,
        criterionName: names.get(key) ?? key,
        // Not assessed wins over a rating sent with it: the criterion was not covered.
        rating: r?.notAssessed ? null : (r?.rating ?? null),
        evidence: r?.evidence ? r.evidence : null,
        notAssessed: r?.notAssessed === true,
      };
    }),
    recommendation: content.recommendation ?? null,
    privateNotes: content.privateNotes ? content.privateNotes : null,
  };
}

function refuseIncomplete(ratings: RatingDraft[], recommendation: Recommendation | null): void {
  const problems = submissionProblems(ratings, recommendation);
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => p.message).join('; '), {
      field: problems[0]!.field,
    });
  }
}

function snapshot(s: {
  ratings: repo.RatingRecord[];
  recommendation: Recommendation | null;
  privateNotes: string | null;
}) {
  return {
    recommendation: s.recommendation,
    ratings: s.ratings.map((r) => ({
      criterionKey: r.criterionKey,
      rating: r.rating,
      evidence: r.evidence,
      ...(r.notAssessed && { notAssessed: true }),
    })),
    privateNotes: s.privateNotes,
  };
}

/**
 * An application's assessment (its submitted scorecards aggregated against the role's requirements)
 * with the requirements it was aggregated against; no permission check: callers authorise first.
 * Shared by the summary and the feedback composer. Undefined when the application is not the
 * organisation's.
 */
export async function loadApplicationAssessment(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  now: Date,
): Promise<{ assessment: ApplicationAssessment; requirements: ResolvedRequirements } | undefined> {
  const application = await repo.findApplicationForSummary(db, organisationId, applicationId);
  if (!application) return undefined;
  return assessmentOf(db, organisationId, applicationId, application.roleId, now);
}

async function assessmentOf(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  roleId: string,
  now: Date,
): Promise<{ assessment: ApplicationAssessment; requirements: ResolvedRequirements }> {
  const requirements = await resolveRequirements(db, organisationId, roleId);
  if (!requirements) throw notFound('Role');
  const [scorecards, counts] = await Promise.all([
    repo.listSubmittedForApplication(db, organisationId, applicationId),
    repo.countScorecards(db, organisationId, { applicationId }, now),
  ]);
  const criteria: AssessedCriterion[] = requirements.criteria.map((c) => ({
    key: c.criterionKey,
    name: c.name,
    weight: c.weight,
    requiredLevel: c.requiredLevel,
  }));
  // Criteria rated on scorecards of another version keep their name (weight 0: shown, not scored).
  const known = new Set(criteria.map((c) => c.key));
  const versions = await findFrameworkVersionsByIds(
    db,
    organisationId,
    scorecards.map((s) => s.frameworkVersionId),
  );
  for (const card of scorecards) {
    const names = criterionNames(versions.get(card.frameworkVersionId));
    for (const r of card.ratings) {
      if (known.has(r.criterionKey)) continue;
      known.add(r.criterionKey);
      criteria.push({
        key: r.criterionKey,
        name: names.get(r.criterionKey) ?? r.criterionKey,
        weight: 0,
        requiredLevel: 1,
      });
    }
  }
  const assessment = assessApplication({
    applicationId,
    criteria,
    scorecards,
    expectedScorecards: counts.expected,
  });
  return { assessment, requirements };
}

export function scorecardService(ctx: AppContext) {
  const db = () => ctx.kysely;

  async function load(organisationId: string, id: string): Promise<repo.ScorecardRecord> {
    return (await repo.findScorecard(db(), organisationId, id)) ?? Promise.reject(notFound('Scorecard'));
  }

  async function mayRead(
    organisationId: string,
    actor: Actor,
    scorecard: repo.ScorecardRecord,
  ): Promise<boolean> {
    if (isAuthor(actor, scorecard) || seesAll(actor)) return true;
    if (actor.kind !== 'member' || scorecard.status !== 'submitted') return false;
    return repo.hasSubmittedForApplication(db(), organisationId, scorecard.applicationId, actor.userId);
  }

  async function permissionsOf(organisationId: string, actor: Actor, scorecard: repo.ScorecardRecord) {
    const onInterview =
      actor.kind === 'member' &&
      isAuthor(actor, scorecard) &&
      (await repo.isInterviewerOf(db(), organisationId, scorecard.interviewId, actor.userId));
    return {
      edit: onInterview && scorecard.status === 'draft',
      amend: scorecard.status === 'submitted' && (onInterview || actor.role === 'admin'),
    };
  }

  async function view(
    organisationId: string,
    actor: Actor,
    scorecard: repo.ScorecardRecord,
  ): Promise<ScorecardView> {
    const version = await findFrameworkVersionById(db(), organisationId, scorecard.frameworkVersionId);
    return presentScorecard(
      scorecard,
      version,
      actor,
      await permissionsOf(organisationId, actor, scorecard),
      ctx.now(),
    );
  }

  /** The author, still an interviewer of the interview, may write. */
  async function requireWriter(organisationId: string, actor: Actor, scorecard: repo.ScorecardRecord) {
    if (actor.kind !== 'member' || !isAuthor(actor, scorecard)) {
      throw new AppError('forbidden', 'Only its author writes this scorecard');
    }
    if (!(await repo.isInterviewerOf(db(), organisationId, scorecard.interviewId, actor.userId))) {
      throw new AppError('forbidden', "Only this interview's interviewers write scorecards for it");
    }
  }

  return {
    /** The caller's scorecard for the interview, created as a draft against the role's framework version. */
    async open(
      organisationId: string,
      interviewId: string,
      actor: Actor,
    ): Promise<{ scorecard: ScorecardView; created: boolean }> {
      if (actor.kind !== 'member') {
        throw new AppError(
          'forbidden',
          "Scorecards are written by the interview's interviewers, not API keys",
        );
      }
      const interview = await repo.findInterviewForScorecard(db(), organisationId, interviewId);
      if (!interview) throw invalidField('interviewId', 'is not an interview of your organisation');
      if (!(await repo.isInterviewerOf(db(), organisationId, interviewId, actor.userId))) {
        throw new AppError('forbidden', "Only this interview's interviewers write scorecards for it");
      }
      const existing = await repo.findScorecardOf(db(), organisationId, interviewId, actor.userId);
      if (existing) return { scorecard: await view(organisationId, actor, existing), created: false };

      const requirements = await resolveRequirements(db(), organisationId, interview.roleId);
      if (!requirements) throw notFound('Role');
      const now = ctx.now();
      const id = newId(now.getTime());
      try {
        await ctx.kysely.transaction().execute((tx) =>
          repo.insertScorecard(
            tx,
            organisationId,
            {
              id,
              interviewId,
              applicationId: interview.applicationId,
              interviewerId: actor.userId,
              frameworkId: requirements.version.frameworkId,
              frameworkVersionId: requirements.version.id,
              criterionKeys: requirements.criteria.filter((c) => c.weight > 0).map((c) => c.criterionKey),
            },
            now,
          ),
        );
      } catch (err) {
        // Opened twice at once: the unique (interview, interviewer) lets one win; return it.
        const raced = await repo.findScorecardOf(db(), organisationId, interviewId, actor.userId);
        if (!raced) throw err;
        return { scorecard: await view(organisationId, actor, raced), created: false };
      }
      return { scorecard: await view(organisationId, actor, await load(organisationId, id)), created: true };
    },

    async get(organisationId: string, id: string, actor: Actor): Promise<ScorecardDetail> {
      const scorecard = await load(organisationId, id);
      if (!(await mayRead(organisationId, actor, scorecard))) throw independence();
      const version = await findFrameworkVersionById(db(), organisationId, scorecard.frameworkVersionId);
      const onCard = new Set(scorecard.ratings.map((r) => r.criterionKey));
      return {
        ...presentScorecard(
          scorecard,
          version,
          actor,
          await permissionsOf(organisationId, actor, scorecard),
          ctx.now(),
        ),
        guide: (version?.criteria ?? [])
          .filter((c) => onCard.has(c.key))
          .map((c) => ({
            key: c.key,
            name: c.name,
            definition: c.definition,
            descriptors: c.descriptors,
            kit: c.kit,
          })),
      };
    },

    /** Saves the whole draft (idempotent: the same body leaves the same scorecard). */
    async saveDraft(
      organisationId: string,
      id: string,
      content: ScorecardContent,
      actor: Actor,
    ): Promise<ScorecardView> {
      const scorecard = await load(organisationId, id);
      await requireWriter(organisationId, actor, scorecard);
      if (scorecard.status !== 'draft') {
        throw new AppError('conflict', 'This scorecard has been submitted: amend it instead (POST …/amend)');
      }
      const version = await findFrameworkVersionById(db(), organisationId, scorecard.frameworkVersionId);
      const next = applyContent(scorecard, content, criterionNames(version));
      const now = ctx.now();
      const saved = await ctx.kysely
        .transaction()
        .execute((tx) =>
          repo.writeScorecardContent(tx, organisationId, id, next, { expectStatus: 'draft' }, now),
        );
      if (!saved)
        throw new AppError('conflict', 'This scorecard has been submitted: amend it instead (POST …/amend)');
      return view(organisationId, actor, await load(organisationId, id));
    },

    /** Locks the scorecard once every criterion is rated, evidence given for 1s and 4s, and a recommendation chosen. */
    async submit(organisationId: string, id: string, actor: Actor): Promise<ScorecardView> {
      const scorecard = await load(organisationId, id);
      await requireWriter(organisationId, actor, scorecard);
      if (scorecard.status !== 'draft')
        throw new AppError('conflict', 'This scorecard has already been submitted');
      const now = ctx.now();
      if (Date.parse(scorecard.interview.startsAt) > now.getTime()) {
        throw new AppError('conflict', 'A scorecard can be submitted once its interview has started');
      }
      const version = await findFrameworkVersionById(db(), organisationId, scorecard.frameworkVersionId);
      const names = criterionNames(version);
      const ratings = scorecard.ratings.map((r) => ({
        ...r,
        criterionName: names.get(r.criterionKey) ?? r.criterionKey,
      }));
      refuseIncomplete(ratings, scorecard.recommendation);
      await ctx.kysely.transaction().execute(async (tx) => {
        const done = await repo.writeScorecardContent(
          tx,
          organisationId,
          id,
          {
            ratings: scorecard.ratings,
            recommendation: scorecard.recommendation,
            privateNotes: scorecard.privateNotes,
          },
          { expectStatus: 'draft', status: 'submitted', submittedAt: now.toISOString() },
          now,
        );
        if (!done) throw new AppError('conflict', 'This scorecard has already been submitted');
        await refreshFitOfApplication(tx, organisationId, scorecard.applicationId);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'scorecard.submitted',
            subjectType: 'scorecard',
            subjectId: id,
            detail: { applicationId: scorecard.applicationId, interviewId: scorecard.interviewId },
          },
          now,
        );
      });
      return view(organisationId, actor, await load(organisationId, id));
    },

    /** Changes a submitted scorecard (its author or an admin), audited with before and after. */
    async amend(
      organisationId: string,
      id: string,
      input: ScorecardAmend,
      actor: Actor,
    ): Promise<ScorecardView> {
      const scorecard = await load(organisationId, id);
      if (actor.role !== 'admin') await requireWriter(organisationId, actor, scorecard);
      if (scorecard.status !== 'submitted') {
        throw new AppError('conflict', 'Only a submitted scorecard is amended: save the draft instead (PUT)');
      }
      const version = await findFrameworkVersionById(db(), organisationId, scorecard.frameworkVersionId);
      const next = applyContent(scorecard, input, criterionNames(version));
      refuseIncomplete(next.ratings, next.recommendation);
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const done = await repo.writeScorecardContent(
          tx,
          organisationId,
          id,
          next,
          { expectStatus: 'submitted', amendedAt: now.toISOString() },
          now,
        );
        if (!done) throw notFound('Scorecard');
        await refreshFitOfApplication(tx, organisationId, scorecard.applicationId);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'scorecard.amended',
            subjectType: 'scorecard',
            subjectId: id,
            detail: {
              reason: input.reason,
              applicationId: scorecard.applicationId,
              before: snapshot(scorecard),
              after: snapshot(next),
            },
          },
          now,
        );
      });
      return view(organisationId, actor, await load(organisationId, id));
    },

    async list(
      organisationId: string,
      query: ScorecardListQuery,
      actor: Actor,
    ): Promise<Page<ScorecardListItem>> {
      const now = ctx.now();
      const me = (field: string) => {
        if (actor.kind !== 'member')
          throw invalidField(field, '`me` needs a signed-in member, not an API key');
        return actor.userId;
      };
      if (query.owed === 'me') {
        return { data: await repo.listOwedBy(db(), organisationId, me('owed'), now), nextCursor: null };
      }
      const interviewerId = query.interviewerId === 'me' ? me('interviewerId') : query.interviewerId;
      return repo.listScorecards(
        db(),
        organisationId,
        {
          limit: query.limit,
          ...(query.cursor && { cursor: query.cursor }),
          ...(query.applicationId && { applicationId: query.applicationId }),
          ...(query.interviewId && { interviewId: query.interviewId }),
          ...(interviewerId && { interviewerId }),
          ...(query.status && { status: query.status }),
        },
        seesAll(actor) || actor.kind !== 'member'
          ? { kind: 'all' }
          : { kind: 'interviewer', userId: actor.userId },
        now,
      );
    },

    async completion(organisationId: string, roleId: string, actor: Actor): Promise<ScorecardCompletion> {
      const now = ctx.now();
      const requirements = await resolveRequirements(db(), organisationId, roleId);
      if (!requirements) throw notFound('Role');
      const [{ expected, submitted }, pipeline, byApplication, closures] = await Promise.all([
        repo.countScorecards(db(), organisationId, { roleId }, now),
        repo.findRolePipeline(db(), organisationId, roleId),
        repo.countScorecardsByApplication(db(), organisationId, roleId, now),
        findClosures(db(), organisationId),
      ]);
      if (!pipeline) throw notFound('Role');
      const share = expected === 0 ? null : Math.round((submitted / expected) * 100) / 100;
      const calendar = withClosures(
        {
          nation: (nations as readonly string[]).includes(pipeline.region)
            ? (pipeline.region as Nation)
            : 'england-and-wales',
          timezone: pipeline.timezone,
        },
        closures,
      );
      const applications: ScorecardCompletion['applications'] = [];
      for (const application of pipeline.applications) {
        const counts = byApplication.get(application.id) ?? { expected: 0, submitted: 0 };
        // Scores and recommendations only for those who see every scorecard (not interviewers).
        const assessment =
          seesAll(actor) && counts.submitted > 0
            ? (await assessmentOf(db(), organisationId, application.id, roleId, now)).assessment
            : null;
        applications.push({
          applicationId: application.id,
          ...counts,
          overallScore: assessment?.overall.score ?? null,
          overallMean: assessment?.overall.meanRating ?? null,
          recommendations: seesAll(actor)
            ? (assessment?.recommendations ?? { strong_no: 0, no: 0, yes: 0, strong_yes: 0 })
            : null,
          workingDaysInStage: workingDaysBetween(calendar, new Date(application.stageChangedAt), now),
        });
      }
      return {
        applications,
        roleId,
        expected,
        submitted,
        share,
        benchmark: completionBenchmark,
        meetsBenchmark: expected === 0 ? null : submitted / expected >= completionBenchmark,
      };
    },

    /** The application's assessment (src/domain/aggregation.ts): no private notes, by type and by query. */
    async summary(organisationId: string, applicationId: string, actor: Actor): Promise<ApplicationSummary> {
      const application = await repo.findApplicationForSummary(db(), organisationId, applicationId);
      if (!application) throw notFound('Application');
      if (
        !seesAll(actor) &&
        !(
          actor.kind === 'member' &&
          (await repo.hasSubmittedForApplication(db(), organisationId, applicationId, actor.userId))
        )
      ) {
        throw independence();
      }
      const { assessment, requirements } = await assessmentOf(
        db(),
        organisationId,
        applicationId,
        application.roleId,
        ctx.now(),
      );
      return candidateFacing({
        ...assessment,
        role: { id: requirements.role.id, title: requirements.role.title },
        framework: {
          id: requirements.version.frameworkId,
          name: requirements.version.frameworkName,
          versionId: requirements.version.id,
          version: requirements.version.version,
        },
      });
    },
  };
}
export type ScorecardService = ReturnType<typeof scorecardService>;
