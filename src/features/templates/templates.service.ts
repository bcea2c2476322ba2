import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import {
  type CommonVariables,
  firstNameOf,
  sampleContext,
  samplePortalUrl,
  type TemplateContext,
  type TemplateKey,
  templateKeys,
  templates,
} from '../../mail/catalogue.ts';
import { allowedVariables, TemplateError, type TemplateSource, validateTemplate } from '../../mail/engine.ts';
import { singleLine } from '../../mail/escape.ts';
import { renderMessage } from '../../mail/render.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  findApplicationFacts,
  findNewestApplicationId,
  findOrganisationName,
} from '../messages/outbox-context.ts';
import { referralAskMarkdown, referralAskOn } from '../referrals/referral-ask.ts';
import * as repo from './templates.repository.ts';
import type {
  Branding,
  BrandingUpdate,
  TemplateDetail,
  TemplatePreview,
  TemplatePreviewRequest,
  TemplateSummary,
  TemplateUpdate,
} from './templates.schema.ts';

/** A template that cannot be saved: 400 naming the part (subject or body) and the variable. */
function asValidationError(err: unknown): unknown {
  if (!(err instanceof TemplateError)) return err;
  return new AppError('validation_failed', err.message, { field: err.part });
}

function validate(key: TemplateKey, source: TemplateSource): void {
  try {
    validateTemplate(key, source);
  } catch (err) {
    throw asValidationError(err);
  }
}

