import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateKeys } from '../../src/mail/catalogue.ts';
import { enqueueTestMessage, makeHiringScene } from '../support/factories/messages.ts';
import { makeMember, makeOrganisation, type TestMember } from '../support/factories/organisations.ts';
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  type RunningApp,
  signIn,
  startApp,
} from './browser.ts';

describe.skipIf(!browserAvailable())(
  'browser journey: held emails in the outbox, and a template edited with a live preview',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    let admin: TestMember;
    let organisationName: string;
    let candidateId: string;

    beforeAll(async () => {
      // startApp runs without SMTP_URL: every email is held in the outbox.
      running = await startApp();
      browser = await launchBrowser();
      const ctx = running.ctx;

      const organisation = await makeOrganisation(ctx, { name: 'Harbour Lights Venues' });
      organisationName = organisation.name;
      admin = await makeMember(ctx, {
        organisationId: organisation.id,
        role: 'admin',
        name: 'Morven Reid',
        email: 'morven@harbour.example',
      });

      // A candidate with an application, and an offer email to them (written in its own transaction).
      const scene = await makeHiringScene(ctx, {
        organisationId: organisation.id,
        candidateName: 'Isla Mackenzie',
        candidateEmail: 'isla@example.com',
      });
      candidateId = scene.candidateId;
      await enqueueTestMessage(ctx, {
        organisationId: organisation.id,
        template: 'offer',
        applicationId: scene.applicationId,
        send: 'now',
      });

      // Inviting a member through the API writes the invitation email to the outbox, held.
      const response = await running.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { cookie: admin.cookie },
        payload: { email: 'callum@harbour.example', role: 'manager' },
      });
      if (response.statusCode !== 201 && response.statusCode !== 200) {
        throw new Error(`POST /api/v1/invitations: ${response.statusCode} ${response.body}`);
      }

      page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    });

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    it('reads a held invitation email as its recipient will see it, then cancels it', {
      timeout: 300_000,
    }, async () => {
      await signIn(page, running.url, admin);
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Messages' })
        .click();
      await page.waitForURL('**/messages');

      // No SMTP: the banner says the emails are held, readable here, and what an admin does.
      const banner = page.getByTestId('held-banner');
      await expect.poll(() => banner.textContent()).toContain('Emails are held, not sent');
      expect(await banner.textContent()).toContain('SMTP_URL');

      const rows = page.getByTestId('message-row');
      await expect.poll(() => rows.count()).toBe(2);
      await expectNoSeriousA11yViolations(page, 'messages');
      // Team emails apart from candidates': the invitation is the team's, the offer Isla's.
      const chip = (name: string) =>
        page.locator('.chip-filter label').filter({ hasText: new RegExp(`^${name}$`) });
      await chip('Your team').click();
      await page.waitForURL('**/messages?audience=team');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('callum@harbour.example');
      await chip('Candidates').click();
      await page.waitForURL('**/messages?audience=candidates');
      await expect.poll(() => rows.first().textContent()).toContain('isla@example.com');
      expect(await rows.count()).toBe(1);
      await chip('Everyone').click();
      await expect.poll(() => rows.count()).toBe(2);
      const invitation = rows.filter({ hasText: 'callum@harbour.example' });
      expect(await invitation.getByTestId('message-status').textContent()).toBe('Held');
      expect(await invitation.textContent()).toContain('Invitation to join the organisation');
      const subject = `Morven Reid invited you to join ${organisationName} on Followspot`;
      await invitation.getByRole('link', { name: subject }).click();
      await page.waitForURL('**/messages/*');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(subject);

      // The HTML part, in a frame that runs nothing.
      const frame = page.locator('iframe[title^="The email"]');
      expect(await frame.getAttribute('sandbox')).toBe('');
      const inside = page.frameLocator('iframe[title^="The email"]');
      await expect.poll(() => inside.getByRole('link', { name: 'Accept the invitation' }).count()).toBe(1);
      expect(await inside.locator('body').textContent()).toContain(
        'has invited you to join Harbour Lights Venues on Followspot as a hiring manager',
      );
      await expectNoSeriousA11yViolations(page, 'message');

      // The email itself, opened as a page of its own, meets the same accessibility rules.
      const emailFrame = page.frames().find((f) => f !== page.mainFrame());
      if (!emailFrame) throw new Error('the email frame is missing');
      const emailPage = await newPage(browser);
      await emailPage.setContent(await emailFrame.content());
      await expectNoSeriousA11yViolations(emailPage, 'the invitation email');
      await emailPage.context().close();

      // The plain-text part.
      await page.getByRole('tab', { name: 'Plain text' }).click();
      const text = page.getByTestId('email-text');
      await expect.poll(() => text.textContent()).toContain('Accept the invitation');
      expect(await text.textContent()).toContain(`${running.url}/invite/`);
      await expectNoSeriousA11yViolations(page, 'message, plain text');

      // The headers: to, reply to the admin who invited.
      const headers = page.getByTestId('message-headers');
      expect(await headers.textContent()).toContain('callum@harbour.example');
      expect(await headers.textContent()).toContain('Morven Reid <morven@harbour.example>');

      // Cancel, with confirmation.
      await page.getByRole('button', { name: 'Cancel email' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancel this email?' });
      await expectNoSeriousA11yViolations(page, 'cancel dialog');
      await dialog.getByRole('button', { name: 'Cancel email' }).click();
      await expect.poll(() => page.getByTestId('message-status').first().textContent()).toBe('Cancelled');
      expect(await page.getByTestId('status-alert').textContent()).toContain('it will never be sent');
      await expect.poll(() => page.getByRole('button', { name: 'Cancel email' }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'cancelled message');

      const stored = await running.ctx.kysely
        .selectFrom('message')
        .select(['status', 'cancelled_at', 'template_key'])
        .where('to_email', '=', 'callum@harbour.example')
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('cancelled');
      expect(stored.template_key).toBe('organisation_invitation');
      expect(stored.cancelled_at).not.toBeNull();

      // The outbox shows it cancelled; the held filter leaves the offer email only.
      await page.getByRole('link', { name: '← Messages' }).click();
      await page.waitForURL('**/messages');
      await expect
        .poll(() =>
          rows.filter({ hasText: 'callum@harbour.example' }).getByTestId('message-status').textContent(),
        )
        .toBe('Cancelled');
      await page
        .locator('.chip-filter label')
        .filter({ hasText: /^Held$/ })
        .click();
      await page.waitForURL('**/messages?status=held');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('isla@example.com');
      await expectNoSeriousA11yViolations(page, 'held messages');

      // The candidate's page lists the emails to them.
      await page.goto(`${running.url}/candidates/${candidateId}`);
      const section = page.getByTestId('messages-section');
      await expect.poll(() => section.getByTestId('message-item').count()).toBe(1);
      expect(await section.textContent()).toContain('Offer');
      expect(await section.getByTestId('message-status').textContent()).toBe('Held');
      await expectNoSeriousA11yViolations(page, 'candidate');
      expect(errors).toEqual([]);
    });

    it('edits a template with a live preview, saves version 2 and refuses an unknown variable', {
      timeout: 300_000,
    }, async () => {
      await page.goto(`${running.url}/settings`);
      await page
        .getByRole('navigation', { name: 'Settings' })
        .getByRole('link', { name: 'Email templates' })
        .click();
      await page.waitForURL('**/settings/templates');
      await expect.poll(() => page.getByTestId('template-card').count()).toBe(templateKeys.length);
      await expectNoSeriousA11yViolations(page, 'templates');
      await page.getByRole('link', { name: 'Edit the Offer template' }).click();
      await page.waitForURL('**/settings/templates/offer');

      // The preview uses the newest real application: Isla's.
      const previewSubject = page.getByTestId('preview-subject');
      await expect
        .poll(() => previewSubject.textContent())
        .toBe('Offer: AV Technician — Main House at Main House');
      const preview = page.frameLocator('iframe[title="Preview of the Offer email"]');
      await expect.poll(() => preview.locator('body').textContent()).toContain('Dear Isla');
      await expectNoSeriousA11yViolations(page, 'template editor');

      // Type a new subject, then insert a variable at the cursor by clicking it.
      const subjectField = page.getByRole('textbox', { name: 'Subject' });
      await subjectField.fill('Your offer for {{ role.title }}, ');
      await subjectField.press('End');
      await page
        .getByRole('button', { name: /^Insert \{\{ candidate\.firstName \}\} into the subject/ })
        .click();
      expect(await subjectField.inputValue()).toBe(
        'Your offer for {{ role.title }}, {{ candidate.firstName }}',
      );
      await expect
        .poll(() => previewSubject.textContent())
        .toBe('Your offer for AV Technician — Main House, Isla');

      await page.getByRole('button', { name: 'Save as version 2' }).click();
      const versions = page.getByTestId('template-version');
      await expect.poll(() => versions.count()).toBe(2);
      const newest = versions.first();
      expect(await newest.textContent()).toContain('Version 2');
      expect(await newest.textContent()).toContain('Current');
      expect(await newest.textContent()).toContain('Morven Reid');
      expect(await page.getByTestId('current-version').textContent()).toBe('Version 2');

      const stored = await running.ctx.kysely
        .selectFrom('message_template_version')
        .select(['version', 'subject', 'created_by'])
        .where('template_key', '=', 'offer')
        .orderBy('version')
        .execute();
      expect(stored.map((v) => v.version)).toEqual([1, 2]);
      expect(stored[1]).toEqual({
        version: 2,
        subject: 'Your offer for {{ role.title }}, {{ candidate.firstName }}',
        created_by: admin.userId,
      });

      // The old version can be read.
      await versions.nth(1).getByRole('button', { name: 'View the text of version 1' }).click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.getByTestId('version-subject').textContent()).toBe(
        'Offer: {{ role.title }} at {{ venue.name }}',
      );
      await expectNoSeriousA11yViolations(page, 'template version dialog');
      await dialog.getByRole('button', { name: 'Close' }).click();

      // An unknown variable: named on the subject field, by the live preview and on saving.
      await subjectField.fill('Your offer, {{ candidate.shoeSize }}');
      const fieldError = page.locator('.template-subject [class*="error"]');
      await expect
        .poll(
          () =>
            fieldError
              .first()
              .textContent({ timeout: 1_000 })
              .catch(() => null),
          { timeout: 15_000 },
        )
        .toContain('candidate.shoeSize');
      await page.getByRole('button', { name: 'Save as version 3' }).click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Fix the subject' }).count()).toBe(1);
      expect(await fieldError.first().textContent({ timeout: 5_000 })).toContain(
        'Unknown variable "candidate.shoeSize"',
      );
      expect(await subjectField.getAttribute('aria-invalid')).toBe('true');
      await expectNoSeriousA11yViolations(page, 'template editor with an error');
      const count = await running.ctx.kysely
        .selectFrom('message_template_version')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('template_key', '=', 'offer')
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
      expect(errors).toEqual([]);
    });

    it('works on a phone-sized screen', { timeout: 60_000 }, async () => {
      const phone = await newPage(browser, { viewport: { width: 375, height: 740 } });
      await phone.context().addCookies(await page.context().cookies());
      phone.on('pageerror', (err) => errors.push(err.message));
      await phone.goto(`${running.url}/roles`);
      await phone.getByRole('button', { name: 'Open navigation' }).click();
      await phone.getByRole('link', { name: 'Messages' }).click();
      await phone.waitForURL('**/messages');
      const cards = phone.getByTestId('message-row');
      await expect.poll(() => cards.count()).toBe(2);
      await expectNoSeriousA11yViolations(phone, 'messages on a phone');
      await cards.filter({ hasText: 'isla@example.com' }).getByRole('link').first().click();
      await phone.waitForURL('**/messages/*');
      const inside = phone.frameLocator('iframe[title^="The email"]');
      await expect.poll(() => inside.locator('body').textContent()).toContain('Dear Isla');
      // Nothing is wider than the screen.
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth');
      await expectNoSeriousA11yViolations(phone, 'message on a phone');
      expect(overflow).toBeLessThanOrEqual(375);
      await phone.close();
      expect(errors).toEqual([]);
    });
  },
);
