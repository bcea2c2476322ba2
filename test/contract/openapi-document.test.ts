// The API document as client generators and linters read it: Redocly's recommended rules with no
// errors, a unique operationId on every operation, and the server answering 405 with `Allow` for a
// method a documented path does not offer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from '../../src/http/types.ts';
import { packageRoot } from '../../src/paths.ts';
import { buildTestApp } from '../support/app.ts';
import { createTestContext } from '../support/database.ts';

type Document = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
};

// The document is the same on either database, so one (SQLite) is enough here.
describe('the OpenAPI document', () => {
  let test: Awaited<ReturnType<typeof createTestContext>>;
  let app: ApiApp;
  let doc: Document;
  beforeAll(async () => {
    test = await createTestContext('sqlite');
    app = await buildTestApp(test.ctx);
    doc = (await app.inject({ url: '/api/openapi.json' })).json();
  });
  afterAll(async () => {
    await app.close();
    await test.close();
  });

  it('names every operation once, and says where the server is and what needs no credentials', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, ...op })),
    );
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter((op) => !op.operationId).map((op) => op.key)).toEqual([]);
    const ids = ops.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/v1/venues']?.get?.operationId).toBe('listVenues');
    expect(doc.paths['/api/v1/venues/{id}']?.patch?.operationId).toBe('updateVenue');
    expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    expect(doc.servers?.[0]?.url).toBe('http://127.0.0.1:3000');
  });

  it('passes Redocly lint with its recommended rules, with no errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'followspot-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const run = spawnSync(
        join(packageRoot(), 'node_modules/.bin/redocly'),
        ['lint', file, '--format=json'],
        {
          encoding: 'utf8',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          timeout: 120_000,
        },
      );
      const report = JSON.parse(run.stdout) as {
        totals: { errors: number };
        problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
      };
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('answers a method a path does not take with 405 and Allow, in the error shape', async () => {
    const res = await app.inject({ method: 'PUT', url: '/api/v1/venues/01J00000000000000000000000' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    expect(res.json().error).toMatchObject({ code: 'method_not_allowed' });
    const unknown = await app.inject({ method: 'PUT', url: '/api/v1/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
  });
});
