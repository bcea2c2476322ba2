import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { insertAssessmentRole } from '../../../test/support/factories/assessment.ts';
import { insertRatedScorecard, makeNetworkMember } from '../../../test/support/factories/network.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { deliverOutbox, startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { ApiApp } from '../../http/types.ts';
import { runDecisionClockSweep } from '../../jobs/decision-clock-sweep.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { opportunitiesJob } from './network-opportunities.ts';

let clock = new Date('2026-12-02T10:00:00Z');
const day = 86_400_000;

describeEachDatabase(
  'talent network',
  (get) => {
    let app: ApiApp;
    let manager: TestMember;
    let interviewer: TestMember;
    let outsider: TestMember;
    let smtp: TestSmtpServer;
    let organisationId: string;
    let members: { strong: string; casual: string; unassessed: string; elsewhere: string };
    let roleId: string;

    beforeAll(async () => {
      const { ctx } = get();
      app = await buildTestApp(ctx);
      manager = await makeMember(ctx, { role: 'manager', name: 'Jo Okafor' });
      organisationId = manager.organisationId;
      interviewer = await makeMember(ctx, { organisationId, role: 'interviewer' });
      outsider = await makeMember(ctx, { role: 'manager' });
      smtp = await startTestSmtpServer();
      const past = await insertAssessmentRole(ctx, { organisationId, title: 'Lighting Technician' });
      const strong = await makeNetworkMember(ctx, {
        organisationId,
        roleId: past.id,
        name: 'Alex Reid',
        ratings: { lighting: 4, audio: 3, signal_flow: 3, rigging_power_safety: 3 },
        profile: {
          skills: ['grandMA3', 'Dante'],
          certifications: ['IPAF 3a'],
          region: 'Manchester',
          travelMiles: 40,
          permanent: true,
          roleKinds: ['Lighting'],
          venues: ['Main House'],
        },
      });
      // A draft scorecard rated higher (and with private notes) must not count or show.
      await insertRatedScorecard(ctx, {
        organisationId,
        applicationId: strong.applicationId,
        ratings: { audio: 4 },
        status: 'draft',
        privateNotes: 'PRIVATE: seemed tired',
      });
      const casual = await makeNetworkMember(ctx, {
        organisationId,
        name: 'Sam Okafor',
        ratings: { lighting: 2, audio: 2 },
        profile: { skills: ['QLab'], region: 'Leeds', casualCrew: true, freelance: true, permanent: false },
      });
      const unassessed = await makeNetworkMember(ctx, { organisationId, name: 'Priya Shah' });
      const elsewhere = await makeNetworkMember(ctx, {
        organisationId: outsider.organisationId,
        name: 'Other Org',
      });
      members = {
        strong: strong.candidateId,
        casual: casual.candidateId,
        unassessed: unassessed.candidateId,
        elsewhere: elsewhere.candidateId,
      };
      roleId = (await insertAssessmentRole(ctx, { organisationId, title: 'AV Technician — Studio' })).id;
    });
    afterAll(async () => {
      await app.close();
      await smtp.close();
    });

    const get_ = (member: TestMember, url: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: member.cookie } });
    const post = (member: TestMember, url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: { cookie: member.cookie }, payload });
    const ids = (res: { json(): { data: { candidateId: string }[] } }) =>
      res.json().data.map((m) => m.candidateId);

    it('lists members with consent, where assessed and their strongest criteria from submitted scorecards', async () => {
      const res = await get_(manager, '/api/v1/network');
      expect(res.statusCode).toBe(200);
      expect(new Set(ids(res))).toEqual(new Set([members.strong, members.casual, members.unassessed]));
      const alex = res.json().data.find((m: { candidateId: string }) => m.candidateId === members.strong);
      expect(alex).toMatchObject({
        name: 'Alex Reid',
        consent: { status: 'active', version: 'network-consent-2026-11' },
        assessed: [{ roleTitle: 'Lighting Technician' }],
        skills: ['Dante', 'grandMA3'],
        certifications: ['IPAF 3a'],
        region: 'Manchester',
        travelMiles: 40,
        availability: { permanent: true, casualCrew: false },
        interests: { roleKinds: ['Lighting'], venues: ['Main House'] },
      });
      expect(alex.strongestCriteria[0]).toMatchObject({
        criterionKey: 'lighting',
        level: 4,
        levelLabel: 'Strong',
      });
      // The draft's Strong audio does not count; its private notes never appear.
      expect(
        alex.strongestCriteria.find((c: { criterionKey: string }) => c.criterionKey === 'audio')?.level ?? 3,
      ).toBe(3);
      expect(res.body).not.toContain('PRIVATE');
    });

    it('filters by skill, region, availability, interest, search and consent status, and pages with a cursor', async () => {
      expect(ids(await get_(manager, '/api/v1/network?skill=dante'))).toEqual([members.strong]);
      expect(ids(await get_(manager, '/api/v1/network?skill=IPAF%203a'))).toEqual([members.strong]);
      expect(ids(await get_(manager, '/api/v1/network?region=Leeds'))).toEqual([members.casual]);
      expect(ids(await get_(manager, '/api/v1/network?availability=casual'))).toEqual([members.casual]);
      expect(ids(await get_(manager, '/api/v1/network?interest=main%20house'))).toEqual([members.strong]);
      expect(ids(await get_(manager, '/api/v1/network?q=qla'))).toEqual([members.casual]);
      expect(ids(await get_(manager, '/api/v1/network?q=priya'))).toEqual([members.unassessed]);
      expect(ids(await get_(manager, '/api/v1/network?consentStatus=expiring'))).toEqual([]);
      const first = await get_(manager, '/api/v1/network?limit=2');
      expect(first.json().data).toHaveLength(2);
      const second = await get_(manager, `/api/v1/network?limit=2&cursor=${first.json().nextCursor}`);
      expect([...ids(first), ...ids(second)].sort()).toEqual(
        [members.strong, members.casual, members.unassessed].sort(),
      );
      expect(second.json().nextCursor).toBeNull();
    });

    it('is for the hiring team and API keys; another organisation sees none of it', async () => {
      expect((await get_(interviewer, '/api/v1/network')).statusCode).toBe(403);
      const key = await makeApiKey(get().ctx, { organisationId });
      const byKey = await app.inject({ method: 'GET', url: '/api/v1/network', headers: key.headers });
      expect(byKey.statusCode).toBe(200);
      expect(ids(await get_(outsider, '/api/v1/network'))).toEqual([members.elsewhere]);
      expect((await get_(outsider, `/api/v1/network/${members.strong}`)).statusCode).toBe(404);
    });

    it("shows a candidate's membership with consent records and history", async () => {
      const res = await get_(manager, `/api/v1/network/${members.strong}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().member.name).toBe('Alex Reid');
      expect(res.json().consents).toEqual([
        expect.objectContaining({
          kind: 'given',
          source: 'candidate_page',
          textVersion: 'network-consent-2026-11',
        }),
      ]);
      expect(res.json().history[0].summary).toMatch(/^Joined the talent network from their page, until/);
    });

    it('marks a future fit, reminds the manager once on the day and lists it to re-engage', async () => {
      const bad = await post(manager, `/api/v1/candidates/${members.casual}/future-fit`, {
        forRole: 'Senior Technician',
        after: 'a season on RF',
        reengageOn: '2026-12-01',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('reengageOn');
      const res = await post(manager, `/api/v1/candidates/${members.casual}/future-fit`, {
        forRole: 'Senior Technician',
        after: 'a season on RF',
        reengageOn: '2026-12-10',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ forRole: 'Senior Technician', managerName: 'Jo Okafor' });
      expect(
        (await post(outsider, `/api/v1/candidates/${members.casual}/future-fit`, res.json())).statusCode,
      ).toBe(404);
      expect(ids(await get_(manager, '/api/v1/network/re-engage'))).toEqual([]);

      clock = new Date('2026-12-10T08:00:00Z');
      try {
        const first = await runDecisionClockSweep(get().ctx);
        const again = await runDecisionClockSweep(get().ctx);
        expect(first.futureFitReminders).toBe(1);
        expect(again.futureFitReminders).toBe(0);
        const notes = await get_(manager, '/api/v1/notifications');
        expect(notes.json().data.filter((n: { kind: string }) => n.kind === 'future_fit')).toHaveLength(1);
        const emails = await get()
          .ctx.kysely.selectFrom('message')
          .select(['subject'])
          .where('template_key', '=', 'future_fit_reminder')
          .execute();
        expect(emails).toEqual([{ subject: 'Time to get back in touch: Sam Okafor' }]);
        expect(ids(await get_(manager, '/api/v1/network/re-engage'))).toEqual([members.casual]);
        expect(ids(await get_(manager, '/api/v1/network?futureFitDue=true'))).toEqual([members.casual]);
      } finally {
        clock = new Date('2026-12-02T10:00:00Z');
      }
    });

    it('ranks members for a role with reasons, and training done moves a member up', async () => {
      const res = await get_(manager, `/api/v1/roles/${roleId}/network-matches`);
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data[0].candidateId).toBe(members.strong);
      expect(data[0].explanation).toContain('Lighting: Strong');
      const before = data.find((m: { candidateId: string }) => m.candidateId === members.casual).score;
      await get()
        .ctx.kysely.insertInto('network_training')
        .values({
          id: 'training-1',
          organisation_id: organisationId,
          candidate_id: members.casual,
          criterion_key: 'audio',
          title: 'Shure wireless course',
          certificate_number: null,
          completed_on: '2026-03-12',
          created_at: clock.toISOString(),
        })
        .execute();
      const after = (await get_(manager, `/api/v1/roles/${roleId}/network-matches`)).json().data;
      const sam = after.find((m: { candidateId: string }) => m.candidateId === members.casual);
      expect(sam.score).toBeGreaterThan(before);
      expect(sam.explanation).toContain('completed Shure wireless course in March');
      const casual = (await get_(manager, `/api/v1/roles/${roleId}/network-matches?kind=casual`)).json().data;
      expect(casual[0].candidateId).toBe(members.casual);
      expect((await get_(outsider, `/api/v1/roles/${roleId}/network-matches`)).statusCode).toBe(404);
    });

    it('previews and sends opportunities once per member, never to the unsubscribed, with one-click unsubscribe', async () => {
      const { ctx } = get();
      const chosen = [members.strong, members.casual];
      const preview = await post(manager, `/api/v1/roles/${roleId}/opportunities/preview`, {
        candidateIds: chosen,
        notes: { [members.strong]: 'Your grandMA3 work stood out.' },
      });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().data[0]).toMatchObject({
        canSend: true,
        subject: 'A new role you might like: AV Technician — Studio',
      });
      expect(preview.json().data[0].text).toContain('Your grandMA3 work stood out.');
      // A preview writes nothing.
      expect(
        await ctx.kysely
          .selectFrom('message')
          .select('id')
          .where('template_key', '=', 'new_opportunity')
          .execute(),
      ).toEqual([]);

      const started = await post(manager, `/api/v1/roles/${roleId}/opportunities`, { candidateIds: chosen });
      expect(started.statusCode).toBe(202);
      expect(started.json()).toMatchObject({ kind: 'network.opportunities', status: 'queued', total: 2 });
      const runner = createJobRunner({ ctx, handlers: [opportunitiesJob] });
      expect(await runner.runOnce()).toMatchObject({ outcome: 'succeeded' });
      const job = await get_(manager, `/api/v1/jobs/${started.json().id}`);
      expect(job.json()).toMatchObject({ status: 'succeeded', done: 2 });

      const mails = await deliverOutbox(ctx, smtp);
      const opportunity = mails.filter((m) => m.subject?.startsWith('A new role'));
      expect(opportunity).toHaveLength(2);
      const raw = smtp.received.find((m) => /List-Unsubscribe-Post/.test(m.raw))!.raw;
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      const header = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(raw)![1]!;
      expect(header).toMatch(/\/c\/unsubscribe\/[A-Za-z0-9_-]{43}$/);
      // The stored message holds only the marker, never the working link.
      const stored = await ctx.kysely
        .selectFrom('message')
        .select(['list_unsubscribe', 'text'])
        .where('template_key', '=', 'new_opportunity')
        .execute();
      for (const row of stored)
        expect(`${row.list_unsubscribe}${row.text}`).not.toContain(header.split('/').pop());

      const path = new URL(header).pathname;
      const page = await app.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Stop talent-network emails?');
      const oneClick = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.statusCode).toBe(200);
      const unsubscribed = (await get_(manager, '/api/v1/network'))
        .json()
        .data.filter((m: { unsubscribed: boolean }) => m.unsubscribed);
      expect(unsubscribed).toHaveLength(1);
      expect((await app.inject({ method: 'GET', url: `/c/unsubscribe/${'x'.repeat(43)}` })).statusCode).toBe(
        404,
      );

      // Sending the same role again writes no second email; the unsubscribed member is skipped on a new role.
      const again = await post(manager, `/api/v1/roles/${roleId}/opportunities`, { candidateIds: chosen });
      expect(again.statusCode).toBe(202);
      await runner.runOnce();
      const other = (await insertAssessmentRole(ctx, { organisationId, title: 'Sound No.2 for panto' })).id;
      const third = await post(manager, `/api/v1/roles/${other}/opportunities/preview`, {
        candidateIds: chosen,
      });
      expect(third.json().data.filter((p: { canSend: boolean }) => !p.canSend)).toEqual([
        expect.objectContaining({ reason: 'Unsubscribed from talent-network emails' }),
      ]);
      const count = await ctx.kysely
        .selectFrom('message')
        .select('id')
        .where('template_key', '=', 'new_opportunity')
        .execute();
      expect(count).toHaveLength(2);
      expect(
        (await post(outsider, `/api/v1/roles/${roleId}/opportunities`, { candidateIds: chosen })).statusCode,
      ).toBe(404);
    });

    it('asks for re-consent once a month before expiry and ends the membership at expiry, keeping its history', async () => {
      const { ctx } = get();
      clock = new Date(Date.parse('2027-12-02T10:00:00Z') - 20 * day);
      try {
        const first = await runDecisionClockSweep(ctx);
        expect(first.reconsentRequests).toBeGreaterThanOrEqual(2);
        expect((await runDecisionClockSweep(ctx)).reconsentRequests).toBe(0);
        const reconsent = await ctx.kysely
          .selectFrom('message')
          .select(['candidate_id', 'list_unsubscribe'])
          .where('organisation_id', '=', organisationId)
          .where('template_key', '=', 'reconsent')
          .execute();
        expect(reconsent.map((m) => m.candidate_id).sort()).toEqual(
          [members.strong, members.casual, members.unassessed].sort(),
        );
        expect(ids(await get_(manager, '/api/v1/network?consentStatus=expiring'))).toHaveLength(3);

        clock = new Date('2027-12-03T10:00:00Z');
        expect((await runDecisionClockSweep(ctx)).networkExpiries).toBeGreaterThanOrEqual(3);
        expect(ids(await get_(manager, '/api/v1/network'))).toEqual([]);
        expect(ids(await get_(manager, '/api/v1/network?consentStatus=left'))).toHaveLength(3);
        const history = (await get_(manager, `/api/v1/network/${members.unassessed}`)).json().history;
        expect(history.map((h: { kind: string }) => h.kind)).toEqual([
          'joined',
          'reconsent_asked',
          'expired',
        ]);
      } finally {
        clock = new Date('2026-12-02T10:00:00Z');
      }
    });
  },
  { now: () => clock },
);
