import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
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
import {
  fromSendgrid,
  sendgridEventsSchema,
  sendgridSignatureHeader,
  sendgridTimestampHeader,
  verifySendgrid,
} from './bounces.sendgrid.ts';
import { type BounceOutcome, bounceService } from './bounces.service.ts';
import { confirmSnsSubscription, fromSes, snsEnvelopeSchema, verifySns } from './bounces.ses.ts';

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

  // SNS posts JSON as text/plain, and SendGrid's signature covers the exact bytes: these two read
  // their bodies themselves, in a scope of their own.
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    const rawBodies = new WeakMap<FastifyRequest, string>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'string', bodyLimit: 1024 * 1024 },
      (request, body, done) => {
        rawBodies.set(request, body as string);
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new AppError('validation_failed', 'body: not JSON', { field: 'body' }), undefined);
        }
      },
    );

    scope.post(
      '/api/v1/bounces/ses',
      {
        // SNS sends JSON as text/plain; the signature, not the media type, is what is trusted here.
        config: { ...config, bodyTypes: ['text/plain'] },
        schema: {
          tags,
          summary: 'Amazon SES bounces and complaints, through an Amazon SNS subscription',
          description:
            'Subscribe this URL (HTTPS) to the SNS topic SES publishes bounce and complaint notifications to, and name the topic in SES_SNS_TOPIC_ARN. Each message’s SNS signature is checked with its Amazon certificate; the subscription confirms itself. Followspot tags each email (`X-SES-MESSAGE-TAGS: followspot_message=<id>`) and also reads the Message-ID SES hands back.',
          body: snsEnvelopeSchema,
          response: {
            200: bounceResultSchema.extend({
              result: z.enum(['recorded', 'duplicate', 'unknown_message', 'ignored', 'subscribed']),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        await verifySns(request.body, ctx.config.sesSnsTopicArns, ctx.now());
        switch (request.body.Type) {
          case 'SubscriptionConfirmation':
            await confirmSnsSubscription(request.body);
            return { result: 'subscribed' as const };
          case 'UnsubscribeConfirmation':
            return { result: 'ignored' as const };
          case 'Notification': {
            const event = fromSes(request.body);
            return { result: event ? await bounces.record(event) : ('ignored' as const) };
          }
        }
      },
    );

    scope.post(
      '/api/v1/bounces/sendgrid',
      {
        config,
        // The signature covers the raw body: checked before the events are read.
        preValidation: async (request) =>
          verifySendgrid(
            rawBodies.get(request) ?? '',
            {
              signature: request.headers[sendgridSignatureHeader] as string | undefined,
              timestamp: request.headers[sendgridTimestampHeader] as string | undefined,
            },
            ctx.config.sendgridWebhookPublicKey,
            ctx.now(),
          ),
        schema: {
          tags,
          summary: 'SendGrid’s signed Event Webhook: bounces, drops, deferrals and spam reports',
          description:
            'Turn on the Event Webhook with signature verification for Bounced, Dropped, Deferred and Spam Reports, pointing at this URL, and set SENDGRID_WEBHOOK_PUBLIC_KEY to its verification key. Each email names its message in `X-SMTPAPI` unique_args (`followspot_message`). Answers one result per event, in order.',
          body: sendgridEventsSchema,
          response: {
            200: z.object({ results: z.array(bounceResultSchema.shape.result) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const results: (BounceOutcome | 'ignored')[] = [];
        for (const item of request.body) {
          const event = fromSendgrid(item);
          results.push(event ? await bounces.record(event) : ('ignored' as const));
        }
        return { results };
      },
    );
  });
}
