import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { insertAssessmentRole } from '../../../test/support/factories/assessment.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { avTechnicianFramework } from '../../domain/frameworks/av-technician.ts';
import { defaultRequirements, roleLevelKeys } from '../../domain/frameworks/requirements.ts';
import {
  type Criterion,
  ratingLevels,
  trainingCatalogue,
  trainingFor,
} from '../../domain/frameworks/types.ts';
import type { ApiApp } from '../../http/types.ts';
import { frameworkCriteriaSchema } from './frameworks.schema.ts';

const builtInId = 'builtin-av-technician-v1';

describe('the built-in AV technician framework', () => {
  const criteria = avTechnicianFramework.criteria;

  it('has the nine criteria the issue names, in order', () => {
    expect(avTechnicianFramework.id).toBe(builtInId);
    expect(criteria.map((c) => c.name)).toEqual([
      'Signal flow and fault-finding',
      'Audio',
      'Video and projection',
      'Lighting',
      'AV networking and control',
      'Rigging, power and safety',
      'Client and stakeholder communication',
      'Show operation and teamwork',
      'Planning and documentation',
    ]);
  });

  it('passes the same validation as an edited framework', () => {
    expect(frameworkCriteriaSchema.safeParse(criteria).success).toBe(true);
  });

  it('gives every criterion a definition, four distinct descriptors, a 2–4 item kit and standards', () => {
    for (const c of criteria) {
      expect(c.definition.length, c.key).toBeGreaterThan(60);
      const descriptors = Object.values(c.descriptors);
      expect(new Set(descriptors).size, c.key).toBe(4);
      for (const d of descriptors) expect(d.length, c.key).toBeGreaterThan(60);
      expect(c.kit.length, c.key).toBeGreaterThanOrEqual(2);
      expect(c.kit.length, c.key).toBeLessThanOrEqual(4);
      expect(
        c.kit.some((k) => k.kind === 'practical'),
        c.key,
      ).toBe(true);
      expect(c.standards.length, c.key).toBeGreaterThan(0);
    }
  });

  it('suggests training for every criterion at every level below strong, with a link where one is known', () => {
    for (const c of criteria) {
      for (const level of [1, 2, 3] as const) {
        expect(trainingFor(c, level).length, `${c.key} at ${level}`).toBeGreaterThan(0);
      }
      for (const t of c.training) {
        expect(t.forLevels.length).toBeGreaterThan(0);
        if (t.url !== null) expect(t.url).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
      }
    }
    const catalogue = trainingCatalogue(avTechnicianFramework);
    const names = catalogue.map((t) => t.name).join(' | ');
    for (const expected of [
      'CTS',
      'Dante',
      'IPAF',
      'PASMA',
      'NRC',
      'ABTT Bronze',
      '2377-77',
      'Network+',
      'Q-SYS',
      'Crestron',
      'First Aid at Work',
    ]) {
      expect(names).toContain(expected);
    }
    expect(catalogue.find((t) => t.id === 'dante-level-1')?.url).toBe('https://www.getdante.com/');
    expect(catalogue.every((t) => criteria.some((c) => c.key === t.criterionKey))).toBe(true);
  });

  it('does not change under scorecards already written against it', () => {
    // Scorecards and roles point at `builtin-av-technician-v1` and must keep reading the same text.
    // A wording fix that keeps the meaning: update the hash. A change of meaning: add a -v2 built-in.
    const hash = createHash('sha256').update(JSON.stringify(avTechnicianFramework)).digest('hex');
    expect(hash).toBe('276ea2921e5e32a28008c0989043b82dc62f731f156b33c90f6873882ff9ed6f');
  });

  it('is written in UK English', () => {
    const text = JSON.stringify(avTechnicianFramework);
    for (const us of [
      /\bcolor/i,
      /\borganization/i,
      /\bprogram\b(?!mer)/i,
      /\bcenter\b/i,
      /\blicense\b/i,
      /\banalyze/i,
      /\bbehavior/i,
    ]) {
      expect(text).not.toMatch(us);
    }
  });

  it('defaults every role level to a weight and required level per criterion', () => {
    const keys = criteria.map((c: Criterion) => c.key);
    for (const level of roleLevelKeys) {
      const defaults = defaultRequirements(keys, level);
      expect(defaults.map((d) => d.criterionKey)).toEqual(keys);
      for (const d of defaults) {
        expect(d.weight).toBeGreaterThan(0);
        expect(d.weight).toBeLessThanOrEqual(5);
        expect(ratingLevels).toContain(d.requiredLevel);
      }
    }
    const sum = (level: (typeof roleLevelKeys)[number]) =>
      defaultRequirements(keys, level).reduce((s, d) => s + d.requiredLevel, 0);
    expect(sum('trainee')).toBeLessThan(sum('technician'));
    expect(sum('technician')).toBeLessThan(sum('senior_technician'));
    expect(sum('senior_technician')).toBeLessThan(sum('lead_technician'));
  });
});

