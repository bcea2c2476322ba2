import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { candidateFacing } from '../../domain/candidate-facing.ts';
import type { FeedbackCheck, FeedbackCheckContext } from '../../domain/feedback/check.ts';
import {
  FeedbackFormatError,
  type FeedbackTemplateVariables,
  parseFeedbackMarkdown,
  renderFeedbackMarkdown,
  type StructuredFeedback,
  templateVariablesOf,
  uncoveredGaps,
} from '../../domain/feedback/document.ts';
import { defaultFrameworkId, findBuiltInFramework } from '../../domain/frameworks/builtins.ts';
import type { Criterion, Level } from '../../domain/frameworks/types.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { templates } from '../../mail/catalogue.ts';
import { TemplateError } from '../../mail/engine.ts';
import { type RenderedMessage, renderMessage } from '../../mail/render.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { resolveRequirements } from '../frameworks/requirements.service.ts';
import { findApplicationFacts, resolveContext } from '../messages/outbox-context.ts';
import { loadApplicationAssessment } from '../scorecards/scorecards.service.ts';
import { findBranding, findLatestVersion } from '../templates/templates.repository.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import * as repo from './feedback.repository.ts';
import type {
  FeedbackApproveRequest,
  FeedbackCheckRequest,
  FeedbackCheckResponse,
  FeedbackDraftRequest,
  FeedbackEditRequest,
  FeedbackPreviewRequest,
  FeedbackView,
  TrainingList,
  TrainingQuery,
} from './feedback.schema.ts';

// The check and the composer use compromise (≈ 0.4 s of CPU to import): loaded at first use, so the
// server starts and idles without them.
const loadCheck = () => import('../../domain/feedback/check.ts');
const loadCompose = () => import('../../domain/feedback/compose.ts');

// The response schema and the domain's result are the same shape, checked by the compiler: a kind
// added to one and not the other does not build.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const responseMatchesDomain: Same<FeedbackCheckResponse, FeedbackCheck> = true;

/** Approved feedback, as the decision that sends it reads it. */
export interface ApprovedFeedback {
  feedbackId: string;
  /** The Markdown the candidate reads, checked (or approved with an audited override). */
  text: string;
  structured: StructuredFeedback;
  /** The `feedback` variables of the not_progressing template. */
  variables: FeedbackTemplateVariables;
  approvedAt: string;
}

/**
 * The approved feedback of an application, or undefined when there is none (none composed, or a
 * draft not yet approved). For the decision that sends "not progressing, with feedback".
 */
export async function approvedFeedbackFor(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
): Promise<ApprovedFeedback | undefined> {
  const record = await repo.findFeedback(db, organisationId, applicationId);
  if (record?.status !== 'approved' || !record.approvedAt) return undefined;
  return {
    feedbackId: record.id,
    text: record.text,
    structured: record.structured,
    variables: templateVariablesOf(record.structured),
    approvedAt: record.approvedAt,
  };
}

function actorRef(actor: Actor): { type: 'member' | 'api_key'; id: string } {
  return actor.kind === 'member'
    ? { type: 'member', id: actor.userId }
    : { type: 'api_key', id: actor.apiKeyId };
}

const changedMeanwhile = () =>
  new AppError('conflict', 'Someone else saved this feedback a moment ago: reload it to see their version');

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    (typeof e?.message === 'string' && /unique constraint|duplicate key/i.test(e.message))
  );
}

