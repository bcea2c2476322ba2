import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { insertAssessmentRole } from '../../../test/support/factories/assessment.ts';
import { makeClockApplication, makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import type { ApiApp } from '../../http/types.ts';

// Wednesday 25 November 2026, 10:00 in London (GMT).
let clock = new Date('2026-11-25T10:00:00.000Z');

describeEachDatabase(
  'told cannot predate the decision',
  (get) => {
    let app: ApiApp;
    let team: Team;

    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Told');
    });
    afterAll(async () => app.close());

    const send = (method: 'PATCH' | 'POST', url: string, payload: object) =>
      app.inject({ method, url, headers: { cookie: team.manager.cookie }, payload });

    it('refuses a time before the decision or in the future, naming the decision time; closes when told', async () => {
      clock = new Date('2026-11-25T10:00:00.000Z');
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const { applicationId: id } = await makeClockApplication(get().ctx, team, {
        stage: 'applied',
        roleId: role.id,
      });
      // Turned down at screening at 10:00 by a stage-only PATCH: that is the decision time.
      const moved = await send('PATCH', `/api/v1/applications/${id}`, { stage: 'not_progressing' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ decidedAt: '2026-11-25T10:00:00.000Z', toTell: true });

      clock = new Date('2026-11-25T15:00:00.000Z');
      const before = await send('POST', `/api/v1/applications/${id}/told`, {
        via: 'call',
        toldAt: '2026-11-25T09:30:00.000Z',
        note: 'Rang to explain',
      });
      expect(before.statusCode).toBe(400);
      expect(before.json().error.field).toBe('toldAt');
      expect(before.json().error.message).toContain('made today at 10:00');
      expect(before.json().error.message).toContain('2026-11-25T10:00:00.000Z');

      // The former field name is held to the same rule, and still answers as toldAt.
      const formerName = await send('POST', `/api/v1/applications/${id}/told`, {
        via: 'call',
        at: '2026-11-24T16:00:00.000Z',
        note: 'Rang to explain',
      });
      expect(formerName.statusCode).toBe(400);
      expect(formerName.json().error.field).toBe('toldAt');

      const future = await send('POST', `/api/v1/applications/${id}/told`, {
        via: 'meeting',
        toldAt: '2026-11-25T16:00:00.000Z',
        note: 'Met for coffee',
      });
      expect(future.statusCode).toBe(400);
      expect(future.json().error).toMatchObject({ field: 'toldAt' });
      expect(future.json().error.message).toContain('future');

      const missing = await send('POST', `/api/v1/applications/${id}/told`, { via: 'call', note: 'Rang' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.field).toBe('toldAt');

      const read = await app.inject({
        url: `/api/v1/applications/${id}`,
        headers: { cookie: team.manager.cookie },
      });
      expect(read.json()).toMatchObject({ stage: 'not_progressing', toldAt: null, toTell: true });

      // Exactly at the decision is fine; the application closes only now, told by a logged call.
      const told = await send('POST', `/api/v1/applications/${id}/told`, {
        via: 'call',
        toldAt: '2026-11-25T10:00:00.000Z',
        note: 'Rang straight after the screening to explain',
      });
      expect(told.statusCode, told.body).toBe(200);
      expect(told.json()).toMatchObject({
        stage: 'closed',
        toldAt: '2026-11-25T10:00:00.000Z',
        toTell: false,
      });
    });
  },
  { now: () => clock },
);