function editedCriteria(criteria: Criterion[]): Criterion[] {
  const [first, ...rest] = structuredClone(criteria);
  return [
    { ...first!, definition: `${first!.definition} Includes reading the venue's system drawings.` },
    ...rest,
  ];
}

describeEachDatabase('frameworks and role requirements API', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  let manager: TestMember;
  let interviewer: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin' });
    manager = await makeMember(get().ctx, { role: 'manager', organisationId: admin.organisationId });
    interviewer = await makeMember(get().ctx, { role: 'interviewer', organisationId: admin.organisationId });
  });
  afterAll(async () => app.close());

  it('lists the built-in to every member and API key, and reads it in full', async () => {
    const list = await app.inject({ url: '/api/v1/frameworks', headers: { cookie: interviewer.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().data[0]).toMatchObject({
      id: builtInId,
      builtIn: true,
      name: 'AV Technician (UK venues)',
      criteriaCount: 9,
      latestVersion: { id: builtInId, version: 1 },
    });
    const key = await makeApiKey(get().ctx, { organisationId: admin.organisationId });
    const read = await app.inject({ url: `/api/v1/frameworks/${builtInId}`, headers: key.headers });
    expect(read.statusCode).toBe(200);
    const framework = read.json();
    expect(framework.criteria).toHaveLength(9);
    expect(framework.criteria[0].descriptors.competent).toContain('patch bay');
    expect(framework.criteria[0].kit.length).toBeGreaterThanOrEqual(2);
    expect(framework.criteria[0].training[0]).toHaveProperty('forLevels');
    expect(framework.versions).toEqual([{ id: builtInId, version: 1, createdAt: null }]);
  });

  it('copies a framework, versions each edit and keeps the old versions', async () => {
    const headers = { cookie: admin.cookie };
    const copied = await app.inject({
      method: 'POST',
      url: `/api/v1/frameworks/${builtInId}/copy`,
      headers,
      payload: { name: 'Royal Hall technicians' },
    });
    expect(copied.statusCode).toBe(201);
    const copy = copied.json();
    expect(copy).toMatchObject({
      name: 'Royal Hall technicians',
      builtIn: false,
      version: { version: 1 },
      latestVersion: { version: 1 },
      copiedFrom: { frameworkId: builtInId, versionId: builtInId },
    });
    expect(copy.criteria).toEqual(avTechnicianFramework.criteria);

    const criteria = editedCriteria(copy.criteria);
    const edited = await app.inject({
      method: 'PUT',
      url: `/api/v1/frameworks/${copy.id}`,
      headers,
      payload: { name: 'Royal Hall technicians', criteria },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version.version).toBe(2);
    expect(edited.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(edited.json().criteria[0].definition).toContain('system drawings');

    // The same criteria again: renamed, no new version.
    const same = await app.inject({
      method: 'PUT',
      url: `/api/v1/frameworks/${copy.id}`,
      headers,
      payload: { name: 'Royal Hall AV', criteria },
    });
    expect(same.json()).toMatchObject({ name: 'Royal Hall AV', version: { version: 2 } });

    const old = await app.inject({ url: `/api/v1/frameworks/${copy.id}?version=1`, headers });
    expect(old.json().version.version).toBe(1);
    expect(old.json().latestVersion.version).toBe(2);
    expect(old.json().criteria[0].definition).not.toContain('system drawings');
    const missing = await app.inject({ url: `/api/v1/frameworks/${copy.id}?version=9`, headers });
    expect(missing.statusCode).toBe(404);

    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', copy.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'framework.copied',
      'framework.updated',
      'framework.updated',
    ]);

    const listed = (await app.inject({ url: '/api/v1/frameworks', headers })).json();
    expect(listed.data.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining([builtInId, copy.id]),
    );
  });

  it('keeps built-ins read-only and edits to admins', async () => {
    const criteria = editedCriteria(avTechnicianFramework.criteria);
    const builtIn = await app.inject({
      method: 'PUT',
      url: `/api/v1/frameworks/${builtInId}`,
      headers: { cookie: admin.cookie },
      payload: { name: 'Mine now', criteria },
    });
    expect(builtIn.statusCode).toBe(409);
    expect(builtIn.json().error.message).toMatch(/copy/);
    const byManager = await app.inject({
      method: 'POST',
      url: `/api/v1/frameworks/${builtInId}/copy`,
      headers: { cookie: manager.cookie },
      payload: {},
    });
    expect(byManager.statusCode).toBe(403);
  });

  it('names the criterion and field when an edit is invalid', async () => {
    const headers = { cookie: admin.cookie };
    const copy = (
      await app.inject({ method: 'POST', url: `/api/v1/frameworks/${builtInId}/copy`, headers, payload: {} })
    ).json();
    const duplicate = structuredClone(copy.criteria) as Criterion[];
    duplicate[1]!.key = duplicate[0]!.key;
    const dup = await app.inject({
      method: 'PUT',
      url: `/api/v1/frameworks/${copy.id}`,
      headers,
      payload: { name: 'X', criteria: duplicate },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.field).toBe('criteria.1.key');
    expect(dup.json().error.message).toContain('"signal_flow" is used twice');

    const noDescriptor = structuredClone(copy.criteria) as Partial<Criterion>[];
    delete (noDescriptor[2]!.descriptors as Partial<Criterion['descriptors']>).strong;
    const missing = await app.inject({
      method: 'PUT',
      url: `/api/v1/frameworks/${copy.id}`,
      headers,
      payload: { name: 'X', criteria: noDescriptor },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('criteria.2.descriptors.strong');

    const badLevels = structuredClone(copy.criteria) as Criterion[];
    (badLevels[0]!.training[0]!.forLevels as number[]) = [5];
    const levels = await app.inject({
      method: 'PUT',
      url: `/api/v1/frameworks/${copy.id}`,
      headers,
      payload: { name: 'X', criteria: badLevels },
    });
    expect(levels.statusCode).toBe(400);
    expect(levels.json().error.field).toBe('criteria.0.training.0.forLevels.0');
  });

  it("answers 404 for another organisation's framework", async () => {
    const otherAdmin = await makeMember(get().ctx, { role: 'admin' });
    const foreign = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/frameworks/${builtInId}/copy`,
        headers: { cookie: otherAdmin.cookie },
        payload: {},
      })
    ).json();
    const headers = { cookie: admin.cookie };
    const read = await app.inject({ url: `/api/v1/frameworks/${foreign.id}`, headers });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('not_found');
    const copy = await app.inject({
      method: 'POST',
      url: `/api/v1/frameworks/${foreign.id}/copy`,
      headers,
      payload: {},
    });
    expect(copy.statusCode).toBe(404);
    const update = await app.inject({
      method: 'PUT',
      url: `/api/v1/frameworks/${foreign.id}`,
      headers,
      payload: { name: 'Taken over', criteria: foreign.criteria },
    });
    expect(update.statusCode).toBe(404);
    const list = (await app.inject({ url: '/api/v1/frameworks', headers })).json();
    expect(list.data.map((f: { id: string }) => f.id)).not.toContain(foreign.id);
  });

  it("defaults a role's requirements by its level and saves changes", async () => {
    const role = await insertAssessmentRole(get().ctx, {
      organisationId: admin.organisationId,
      level: 'lead_technician',
    });
    const headers = { cookie: manager.cookie };
    const initial = await app.inject({ url: `/api/v1/roles/${role.id}/requirements`, headers });
    expect(initial.statusCode).toBe(200);
    const body = initial.json();
    expect(body).toMatchObject({
      roleLevel: 'lead_technician',
      source: 'default',
      framework: { id: builtInId, versionId: builtInId, builtIn: true, version: 1, latestVersion: 1 },
      updatedAt: null,
    });
    const keys = avTechnicianFramework.criteria.map((c) => c.key);
    expect(
      body.criteria.map((c: { criterionKey: string; weight: number; requiredLevel: number }) => ({
        criterionKey: c.criterionKey,
        weight: c.weight,
        requiredLevel: c.requiredLevel,
      })),
    ).toEqual(defaultRequirements(keys, 'lead_technician'));

    const saved = await app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${role.id}/requirements`,
      headers,
      payload: {
        frameworkId: builtInId,
        criteria: [
          { criterionKey: 'lighting', weight: 0, requiredLevel: 1 },
          { criterionKey: 'audio', weight: 5, requiredLevel: 4 },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);
    const after = saved.json();
    expect(after.source).toBe('saved');
    const byKey = new Map(after.criteria.map((c: { criterionKey: string }) => [c.criterionKey, c]));
    expect(byKey.get('lighting')).toMatchObject({ weight: 0, requiredLevel: 1, name: 'Lighting' });
    expect(byKey.get('audio')).toMatchObject({ weight: 5, requiredLevel: 4 });
    // Not given: the defaults for the level.
    expect(byKey.get('planning_documentation')).toMatchObject({ weight: 5, requiredLevel: 4 });
    const reread = (await app.inject({ url: `/api/v1/roles/${role.id}/requirements`, headers })).json();
    expect(reread).toEqual(after);
  });

  it('uses an organisation framework version for a role, and names bad input', async () => {
    const role = await insertAssessmentRole(get().ctx, { organisationId: admin.organisationId });
    const copy = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/frameworks/${builtInId}/copy`,
        headers: { cookie: admin.cookie },
        payload: {},
      })
    ).json();
    const headers = { cookie: manager.cookie };
    const put = (payload: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/roles/${role.id}/requirements`,
        headers,
        payload: payload as object,
      });

    const ok = await put({ frameworkId: copy.id, criteria: [] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().framework).toMatchObject({
      id: copy.id,
      versionId: copy.version.id,
      builtIn: false,
      version: 1,
    });

    const unknownKey = await put({
      frameworkId: copy.id,
      criteria: [{ criterionKey: 'juggling', weight: 3, requiredLevel: 3 }],
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.field).toBe('criteria.0.criterionKey');
    expect(unknownKey.json().error.message).toContain('"juggling" is not a criterion');

    const allZero = await put({
      frameworkId: builtInId,
      criteria: avTechnicianFramework.criteria.map((c) => ({
        criterionKey: c.key,
        weight: 0,
        requiredLevel: 1,
      })),
    });
    expect(allZero.statusCode).toBe(400);
    expect(allZero.json().error.field).toBe('criteria');

    const weight = await put({
      frameworkId: builtInId,
      criteria: [{ criterionKey: 'audio', weight: 6, requiredLevel: 3 }],
    });
    expect(weight.statusCode).toBe(400);
    expect(weight.json().error.field).toBe('criteria.0.weight');

    const level = await put({
      frameworkId: builtInId,
      criteria: [{ criterionKey: 'audio', weight: 2, requiredLevel: 0 }],
    });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.field).toBe('criteria.0.requiredLevel');

    const version = await put({ frameworkId: copy.id, version: 7, criteria: [] });
    expect(version.statusCode).toBe(400);
    expect(version.json().error.field).toBe('version');

    const byInterviewer = await app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${role.id}/requirements`,
      headers: { cookie: interviewer.cookie },
      payload: { frameworkId: builtInId, criteria: [] },
    });
    expect(byInterviewer.statusCode).toBe(403);
  });

  it("answers 404 for another organisation's role requirements, and refuses its framework", async () => {
    const foreignRole = await insertAssessmentRole(get().ctx);
    const headers = { cookie: manager.cookie };
    expect(
      (await app.inject({ url: `/api/v1/roles/${foreignRole.id}/requirements`, headers })).statusCode,
    ).toBe(404);
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${foreignRole.id}/requirements`,
      headers,
      payload: { frameworkId: builtInId, criteria: [] },
    });
    expect(put.statusCode).toBe(404);

    const otherAdmin = await makeMember(get().ctx, { role: 'admin' });
    const foreignFramework = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/frameworks/${builtInId}/copy`,
        headers: { cookie: otherAdmin.cookie },
        payload: {},
      })
    ).json();
    const ownRole = await insertAssessmentRole(get().ctx, { organisationId: admin.organisationId });
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${ownRole.id}/requirements`,
      headers,
      payload: { frameworkId: foreignFramework.id, criteria: [] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('frameworkId');
  });

  it('archives a framework out of the role pickers, keeps it for the roles on it, and restores it', async () => {
    const adminHeaders = { cookie: admin.cookie };
    const copy = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/frameworks/${builtInId}/copy`,
        headers: adminHeaders,
        payload: { name: 'Old panto crew' },
      })
    ).json();
    const onIt = await insertAssessmentRole(get().ctx, { organisationId: admin.organisationId });
    const other = await insertAssessmentRole(get().ctx, { organisationId: admin.organisationId });
    const putRequirements = (roleId: string, payload: object) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/roles/${roleId}/requirements`,
        headers: { cookie: manager.cookie },
        payload,
      });
    expect((await putRequirements(onIt.id, { frameworkId: copy.id, criteria: [] })).statusCode).toBe(200);
    const patch = (id: string, archived: boolean, headers: Record<string, string> = adminHeaders) =>
      app.inject({ method: 'PATCH', url: `/api/v1/frameworks/${id}`, headers, payload: { archived } });

    const byManager = await patch(copy.id, true, { cookie: manager.cookie });
    expect(byManager.statusCode).toBe(403);
    const archived = await patch(copy.id, true);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ id: copy.id, archived: true });
    expect((await patch(copy.id, true)).statusCode).toBe(200); // archiving twice changes nothing

    const ids = async (query: string) =>
      (await app.inject({ url: `/api/v1/frameworks${query}`, headers: { cookie: manager.cookie } }))
        .json()
        .data.map((f: { id: string }) => f.id);
    expect(await ids('')).not.toContain(copy.id);
    expect(await ids('?includeArchived=true')).toContain(copy.id);

    // The role on it keeps it and may still change its weights; no other role may take it up.
    const kept = await putRequirements(onIt.id, {
      frameworkId: copy.id,
      criteria: [{ criterionKey: 'audio', weight: 5, requiredLevel: 4 }],
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().framework.id).toBe(copy.id);
    const refused = await putRequirements(other.id, { frameworkId: copy.id, criteria: [] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: 'frameworkId' });
    expect(refused.json().error.message).toContain('Old panto crew is archived');
    const read = await app.inject({
      url: `/api/v1/frameworks/${copy.id}`,
      headers: { cookie: interviewer.cookie },
    });
    expect(read.json()).toMatchObject({ archived: true, criteriaCount: 9 });

    const restored = await patch(copy.id, false);
    expect(restored.json().archived).toBe(false);
    expect(await ids('')).toContain(copy.id);
    expect((await putRequirements(other.id, { frameworkId: copy.id, criteria: [] })).statusCode).toBe(200);

    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', copy.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'framework.archived',
      'framework.copied',
      'framework.restored',
    ]);

    const builtIn = await patch(builtInId, true);
    expect(builtIn.statusCode).toBe(409);
    expect(builtIn.json().error.message).toMatch(/Built-in frameworks cannot be archived/);
    const foreign = await insertAssessmentRole(get().ctx);
    expect((await patch(foreign.id, true)).statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/frameworks',
        '/api/v1/frameworks/{id}',
        '/api/v1/frameworks/{id}/copy',
        '/api/v1/roles/{id}/requirements',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/roles/{id}/requirements'])).toEqual(
      expect.arrayContaining(['get', 'put']),
    );
    expect(Object.keys(doc.paths['/api/v1/frameworks/{id}'])).toEqual(
      expect.arrayContaining(['get', 'put', 'patch']),
    );
  });
});
