import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { createTestContext, describeEachDatabase } from '../../test/support/database.ts';
import type { ApiApp } from './types.ts';

const token = 'metrics-token-0123456789abcdef';

describeEachDatabase('GET /metrics', (get) => {
  let app: ApiApp;
  beforeAll(async () => {
    get().ctx.config.metricsToken = token;
    app = await buildTestApp(get().ctx);
  });
  afterAll(async () => app.close());

  it('refuses a scrape without the token, or with a wrong one', async () => {
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('followspot_');
  });

  it('reports request durations by route, the outbox, the sweep and the database pool', async () => {
    await app.inject({ url: '/healthz' });
    await app.inject({ url: '/c/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ' });
    const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(
      /followspot_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 1/,
    );
    // The route pattern, never a candidate's personal link.
    expect(res.body).toContain('route="/c/:token"');
    expect(res.body).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(res.body).toMatch(/followspot_outbox_messages\{status="queued"\} 0/);
    expect(res.body).toMatch(/followspot_outbox_oldest_due_age_seconds 0/);
    expect(res.body).toContain('followspot_sweep_duration_seconds');
    expect(res.body).toMatch(/followspot_database_pool_connections\{state="total"\} \d+/);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let app: ApiApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const test = await createTestContext('sqlite');
    close = test.close;
    app = await buildTestApp(test.ctx);
  });
  afterAll(async () => {
    await app.close();
    await close();
  });

  it('does not exist', async () => {
    const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(404);
  });
});
