import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.ts';
import type { AppConfig } from './config.ts';
import { accountRoutes } from './features/account/account.routes.ts';
import { apiKeyRoutes } from './features/api-keys/api-keys.routes.ts';
import { applicationRoutes } from './features/applications/applications.routes.ts';
import { bounceRoutes } from './features/bounces/bounces.routes.ts';
import { candidateRoutes } from './features/candidates/candidates.routes.ts';
import { closureRoutes } from './features/closure/closure.routes.ts';
import { dataRequestRoutes } from './features/data-requests/data-requests.routes.ts';
import { decisionClockRoutes } from './features/decision-clock/decision-clock.routes.ts';
import { exportRoutes } from './features/exports/exports.routes.ts';
import { feedbackRoutes } from './features/feedback/feedback.routes.ts';
import { frameworkRoutes } from './features/frameworks/frameworks.routes.ts';
import { importRoutes } from './features/imports/imports.routes.ts';
import { interviewRoutes } from './features/interviews/interviews.routes.ts';
import { jobRoutes } from './features/jobs/jobs.routes.ts';
import { memberRoutes } from './features/members/members.routes.ts';
import { messageRoutes } from './features/messages/messages.routes.ts';
import { networkRoutes } from './features/network/network.routes.ts';
import { unsubscribeRoutes } from './features/network/network.unsubscribe.ts';
import { notificationRoutes } from './features/notifications/notifications.routes.ts';
import { privacyRoutes } from './features/privacy/privacy.routes.ts';
import { referralRoutes } from './features/referrals/referrals.routes.ts';
import { reputationRoutes } from './features/reputation/reputation.routes.ts';
import { roleRoutes } from './features/roles/roles.routes.ts';
import { scorecardRoutes } from './features/scorecards/scorecards.routes.ts';
import { sessionRoutes } from './features/session/session.routes.ts';
import { setupRoutes } from './features/setup/setup.routes.ts';
import { templateRoutes } from './features/templates/templates.routes.ts';
import { venueRoutes } from './features/venues/venues.routes.ts';
import { webhookRoutes } from './features/webhooks/webhooks.routes.ts';
import { documentAccess, enforceAccess } from './http/access.ts';
import { authHandlerRoutes } from './http/auth-handler.ts';
import { registerBodyRules } from './http/body-rules.ts';
import { registerErrorHandler } from './http/errors.ts';
import { healthRoutes } from './http/health.routes.ts';
import { registerIdempotency, withIdempotencyHeader } from './http/idempotency.ts';
import { registerMetrics } from './http/metrics.ts';
import { documentOperations, operationRegistry } from './http/operations.ts';
import { rateLimits } from './http/rate-limits.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { createSerializerCompiler } from './http/serializer.ts';
import type { ApiApp } from './http/types.ts';
import { registerCompression, registerWebAssets } from './http/web-assets.ts';
import { requestSerializer } from './portal/log.ts';
import { portalRoutes } from './portal/portal.routes.ts';

export interface BuildOptions {
  logger?: boolean;
  /** Where log lines go instead of stdout (tests). */
  logStream?: NodeJS.WritableStream;
  /** Where the built web app is; omitted or missing means API only. */
  webDir?: string;
  /**
   * Rate limits are on in every mode; only code that drives the app in-process (tests, seed-demo)
   * may turn them off. There is deliberately no environment variable for it.
   */
  rateLimits?: boolean;
}

/** Errors Fastify meets before routing (a malformed URL, a bad content type), in our shape too. */
function beforeRouting(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .status(status)
    .send({ error: { code: 'validation_failed', message: `url: ${error.message}`, field: 'url' } });
}

/** A hop count trusts that many proxies nearest the server, as X-Forwarded-For lists them. */
function trustProxyOption(
  trust: AppConfig['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

export async function buildServer(ctx: AppContext, options: BuildOptions = {}): Promise<ApiApp> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // A candidate's personal link (/c/<token>) is never written to the log.
            serializers: { req: requestSerializer },
            ...(options.logStream && { stream: options.logStream }),
            // Readable lines for a person at a terminal; JSON for production and log collectors.
            ...(!ctx.config.production &&
              process.stdout.isTTY &&
              !options.logStream && {
                transport: {
                  target: 'pino-pretty',
                  options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
                },
              }),
          },
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    frameworkErrors: beforeRouting,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler({ verify: !ctx.config.production }));

  registerSecurityHeaders(app, {
    // Strict-Transport-Security only means something, and only belongs, on an https address.
    hsts: ctx.config.publicUrl.startsWith('https://') ? { maxAge: 31_536_000 } : false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Before any route, so every route's replies are compressed.
  await registerCompression(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    ...rateLimits.api,
    ...(options.rateLimits === false && { allowList: () => true }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Followspot API',
        version: '1',
        description:
          'After-the-interview hiring for venues that hire AV technicians. Authenticate with `Authorization: Bearer <api key>` (create one in Settings → API keys or with `npx followspot api-key create --org <slug>`), or a signed-in session. Errors are `{ "error": { "code", "message" } }`.',
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      },
      servers: [{ url: ctx.config.publicUrl, description: 'This installation' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An organisation API key' },
          session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' },
        },
      },
    },
    transform: withIdempotencyHeader(jsonSchemaTransform),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });

  registerErrorHandler(app);
  registerBodyRules(app);
  // Every API route declares who may call it; that is checked before its body is read.
  app.addHook('onRoute', documentAccess);
  const operations = operationRegistry();
  app.addHook('onRoute', documentOperations(operations));
  app.addHook('onRequest', enforceAccess(ctx));
  registerIdempotency(app, ctx);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, ctx);
  registerMetrics(app, ctx);
  authHandlerRoutes(app, ctx);
  setupRoutes(app, ctx);
  sessionRoutes(app, ctx);
  accountRoutes(app, ctx);
  venueRoutes(app, ctx);
  reputationRoutes(app, ctx);
  roleRoutes(app, ctx);
  candidateRoutes(app, ctx);
  applicationRoutes(app, ctx);
  interviewRoutes(app, ctx);
  memberRoutes(app, ctx);
  apiKeyRoutes(app, ctx);
  messageRoutes(app, ctx);
  templateRoutes(app, ctx);
  frameworkRoutes(app, ctx);
  scorecardRoutes(app, ctx);
  decisionClockRoutes(app, ctx);
  notificationRoutes(app, ctx);
  feedbackRoutes(app, ctx);
  portalRoutes(app, ctx);
  networkRoutes(app, ctx);
  referralRoutes(app, ctx);
  unsubscribeRoutes(app, ctx);
  closureRoutes(app, ctx);
  dataRequestRoutes(app, ctx);
  privacyRoutes(app, ctx);
  jobRoutes(app, ctx);
  exportRoutes(app, ctx);
  importRoutes(app, ctx);
  bounceRoutes(app, ctx);
  webhookRoutes(app, ctx);

  // One not-found handler: pages of the single-page app for GETs outside the API, else the error shape.
  const webDir =
    options.webDir && existsSync(resolve(options.webDir, 'index.html')) ? resolve(options.webDir) : undefined;
  if (webDir) await registerWebAssets(app, webDir);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(path);
    if (webDir && isPage)
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    const allowed = operations.allowed(path);
    if (allowed.length > 0) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({
          error: {
            code: 'method_not_allowed',
            message: `${path} does not take ${request.method}; it takes ${allowed.join(', ')}`,
          },
        });
    }
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route for ${request.method} ${path}` } });
  });
  return app;
}
