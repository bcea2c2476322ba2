// The roles sent to a talent-network member appear on their candidate page (where the email's link
// lands), and "I'm interested" tells the role's hiring manager once, with history and audit; a role
// that is no longer open says so and cannot be answered; another organisation's member sees nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import { insertAssessmentRole } from '../../test/support/factories/assessment.ts';
import { makeNetworkMember } from '../../test/support/factories/network.ts';
import { makeMember, type TestMember } from '../../test/support/factories/organisations.ts';
import { deliverOutbox, linksIn, startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import type { AppContext } from '../app-context.ts';
import { registerInterest } from '../features/network/network.service.ts';
import { opportunitiesJob } from '../features/network/network-opportunities.ts';
import type { ApiApp } from '../http/types.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { issueCandidateLink } from './links.ts';

const clock = new Date('2026-12-02T10:00:00Z');

function csrfFor(page: string, action: string): string {
  const at = page.indexOf(`action="${action}"`);
  expect(at, `form ${action}`).toBeGreaterThan(-1);
  const match = /name="csrf" value="([^"]+)"/.exec(page.slice(at));
  if (!match?.[1]) throw new Error(`no csrf for ${action}`);
  return match[1];
}

describeEachDatabase(
  "talent network: opportunities on the member's page",
  (get) => {
    let app: ApiApp;
    let ctx: AppContext;
    let manager: TestMember;
    let organisationId: string;
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      ctx = get().ctx;
      app = await buildTestApp(ctx);
      smtp = await startTestSmtpServer();
      manager = await makeMember(ctx, { role: 'manager', name: 'Jo Okafor' });
      organisationId = manager.organisationId;
    });
    afterAll(async () => {
      await app.close();
      await smtp.close();
    });

    const notificationsOf = async (who: TestMember) => {
      const r = await app.inject({
        method: 'GET',
        url: '/api/v1/notifications',
        headers: { cookie: who.cookie },
      });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().data as { kind: string; title: string; linkPath: string | null }[]).filter(
        (n) => n.kind === 'network_interest',
      );
    };

    it('shows the roles sent, and "interested" tells the hiring manager once', async () => {
      const role = await insertAssessmentRole(ctx, { organisationId, title: 'Follow-spot operator' });
      const closed = await insertAssessmentRole(ctx, { organisationId, title: 'Sound No.2' });
      await ctx.kysely
        .updateTable('role')
        .set({ hiring_manager_id: manager.userId })
        .where('id', 'in', [role.id, closed.id])
        .execute();
      const member = await makeNetworkMember(ctx, { organisationId, name: 'Kit Lantern' });
      for (const [roleId, note] of [
        [role.id, 'Your follow-spot work on the panto stood out.'],
        [closed.id, ''],
      ] as const) {
        const started = await app.inject({
          method: 'POST',
          url: `/api/v1/roles/${roleId}/opportunities`,
          headers: { cookie: manager.cookie },
          payload: { candidateIds: [member.candidateId], notes: { [member.candidateId]: note } },
        });
        expect(started.statusCode, started.body).toBe(202);
      }
      const runner = createJobRunner({ ctx, handlers: [opportunitiesJob] });
      expect(await runner.runOnce()).toMatchObject({ outcome: 'succeeded' });
      expect(await runner.runOnce()).toMatchObject({ outcome: 'succeeded' });
      await ctx.kysely.updateTable('role').set({ status: 'filled' }).where('id', '=', closed.id).execute();

      const mails = (await deliverOutbox(ctx, smtp)).filter((m) =>
        m.subject?.includes('Follow-spot operator'),
      );
      expect(mails).toHaveLength(1);
      const link = linksIn(mails[0]!).find((l) => mails[0]!.text?.includes(`${l}#opportunity-${role.id}`));
      expect(link, "the email's link to the role on the page").toBeDefined();
      const path = new URL(link!).pathname;

      const page = (await app.inject({ method: 'GET', url: path })).body;
      expect(page).toContain('Roles we thought of you for');
      expect(page).toContain(`id="opportunity-${role.id}"`);
      expect(page).toContain('Your follow-spot work on the panto stood out.');
      expect(page).toContain(`id="opportunity-${closed.id}"`);
      expect(page).toContain('This role is no longer open.');
      expect(page).not.toContain(`action="${path}/network/opportunity/${closed.id}/interested"`);

      const action = `${path}/network/opportunity/${role.id}/interested`;
      const form = (csrf?: string) =>
        app.inject({
          method: 'POST',
          url: action,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(csrf ? { csrf } : {}).toString(),
        });
      expect((await form()).statusCode).toBe(403);
      expect(await notificationsOf(manager)).toEqual([]);

      const said = await form(csrfFor(page, action));
      expect(said.statusCode).toBe(303);
      expect(said.headers.location).toContain('done=interested');
      const told = await notificationsOf(manager);
      expect(told).toEqual([
        expect.objectContaining({
          title: 'Kit Lantern is interested in Follow-spot operator',
          linkPath: `/candidates/${member.candidateId}`,
        }),
      ]);
      const back = (await app.inject({ method: 'GET', url: said.headers.location as string })).body;
      expect(back).toContain('Thank you: we&#39;ve told the hiring manager');

      // Saying it twice tells no one twice and writes one history entry.
      expect((await form(csrfFor(back, action))).statusCode).toBe(303);
      expect(await notificationsOf(manager)).toHaveLength(1);
      const membership = await app.inject({
        method: 'GET',
        url: `/api/v1/network/${member.candidateId}`,
        headers: { cookie: manager.cookie },
      });
      const history = (membership.json().history as { kind: string; summary: string }[]).filter(
        (h) => h.kind === 'opportunity_interest',
      );
      expect(history).toEqual([
        expect.objectContaining({
          summary: 'Said they are interested in Follow-spot operator at Main House',
        }),
      ]);
      const audit = await ctx.kysely
        .selectFrom('audit_event')
        .select('subject_id')
        .where('organisation_id', '=', organisationId)
        .where('action', '=', 'portal.network_interest')
        .execute();
      expect(audit.map((a) => a.subject_id)).toEqual([role.id, role.id]);

      // A filled role cannot be answered (the page has no form for it; the rule holds without the page too).
      expect(
        await ctx.kysely
          .transaction()
          .execute((tx) => registerInterest(tx, organisationId, member.candidateId, closed.id, clock)),
      ).toBe(false);
      expect(await notificationsOf(manager)).toHaveLength(1);
    });

    it("shows a member none of another organisation's roles, and nothing to someone never sent one", async () => {
      const other = await makeMember(ctx, { role: 'manager' });
      const theirRole = await insertAssessmentRole(ctx, {
        organisationId: other.organisationId,
        title: 'Rigger elsewhere',
      });
      const member = await makeNetworkMember(ctx, { organisationId, name: 'Lou Gobo' });
      const started = await app.inject({
        method: 'POST',
        url: `/api/v1/roles/${theirRole.id}/opportunities`,
        headers: { cookie: other.cookie },
        payload: { candidateIds: [member.candidateId] },
      });
      // The other organisation cannot even name our member.
      if (started.statusCode === 202) await createJobRunner({ ctx, handlers: [opportunitiesJob] }).runOnce();
      const path = new URL(
        await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId: member.candidateId }),
      ).pathname;
      const page = (await app.inject({ method: 'GET', url: path })).body;
      expect(page).not.toContain('Roles we thought of you for');
      expect(page).not.toContain('Rigger elsewhere');
      const said = await app.inject({
        method: 'POST',
        url: `${path}/network/opportunity/${theirRole.id}/interested`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      expect(said.statusCode).toBe(403);
      expect(await notificationsOf(other)).toEqual([]);
    });
  },
  { now: () => clock },
);