/** The error findings of a check, one line each, for a 409 the reader can act on. */
function describeFindings(check: FeedbackCheck): string {
  return check.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.kind}: ${f.message}`)
    .join('; ');
}

export function feedbackService(ctx: AppContext) {
  const db = () => ctx.kysely;

  /** What the check is given for an application; 404 when it is not the organisation's. */
  async function contextOf(organisationId: string, applicationId: string): Promise<FeedbackCheckContext> {
    const found = await repo.findFeedbackContext(db(), organisationId, applicationId);
    if (!found) throw notFound('Application');
    return found;
  }

  /** The email exactly as the candidate would receive it now: the organisation's current template. */
  async function preview(
    organisationId: string,
    applicationId: string,
    structured: StructuredFeedback,
  ): Promise<RenderedMessage> {
    const definition = templates.not_progressing;
    const resolved = await resolveContext(db(), organisationId, definition, { applicationId });
    const stored = await findLatestVersion(db(), organisationId, 'not_progressing');
    const source = stored
      ? { subject: stored.subject, body: stored.body }
      : { subject: definition.defaults.subject, body: definition.defaults.body };
    const branding = await findBranding(db(), organisationId);
    try {
      return renderMessage({
        key: 'not_progressing',
        source,
        context: { ...resolved.common, feedback: templateVariablesOf(structured) },
        branding: { name: resolved.common.organisation.name, ...branding },
      });
    } catch (err) {
      if (err instanceof TemplateError) {
        throw new AppError(
          'conflict',
          `The "${definition.name}" template (version ${stored?.version ?? 1}) cannot be used: ${err.message}. An admin can fix it in Settings → Templates.`,
        );
      }
      throw err;
    }
  }

  async function view(organisationId: string, record: repo.FeedbackRecord): Promise<FeedbackView> {
    // Candidate-facing: refused at run time if anything could carry private notes.
    const structured = candidateFacing(record.structured);
    return {
      feedback: {
        id: record.id,
        applicationId: record.applicationId,
        status: record.status,
        text: record.text,
        structured,
        check: record.check,
        approvedAt: record.approvedAt,
        approvedBy: record.approvedBy,
        overrideReason: record.overrideReason,
        updatedAt: record.updatedAt,
      },
      preview: await preview(organisationId, record.applicationId, structured),
    };
  }

  async function load(organisationId: string, applicationId: string): Promise<repo.FeedbackRecord> {
    const record = await repo.findFeedback(db(), organisationId, applicationId);
    if (record) return record;
    if (!(await findApplicationFacts(db(), organisationId, applicationId))) throw notFound('Application');
    throw new AppError(
      'not_found',
      'This application has no feedback yet: compose a draft first (POST …/feedback/draft)',
    );
  }

  async function reload(organisationId: string, applicationId: string): Promise<FeedbackView> {
    return view(organisationId, await load(organisationId, applicationId));
  }

  /** Audits that approved feedback went back to a draft (recomposed or edited). */
  async function auditReopened(
    tx: Kysely<Database>,
    organisationId: string,
    actor: Actor,
    record: repo.FeedbackRecord,
    because: 'recomposed' | 'edited',
    now: Date,
  ) {
    await recordAudit(
      tx,
      organisationId,
      actor,
      {
        action: 'feedback.reopened',
        subjectType: 'application',
        subjectId: record.applicationId,
        detail: { feedbackId: record.id, because, approvedAt: record.approvedAt },
      },
      now,
    );
  }

  return {
    /**
     * Checks the text; with an application, against its interviewers' names and their private
     * notes (an application of another organisation is not found).
     */
    async check(organisationId: string, input: FeedbackCheckRequest): Promise<FeedbackCheck> {
      let context: FeedbackCheckContext = {};
      if (input.applicationId !== undefined) context = await contextOf(organisationId, input.applicationId);
      const { checkFeedback } = await loadCheck();
      return checkFeedback(input.text, context);
    },

    /**
     * Composes feedback from the application's submitted scorecards and saves it as the draft,
     * replacing an unapproved draft. Approved feedback is replaced only with `recompose: true`.
     */
    async draft(
      organisationId: string,
      applicationId: string,
      input: FeedbackDraftRequest,
      actor: Actor,
    ): Promise<FeedbackView> {
      const facts = await findApplicationFacts(db(), organisationId, applicationId);
      if (!facts) throw notFound('Application');
      const existing = await repo.findFeedback(db(), organisationId, applicationId);
      if (existing?.status === 'approved' && !input?.recompose) {
        throw new AppError(
          'conflict',
          'This feedback is approved: send { "recompose": true } to compose it again (the approval is withdrawn), or edit it',
        );
      }
      const loaded = await loadApplicationAssessment(db(), organisationId, applicationId, ctx.now());
      if (!loaded) throw notFound('Application');
      const context = await contextOf(organisationId, applicationId);
      const { composeFeedback, FeedbackCompositionError } = await loadCompose();
      let composed: ReturnType<typeof composeFeedback>;
      try {
        composed = composeFeedback(
          {
            assessment: candidateFacing(loaded.assessment),
            criteria: loaded.requirements.version.criteria,
            role: { title: loaded.requirements.role.title, level: loaded.requirements.role.level },
            venueName: facts.venue.name,
            // Applicants are external: the product has no record of a candidate being our own staff.
            internalCandidate: false,
            trainingPerArea: input?.trainingPerArea ?? 1,
          },
          context,
        );
      } catch (err) {
        if (err instanceof FeedbackCompositionError) throw new AppError('conflict', err.message);
        throw err;
      }
      const write: repo.FeedbackWrite = {
        status: 'draft',
        structured: composed.structured,
        text: composed.text,
        check: composed.check,
        approvedBy: null,
        approvedAt: null,
        overrideReason: null,
      };
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const current = await repo.findFeedback(tx, organisationId, applicationId);
        if (current?.status === 'approved' && !input?.recompose) throw changedMeanwhile();
        if (!current) {
          const id = newId(now.getTime());
          try {
            await repo.insertFeedback(tx, organisationId, { id, applicationId, ...write }, now);
          } catch (err) {
            // Composed twice at once: the unique application_id lets one win.
            if (isUniqueViolation(err)) throw changedMeanwhile();
            throw err;
          }
          await repo.insertFeedbackVersion(
            tx,
            organisationId,
            { feedbackId: id, applicationId, version: 1, event: 'composed', write, actor: actorRef(actor) },
            now,
          );
          return;
        }
        if (!(await repo.updateFeedback(tx, organisationId, current.id, current.version, write, now))) {
          throw changedMeanwhile();
        }
        await repo.insertFeedbackVersion(
          tx,
          organisationId,
          {
            feedbackId: current.id,
            applicationId,
            version: current.version + 1,
            event: 'composed',
            write,
            actor: actorRef(actor),
          },
          now,
        );
        if (current.status === 'approved') {
          await auditReopened(tx, organisationId, actor, current, 'recomposed', now);
        }
      });
      return reload(organisationId, applicationId);
    },

    async get(organisationId: string, applicationId: string): Promise<FeedbackView> {
      return reload(organisationId, applicationId);
    },

    /** Saves an edited text (normalised to the email's shape), re-checks it and makes it a draft again. */
    /** The email an unsaved text would make, exactly as `edit` would store and send it; nothing is stored. */
    async previewText(
      organisationId: string,
      applicationId: string,
      input: FeedbackPreviewRequest,
    ): Promise<RenderedMessage> {
      const record = await load(organisationId, applicationId);
      let structured: StructuredFeedback;
      try {
        structured = parseFeedbackMarkdown(input.text, record.structured);
      } catch (err) {
        if (err instanceof FeedbackFormatError) throw invalidField('text', err.message);
        throw err;
      }
      return preview(organisationId, applicationId, candidateFacing(structured));
    },

    async edit(
      organisationId: string,
      applicationId: string,
      input: FeedbackEditRequest,
      actor: Actor,
    ): Promise<FeedbackView> {
      const record = await load(organisationId, applicationId);
      let structured: StructuredFeedback;
      try {
        structured = parseFeedbackMarkdown(input.text, record.structured);
      } catch (err) {
        if (err instanceof FeedbackFormatError) throw invalidField('text', err.message);
        throw err;
      }
      if (input.leftOut) {
        const gaps = record.structured.gaps ?? [];
        structured.leftOut = input.leftOut.map((l) => {
          const gap = gaps.find((g) => g.criterionKey === l.criterionKey);
          if (!gap)
            throw invalidField(
              'leftOut',
              `"${l.criterionKey}" is not a criterion below the required level for this candidate${gaps.length ? ` (those are ${gaps.map((g) => g.criterionKey).join(', ')})` : ''}.`,
            );
          return { ...gap, reason: l.reason };
        });
      }
      const text = renderFeedbackMarkdown(structured);
      // The same text and the same left-out list: nothing to save (an approval stands).
      if (
        text === record.text &&
        JSON.stringify(structured.leftOut ?? []) === JSON.stringify(record.structured.leftOut ?? [])
      )
        return view(organisationId, record);
      const { checkFeedback } = await loadCheck();
      const check = checkFeedback(text, await contextOf(organisationId, applicationId));
      const write: repo.FeedbackWrite = {
        status: 'draft',
        structured,
        text,
        check,
        approvedBy: null,
        approvedAt: null,
        overrideReason: null,
      };
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        if (!(await repo.updateFeedback(tx, organisationId, record.id, record.version, write, now))) {
          throw changedMeanwhile();
        }
        await repo.insertFeedbackVersion(
          tx,
          organisationId,
          {
            feedbackId: record.id,
            applicationId,
            version: record.version + 1,
            event: 'edited',
            write,
            actor: actorRef(actor),
          },
          now,
        );
        if (record.status === 'approved')
          await auditReopened(tx, organisationId, actor, record, 'edited', now);
      });
      return reload(organisationId, applicationId);
    },

    /**
     * Approves the current text: the check must pass on it now (with the current private notes and
     * interviewers), or an override reason is given, which is audited with the failing finding kinds.
     */
    async approve(
      organisationId: string,
      applicationId: string,
      input: FeedbackApproveRequest,
      actor: Actor,
    ): Promise<FeedbackView> {
      const record = await load(organisationId, applicationId);
      if (record.status === 'approved') return view(organisationId, record);
      const missing = uncoveredGaps(record.structured);
      if (missing.length > 0) {
        throw new AppError(
          'conflict',
          `${missing.map((g) => g.criterion).join(', ')} ${missing.length === 1 ? 'is' : 'are'} below the level this role needs but not in the feedback: put ${missing.length === 1 ? 'it' : 'them'} back, or leave ${missing.length === 1 ? 'it' : 'them'} out on purpose by saving the text with leftOut: [{ "criterionKey": "${missing[0]!.criterionKey}", "reason": "…" }].`,
        );
      }
      const { checkFeedback } = await loadCheck();
      const check = checkFeedback(record.text, await contextOf(organisationId, applicationId));
      const overrideReason = check.pass ? null : (input?.overrideReason ?? null);
      if (!check.pass && overrideReason === null) {
        throw new AppError(
          'conflict',
          `The check does not pass, so this feedback needs a reason to be approved. Fix the text, or approve with an overrideReason (at least 20 characters) saying why it should be sent as it is. Findings: ${describeFindings(check)}`,
        );
      }
      const now = ctx.now();
      const by = actorRef(actor);
      const write: repo.FeedbackWrite = {
        status: 'approved',
        structured: record.structured,
        text: record.text,
        check,
        approvedBy: { kind: by.type, id: by.id },
        approvedAt: now.toISOString(),
        overrideReason,
      };
      await ctx.kysely.transaction().execute(async (tx) => {
        if (!(await repo.updateFeedback(tx, organisationId, record.id, record.version, write, now))) {
          throw changedMeanwhile();
        }
        await repo.insertFeedbackVersion(
          tx,
          organisationId,
          {
            feedbackId: record.id,
            applicationId,
            version: record.version + 1,
            event: 'approved',
            write,
            actor: by,
          },
          now,
        );
        await emitEvent(
          tx,
          organisationId,
          'feedback.approved',
          { applicationId, feedbackId: record.id },
          now,
        );
        // Never the text: it may hold what the check objected to (a name, a private note).
        const findingKinds = [
          ...new Set(check.findings.filter((f) => f.severity === 'error').map((f) => f.kind)),
        ];
        await recordAudit(
          tx,
          organisationId,
          actor,
          overrideReason === null
            ? {
                action: 'feedback.approved',
                subjectType: 'application',
                subjectId: applicationId,
                detail: { feedbackId: record.id, version: record.version + 1, score: check.score },
              }
            : {
                action: 'feedback.override_approved',
                subjectType: 'application',
                subjectId: applicationId,
                detail: {
                  feedbackId: record.id,
                  version: record.version + 1,
                  score: check.score,
                  findingKinds,
                  reason: overrideReason,
                },
              },
          now,
        );
      });
      return reload(organisationId, applicationId);
    },

    /**
     * Training catalogue entries for the training picker: the framework of a role (or an
     * application's role), else the built-in; filtered by criterion and by the candidate's current
     * level, as the composer chooses them (level 4 gives the training to go further).
     */
    async training(organisationId: string, query: TrainingQuery): Promise<TrainingList> {
      let roleId = query.roleId;
      if (query.applicationId !== undefined) {
        const facts = await findApplicationFacts(db(), organisationId, query.applicationId);
        if (!facts) throw notFound('Application');
        if (roleId !== undefined && roleId !== facts.role.id) {
          throw invalidField('roleId', "is not the application's role; give one or the other");
        }
        roleId = facts.role.id;
      }
      let framework: { id: string; versionId: string; name: string };
      let criteria: readonly Criterion[];
      if (roleId !== undefined) {
        const requirements = await resolveRequirements(db(), organisationId, roleId);
        if (!requirements) throw notFound('Role');
        framework = {
          id: requirements.version.frameworkId,
          versionId: requirements.version.id,
          name: requirements.version.frameworkName,
        };
        criteria = requirements.version.criteria;
      } else {
        const builtIn = findBuiltInFramework(defaultFrameworkId)!;
        framework = { id: builtIn.id, versionId: builtIn.id, name: builtIn.name };
        criteria = builtIn.criteria;
      }
      let chosen = criteria;
      if (query.criterion !== undefined) {
        chosen = criteria.filter((c) => c.key === query.criterion);
        if (chosen.length === 0) {
          throw invalidField(
            'criterion',
            `"${query.criterion}" is not a criterion of ${framework.name}; its criteria are ${criteria.map((c) => c.key).join(', ')}`,
          );
        }
      }
      const { trainingSuggestionsFor, trainingTitle } = await loadCompose();
      return {
        framework,
        data: chosen.flatMap((c) =>
          (query.level === undefined ? c.training : trainingSuggestionsFor(c, query.level as Level)).map(
            (t) => ({
              id: t.id,
              name: t.name,
              provider: t.provider,
              form: t.form,
              url: t.url,
              builds: t.builds,
              forLevels: t.forLevels,
              criterionKey: c.key,
              criterionName: c.name,
              title: trainingTitle(t),
            }),
          ),
        ),
      };
    },
  };
}
export type FeedbackService = ReturnType<typeof feedbackService>;
