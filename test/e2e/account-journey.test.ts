import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, type TestMember } from '../support/factories/organisations.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
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
  'browser journey: a forgotten password reset by email, then the account page',
  () => {
    let smtp: TestSmtpServer;
    let running: RunningApp;
    let browser: Browser;
    let page: Page;
    let member: TestMember;
    const errors: string[] = [];

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      running = await startApp({ smtpUrl: smtp.url });
      browser = await launchBrowser();
      member = await makeMember(running.ctx, {
        role: 'interviewer',
        name: 'Tomasz Nowak',
        email: 'tomasz@harbour.example',
      });
      page = await newPage(browser, { viewport: { width: 390, height: 844 } });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    });

    afterAll(async () => {
      await browser?.close();
      await running?.close();
      await smtp?.close();
    });

    it('asks for a reset link, chooses a new password from the email and signs in with it', {
      timeout: 300_000,
    }, async () => {
      await page.goto(`${running.url}/sign-in`);
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.waitForURL('**/forgot-password');
      await expectNoSeriousA11yViolations(page, 'forgot password');
      await page.getByLabel('Email').fill(member.email);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Check your email' }).count())
        .toBe(1);
      await expectNoSeriousA11yViolations(page, 'reset link sent');

      await smtp.waitFor(1);
      const mail = await smtp.parse(smtp.received[0]!);
      expect(mail.subject).toBe('Reset your Followspot password');
      const link = /https?:\/\/[^\s"'<>)]+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
      expect(link).toBeDefined();

      await page.goto(link!);
      await page.getByLabel(/^New password\s*\*?$/).fill('a fresh long password');
      await page.getByLabel('New password again').fill('not the same one');
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await expect
        .poll(() => page.getByText('does not match the new password').count(), { timeout: 20_000 })
        .toBe(1);
      await expectNoSeriousA11yViolations(page, 'reset password, mismatch');
      await page.getByLabel('New password again').fill('a fresh long password');
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Password changed' }).count())
        .toBe(1);
      await expectNoSeriousA11yViolations(page, 'password changed');

      // The link works once.
      await page.goto(link!);
      await page.getByLabel(/^New password\s*\*?$/).fill('a third long password');
      await page.getByLabel('New password again').fill('a third long password');
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await expect
        .poll(() => page.getByText('expired or was already used').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);

      member = { ...member, password: 'a fresh long password' };
      await signIn(page, running.url, member);
      expect(errors).toEqual([]);
    });

    it('changes the name and the password on the account page', { timeout: 300_000 }, async () => {
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Your account' }).click();
      await page.waitForURL('**/account');
      await expectNoSeriousA11yViolations(page, 'account');

      await page.getByLabel('Your name').fill('Tomasz Nowak-Reid');
      await page.getByRole('button', { name: 'Save name' }).click();
      await expect.poll(() => page.getByText('Your name is saved').count(), { timeout: 20_000 }).toBe(1);
      await expect
        .poll(() => page.getByRole('button', { name: /Account menu for Tomasz Nowak-Reid/ }).count())
        .toBe(1);

      await page.getByLabel('Current password').fill('not my password at all');
      await page.getByLabel('New password').fill('the account page password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect
        .poll(() => page.getByText('The current password is not right').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await expectNoSeriousA11yViolations(page, 'account, wrong current password');

      await page.getByLabel('Current password').fill(member.password);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect
        .poll(() => page.getByText('Your password is changed').count(), { timeout: 20_000 })
        .toBe(1);
      // This browser stays signed in with the new session.
      await page.reload();
      await expect
        .poll(() => page.getByRole('heading', { name: 'Your account' }).count(), { timeout: 20_000 })
        .toBe(1);
      expect(errors).toEqual([]);
    });

    it('changes the email address: confirmed from the new inbox, the old one told', {
      timeout: 300_000,
    }, async () => {
      const newEmail = 'tomasz.nowak@lighthouse.example';
      await page.getByLabel('New email address').fill(member.email);
      await page.getByRole('button', { name: 'Send the confirmation link' }).click();
      await expect
        .poll(() => page.getByText('already your email address').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await page.getByLabel('New email address').fill(newEmail);
      await page.getByRole('button', { name: 'Send the confirmation link' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: newEmail }).count(), { timeout: 20_000 })
        .toBe(1);
      await expectNoSeriousA11yViolations(page, 'account, email link sent');

      const before = smtp.received.length;
      await expect
        .poll(() => smtp.received.some((m) => m.envelopeTo.includes(newEmail)), { timeout: 30_000 })
        .toBe(true);
      const sent = smtp.received.find((m) => m.envelopeTo.includes(newEmail))!;
      const mail = await smtp.parse(sent);
      expect(mail.subject).toBe('Confirm your new Followspot email address');
      const link = /https?:\/\/[^\s"'<>)]+\/confirm-email\?token=[A-Za-z0-9_.-]+/.exec(mail.text ?? '')?.[0];
      expect(link).toBeDefined();

      await page.goto(link!);
      await expectNoSeriousA11yViolations(page, 'confirm email');
      await page.getByRole('button', { name: 'Confirm the new address' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Email address changed' }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await expectNoSeriousA11yViolations(page, 'email changed');
      // The old address hears of it.
      await expect
        .poll(() => smtp.received.slice(before).some((m) => m.envelopeTo.includes(member.email)), {
          timeout: 30_000,
        })
        .toBe(true);
      await page.goto(`${running.url}/account`);
      await expect
        .poll(() => page.getByText(`You sign in with ${newEmail}`).count(), { timeout: 20_000 })
        .toBe(1);
      expect(errors).toEqual([]);
    });
  },
);
