// Every operation of the OpenAPI document, walked twice: as organisation A with organisation B's real
// ids (every answer a 404, nothing of B changed), and as each member role, an API key and nobody
// against the permission table below — written out by hand, apart from the routes' declarations, so
// that a change to who may do what is a change to this table too. An operation missing from the
// table fails the walk.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.ts';
import type { ApiApp } from '../../src/http/types.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/database.ts';
import { type Hints, loadOperations, type Operation, validRequest } from './operations.ts';
import { organisationDigest } from './organisation-data.ts';
import { collectionOf, makeWorld, type World } from './world.ts';

type Caller = 'admin' | 'manager' | 'interviewer' | 'integrator';
const everyone: Caller[] = ['admin', 'manager', 'interviewer', 'integrator'];
const hiring: Caller[] = ['admin', 'manager', 'integrator'];
const admins: Caller[] = ['admin'];
/** `public`: no credentials; `session`: members only, never an API key. */
type Expected = 'public' | { roles: Caller[]; session?: true };
const members = { roles: everyone.filter((c) => c !== 'integrator'), session: true } as const;
const adminSession = { roles: admins, session: true } as const;

export const permissions: Record<string, Expected> = {
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup': 'public',
  'GET /api/v1/me': members,
  'PUT /api/v1/me/name': members,
  'PUT /api/v1/me/password': members,
  'POST /api/v1/me/email': members,
  'POST /api/v1/me/email/confirm': 'public',
  'POST /api/v1/password-reset/request': 'public',
  'POST /api/v1/password-reset': 'public',
  'GET /api/v1/metrics': { roles: hiring },
  'GET /api/v1/reputation/settings': { roles: admins },
  'PATCH /api/v1/reputation/settings': { roles: admins },
  'GET /api/v1/reputation/preview': { roles: admins },
  'GET /api/v1/privacy/settings': { roles: admins },
  'PATCH /api/v1/privacy/settings': { roles: admins },
  'GET /api/v1/privacy/due': { roles: admins },
  'GET /api/v1/candidates/{id}/legal-hold': { roles: admins },
  'PUT /api/v1/candidates/{id}/legal-hold': { roles: admins },
  'DELETE /api/v1/candidates/{id}/legal-hold': { roles: admins },
  'GET /api/v1/candidates/{id}/data-export': { roles: admins },
  'GET /api/v1/venues': { roles: everyone },
  'POST /api/v1/venues': { roles: admins },
  'GET /api/v1/venues/{id}': { roles: everyone },
  'PATCH /api/v1/venues/{id}': { roles: admins },
  'DELETE /api/v1/venues/{id}': { roles: admins },
  'GET /api/v1/roles': { roles: everyone },
  'POST /api/v1/roles': { roles: hiring },
  'GET /api/v1/roles/{id}': { roles: everyone },
  'PATCH /api/v1/roles/{id}': { roles: hiring },
  'DELETE /api/v1/roles/{id}': { roles: hiring },
  'GET /api/v1/candidates': { roles: everyone },
  'POST /api/v1/candidates': { roles: hiring },
  'GET /api/v1/candidates/{id}': { roles: everyone },
  'PATCH /api/v1/candidates/{id}': { roles: hiring },
  'DELETE /api/v1/candidates/{id}': { roles: hiring },
  'GET /api/v1/applications': { roles: everyone },
  'POST /api/v1/applications': { roles: hiring },
  'GET /api/v1/applications/{id}': { roles: everyone },
  'PATCH /api/v1/applications/{id}': { roles: hiring },
  'DELETE /api/v1/applications/{id}': { roles: hiring },
  'GET /api/v1/interviews': { roles: everyone },
  'POST /api/v1/interviews': { roles: hiring },
  'GET /api/v1/interviews/{id}': { roles: everyone },
  'PATCH /api/v1/interviews/{id}': { roles: hiring },
  'DELETE /api/v1/interviews/{id}': { roles: hiring },
  'GET /api/v1/members': { roles: everyone },
  'PATCH /api/v1/members/{id}': { roles: admins },
  'DELETE /api/v1/members/{id}': { roles: admins },
  'GET /api/v1/invitations': adminSession,
  'POST /api/v1/invitations': adminSession,
  'POST /api/v1/invitations/{id}/cancel': adminSession,
  'GET /api/v1/invitations/by-token/{token}': 'public',
  'POST /api/v1/invitations/accept': 'public',
  // Signed by the email provider, not by a member or key: checked in the handler.
  'POST /api/v1/bounces/mailgun': 'public',
  'POST /api/v1/bounces/postmark': 'public',
  'POST /api/v1/bounces/ses': 'public',
  'POST /api/v1/bounces/sendgrid': 'public',
  'GET /api/v1/api-keys': { roles: admins },
  'POST /api/v1/api-keys': { roles: admins },
  'POST /api/v1/api-keys/{id}/revoke': { roles: admins },
  'GET /api/v1/messages': { roles: hiring },
  'GET /api/v1/messages/{id}': { roles: hiring },
  'POST /api/v1/messages/{id}/cancel': { roles: hiring },
  'POST /api/v1/messages/{id}/retry': { roles: hiring },
  'GET /api/v1/templates': { roles: hiring },
  'GET /api/v1/templates/{key}': { roles: hiring },
  'PUT /api/v1/templates/{key}': { roles: admins },
  'POST /api/v1/templates/{key}/preview': { roles: hiring },
  'GET /api/v1/settings/branding': { roles: admins },
  'PATCH /api/v1/settings/branding': { roles: admins },
  'GET /api/v1/frameworks': { roles: everyone },
  'GET /api/v1/frameworks/{id}': { roles: everyone },
  'PUT /api/v1/frameworks/{id}': { roles: admins },
  'PATCH /api/v1/frameworks/{id}': { roles: admins },
  'POST /api/v1/frameworks/{id}/copy': { roles: admins },
  'GET /api/v1/roles/{id}/requirements': { roles: everyone },
  'PUT /api/v1/roles/{id}/requirements': { roles: hiring },
  'GET /api/v1/scorecards': { roles: everyone },
  'POST /api/v1/scorecards': members,
  'GET /api/v1/scorecards/{id}': { roles: everyone },
  'PUT /api/v1/scorecards/{id}': members,
  'POST /api/v1/scorecards/{id}/submit': members,
  'POST /api/v1/scorecards/{id}/amend': members,
  'GET /api/v1/roles/{id}/scorecard-completion': { roles: everyone },
  'GET /api/v1/applications/{id}/summary': { roles: everyone },
  'GET /api/v1/settings/decision-clock': { roles: admins },
  'PATCH /api/v1/settings/decision-clock': { roles: admins },
  'POST /api/v1/applications/{id}/holding-update': { roles: hiring },
  'POST /api/v1/applications/{id}/scorecard-reminders': { roles: hiring },
  'GET /api/v1/applications/{id}/holding-updates': { roles: everyone },
  'GET /api/v1/notifications': members,
  'POST /api/v1/notifications/{id}/read': members,
  'POST /api/v1/notifications/{id}/unread': members,
  'POST /api/v1/notifications/read-all': members,
  'POST /api/v1/feedback/check': { roles: everyone },
  'POST /api/v1/applications/{id}/feedback/draft': { roles: hiring },
  'GET /api/v1/applications/{id}/feedback': { roles: hiring },
  'PUT /api/v1/applications/{id}/feedback': { roles: hiring },
  'POST /api/v1/applications/{id}/feedback/approve': { roles: hiring },
  'POST /api/v1/applications/{id}/feedback/preview': { roles: hiring },
  'GET /api/v1/training': { roles: everyone },
  'POST /api/v1/applications/{id}/decision': { roles: hiring },
  'POST /api/v1/applications/{id}/decision/send-again': { roles: hiring },
  'POST /api/v1/applications/{id}/feedback-call': { roles: hiring },
  'POST /api/v1/applications/{id}/told': { roles: hiring },
  'GET /api/v1/roles/{id}/screening-reasons': { roles: hiring },
  'POST /api/v1/roles/{id}/close-the-rest': { roles: hiring },
  'GET /api/v1/roles/{id}/close-the-rest': { roles: hiring },
  'POST /api/v1/roles/{id}/close-the-rest/send': { roles: hiring },
  'POST /api/v1/roles/{id}/close-the-rest/approve': { roles: hiring },
  'PATCH /api/v1/roles/{id}/close-the-rest/{applicationId}': { roles: hiring },
  'GET /api/v1/roles/{id}/closure-report': { roles: hiring },
  'GET /api/v1/candidates/{id}/timeline': { roles: hiring },
  'GET /api/v1/jobs': { roles: hiring },
  'GET /api/v1/exports/{kind}': { roles: hiring },
  'POST /api/v1/imports': { roles: hiring },
  'GET /api/v1/imports/presets': { roles: hiring },
  'GET /api/v1/jobs/{id}': { roles: hiring },
  'POST /api/v1/jobs/{id}/cancel': { roles: hiring },
  'GET /api/v1/data-requests': { roles: admins },
  'POST /api/v1/data-requests/{id}/refuse': { roles: admins },
  'GET /api/v1/network': { roles: hiring },
  'GET /api/v1/network/re-engage': { roles: hiring },
  'GET /api/v1/network/{candidateId}': { roles: hiring },
  'POST /api/v1/candidates/{id}/future-fit': { roles: hiring },
  'GET /api/v1/roles/{id}/network-matches': { roles: hiring },
  'POST /api/v1/roles/{id}/opportunities/preview': { roles: hiring },
  'POST /api/v1/roles/{id}/opportunities': { roles: hiring },
  'GET /api/v1/referrals': { roles: hiring },
  'GET /api/v1/referrals/referrers': { roles: hiring },
  'GET /api/v1/referrals/links': { roles: hiring },
  'GET /api/v1/webhooks': { roles: admins },
  'POST /api/v1/webhooks': { roles: admins },
  'GET /api/v1/webhooks/{id}': { roles: admins },
  'PATCH /api/v1/webhooks/{id}': { roles: admins },
  'DELETE /api/v1/webhooks/{id}': { roles: admins },
  'POST /api/v1/webhooks/{id}/rotate-secret': { roles: admins },
  'GET /api/v1/webhooks/{id}/deliveries': { roles: admins },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/send-again': { roles: admins },
  'GET /api/v1/settings/webhooks': { roles: admins },
  'PUT /api/v1/settings/webhooks': { roles: admins },
  'GET /api/v1/referrals/ask-settings': { roles: admins },
  'PATCH /api/v1/referrals/ask-settings': { roles: admins },
};

