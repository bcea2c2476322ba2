import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../http/access.ts';
import { canManageHiring } from '../../http/actor.ts';
import { type ApiApp, errorResponses, idParams } from '../../http/types.ts';
import { jobListQuery, jobPageSchema, jobSchema } from './jobs.schema.ts';
import { jobService } from './jobs.service.ts';

export function jobRoutes(app: ApiApp, ctx: AppContext): void {
  const jobs = jobService(ctx);
  const tags = ['jobs'];

  app.get(
    '/api/v1/jobs/:id',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Read a background job: its status and progress, and its result once it has succeeded',
        description:
          'Long work (drafting every message of a role, sending opportunities) runs as a job. The request that starts it answers with the job; poll this until `status` is succeeded, failed or cancelled. `progress` is done / total. A job of another organisation is not found.',
        params: idParams,
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return jobs.get(actor.organisationId, request.params.id);
    },
  );

  app.get(
    '/api/v1/jobs',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: "List the organisation's background jobs, newest first",
        querystring: jobListQuery,
        response: { 200: jobPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return jobs.list(actor.organisationId, request.query);
    },
  );

  app.post(
    '/api/v1/jobs/:id/cancel',
    {
      config: { access: { roles: canManageHiring } },
      schema: {
        tags,
        summary: 'Stop a queued or running job before its next step',
        description: 'Steps already done stay done (each commits on its own). Audited.',
        params: idParams,
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return jobs.cancel(actor.organisationId, request.params.id, actor);
    },
  );
}
