// A network member changes their phone and email from their page: errors name the field, the phone
// saves at once, the email only from the link sent to the new address (real SMTP, real worker).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/database.ts';
import { insertAssessmentRole } from '../../test/support/factories/assessment.ts';
import { makeNetworkMember } from '../../test/support/factories/network.ts';
import { makeMember, type TestMember } from '../../test/support/factories/organisations.ts';
import { deliverOutbox, startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import type { AppContext } from '../app-context.ts';
import type { ApiApp } from '../http/types.ts';
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
  'candidate page: a member keeps their contact details current',
  (get) => {
    let app: ApiApp;
    let ctx: AppContext;
    let manager: TestMember;
    let organisationId: string;
    let candidateId: string;
    let path: string;
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      ctx = get().ctx;
      smtp = await startTestSmtpServer();
      app = await buildTestApp(ctx);
      manager = await makeMember(ctx, { role: 'manager', name: 'Jo Okafor' });
      organisationId = manager.organisationId;
      const past = await insertAssessmentRole(ctx, { organisationId, title: 'Sound Technician' });
      const member = await makeNetworkMember(ctx, {
        organisationId,
        roleId: past.id,
        name: 'Sam Okafor',
        ratings: { audio: 3 },
        profile: { region: 'Leeds', permanent: true, freelance: false, casualCrew: false },
      });
      candidateId = member.candidateId;
      path = new URL(await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId })).pathname;
    });
    afterAll(async () => {
      await app.close();
      await smtp.close();
    });

    const page = () => app.inject({ method: 'GET', url: path });
    const post = (url: string, values: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(values).toString(),
      });
    const candidate = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/candidates/${candidateId}`,
          headers: { cookie: manager.cookie },
        })
      ).json() as { email: string; phone: string | null };
    const audits = async () =>
      (
        await ctx.kysely
          .selectFrom('audit_event')
          .select('action')
          .where('organisation_id', '=', organisationId)
          .where('actor_id', '=', candidateId)
          .orderBy('id')
          .execute()
      ).map((r) => r.action);

    it('names the field that is wrong and keeps what was typed, saving nothing', async () => {
      const shown = (await page()).body;
      expect(shown).toContain('Your contact details');
      const action = `${path}/contact`;
      const before = await candidate();
      const res = await post(action, { csrf: csrfFor(shown, action), email: 'sam.example', phone: '12ab' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Please check your contact details');
      expect(res.body).toContain('href="#cd-email">Email address: Enter your email address in the form');
      expect(res.body).toContain('href="#cd-phone">Phone number (optional): Enter a phone number');
      expect(res.body).toContain('value="sam.example" aria-invalid="true" aria-describedby="cd-email-error"');
      expect(await candidate()).toEqual(before);
    });

    it('refuses the form without its CSRF token', async () => {
      const res = await post(`${path}/contact`, { email: 'x@example.com', phone: '' });
      expect(res.statusCode).toBe(403);
    });

    it('saves a new phone at once; the hiring team sees it and the audit records it', async () => {
      const shown = (await page()).body;
      const action = `${path}/contact`;
      const { email } = await candidate();
      const res = await post(action, { csrf: csrfFor(shown, action), email, phone: '+44 7700 900123' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toContain('done=contact');
      expect(await candidate()).toMatchObject({ email, phone: '+44 7700 900123' });
      expect(await audits()).toContain('portal.phone_changed');
      expect(await audits()).not.toContain('portal.email_change_requested');
    });

    it('changes the email only when the new address confirms it; the page link keeps working', async () => {
      const { email: old } = await candidate();
      const shown = (await page()).body;
      const action = `${path}/contact`;
      const res = await post(action, {
        csrf: csrfFor(shown, action),
        email: 'Sam.New@Example.com',
        phone: '+44 7700 900123',
      });
      expect(res.headers.location).toContain('done=email-pending');
      expect((await candidate()).email).toBe(old);
      expect((await page()).body).toContain('We sent a link to sam.new@example.com');

      const mails = await deliverOutbox(ctx, smtp);
      const mail = mails.find((m) => m.subject?.includes('confirm your new email'));
      expect(mail?.to).toMatchObject({ text: 'sam.new@example.com' });
      // Only the confirmation goes to the unconfirmed address: no link to the candidate's page.
      const links = (mail?.text ?? '').match(/https?:\/\/\S+\/c\/[A-Za-z0-9_/-]+/g) ?? [];
      expect(links).toHaveLength(1);
      const confirm = new URL(links[0]!).pathname;
      expect(confirm).toMatch(/^\/c\/email-change\/[A-Za-z0-9_-]{43}$/);

      // Opening it changes nothing until the button is pressed.
      const opened = await app.inject({ method: 'GET', url: confirm });
      expect(opened.statusCode).toBe(200);
      expect(opened.body).toContain('Use <strong>sam.new@example.com</strong>');
      expect((await candidate()).email).toBe(old);
      const done = await app.inject({ method: 'POST', url: confirm });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('Your email address is changed');
      expect((await candidate()).email).toBe('sam.new@example.com');
      expect(await audits()).toEqual(
        expect.arrayContaining(['portal.email_change_requested', 'portal.email_changed']),
      );
      // The previous address is told: what changed and when, what to do if it wasn't them, no link.
      const notices = (await deliverOutbox(ctx, smtp)).filter((m) => m.subject?.includes('was changed'));
      expect(notices).toHaveLength(1);
      expect(notices[0]?.to).toMatchObject({ text: old });
      expect(notices[0]?.text).toContain('was changed to s•••@example.com on ');
      expect(notices[0]?.text).toContain("If this wasn't you, reply to this email");
      expect(notices[0]?.text ?? '').not.toMatch(/\/c\//);
      // The link works once; the page link is still the candidate's.
      expect((await app.inject({ method: 'POST', url: confirm })).statusCode).toBe(404);
      expect((await page()).statusCode).toBe(200);
      expect((await page()).body).not.toContain('We sent a link to');
    });

    it("will not take another candidate's address, and a wrong link is a plain 404", async () => {
      const other = await makeNetworkMember(ctx, {
        organisationId,
        roleId: (await insertAssessmentRole(ctx, { organisationId, title: 'Lighting Technician' })).id,
        name: 'Alex Other',
        ratings: { lighting: 3 },
        profile: { region: 'York', permanent: true, freelance: false, casualCrew: false },
      });
      const taken = (
        await ctx.kysely
          .selectFrom('candidate')
          .select('email')
          .where('id', '=', other.candidateId)
          .executeTakeFirstOrThrow()
      ).email;
      const shown = (await page()).body;
      const action = `${path}/contact`;
      await post(action, { csrf: csrfFor(shown, action), email: taken, phone: '' });
      smtp.received.length = 0;
      const mails = await deliverOutbox(ctx, smtp);
      const link = (mails[0]?.text ?? '').match(/https?:\/\/\S+\/c\/email-change\/[A-Za-z0-9_-]{43}/)?.[0];
      expect(link).toBeDefined();
      const res = await app.inject({ method: 'POST', url: new URL(link!).pathname });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('already in use');
      expect((await candidate()).email).toBe('sam.new@example.com');
      expect((await app.inject({ method: 'GET', url: `/c/email-change/${'x'.repeat(43)}` })).statusCode).toBe(
        404,
      );
    });
  },
  { now: () => clock },
);
