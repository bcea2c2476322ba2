// Issue #13, end to end in a real browser: a candidate who was not progressed opens their page,
// gets their referral link and shares it; a colleague opens the link on their own device and joins
// the talent network; the hiring team sees the referral as "joined network" on the Referrals page,
// and the link's story (opened once, Kit joined); and the referrer's thank-you is in the outbox.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCandidateLink } from '../../src/portal/links.ts';
import { insertTestCandidate, insertTestRole, makeApplication } from '../support/factories/applications.ts';
import { makeMember, type TestMember } from '../support/factories/organisations.ts';
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
} from './browser.ts';

describe.skipIf(!browserAvailable())(
  'browser journey: a rejected candidate refers a colleague, who joins the talent network',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let admin: TestMember;
    let referrerId: string;
    let candidatePageUrl: string;
    let referralUrl: string;
    const errors: string[] = [];

    beforeAll(async () => {
      running = await startApp();
      browser = await launchBrowser();
      const ctx = running.ctx;
      admin = await makeMember(ctx, { role: 'admin', name: 'Morven Reid', email: 'morven@harbour.example' });
      const organisationId = admin.organisationId;
      await ctx.kysely
        .updateTable('organization')
        .set({ name: 'Harbour Lights' })
        .where('id', '=', organisationId)
        .execute();
      const role = await insertTestRole(ctx, { organisationId, title: 'Lighting Technician' });
      referrerId = (
        await insertTestCandidate(ctx, { organisationId, name: 'Priya Raman', email: 'priya@example.com' })
      ).id;
      const application = await makeApplication(ctx, {
        organisationId,
        roleId: role.id,
        candidateId: referrerId,
        stage: 'not_progressing',
      });
      // The not-progressing email has gone.
      await ctx.kysely
        .updateTable('application')
        .set({ told_at: ctx.now().toISOString(), told_via: 'email' })
        .where('id', '=', application.id)
        .execute();
      candidatePageUrl = await issueCandidateLink(ctx.kysely, ctx, {
        organisationId,
        candidateId: referrerId,
      });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    const watch = (page: Page) => {
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    };

    it('gives the rejected candidate their referral link on their page', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      watch(page);
      expect((await page.goto(candidatePageUrl))?.status()).toBe(200);
      expect(await page.locator('body').textContent()).toContain(
        "We've decided not to progress your application for Lighting Technician.",
      );
      const section = page.getByRole('region', { name: 'Recommend a colleague' });
      await section.getByRole('button', { name: 'Get my link to share' }).click();
      await page.waitForURL((u) => u.searchParams.get('done') === 'referral-link');
      expect(await page.getByRole('status').textContent()).toContain('Here is your link to share.');
      referralUrl = await section.getByLabel('Your link', { exact: true }).inputValue();
      expect(referralUrl).toMatch(new RegExp(`^${running.url}/r/[A-Za-z0-9_-]{32}$`));
      const whatsapp = await section.getByRole('link', { name: 'Share on WhatsApp' }).getAttribute('href');
      expect(whatsapp).toBe(
        `https://wa.me/?text=${encodeURIComponent(
          `Hi! I applied for AV work with Harbour Lights and thought of you. They have roles that might suit you, and you can see them and get in touch here: ${referralUrl}`,
        )}`,
      );
      expect(await section.getByRole('link', { name: 'Send by email' }).getAttribute('href')).toMatch(
        /^mailto:\?/,
      );
      await context.close();
    });

    it('lets the colleague open the link and join the talent network', async () => {
      // Another device: no cookies, nothing but the link.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      watch(page);
      expect((await page.goto(referralUrl))?.status()).toBe(200);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        "Priya thought you'd like to work with Harbour Lights",
      );
      expect(await page.locator('body').textContent()).not.toContain('Raman');
      expect(await page.locator('body').textContent()).toContain('Lighting Technician');
      const network = page.getByRole('region', { name: 'Join our talent network' });
      await network.getByLabel('Your name').fill('Kit Marlowe');
      await network.getByLabel('Your email address').fill('kit@example.com');
      await network.getByLabel('I agree to you keeping my details as described above').check();
      const posted = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/network'),
      );
      await network.getByRole('button', { name: 'Join the talent network' }).click();
      expect((await posted).status()).toBe(303);
      await page.waitForURL((u) => u.searchParams.get('done') === 'network');
      expect(await page.getByRole('status').textContent()).toContain("you've joined our talent network");
      await context.close();
    });

    // Sign-in, two pages and an axe read: 20 s alone, longer under a loaded CI.
    it('shows the referral as joined network to the hiring team, and the thanks in the outbox', {
      timeout: 300_000,
    }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      watch(page);
      await signIn(page, running.url, admin);
      await page.getByRole('link', { name: 'Referrals' }).click();
      await page.waitForURL('**/referrals');
      const row = page.getByTestId('referral-row').filter({ hasText: 'Kit Marlowe' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Priya Raman');
      expect(await row.getByTestId('referral-status').textContent()).toBe('Joined network');
      const referrers = page.getByTestId('referrers-table');
      expect(await referrers.textContent()).toContain('Priya Raman');
      // Priya's link: opened once (the page after Kit's form is not another opening), Kit came forward.
      const link = page.getByTestId('referral-link').filter({ hasText: 'Priya Raman' });
      expect(await link.getByTestId('referral-link-opened').textContent()).toBe('Opened once');
      await link.getByRole('button').click();
      const timeline = link.getByTestId('referral-link-timeline');
      await timeline.waitFor();
      const story = await timeline.textContent();
      expect(story).toContain('Link made for the referrer to share');
      expect(story).toContain('First opened');
      expect(story).toContain('Kit Marlowe joined the talent network');
      expect(await link.getByTestId('referral-link-people').textContent()).toContain('Joined network');
      await page.mouse.move(0, 0);
      await expectNoSeriousA11yViolations(page, 'referrals page, a link opened');
      expect(await page.getByTestId('referral-ask-preview').textContent()).toContain(
        'Know someone who would enjoy working with us?',
      );

      const thanks = await running.ctx.kysely
        .selectFrom('message')
        .select(['subject', 'status', 'to_email'])
        .where('candidate_id', '=', referrerId)
        .where('template_key', '=', 'referral_thanks')
        .execute();
      expect(thanks).toEqual([
        { subject: 'Thank you for recommending Kit', status: 'held', to_email: 'priya@example.com' },
      ]);
      // An admin turns the ask off for the offer email, on the same page.
      const offerAsk = page.getByRole('switch', { name: 'Offer', exact: true });
      expect(await offerAsk.isChecked()).toBe(true);
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/referrals/ask-settings'),
      );
      await offerAsk.click({ force: true });
      expect((await saved).status()).toBe(200);
      await page.getByText('Saved. Emails written from now on follow it.').waitFor();
      expect(await offerAsk.isChecked()).toBe(false);
      const off = await running.ctx.kysely
        .selectFrom('referral_ask_off')
        .select('template_key')
        .where('organisation_id', '=', admin.organisationId)
        .execute();
      expect(off).toEqual([{ template_key: 'offer' }]);
      // The hiring team can read it in Messages.
      await page.getByRole('link', { name: 'Messages' }).click();
      await page.getByText('Thank you for recommending Kit').first().waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
