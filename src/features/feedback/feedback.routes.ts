import type { AppContext } from '../../app-context.ts';
import { anyMember, authenticate, requireRole } from '../../http/actor.ts';
import { type ApiApp, errorResponses, security } from '../../http/types.ts';
import { errorSchema } from '../shared.schema.ts';
import { feedbackCheckRequestSchema, feedbackCheckSchema } from './feedback.schema.ts';
import { feedbackService } from './feedback.service.ts';

export function feedbackRoutes(app: ApiApp, ctx: AppContext): void {
  const feedback = feedbackService(ctx);

  app.post(
    '/api/v1/feedback/check',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['feedback'],
        security,
        summary: 'Check candidate feedback before it is sent',
        description:
          'Finds vague phrases, a missing strength, development area or next step, language touching a protected characteristic (Equality Act 2010), private notes or interviewer names leaked into the text, tone and length. Each finding has character offsets into `text`. With `applicationId`, the text is checked against that application’s interviewers and their scorecards’ private notes. Nothing is stored.',
        body: feedbackCheckRequestSchema,
        response: { 200: feedbackCheckSchema, ...errorResponses, 429: errorSchema },
      },
    },
    async (request) => {
      const actor = await authenticate(ctx, request);
      requireRole(actor, anyMember);
      return feedback.check(actor.organisationId, request.body);
    },
  );
}
