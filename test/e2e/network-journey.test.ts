// Issue #12, end to end in the browser and over real SMTP: a manager opens a new role's network
// matches (ranked, with reasons), previews and sends three personalised opportunities (a background
// job with progress); each candidate's page shows the role, and one says they are interested; a
// member updates their availability, another marks a suggested training done, and the match changes
// each time; a month before the end of their consent a member renews from the email's link; another
// unsubscribes in one click from the List-Unsubscribe address, without a session, and the next
// preview says why nothing goes to them.
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StructuredFeedback } from '../../src/domain/feedback/document.ts';
import { opportunitiesJob } from '../../src/features/network/network-opportunities.ts';
import { newId } from '../../src/ids.ts';
import { runDecisionClockSweep } from '../../src/jobs/decision-clock-sweep.ts';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { makeNetworkMember } from '../support/factories/network.ts';
import { makeMember, type TestMember } from '../support/factories/organisations.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
} from './browser.ts';

// The app's clock: Wednesday 25 November 2026, 10:30 in London (inside the sending window), ticking
// from there; the re-consent step moves it to Thursday 4 November 2027, three weeks before the
// members' twelve months end.
const appEpoch = Date.parse('2026-11-25T10:30:00Z');
let offset = appEpoch - Date.now();
const appNow = () => new Date(Date.now() + offset);
const jumpTo = (iso: string) => {
  offset = Date.parse(iso) - Date.now();
};

const roleTitle = 'Lighting and Sound Technician';
const people = [
  {
    name: 'Tamsin Hale',
    ratings: { lighting: 4, audio: 3, signal_flow: 3, rigging_power_safety: 3 },
    profile: {
      skills: ['ETC Eos', 'Follow-spot'],
      region: 'Leeds',
      travelMiles: 30,
      roleKinds: ['Lighting'],
    },
  },
  {
    name: 'Rhys Morgan',
    ratings: { lighting: 3, audio: 4, signal_flow: 3, rigging_power_safety: 2 },
    profile: { skills: ['Yamaha CL', 'Dante'], region: 'Bradford', travelMiles: 20, roleKinds: ['Sound'] },
  },
  {
    name: 'Aisha Bello',
    ratings: { lighting: 3, audio: 3, signal_flow: 2, rigging_power_safety: 3 },
    profile: { skills: ['QLab'], region: 'York', travelMiles: 40, roleKinds: ['Sound', 'Lighting'] },
  },
] as const;

const wirelessFeedback: StructuredFeedback = {
  strengths: [],
  developmentAreas: [
    {
      criterionKey: 'audio',
      criterion: 'Audio',
      reason: 'lowest_rated',
      level: 3,
      evidence: 'The radio mics dropped out in the second scene.',
      training: 'Shure wireless systems course',
      suggestions: [
        { id: 'shure', name: 'Shure wireless systems course', provider: 'Shure', form: 'online', url: null },
      ],
      cautious: false,
    },
  ],
  encouragement: { kind: 'talent_network', futureRole: null, trainingName: null, text: 'Stay in touch.' },
  score: 80,
  edited: false,
};