/** Path parameters that name no organisation's record (a template key is the same everywhere). */
// Path parameters that are not another organisation's ids: template keys, link tokens, export kinds.
const sharedParams = new Set(['key', 'token', 'kind']);

/** A body field holding an id, and the collection it belongs to. */
const idFields: Record<string, string> = {
  applicationId: 'applications',
  roleId: 'roles',
  candidateId: 'candidates',
  candidateIds: 'candidates',
  venueId: 'venues',
  interviewId: 'interviews',
  frameworkId: 'frameworks',
  hiringManagerId: 'users',
  userId: 'users',
  interviewerIds: 'users',
};

function hintsFor(world: World): Hints {
  return (name, schema) => {
    const collection = idFields[name];
    if (collection) {
      const id = world.ids[collection]!;
      return schema.type === 'array' ? [id] : id;
    }
    if (name === 'password') return 'a long test password';
    // Fields whose rules relate them to each other or to today.
    if (name === 'startsAt') return '2026-12-07T10:00:00.000Z';
    if (name === 'endsAt') return '2026-12-07T11:00:00.000Z';
    if (name === 'at') return '2026-11-02T10:00:00.000Z';
    if (name === 'newDate') return '2026-12-24';
    if (name === 'reengageOn') return '2099-01-01';
    if (name === 'email') return `walker.${Date.now()}@example.test`;
    return undefined;
  };
}

