// The talent network's invitation, re-consent and unsubscribe, end to end over real SMTP and the
// candidate's own page (issue #12): the not-progressing email and the page invite (one benefit, a
// choice of interests); one reminder at most; a month before expiry the email's link renews for the
// organisation's period; at expiry the member leaves (audited) and their page says so; one-click
// unsubscribe works without a session and the page lets them choose again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertAssessmentApplication,
  insertAssessmentRole,
} from '../../../test/support/factories/assessment.ts';
import { makeNetworkMember } from '../../../test/support/factories/network.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import {
  deliverOutbox,
  linksIn,
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../../test/support/smtp.ts';
import type { AppContext } from '../../app-context.ts';
import type { ApiApp } from '../../http/types.ts';
import { runDecisionClockSweep } from '../../jobs/decision-clock-sweep.ts';
import { issueCandidateLink } from '../../portal/links.ts';
import { enqueue } from '../messages/outbox.ts';
import { joinNetwork, networkConsentVersion } from './network.service.ts';

const start = new Date('2026-12-02T10:00:00Z'); // a Wednesday, inside the sending window
let clock = start;
const day = 86_400_000;

function csrfFor(page: string, action: string): string {
  const at = page.indexOf(`action="${action}"`);
  expect(at, `form ${action}`).toBeGreaterThan(-1);
  const match = /name="csrf" value="([^"]+)"/.exec(page.slice(at));
  if (!match?.[1]) throw new Error(`no csrf for ${action}`);
  return match[1];
}

