import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { rateLimits } from '../../http/rate-limits.ts';
import { type ApiApp, errorResponses } from '../../http/types.ts';
import {
  fromMailgun,
  fromPostmark,
  mailgunNotificationSchema,
  postmarkNotificationSchema,
  verifyMailgun,
  verifyPostmark,
} from './bounces.providers.ts';
import { bounceService } from './bounces.service.ts';

const bounceResultSchema = z.object({
  result: z
    .enum(['recorded', 'duplicate', 'unknown_message', 'ignored'])
    .describe(
      '`recorded`; `duplicate`: this event was recorded before; `unknown_message`: no message of ours has that id; `ignored`: not about a failed delivery',
    ),
});

export function bounceRoutes(app: ApiApp, ctx: AppContext): void {
  const bounces = bounceService(ctx);
  const tags = ['bounces'];
  const config = { access: 'public' as const, rateLimit: rateLimits.bounceWebhookPerAddress };

  app.post(
    '/api/v1/bounces/mailgun',
    {
      config,
      schema: {
        tags,
        summary: 'Mailgun’s webhook for failed deliveries and complaints',
        description:
          'Point Mailgun’s "Permanent failure", "Temporary failure" and "Spam complaints" webhooks here. Each call is checked against MAILGUN_WEBHOOK_SIGNING_KEY (signatures older than 15 minutes are refused). A permanent failure of an outcome email puts its application back to tell and tells the hiring manager.',
        body: mailgunNotificationSchema,
        response: { 200: bounceResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      verifyMailgun(request.body, ctx.config.mailgunWebhookSigningKey, ctx.now());
      const event = fromMailgun(request.body);
      return { result: event ? await bounces.record(event) : ('ignored' as const) };
    },
  );

  app.post(
    '/api/v1/bounces/postmark',
    {
      config,
      // The credentials are in a header: checked before the body is read.
      preValidation: async (request) =>
        verifyPostmark(request.headers.authorization, ctx.config.bounceWebhookToken),
      schema: {
        tags,
        summary: 'Postmark’s bounce and spam-complaint webhook',
        description:
          'Set the webhook URL with BOUNCE_WEBHOOK_TOKEN as its basic-auth password (`https://postmark:<token>@your-host/api/v1/bounces/postmark`). Followspot names each message in Postmark metadata (`followspot-message`).',
        body: postmarkNotificationSchema,
        response: { 200: bounceResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const event = fromPostmark(request.body);
      return { result: event ? await bounces.record(event) : ('ignored' as const) };
    },
  );
}
