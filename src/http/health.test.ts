import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import type { ApiApp } from './types.ts';

describeEachDatabase('health and API description', (get, dialect) => {
  let app: ApiApp;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
  });
  afterAll(async () => app.close());

  it('answers /healthz and /readyz with the database in use', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: dialect });
  });

  it('documents every core resource in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const resource of ['venues', 'roles', 'candidates', 'applications', 'interviews', 'members']) {
      expect(paths, resource).toContain(`/api/v1/${resource}`);
      expect(paths, resource).toContain(`/api/v1/${resource}/{id}`);
    }
    expect(paths).toContain('/api/v1/api-keys/{id}/revoke');
    expect(paths).toContain('/api/v1/setup');
    const docs = await app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
