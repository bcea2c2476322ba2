import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { operationIdOf, operationRegistry } from './operations.ts';

describe('operation ids', () => {
  it.each([
    ['GET', '/api/v1/venues', 'listVenues'],
    ['POST', '/api/v1/venues', 'createVenue'],
    ['GET', '/api/v1/venues/:id', 'getVenue'],
    ['PATCH', '/api/v1/venues/:id', 'updateVenue'],
    ['DELETE', '/api/v1/api-keys/:id', 'deleteApiKey'],
    ['POST', '/api/v1/roles/:id/close-the-rest/send', 'postRoleCloseTheRestSend'],
    ['GET', '/api/v1/applications/:id/summary', 'getApplicationSummary'],
    ['GET', '/api/v1/invitations/by-token/:token', 'getInvitationsByToken'],
    ['GET', '/api/v1/setup', 'getSetup'],
    ['POST', '/api/v1/setup', 'postSetup'],
    ['PUT', '/api/v1/settings/decision-clock', 'putSettingsDecisionClock'],
    ['GET', '/healthz', 'getHealthz'],
  ])('%s %s is %s', (method, url, id) => {
    expect(operationIdOf(method, url)).toBe(id);
  });

  it('refuses the same id twice, and knows the methods of a concrete path', () => {
    const registry = operationRegistry();
    const routes: Pick<RouteOptions, 'method' | 'url'>[] = [
      { method: 'GET', url: '/api/v1/venues/:id' },
      { method: ['PATCH', 'DELETE'], url: '/api/v1/venues/:id' },
      { method: 'GET', url: '/api/v1/venues' },
    ];
    for (const route of routes) {
      registry.add(route);
      registry.claim(route);
    }
    expect(() => registry.claim({ method: 'POST', url: '/api/v1/other' }, 'getVenue')).toThrow(
      /already GET \/api\/v1\/venues\/:id's/,
    );
    const network = { method: 'GET', url: '/api/v1/network' } as const;
    const member = { method: 'GET', url: '/api/v1/network/:candidateId' } as const;
    expect([registry.claim(network), registry.claim(member)]).toEqual([
      'getNetwork',
      'getNetworkByCandidateId',
    ]);
    expect(registry.allowed('/api/v1/venues/01ABC')).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH']);
    expect(registry.allowed('/api/v1/venues')).toEqual(['GET', 'HEAD']);
    expect(registry.allowed('/api/v1/nothing')).toEqual([]);
  });
});
