// GET /metrics for Prometheus: request durations by route, the outbox's depth and the age of its
// oldest due email, sweep timings and the database pool. Only with METRICS_TOKEN, sent as a bearer token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../app-context.ts';
import { processRegistry } from '../metrics.ts';

const outboxStatuses = ['held', 'queued', 'sending'] as const;

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  const token = ctx.config.metricsToken;
  if (!token) return; // no token configured: there is no such endpoint
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'followspot_' });

  const requestDuration = new Histogram({
    name: 'followspot_http_request_duration_seconds',
    help: 'HTTP request durations by route pattern (never the raw URL: personal links stay out)',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  new Gauge({
    name: 'followspot_outbox_messages',
    help: 'Emails in the outbox not yet sent, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await ctx.kysely
        .selectFrom('message')
        .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
        .where('status', 'in', outboxStatuses)
        .groupBy('status')
        .execute();
      for (const status of outboxStatuses) {
        const row = rows.find((r) => r.status === status);
        this.set({ status }, Number(row?.n ?? 0));
      }
    },
  });
  new Gauge({
    name: 'followspot_outbox_oldest_due_age_seconds',
    help: 'How long the oldest email that is due has been waiting to be sent (0 when none is)',
    registers: [registry],
    async collect() {
      const now = ctx.now();
      const row = await ctx.kysely
        .selectFrom('message')
        .select((eb) => eb.fn.min('send_after').as('oldest'))
        .where('status', '=', 'queued')
        .where('send_after', '<=', now.toISOString())
        .executeTakeFirst();
      const oldest = row?.oldest ? Date.parse(String(row.oldest)) : undefined;
      this.set(oldest === undefined ? 0 : Math.max(0, (now.getTime() - oldest) / 1000));
    },
  });
  new Gauge({
    name: 'followspot_database_pool_connections',
    help: 'Connections of the database pool, by state (PostgreSQL; SQLite is one connection)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = ctx.db.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (!given || !sameToken(given, token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({
          error: {
            code: 'unauthenticated',
            message: 'Send the metrics token as Authorization: Bearer <token>',
          },
        });
    }
    const merged = Registry.merge([registry, processRegistry]);
    return reply.type(merged.contentType).send(await merged.metrics());
  });
}