describeEachDatabase(
  'talent network: invitation, re-consent and unsubscribe',
  (get) => {
    let app: ApiApp;
    let ctx: AppContext;
    let manager: TestMember;
    let organisationId: string;
    let roleId: string;
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      ctx = get().ctx;
      app = await buildTestApp(ctx);
      smtp = await startTestSmtpServer();
      manager = await makeMember(ctx, { role: 'manager', name: 'Jo Okafor' });
      organisationId = manager.organisationId;
      roleId = (await insertAssessmentRole(ctx, { organisationId, title: 'Lighting Technician' })).id;
      await ctx.kysely
        .updateTable('role')
        .set({ hiring_manager_id: manager.userId })
        .where('id', '=', roleId)
        .execute();
    });
    afterAll(async () => {
      clock = start;
      await app.close();
      await smtp.close();
    });

    const api = (url: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: manager.cookie } }).then((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json();
      });
    const form = (url: string, values: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(values).toString(),
      });
    const pagePath = async (candidateId: string) =>
      new URL(await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId })).pathname;
    const emailOf = async (candidateId: string) =>
      (
        await ctx.kysely
          .selectFrom('candidate')
          .select('email')
          .where('id', '=', candidateId)
          .executeTakeFirstOrThrow()
      ).email;

    /** An application told "not progressing" by email `daysAgo` days before the clock. */
    async function toldNotProgressing(name: string, daysAgo: number) {
      const application = await insertAssessmentApplication(ctx, {
        organisationId,
        roleId,
        candidateName: name,
      });
      await ctx.kysely
        .updateTable('application')
        .set({
          stage: 'not_progressing',
          outcome: 'not_progressing',
          told_at: new Date(clock.getTime() - daysAgo * day).toISOString(),
          told_via: 'email',
        })
        .where('id', '=', application.id)
        .execute();
      return application;
    }

    it('invites in the not-progressing email and on the page; joining keeps the chosen interests and the consent', async () => {
      const application = await toldNotProgressing('Robin Gobo', 0);
      await ctx.kysely.transaction().execute((tx) =>
        enqueue(tx, ctx, {
          organisationId,
          idempotencyKey: `np:${application.id}`,
          template: 'not_progressing',
          applicationId: application.id,
          variables: {
            feedback: {
              strengths: [{ criterion: 'Lighting', evidence: 'You focused the rig quickly.' }],
              developmentAreas: [
                { criterion: 'Audio', evidence: 'The mix took a while.', training: 'a mixing course.' },
              ],
              encouragement: 'You were close.',
            },
          },
        }),
      );
      const email = await emailOf(application.candidateId);
      const mail = (await deliverOutbox(ctx, smtp)).find(
        (m) => m.to && JSON.stringify(m.to).includes(email),
      )!;
      expect(mail.text).toContain('join our talent network and hear about roles that suit you directly');
      const link = linksIn(mail)[0]!;
      expect(mail.text).toContain(`${link}#h-network`);

      const path = new URL(link).pathname;
      const page = (await app.inject({ method: 'GET', url: path })).body;
      expect(page).toContain('Join and hear about roles that suit you directly');
      expect(page).toContain('name="kind-lighting"');
      expect(page).toContain('for 12 months');
      const joined = await form(`${path}/network/join`, {
        csrf: csrfFor(page, `${path}/network/join`),
        casualCrew: '1',
        'kind-lighting': '1',
        'kind-sound': '1',
      });
      expect(joined.statusCode).toBe(303);

      const membership = await api(`/api/v1/network/${application.candidateId}`);
      expect(membership.member.interests.roleKinds.sort()).toEqual(['Lighting', 'Sound']);
      expect(membership.member.availability).toMatchObject({ casualCrew: true, permanent: false });
      expect(membership.consents).toEqual([
        expect.objectContaining({
          kind: 'given',
          textVersion: networkConsentVersion,
          source: 'candidate_page',
        }),
      ]);
      // A member's page no longer invites; it shows their profile instead.
      const after = (await app.inject({ method: 'GET', url: path })).body;
      expect(after).not.toContain('Join and hear about roles');
      expect(after).toContain('Your network profile');
      expect(
        (await api('/api/v1/network?availability=casual')).data.map(
          (m: { candidateId: string }) => m.candidateId,
        ),
      ).toContain(application.candidateId);
    });

    it('reminds of the invitation once, two weeks after the not-progressing email, only those who did not join', async () => {
      const due = await toldNotProgressing('Ash Dimmer', 15);
      const joined = await toldNotProgressing('Bea Spot', 15);
      await ctx.kysely
        .transaction()
        .execute((tx) => joinNetwork(tx, organisationId, joined.candidateId, 'candidate_page', clock));
      const recent = await toldNotProgressing('Cal Fresnel', 3);
      const old = await toldNotProgressing('Dee Profile', 90);
      const invitations = () =>
        ctx.kysely
          .selectFrom('message')
          .select(['candidate_id', 'application_id'])
          .where('organisation_id', '=', organisationId)
          .where('template_key', '=', 'talent_network_invitation')
          .execute()
          .then((rows) => rows.map((r) => r.candidate_id).sort());

      try {
        const first = await runDecisionClockSweep(ctx);
        expect(first.networkInvitationReminders).toBeGreaterThanOrEqual(1);
        expect(await invitations()).toEqual([due.candidateId]);
        expect((await runDecisionClockSweep(ctx)).networkInvitationReminders).toBe(0);

        clock = new Date(start.getTime() + 14 * day); // a Wednesday again
        await runDecisionClockSweep(ctx);
        expect(await invitations()).toEqual([due.candidateId, recent.candidateId].sort());
        clock = new Date(start.getTime() + 28 * day);
        await runDecisionClockSweep(ctx);
        expect(await invitations()).toEqual([due.candidateId, recent.candidateId].sort());
        expect(await invitations()).not.toContain(old.candidateId);
        expect(await invitations()).not.toContain(joined.candidateId);

        const email = await emailOf(due.candidateId);
        await deliverOutbox(ctx, smtp);
        const raw = smtp.received.find((m) => m.raw.includes(email) && /Stay in touch/.test(m.raw))!.raw;
        expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
        expect(raw).toMatch(/^List-Unsubscribe:\s+<[^>]+\/c\/unsubscribe\/[A-Za-z0-9_-]{43}>/m);
      } finally {
        clock = start;
      }
    });

    it("renews from the re-consent email's link for the organisation's period; without renewal the member leaves and their page says so", async () => {
      await ctx.kysely
        .updateTable('organization')
        .set({ metadata: JSON.stringify({ networkConsentMonths: 6 }) })
        .where('id', '=', organisationId)
        .execute();
      const renewing = await makeNetworkMember(ctx, { organisationId, roleId, name: 'Eli Gel' });
      const lapsing = await makeNetworkMember(ctx, { organisationId, roleId, name: 'Fay Iris' });
      const before = await api(`/api/v1/network/${renewing.candidateId}`);
      expect(before.member.consent.expiresAt).toBe('2027-06-02T10:00:00.000Z');
      try {
        clock = new Date('2027-05-13T10:00:00Z'); // 20 days before, a Thursday
        await runDecisionClockSweep(ctx);
        const mails = await deliverOutbox(ctx, smtp);
        const email = await emailOf(renewing.candidateId);
        const reconsent = mails.find(
          (m) => m.subject?.startsWith('Would you like to stay') && JSON.stringify(m.to).includes(email),
        )!;
        expect(reconsent, 'the re-consent email').toBeDefined();
        const link = linksIn(reconsent)[0]!;
        const path = new URL(link).pathname;
        const page = (await app.inject({ method: 'GET', url: path })).body;
        expect(page).toContain('for another 6 months');
        const renewed = await form(`${path}/network/renew`, { csrf: csrfFor(page, `${path}/network/renew`) });
        expect(renewed.statusCode).toBe(303);
        const after = await api(`/api/v1/network/${renewing.candidateId}`);
        expect(after.member.consent.expiresAt).toBe('2027-11-13T10:00:00.000Z');
        expect(after.consents.map((c: { kind: string }) => c.kind)).toEqual(['given', 'renewed']);

        clock = new Date('2027-06-03T10:00:00Z');
        await runDecisionClockSweep(ctx);
        expect((await api(`/api/v1/network/${renewing.candidateId}`)).member.consent.status).toBe('active');
        const lapsed = await api(`/api/v1/network/${lapsing.candidateId}`);
        expect(lapsed.member.consent.status).toBe('left');
        expect(lapsed.history.at(-1)).toMatchObject({ kind: 'expired' });
        const audit = await ctx.kysely
          .selectFrom('audit_event')
          .select('action')
          .where('organisation_id', '=', organisationId)
          .where('subject_id', '=', lapsing.candidateId)
          .where('action', '=', 'network.consent_expired')
          .execute();
        expect(audit).toHaveLength(1);
        const lapsedPage = (await app.inject({ method: 'GET', url: await pagePath(lapsing.candidateId) }))
          .body;
        expect(lapsedPage).toContain('Your talent-network membership ended on 2 June 2027');
        expect(lapsedPage).toContain('Join the talent network');
      } finally {
        clock = start;
        await ctx.kysely
          .updateTable('organization')
          .set({ metadata: null })
          .where('id', '=', organisationId)
          .execute();
      }
    });

    it('unsubscribes in one click without a session, and the member can choose emails again on their page', async () => {
      const member = await makeNetworkMember(ctx, { organisationId, roleId, name: 'Gus Barndoor' });
      const email = await emailOf(member.candidateId);
      try {
        clock = new Date('2027-11-11T10:00:00Z'); // 21 days before the 12 months end, a Thursday
        await runDecisionClockSweep(ctx);
        await deliverOutbox(ctx, smtp);
        const raw = smtp.received.find(
          (m) => m.raw.includes(email) && /Would you like to stay/.test(m.raw),
        )!.raw;
        expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
        const target = new URL(/^List-Unsubscribe:\s+<([^>]+)>/m.exec(raw)![1]!);

        // A GET (a link scanner) changes nothing.
        expect((await app.inject({ method: 'GET', url: target.pathname })).statusCode).toBe(200);
        expect((await api(`/api/v1/network/${member.candidateId}`)).member.unsubscribed).toBe(false);

        const click = await app.inject({
          method: 'POST',
          url: target.pathname,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(click.statusCode).toBe(200);
        expect((await api(`/api/v1/network/${member.candidateId}`)).member.unsubscribed).toBe(true);

        const path = await pagePath(member.candidateId);
        const page = (await app.inject({ method: 'GET', url: path })).body;
        expect(page).toContain("You've stopped talent-network emails");
        const again = await form(`${path}/network/emails`, {
          csrf: csrfFor(page, `${path}/network/emails`),
          receive: '1',
        });
        expect(again.statusCode).toBe(303);
        expect(again.headers.location).toContain('done=emails-on');
        const membership = await api(`/api/v1/network/${member.candidateId}`);
        expect(membership.member.unsubscribed).toBe(false);
        expect(membership.history.at(-1)).toMatchObject({ kind: 'resubscribed' });

        const page2 = (await app.inject({ method: 'GET', url: path })).body;
        const off = await form(`${path}/network/emails`, {
          csrf: csrfFor(page2, `${path}/network/emails`),
          receive: '0',
        });
        expect(off.statusCode).toBe(303);
        expect((await api(`/api/v1/network/${member.candidateId}`)).member.unsubscribed).toBe(true);
        // Without the page's CSRF token nothing changes.
        const forged = await form(`${path}/network/emails`, { receive: '1' });
        expect(forged.statusCode).toBe(403);
        expect((await api(`/api/v1/network/${member.candidateId}`)).member.unsubscribed).toBe(true);
      } finally {
        clock = start;
      }
    });
  },
  { now: () => clock },
);
