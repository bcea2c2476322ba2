import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import { insertAssessmentRole } from '../../test/support/factories/assessment.ts';
import { makeNetworkMember } from '../../test/support/factories/network.ts';
import { makeMember, type TestMember } from '../../test/support/factories/organisations.ts';
import type { AppContext } from '../app-context.ts';
import type { StructuredFeedback } from '../domain/feedback/document.ts';
import type { ApiApp } from '../http/types.ts';
import { newId } from '../ids.ts';
import { issueCandidateLink } from './links.ts';

const clock = new Date('2026-12-02T10:00:00Z');

function feedbackSuggesting(criterionKey: string, criterion: string, name: string): StructuredFeedback {
  return {
    strengths: [],
    developmentAreas: [
      {
        criterionKey,
        criterion,
        reason: 'lowest_rated',
        level: 2,
        evidence: 'Took a while.',
        training: name,
        suggestions: [{ id: 'x', name, provider: 'Shure', form: 'online', url: null }],
        cautious: false,
      },
    ],
    encouragement: { kind: 'talent_network', futureRole: null, trainingName: null, text: 'Stay in touch.' },
    score: 60,
    edited: false,
  };
}

function csrfFor(page: string, action: string): string {
  const at = page.indexOf(`action="${action}"`);
  expect(at, `form ${action}`).toBeGreaterThan(-1);
  const match = /name="csrf" value="([^"]+)"/.exec(page.slice(at));
  if (!match?.[1]) throw new Error(`no csrf for ${action}`);
  return match[1];
}