export function templateService(ctx: AppContext) {
  async function summaries(organisationId: string): Promise<TemplateSummary[]> {
    const latest = await repo.listLatestVersions(ctx.kysely, organisationId);
    return templateKeys.map((key) => {
      const stored = latest.get(key);
      const definition = templates[key];
      return {
        key,
        name: definition.name,
        description: definition.description,
        audience: definition.audience,
        currentVersion: stored?.version ?? 1,
        customised: stored !== undefined && (stored.version > 1 || stored.createdById !== null),
        updatedAt: stored?.createdAt ?? null,
      };
    });
  }

  async function get(organisationId: string, key: TemplateKey): Promise<TemplateDetail> {
    const definition = templates[key];
    const versions = await repo.listVersions(ctx.kysely, organisationId, key);
    const current = versions[0];
    return {
      key,
      name: definition.name,
      description: definition.description,
      audience: definition.audience,
      currentVersion: current?.version ?? 1,
      customised: current !== undefined && (current.version > 1 || current.createdBy !== null),
      updatedAt: current?.createdAt ?? null,
      subject: current?.subject ?? definition.defaults.subject,
      body: current?.body ?? definition.defaults.body,
      listUnsubscribe: definition.listUnsubscribe,
      variables: allowedVariables(key),
      defaults: { subject: definition.defaults.subject, body: definition.defaults.body },
      versions,
    };
  }

  return {
    list: summaries,
    get,

    /** Saves a new version (the old ones are kept); refused with 400 naming an unknown variable. */
    async update(
      organisationId: string,
      key: TemplateKey,
      input: TemplateUpdate,
      actor: Actor,
    ): Promise<TemplateDetail> {
      validate(key, input);
      const now = ctx.now();
      await ctx.kysely.transaction().execute(async (tx) => {
        const latest = await repo.currentVersion(tx, organisationId, key, now);
        if (latest.subject === input.subject && latest.body === input.body) return;
        const version = latest.version + 1;
        const inserted = await repo.insertVersion(
          tx,
          organisationId,
          {
            key,
            version,
            subject: input.subject,
            body: input.body,
            createdBy: actor.kind === 'member' ? actor.userId : null,
          },
          now,
        );
        if (!inserted) {
          throw new AppError(
            'conflict',
            'Someone else saved this template a moment ago: reload it to see their version, then save again',
          );
        }
        await recordAudit(
          tx,
          organisationId,
          actor,
          { action: 'template.updated', subjectType: 'template', subjectId: key, detail: { version } },
          now,
        );
      });
      return get(organisationId, key);
    },

    /**
     * Renders a template (unsaved text, or the current version) the way it would be sent: with a real
     * application when there is one, else sample data.
     */
    async preview(
      organisationId: string,
      key: TemplateKey,
      input: TemplatePreviewRequest,
      actor: Actor,
    ): Promise<TemplatePreview> {
      const definition = templates[key];
      const current = await repo.findLatestVersion(ctx.kysely, organisationId, key);
      const source = {
        subject: input.subject ?? current?.subject ?? definition.defaults.subject,
        body: input.body ?? current?.body ?? definition.defaults.body,
      };
      validate(key, source);

      const context = sampleContext(key) as TemplateContext<TemplateKey> & CommonVariables;
      const organisationName = singleLine(await findOrganisationName(ctx.kysely, organisationId), 200);
      context.organisation = { name: organisationName };
      if (definition.audience === 'member' && actor.kind === 'member') {
        context.recipient = { name: actor.name, firstName: firstNameOf(actor.name), email: actor.email };
      }

      const usesApplication = definition.audience === 'candidate' || definition.aboutApplication;
      const applicationId =
        input.applicationId ??
        (usesApplication ? await findNewestApplicationId(ctx.kysely, organisationId) : undefined);
      const application = applicationId
        ? await findApplicationFacts(ctx.kysely, organisationId, applicationId)
        : undefined;
      if (input.applicationId && !application) throw notFound('Application');
      if (application && usesApplication) {
        const candidateName = singleLine(application.candidate.name, 200);
        context.candidate = { name: candidateName, firstName: firstNameOf(candidateName) };
        if (definition.audience === 'candidate') {
          context.recipient = {
            name: candidateName,
            firstName: firstNameOf(candidateName),
            email: application.candidate.email,
          };
        }
        if (definition.aboutApplication) {
          context.role = { title: singleLine(application.role.title, 200) };
          context.venue = { name: singleLine(application.venue.name, 200) };
          context.manager = application.hiringManager
            ? {
                name: singleLine(application.hiringManager.name, 200),
                email: application.hiringManager.email,
              }
            : { name: `The ${organisationName} hiring team`, email: '' };
        }
      }

      const branding = await repo.findBranding(ctx.kysely, organisationId);
      // The email as sent ends with the referral ask when it is on; so does its preview.
      const appendMarkdown =
        definition.audience === 'candidate' && (await referralAskOn(ctx.kysely, organisationId, key))
          ? referralAskMarkdown(`${samplePortalUrl}#refer`)
          : undefined;
      try {
        const rendered = renderMessage({
          key,
          source,
          context,
          branding: { name: organisationName, ...branding },
          appendMarkdown,
          unsubscribeUrl: definition.listUnsubscribe
            ? `${ctx.config.publicUrl}/unsubscribe/preview`
            : undefined,
        });
        return {
          ...rendered,
          source: application && usesApplication ? 'application' : 'sample',
          applicationId: application && usesApplication ? application.id : null,
        };
      } catch (err) {
        throw asValidationError(err);
      }
    },
  };
}
export type TemplateService = ReturnType<typeof templateService>;

export function brandingService(ctx: AppContext) {
  return {
    get(organisationId: string): Promise<Branding> {
      return repo.findBranding(ctx.kysely, organisationId);
    },
    async update(organisationId: string, input: BrandingUpdate, actor: Actor): Promise<Branding> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const saved = await repo.saveBranding(tx, organisationId, input, now);
        await recordAudit(
          tx,
          organisationId,
          actor,
          {
            action: 'settings.branding_updated',
            subjectType: 'organisation',
            subjectId: organisationId,
            detail: { logoUrl: saved.logoUrl, brandColour: saved.brandColour },
          },
          now,
        );
        return saved;
      });
    },
  };
}
