import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { approveFeedback, assessedApplication } from '../../../test/support/factories/assessed.ts';
import { insertAssessmentRole } from '../../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { joinNetwork, leaveNetwork } from '../network/network.service.ts';
import {
  createReferralLink,
  expressInterest,
  joinNetworkByReferral,
} from '../referrals/referrals.service.ts';
import { webhookEventTypes } from './webhooks.events.ts';
import { insertEndpoint } from './webhooks.repository.ts';

// Wednesday 25 November 2026, 10:00 in London.
const clock = new Date('2026-11-25T10:00:00.000Z');

describeEachDatabase(
  'webhook events emitted where things happen',
  (get) => {
    let app: ApiApp;
    let team: Team;
    let endpointId: string;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      team = await makeTeam(get().ctx, 'Hooks');
      endpointId = newId();
      await insertEndpoint(
        get().ctx.kysely,
        team.organisationId,
        {
          id: endpointId,
          url: 'https://ats.example.test/hooks',
          description: null,
          eventTypes: [...webhookEventTypes],
          secretEncrypted: 'v1.unused.unused.unused',
        },
        clock,
      );
    });
    afterAll(async () => app.close());

    const call = async (method: string, url: string, payload?: object) => {
      const res = await app.inject({
        method: method as 'POST',
        url,
        headers: { cookie: team.manager.cookie },
        ...(payload && { payload }),
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    /** The events emitted since the mark, as [type, data], oldest first. */
    const eventsSince = async (mark: string) => {
      const rows = await get()
        .ctx.kysely.selectFrom('webhook_event')
        .select(['id', 'type', 'payload'])
        .where('organisation_id', '=', team.organisationId)
        .where('id', '>', mark)
        .orderBy('id')
        .execute();
      return rows.map((r) => [r.type, JSON.parse(r.payload)] as [string, Record<string, unknown>]);
    };
    const mark = async () => {
      const row = await get()
        .ctx.kysely.selectFrom('webhook_event')
        .select('id')
        .where('organisation_id', '=', team.organisationId)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row?.id ?? '';
    };

    it('emits application created and stage changed, with the application as the API shows it', async () => {
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const candidate = await call('POST', '/api/v1/candidates', {
        name: 'Ray Rigger',
        email: `ray.${Date.now()}@example.test`,
      });
      const since = await mark();
      const application = await call('POST', '/api/v1/applications', {
        candidateId: candidate.id,
        roleId: role.id,
      });
      await call('PATCH', `/api/v1/applications/${application.id}`, { stage: 'interviewing' });
      const events = await eventsSince(since);
      expect(events.map(([type]) => type)).toEqual(['application.created', 'application.stage_changed']);
      expect(events[0]![1].application).toMatchObject({
        id: application.id,
        stage: 'applied',
        candidate: { id: candidate.id },
        role: { id: role.id },
      });
      expect(events[1]![1]).toEqual({ applicationId: application.id, from: 'applied', to: 'interviewing' });
      // One pending delivery per event to the subscribed endpoint.
      const deliveries = await get()
        .ctx.kysely.selectFrom('webhook_delivery')
        .select(['status'])
        .where('endpoint_id', '=', endpointId)
        .execute();
      expect(deliveries.length).toBeGreaterThanOrEqual(2);
    });

    it('emits feedback approved, decision made, candidate told and application closed', async () => {
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const a = await assessedApplication(get().ctx, app, team, role.id, 'Hana Hire');
      const since = await mark();
      await approveFeedback(app, team, a.id);
      await call('POST', `/api/v1/applications/${a.id}/decision`, { outcome: 'offer' });
      await call('POST', `/api/v1/applications/${a.id}/decision`, { outcome: 'hired' });
      const events = await eventsSince(since);
      expect(events.map(([type]) => type)).toEqual([
        'feedback.approved',
        'decision.made',
        'decision.made',
        'candidate.told',
        'application.closed',
      ]);
      expect(events[0]![1]).toMatchObject({ applicationId: a.id });
      expect(events[2]![1]).toEqual({ applicationId: a.id, from: 'offer', to: 'hired' });
      expect(events[3]![1]).toMatchObject({ applicationId: a.id, via: 'candidate_response' });
      expect(events[4]![1]).toEqual({ applicationId: a.id, from: 'hired', to: 'closed' });
    });

    it('emits network joined once (not on a renewal) and network left', async () => {
      const candidate = await call('POST', '/api/v1/candidates', {
        name: 'Nel Network',
        email: `nel.${Date.now()}@example.test`,
      });
      const since = await mark();
      const { kysely } = get().ctx;
      await kysely
        .transaction()
        .execute((tx) => joinNetwork(tx, team.organisationId, candidate.id, 'candidate_page', clock));
      await kysely
        .transaction()
        .execute((tx) => joinNetwork(tx, team.organisationId, candidate.id, 'candidate_page', clock));
      await kysely
        .transaction()
        .execute((tx) => leaveNetwork(tx, team.organisationId, candidate.id, 'left', clock));
      const events = await eventsSince(since);
      expect(events.map(([type]) => type)).toEqual(['network.joined', 'network.left']);
      expect(events[0]![1]).toMatchObject({ candidateId: candidate.id, source: 'candidate_page' });
      expect(events[1]![1]).toEqual({ candidateId: candidate.id, reason: 'left' });
    });

    it('emits referral received once per referred colleague, when they first come forward', async () => {
      const role = await insertAssessmentRole(get().ctx, { organisationId: team.organisationId });
      const referrer = await call('POST', '/api/v1/candidates', {
        name: 'Rhona Referrer',
        email: `rhona.${Date.now()}@example.test`,
      });
      const { link } = await createReferralLink(
        get().ctx.kysely,
        team.organisationId,
        referrer.id,
        { secret: get().ctx.config.secret, roleId: role.id, showFirstName: true },
        clock,
      );
      const since = await mark();
      const colleague = { name: 'Cal Colleague', email: `cal.${Date.now()}@example.test` };
      const interest = await expressInterest(get().ctx, link, { ...colleague, roleId: role.id });
      // Coming forward again through the same link (joining the network too) is the same referral.
      await joinNetworkByReferral(get().ctx, link, colleague);
      const events = await eventsSince(since);
      expect(events.filter(([type]) => type === 'referral.received')).toEqual([
        [
          'referral.received',
          {
            referralId: interest.referralId,
            referrerCandidateId: referrer.id,
            candidateId: interest.candidateId,
            applicationId: interest.applicationId,
            roleId: role.id,
          },
        ],
      ]);
      expect(events.map(([type]) => type)).toContain('network.joined');
    });
  },
  { now: () => clock },
);