describeEachDatabase(
  'talent network: the member keeps their profile current',
  (get) => {
    let app: ApiApp;
    let ctx: AppContext;
    let manager: TestMember;
    let organisationId: string;
    let candidateId: string;
    let roleId: string;
    let path: string;

    beforeAll(async () => {
      ctx = get().ctx;
      app = await buildTestApp(ctx);
      manager = await makeMember(ctx, { role: 'manager', name: 'Jo Okafor' });
      organisationId = manager.organisationId;
      const past = await insertAssessmentRole(ctx, { organisationId, title: 'Sound Technician' });
      await ctx.kysely
        .updateTable('role')
        .set({ hiring_manager_id: manager.userId })
        .where('id', '=', past.id)
        .execute();
      const member = await makeNetworkMember(ctx, {
        organisationId,
        roleId: past.id,
        name: 'Sam Okafor',
        ratings: { lighting: 2, audio: 2 },
        profile: { region: 'Leeds', permanent: true, freelance: false, casualCrew: false },
      });
      candidateId = member.candidateId;
      const at = ctx.now().toISOString();
      await ctx.kysely
        .updateTable('application')
        .set({ stage: 'not_progressing', told_at: at, told_via: 'email' })
        .where('id', '=', member.applicationId)
        .execute();
      await ctx.kysely
        .insertInto('feedback')
        .values({
          id: newId(),
          organisation_id: organisationId,
          application_id: member.applicationId,
          version: 1,
          status: 'approved',
          structured: JSON.stringify(feedbackSuggesting('audio', 'Audio', 'Shure wireless course')),
          text: 'Good work on the desk.',
          check_result: JSON.stringify({ pass: true, score: 100, findings: [] }),
          approved_by_type: 'member',
          approved_by: manager.userId,
          approved_at: at,
          override_reason: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      roleId = (await insertAssessmentRole(ctx, { organisationId, title: 'AV Technician — Studio' })).id;
      path = new URL(await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId })).pathname;
    });
    afterAll(async () => {
      await app.close();
    });

    const page = () => app.inject({ method: 'GET', url: path });
    const post = (url: string, values: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(values).toString(),
      });
    const member = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/network/${candidateId}`,
          headers: { cookie: manager.cookie },
        })
      ).json();
    const matchOf = async (kind?: string) => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/roles/${roleId}/network-matches${kind ? `?kind=${kind}` : ''}`,
        headers: { cookie: manager.cookie },
      });
      expect(res.statusCode).toBe(200);
      return res.json().data.find((m: { candidateId: string }) => m.candidateId === candidateId) as
        | { score: number; explanation: string }
        | undefined;
    };

    it('edits availability, notice, interests and travel from the page; the network and casual matching follow', async () => {
      const shown = (await page()).body;
      expect(shown).toContain('Your network profile');
      expect(shown).toContain('value="Leeds"');
      expect((await matchOf('casual'))?.explanation).not.toContain('On the casual-crew bench');

      const action = `${path}/network/profile`;
      const saved = await post(action, {
        csrf: csrfFor(shown, action),
        freelance: '1',
        casualCrew: '1',
        noticeWeeks: '2',
        roleKinds: 'Sound, Follow-spot',
        venues: 'Studio',
        region: 'York',
        travelMiles: '30',
      });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toContain('done=profile');
      const after = await member();
      expect(after.member).toMatchObject({
        region: 'York',
        travelMiles: 30,
        availability: { permanent: false, freelance: true, casualCrew: true, noticeWeeks: 2 },
        interests: { roleKinds: ['Follow-spot', 'Sound'], venues: ['Studio'] },
      });
      expect(after.history.at(-1)).toMatchObject({ kind: 'profile_updated' });
      expect((await matchOf('casual'))?.explanation).toContain('On the casual-crew bench');
      const back = await app.inject({ method: 'GET', url: saved.headers.location as string });
      expect(back.body).toContain('Thank you: your network profile is saved.');
    });

    it('refuses the profile form without its CSRF token and from another site', async () => {
      expect((await post(`${path}/network/profile`, { region: 'Hull' })).statusCode).toBe(403);
      expect((await member()).member.region).toBe('York');
    });

    it('marks a suggested training done: the manager is told and the match changes', async () => {
      const before = await matchOf();
      expect(before).toBeDefined();
      const shown = (await page()).body;
      expect(shown).toContain('Shure wireless course (Audio)');
      const action = `${path}/network/training`;
      const unknown = await post(action, { csrf: csrfFor(shown, action), training: 'audio::Made up' });
      expect(unknown.headers.location).toContain('done=training-unknown');
      const done = await post(action, {
        csrf: csrfFor(shown, action),
        training: 'audio::Shure wireless course',
        completedOn: '2026-11-20',
        certificateNumber: 'SH-123',
      });
      expect(done.headers.location).toContain('done=training');

      const after = await matchOf();
      expect(after!.score).toBeGreaterThan(before!.score);
      expect(after!.explanation).toContain('completed Shure wireless course in November');
      expect((await member()).member.trainingDone).toEqual([
        expect.objectContaining({
          title: 'Shure wireless course',
          certificateNumber: 'SH-123',
          completedOn: '2026-11-20',
        }),
      ]);
      const notes = await app.inject({
        method: 'GET',
        url: '/api/v1/notifications',
        headers: { cookie: manager.cookie },
      });
      expect(notes.json().data.filter((n: { kind: string }) => n.kind === 'network_training')).toEqual([
        expect.objectContaining({ title: 'Sam Okafor completed Shure wireless course' }),
      ]);
      // Done, it is listed and no longer offered.
      const again = (await page()).body;
      expect(again).toContain('Shure wireless course, 20 November 2026 (certificate SH-123)');
      expect(again).not.toContain(`action="${action}"`);
    });

    it('a candidate who left has no profile to edit', async () => {
      const shown = (await page()).body;
      const leave = `${path}/network/leave`;
      const profileCsrf = csrfFor(shown, `${path}/network/profile`);
      await post(leave, { csrf: csrfFor(shown, leave) });
      expect((await page()).body).not.toContain('Your network profile');
      const res = await post(`${path}/network/profile`, { csrf: profileCsrf, region: 'Hull' });
      expect(res.headers.location).toContain('done=not-member');
      expect((await member()).member.region).toBe('York');
    });
  },
  { now: () => clock },
);