describeEachDatabase('the API walked from its OpenAPI document', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let a: World;
  let b: World;
  let operations: Operation[];

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    a = await makeWorld(ctx, app);
    b = await makeWorld(ctx, app);
    operations = await loadOperations(app);
  });
  afterAll(async () => app.close());

  it('has a permission entry for every operation, and no entry without one', () => {
    const documented = operations.map((o) => o.key).sort();
    expect(
      documented.filter((k) => !(k in permissions)),
      'operations missing from the table',
    ).toEqual([]);
    expect(
      Object.keys(permissions).filter((k) => !documented.includes(k)),
      'stale entries',
    ).toEqual([]);
  });

  it("answers 404 to every operation on another organisation's records, and changes nothing of theirs", async () => {
    const before = await organisationDigest(ctx, b.organisationId);
    const hints = hintsFor(b);
    const wrong: string[] = [];
    let walked = 0;
    for (const operation of operations) {
      const ownIds = operation.pathParams.filter((p) => !sharedParams.has(p));
      const bodyIds = JSON.stringify(operation.body ?? {}).match(/"(\w+Ids?)"/g) ?? [];
      if (ownIds.length === 0 && bodyIds.length === 0) continue;
      const expected = permissions[operation.key];
      if (!expected || expected === 'public') continue;
      const collection = collectionOf(operation.path);
      if (ownIds.length > 0 && (!collection || !b.ids[collection])) {
        wrong.push(`${operation.key}: no record kind for its {id}: add one to the world`);
        continue;
      }
      const request = validRequest(
        operation,
        (param) => (param === 'key' ? 'offer' : (b.ids[collection ?? ''] ?? '')),
        hints,
      );
      const callers = [
        ...(expected.roles.includes('admin') ? [{ cookie: a.admin.cookie }] : [{ cookie: a.manager.cookie }]),
        ...(expected.roles.includes('integrator') && !expected.session ? [a.apiKey.headers] : []),
      ];
      for (const headers of callers) {
        const res = await app.inject({ ...request, headers, payload: request.payload as object });
        walked += 1;
        const body = res.body ? res.json() : {};
        // A foreign id named in the body may also be refused as that field's problem.
        const refusedField = res.statusCode === 400 && typeof body.error?.field === 'string';
        const ok =
          res.statusCode === 404 || (ownIds.length === 0 && refusedField && /Ids?$/.test(body.error.field));
        if (!ok) wrong.push(`${operation.key} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    console.info(`tenancy walk: ${walked} calls with another organisation's ids`);
    expect(wrong).toEqual([]);
    expect(walked).toBeGreaterThan(60);
    expect(await organisationDigest(ctx, b.organisationId)).toEqual(before);
  });

  it("never lists another organisation's records through a filter", async () => {
    const leaks: string[] = [];
    for (const operation of operations.filter((o) => o.method === 'GET' && o.pathParams.length === 0)) {
      for (const name of Object.keys(operation.query).filter((q) => idFields[q])) {
        const res = await app.inject({
          url: `${operation.path}?${name}=${b.ids[idFields[name]!]}`,
          headers: { cookie: a.admin.cookie },
        });
        const data = res.statusCode === 200 ? (res.json().data ?? []) : [];
        if (res.statusCode >= 500 || data.length > 0)
          leaks.push(`${operation.key}?${name} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('lets each role do exactly what the table says', { timeout: 120_000 }, async () => {
    const missingId = '0ZZZZZZZZZZZZZZZZZZZZZZZZZ';
    const headersOf: Record<Caller | 'nobody', Record<string, string>> = {
      admin: { cookie: a.admin.cookie },
      manager: { cookie: a.manager.cookie },
      interviewer: { cookie: a.interviewer.cookie },
      integrator: a.apiKey.headers,
      nobody: {},
    };
    const wrong: string[] = [];
    let calls = 0;
    for (const operation of operations) {
      const expected = permissions[operation.key];
      if (!expected) continue;
      let url = operation.path;
      for (const p of operation.pathParams) {
        url = url.replace(`{${p}}`, p === 'key' ? 'offer' : p === 'token' ? 'x'.repeat(43) : missingId);
      }
      for (const caller of [...everyone, 'nobody'] as const) {
        const res = await app.inject({
          method: operation.method,
          url,
          headers: headersOf[caller],
          ...(operation.body && { payload: {} }),
        });
        calls += 1;
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const allowed =
          expected === 'public' ||
          (caller !== 'nobody' &&
            expected.roles.includes(caller) &&
            !(expected.session && caller === 'integrator'));
        const want = allowed ? 'allowed' : caller === 'nobody' ? '401' : '403';
        const got = denied ? String(res.statusCode) : 'allowed';
        if (want !== got)
          wrong.push(`${operation.key} as ${caller}: expected ${want}, got ${res.statusCode}`);
      }
    }
    console.info(`permission walk: ${operations.length} operations × 5 callers = ${calls} calls`);
    expect(wrong).toEqual([]);
    expect(calls).toBe(operations.length * 5);
  });
});
