import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canAdminister } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import {
  candidateDataExportSchema,
  legalHoldBody,
  legalHoldSchema,
  privacySettingsSchema,
  privacySettingsUpdate,
  retentionDueQuery,
  retentionDueSchema,
} from './privacy.schema.ts';
import { privacyService } from './privacy.service.ts';

export function privacyRoutes(app: ApiApp, ctx: AppContext): void {
  const privacy = privacyService(ctx);
  const tags = ['privacy'];

  app.get(
    '/api/v1/privacy/settings',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'How long candidates and email bodies are kept (the retention policy)',
        response: { 200: privacySettingsSchema, ...errorResponses },
      },
    },
    async (request) => privacy.settings(actorOf(request).organisationId),
  );

  app.patch(
    '/api/v1/privacy/settings',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Change the retention periods (audited)',
        body: privacySettingsUpdate,
        response: { 200: privacySettingsSchema, ...errorResponses },
      },
    },
    async (request) => privacy.updateSettings(actorOf(request), request.body),
  );

  app.get(
    '/api/v1/privacy/due',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary:
          'Candidates the retention sweep anonymises next (export them first if needed), and legal holds',
        querystring: retentionDueQuery,
        response: { 200: retentionDueSchema, ...errorResponses },
      },
    },
    async (request) => privacy.due(actorOf(request).organisationId, request.query.days),
  );

  app.get(
    '/api/v1/candidates/:id/legal-hold',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: "Whether a legal hold (a claim in progress) pauses the candidate's retention and erasure",
        params: idParams,
        response: { 200: legalHoldSchema, ...errorResponses },
      },
    },
    async (request) => privacy.legalHold(actorOf(request).organisationId, request.params.id),
  );

  app.put(
    '/api/v1/candidates/:id/legal-hold',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Place a legal hold: retention and erasure wait until it is released (audited)',
        params: idParams,
        body: legalHoldBody,
        response: { 200: legalHoldSchema, ...errorResponses },
      },
    },
    async (request) =>
      privacy.setLegalHold(actorOf(request), request.params.id, { reason: request.body.reason }),
  );

  app.delete(
    '/api/v1/candidates/:id/legal-hold',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Release the legal hold: retention applies again from the next sweep (audited)',
        params: idParams,
        response: { 200: legalHoldSchema, ...errorResponses },
      },
    },
    async (request) => privacy.setLegalHold(actorOf(request), request.params.id, null),
  );

  app.get(
    '/api/v1/candidates/:id/data-export',
    {
      config: { access: { roles: canAdminister } },
      schema: {
        tags,
        summary: 'Everything held about a candidate, as one JSON file (the same as their own download)',
        description:
          'For a request for their data made another way (a letter, a phone call), or to keep a copy before retention anonymises them. The candidate gets the same file from their page. Audited.',
        params: idParams,
        response: { 200: candidateDataExportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const data = await privacy.exportCandidateData(actorOf(request), request.params.id);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="candidate-${request.params.id}.json"`)
        .send(data);
    },
  );
}