describe.skipIf(!browserAvailable())(
  'browser journey: network matches, three opportunities, the members keep it current, re-consent and unsubscribe',
  () => {
    let smtp: TestSmtpServer;
    let running: RunningApp;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    let manager: TestMember;
    /** The admin: told of training done, as the past role had no hiring manager. */
    let admin: TestMember;
    let roleId: string;
    /** The members, by name: candidate id and email address. */
    const members = new Map<string, { candidateId: string; email: string }>();
    /** Each member's opportunity email, by name. */
    const opportunityMails = new Map<string, { mail: ParsedMail; raw: string }>();

    const personalLink = (mail: ParsedMail) =>
      /https?:\/\/[^\s)>\]]+\/c\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
    /** The candidate's own browser: no manager's cookies. */
    async function candidateBrowser() {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const candidatePage = await context.newPage();
      candidatePage.setDefaultTimeout(10_000);
      candidatePage.on('pageerror', (err) => errors.push(err.message));
      return { context, candidatePage };
    }
    async function mailsTo(email: string, subject: RegExp) {
      const found: { mail: ParsedMail; raw: string }[] = [];
      for (const received of smtp.received) {
        if (!received.envelopeTo.includes(email)) continue;
        const mail = await smtp.parse(received);
        if (subject.test(mail.subject ?? '')) found.push({ mail, raw: received.raw });
      }
      return found;
    }

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      running = await startApp({ smtpUrl: smtp.url, workerPollIntervalMs: 100, now: appNow });
      browser = await launchBrowser();
      const ctx = running.ctx;
      admin = await makeMember(ctx, { role: 'admin', name: 'Morven Reid' });
      const organisationId = admin.organisationId;
      manager = await makeMember(ctx, { organisationId, role: 'manager', name: 'Callum Fraser' });
      const call = async <T>(url: string, payload: object): Promise<T> => {
        const response = await running.app.inject({
          method: 'POST',
          url,
          headers: { cookie: admin.cookie },
          payload,
        });
        if (response.statusCode >= 300)
          throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
        return response.json() as T;
      };
      const venue = await call<{ id: string }>('/api/v1/venues', {
        name: 'Corn Exchange Theatre',
        region: 'england-and-wales',
        city: 'Leeds',
      });
      roleId = (
        await call<{ id: string }>('/api/v1/roles', {
          title: roleTitle,
          venueId: venue.id,
          level: 'technician',
          hiringManagerId: manager.userId,
          description: 'Rig, focus and operate lighting and sound for a 700-seat theatre.',
        })
      ).id;
      // Three people assessed for past roles who joined the talent network from their page.
      for (const person of people) {
        const { candidateId, applicationId } = await makeNetworkMember(ctx, {
          organisationId,
          name: person.name,
          ratings: person.ratings,
          profile: {
            ...person.profile,
            permanent: true,
            casualCrew: false,
            skills: [...person.profile.skills],
            roleKinds: [...person.profile.roleKinds],
          },
        });
        const { email } = await ctx.kysely
          .selectFrom('candidate')
          .select('email')
          .where('id', '=', candidateId)
          .executeTakeFirstOrThrow();
        members.set(person.name, { candidateId, email });
        if (person.name === 'Aisha Bello') {
          // She was told "not progressing" with feedback that suggested a wireless course for audio.
          const at = ctx.now().toISOString();
          await ctx.kysely
            .updateTable('application')
            .set({ stage: 'not_progressing', told_at: at, told_via: 'email' })
            .where('id', '=', applicationId)
            .execute();
          await ctx.kysely
            .insertInto('feedback')
            .values({
              id: newId(),
              organisation_id: organisationId,
              application_id: applicationId,
              version: 1,
              status: 'approved',
              structured: JSON.stringify(wirelessFeedback),
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
        }
      }
      // A page of its own context: axe reads pages only from browser.newContext().
      page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await running?.close();
      await smtp?.close();
    });

    it("the manager opens the role's matches, previews and sends three opportunities; each arrives once", {
      timeout: 300_000,
    }, async () => {
      await signIn(page, running.url, manager);
      await page.getByRole('link', { name: roleTitle }).first().click();
      await page.waitForURL(`**/roles/${roleId}`);
      await page.getByRole('link', { name: 'Network matches' }).click();
      await page.waitForURL(`**/roles/${roleId}/network-matches`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`Network matches: ${roleTitle}`);

      // Ranked, with the reasons: the strongest lighting member first.
      const rows = page.getByTestId('match-row');
      await expect.poll(() => rows.count()).toBe(3);
      const first = await rows.first().textContent();
      expect(first).toContain('Tamsin Hale');
      expect(first).toMatch(/Lighting: Strong/);

      for (const person of people) await page.getByLabel(`Choose ${person.name}`).check();
      await page
        .getByLabel('Why we thought of Tamsin Hale (optional, in their email)')
        .fill('Your Eos programming in the practical stood out.');
      await page.getByRole('button', { name: 'Preview 3 emails' }).click();
      const previews = page.getByTestId('opportunity-previews');
      await expect
        .poll(() => previews.textContent())
        .toContain(`Subject: A new role you might like: ${roleTitle}`);
      expect(await previews.textContent()).toContain('Your Eos programming in the practical stood out.');
      // A preview writes nothing.
      const queued = () =>
        running.ctx.kysely
          .selectFrom('message')
          .select(['candidate_id'])
          .where('template_key', '=', 'new_opportunity')
          .execute();
      expect(await queued()).toEqual([]);

      await page.getByRole('button', { name: 'Send 3 opportunities' }).click();
      const job = page.getByTestId('opportunities-job');
      await expect.poll(() => job.isVisible()).toBe(true);
      // The background worker's turn (as `followspot serve` runs it).
      const runner = createJobRunner({ ctx: running.ctx, handlers: [opportunitiesJob] });
      expect(await runner.runOnce()).toMatchObject({ outcome: 'succeeded' });
      await expect.poll(() => job.textContent(), { timeout: 10_000 }).toContain('Sent: 3 opportunities');
      expect((await queued()).map((m) => m.candidate_id).sort()).toEqual(
        [...members.values()].map((m) => m.candidateId).sort(),
      );

      await smtp.waitFor(3, 30_000);
      for (const [name, { email }] of members) {
        const mails = await mailsTo(email, /^A new role you might like/);
        expect(mails, name).toHaveLength(1);
        opportunityMails.set(name, mails[0]!);
        expect(mails[0]!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      }
      // Each row now says the role was sent, and cannot be chosen again.
      await page.reload();
      await expect.poll(() => page.getByText('Already sent this role').count()).toBe(3);
      expect(errors).toEqual([]);
    });

    it("each candidate's page shows the role; one says they are interested and the manager is told", {
      timeout: 60_000,
    }, async () => {
      for (const person of people) {
        const { mail } = opportunityMails.get(person.name)!;
        const link = personalLink(mail);
        expect(link, person.name).toBeTruthy();
        expect(mail.text).toContain(`${link}#opportunity-${roleId}`);
        const { context, candidatePage } = await candidateBrowser();
        expect((await candidatePage.goto(`${link}#opportunity-${roleId}`))?.status()).toBe(200);
        const offered = candidatePage.locator(`#opportunity-${roleId}`);
        expect(
          await candidatePage.getByRole('heading', { name: 'Roles we thought of you for' }).isVisible(),
        ).toBe(true);
        expect(await offered.textContent()).toContain(`${roleTitle}, Corn Exchange Theatre`);
        if (person.name === 'Tamsin Hale') {
          expect(await offered.textContent()).toContain('Your Eos programming in the practical stood out.');
          await offered.getByRole('button', { name: "I'm interested: please get in touch" }).click();
          await candidatePage.waitForURL((u) => u.searchParams.get('done') === 'interested');
          expect(await candidatePage.getByRole('status').textContent()).toContain(
            "we've told the hiring manager",
          );
        }
        await context.close();
      }
      const told = await running.app.inject({
        method: 'GET',
        url: '/api/v1/notifications',
        headers: { cookie: manager.cookie },
      });
      expect(
        (told.json().data as { kind: string; title: string }[]).filter((n) => n.kind === 'network_interest'),
      ).toEqual([expect.objectContaining({ title: `Tamsin Hale is interested in ${roleTitle}` })]);
      expect(errors).toEqual([]);
    });

    it('a member offers casual crew shifts on their page, and the casual-crew match changes', {
      timeout: 60_000,
    }, async () => {
      await page.goto(`${running.url}/roles/${roleId}/network-matches`);
      await page.getByText('Casual-crew bench').click();
      const rhysRow = page.getByTestId('match-row').filter({ hasText: 'Rhys Morgan' });
      await expect.poll(() => rhysRow.count()).toBe(1);
      expect(await rhysRow.textContent()).not.toContain('On the casual-crew bench');

      const { context, candidatePage } = await candidateBrowser();
      await candidatePage.goto(personalLink(opportunityMails.get('Rhys Morgan')!.mail)!);
      await candidatePage
        .getByLabel('Casual crew (for example follow-spot or No.2 on sound for a show)')
        .check();
      await candidatePage.getByLabel("How far you'll travel, in miles (optional)").fill('50');
      await candidatePage.getByRole('button', { name: 'Save my profile' }).click();
      await candidatePage.waitForURL((u) => u.searchParams.get('done') === 'profile');
      expect(await candidatePage.getByRole('status').textContent()).toContain(
        'your network profile is saved',
      );
      await context.close();

      await page.reload();
      await page.getByText('Casual-crew bench').click();
      await expect
        .poll(() => page.getByTestId('match-row').filter({ hasText: 'Rhys Morgan' }).textContent())
        .toContain('On the casual-crew bench');

      // The network page (in the nav) lists all three; "available for casual shifts" only Rhys.
      await page.getByRole('link', { name: 'Talent network' }).click();
      await page.waitForURL('**/network');
      await expect.poll(() => page.getByTestId('network-row').count()).toBe(3);
      await page.goto(`${running.url}/network?availability=casual`);
      // A page loaded afresh: the layout's and the page's chunks come after the entry.
      await expect.poll(() => page.getByTestId('network-row').count(), { timeout: 10_000 }).toBe(1);
      expect(await page.getByTestId('network-row').textContent()).toContain('Rhys Morgan');
      // The candidate's profile in the web app shows the membership and its history.
      await page.getByRole('link', { name: 'Rhys Morgan' }).click();
      await page.waitForURL(`**/candidates/${members.get('Rhys Morgan')!.candidateId}`);
      const card = page.getByTestId('network-membership');
      await expect.poll(() => card.textContent()).toContain('Available for: permanent roles, casual crew');
      expect(await card.textContent()).toContain('Bradford, up to 50 miles');
      expect(await card.textContent()).toContain(`Sent the opportunity ${roleTitle}`);
      expect(errors).toEqual([]);
    });

    it('a member marks the suggested training done on their page; the hiring team is told and the match changes', {
      timeout: 60_000,
    }, async () => {
      await page.goto(`${running.url}/roles/${roleId}/network-matches`);
      const aishaRow = page.getByTestId('match-row').filter({ hasText: 'Aisha Bello' });
      await expect.poll(() => aishaRow.count()).toBe(1);
      expect(await aishaRow.textContent()).not.toContain('completed Shure wireless systems course');

      const { context, candidatePage } = await candidateBrowser();
      await candidatePage.goto(personalLink(opportunityMails.get('Aisha Bello')!.mail)!);
      await candidatePage.getByText("I've done a training you suggested").click();
      await candidatePage
        .getByLabel('Which training')
        .selectOption({ label: 'Shure wireless systems course (Audio)' });
      await candidatePage.getByLabel('When you finished it (optional)').fill('2026-11-20');
      await candidatePage.getByRole('button', { name: 'Tell the hiring team' }).click();
      await candidatePage.waitForURL((u) => u.searchParams.get('done') === 'training');
      expect(await candidatePage.locator('body').textContent()).toContain(
        'Shure wireless systems course, 20 November 2026',
      );
      await context.close();

      await page.reload();
      await expect
        .poll(() => page.getByTestId('match-row').filter({ hasText: 'Aisha Bello' }).textContent())
        .toContain('completed Shure wireless systems course in November');
      // Her past role had no hiring manager, so the organisation's admin is told.
      const told = await running.app.inject({
        method: 'GET',
        url: '/api/v1/notifications',
        headers: { cookie: admin.cookie },
      });
      expect(
        (told.json().data as { kind: string; title: string }[]).filter((n) => n.kind === 'network_training'),
      ).toEqual([expect.objectContaining({ title: 'Aisha Bello completed Shure wireless systems course' })]);
      expect(errors).toEqual([]);
    });

    it('a member corrects their contact details without JavaScript; a new email waits for its own link', {
      timeout: 90_000,
    }, async () => {
      const rhys = members.get('Rhys Morgan')!;
      const pageLink = personalLink(opportunityMails.get('Rhys Morgan')!.mail)!;
      const fillContact = async (candidatePage: Page, phone: string, email: string) => {
        await candidatePage.getByLabel('Phone number (optional)').fill(phone);
        await candidatePage.getByLabel('Email address').fill(email);
        await candidatePage.getByRole('button', { name: 'Save my contact details' }).click();
      };
      // The form works with JavaScript off (the portal sends none)...
      const noScript = await browser.newContext({
        viewport: { width: 390, height: 844 },
        javaScriptEnabled: false,
      });
      const plain = await noScript.newPage();
      plain.setDefaultTimeout(10_000);
      await plain.goto(pageLink);
      await fillContact(plain, '07700 90O123', 'rhys.morgan@');
      const summary = plain.getByRole('alert');
      expect(await summary.textContent()).toContain('Email address: Enter your email address in the form');
      expect(await summary.textContent()).toContain('Phone number (optional): Enter a phone number');
      await noScript.close();
      // ...and axe (which needs scripts to run) reads the same pages in an ordinary browser.
      const { context, candidatePage } = await candidateBrowser();
      await candidatePage.goto(pageLink);
      await fillContact(candidatePage, '07700 90O123', 'rhys.morgan@');
      await expectNoSeriousA11yViolations(candidatePage, 'contact details with errors');
      await fillContact(candidatePage, '07700 900123', 'rhys.new@example.org');
      await candidatePage.waitForURL((u) => u.searchParams.get('done') === 'email-pending');
      expect(await candidatePage.locator('#email-pending').textContent()).toContain('rhys.new@example.org');
      await expectNoSeriousA11yViolations(candidatePage, 'candidate page with contact details');

      // The hiring team sees the phone at once; the email once the new address confirms it.
      const profile = async () =>
        (
          await running.app.inject({
            method: 'GET',
            url: `/api/v1/candidates/${rhys.candidateId}`,
            headers: { cookie: manager.cookie },
          })
        ).json() as { email: string; phone: string | null };
      expect(await profile()).toMatchObject({ email: rhys.email, phone: '07700 900123' });
      await expect
        .poll(async () => (await mailsTo('rhys.new@example.org', /confirm your new email/)).length, {
          timeout: 30_000,
        })
        .toBe(1);
      const [confirm] = await mailsTo('rhys.new@example.org', /confirm your new email/);
      const link = /https?:\/\/\S+\/c\/email-change\/[A-Za-z0-9_-]{43}/.exec(confirm!.mail.text ?? '')?.[0];
      expect(personalLink(confirm!.mail)).toBeUndefined();
      await candidatePage.goto(link!);
      await expectNoSeriousA11yViolations(candidatePage, 'confirm a new email');
      await candidatePage.getByRole('button', { name: 'Yes, use this email address' }).click();
      expect(await candidatePage.locator('h1').textContent()).toBe('Your email address is changed');
      await context.close();
      expect((await profile()).email).toBe('rhys.new@example.org');
      members.set('Rhys Morgan', { ...rhys, email: 'rhys.new@example.org' });
    });

    it('a manager marks a member future fit; on the date they are reminded and the re-engage tab lists them', {
      timeout: 90_000,
    }, async () => {
      const rhys = members.get('Rhys Morgan')!;
      // From the candidate's profile: the form says what to write; a past date is refused with how to fix it.
      await page.goto(`${running.url}/candidates/${rhys.candidateId}`);
      const card = page.getByTestId('future-fit');
      await expect.poll(() => card.getByText('Not marked yet.').count()).toBe(1);
      await card.getByLabel('Future fit for').fill('Senior Sound Technician');
      await card.getByLabel('After').fill('a season running RF for a touring show');
      await card.getByLabel('Re-engage on').fill('2026-11-20');
      await card.getByRole('button', { name: 'Mark future fit' }).click();
      await expect.poll(() => card.getByText(/must be after today/i).count()).toBeGreaterThan(0);
      await card.getByLabel('Re-engage on').fill('2026-11-26');
      await card.getByRole('button', { name: 'Mark future fit' }).click();
      await expect
        .poll(() => card.textContent())
        .toContain('Future fit for Senior Sound Technician after a season running RF for a touring show');
      await expectNoSeriousA11yViolations(page, 'candidate profile with future fit');
      await page.goto(`${running.url}/network?reengage=true`);
      await expect.poll(() => page.getByText('Nobody to re-engage today').count()).toBe(1);
      await expectNoSeriousA11yViolations(page, 'empty re-engage queue');

      jumpTo('2026-11-26T10:30:00Z');
      const sweep = await runDecisionClockSweep(running.ctx);
      expect(sweep.futureFitReminders).toBe(1);
      await page.goto(`${running.url}/network`);
      await page.getByText('Re-engage queue').click();
      await page.waitForURL((u) => u.searchParams.get('reengage') === 'true');
      const queue = page.getByTestId('reengage-queue');
      await expect.poll(() => queue.textContent()).toContain('Rhys Morgan');
      expect(await queue.textContent()).toContain(
        'Future fit for Senior Sound Technician after a season running RF for a touring show.',
      );
      expect(await queue.textContent()).toContain('(marked by Callum Fraser)');
      await expectNoSeriousA11yViolations(page, 're-engage queue');
      await queue.getByRole('link', { name: 'Rhys Morgan' }).click();
      await page.waitForURL(`**/candidates/${rhys.candidateId}`);
      expect(errors).toEqual([]);
    });

    it('a month before the twelve months end, a member renews from the email; another unsubscribes in one click', {
      timeout: 90_000,
    }, async () => {
      jumpTo('2027-11-04T10:30:00Z');
      const sweep = await runDecisionClockSweep(running.ctx);
      expect(sweep.reconsentRequests).toBe(3);

      // Aisha renews from the re-consent email's link.
      const aisha = members.get('Aisha Bello')!;
      await expect
        .poll(async () => (await mailsTo(aisha.email, /^Would you like to stay/)).length, { timeout: 30_000 })
        .toBe(1);
      const [reconsent] = await mailsTo(aisha.email, /^Would you like to stay/);
      const { context, candidatePage } = await candidateBrowser();
      expect((await candidatePage.goto(personalLink(reconsent!.mail)!))?.status()).toBe(200);
      await candidatePage
        .getByRole('button', { name: /^Yes, keep me in the network for another 12 months/ })
        .click();
      await candidatePage.waitForURL((u) => u.searchParams.get('done') === 'renewed');
      expect(await candidatePage.getByRole('status').textContent()).toContain(
        "you're in the talent network for longer",
      );
      await context.close();
      const membership = await running.app.inject({
        method: 'GET',
        url: `/api/v1/network/${aisha.candidateId}`,
        headers: { cookie: manager.cookie },
      });
      expect(membership.json().consents.map((c: { kind: string }) => c.kind)).toEqual(['given', 'renewed']);
      expect(Date.parse(membership.json().member.consent.expiresAt)).toBeGreaterThan(
        Date.parse('2028-11-01T00:00:00Z'),
      );

      // Tamsin unsubscribes in one click: the mail client's POST to the List-Unsubscribe address of
      // last year's opportunity email (it still works), with no session and no page.
      const tamsin = members.get('Tamsin Hale')!;
      const header = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(opportunityMails.get('Tamsin Hale')!.raw)?.[1];
      expect(header).toMatch(/\/c\/unsubscribe\/[A-Za-z0-9_-]{43}$/);
      const click = await fetch(header!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(click.status).toBe(200);

      // Her page says so; the next preview tells the manager why nothing goes to her.
      const own = await candidateBrowser();
      // (A year on, the opportunity email's page link has expired: the re-consent email's is fresh.)
      const [fresh] = await mailsTo(tamsin.email, /^Would you like to stay/);
      await own.candidatePage.goto(personalLink(fresh!.mail)!);
      expect(await own.candidatePage.locator('body').textContent()).toContain(
        "You've stopped talent-network emails",
      );
      await own.context.close();
      const preview = await running.app.inject({
        method: 'POST',
        url: `/api/v1/roles/${roleId}/opportunities/preview`,
        headers: { cookie: manager.cookie },
        payload: { candidateIds: [tamsin.candidateId] },
      });
      expect(preview.json().data).toEqual([
        expect.objectContaining({ canSend: false, reason: 'Unsubscribed from talent-network emails' }),
      ]);
      expect(errors).toEqual([]);
    });
  },
);
