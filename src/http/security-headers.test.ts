import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders, securityHeaders } from './security-headers.ts';

const options = {
  hsts: false as const,
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } },
};

describe('security headers', () => {
  it('are the headers helmet writes for the options', () => {
    const headers = securityHeaders(options);
    expect(headers['content-security-policy']).toContain("img-src 'self' data:");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ hsts: { maxAge: 31_536_000 } })['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });

  it('are on every reply, a not-found one too, and a route may replace one', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, options);
    app.get('/page', async (_request, reply) => reply.header('referrer-policy', 'same-origin').send('ok'));
    const page = await app.inject({ url: '/page' });
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const missing = await app.inject({ url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(
      securityHeaders(options)['content-security-policy'],
    );
    await app.close();
  });
});
