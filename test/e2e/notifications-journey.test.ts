// A hiring manager on a phone acts on notifications from the bell: each item carries its kind's
// action and a mark read / mark unread of its own, and following one marks it read and leads there.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotification } from '../../src/features/notifications/notifications.repository.ts';
import type { NotificationKind } from '../../src/features/notifications/notifications.schema.ts';
import { makeMember, type TestMember } from '../support/factories/organisations.ts';
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  type RunningApp,
  signIn,
  startApp,
} from './browser.ts';

describe.skipIf(!browserAvailable())('browser journey: acting on notifications from the bell', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let manager: TestMember;
  const errors: string[] = [];

  beforeAll(async () => {
    running = await startApp();
    manager = await makeMember(running.ctx, { role: 'manager', name: 'Dev Patel' });
    const notes: { kind: NotificationKind; title: string; linkPath: string | null }[] = [
      { kind: 'manager_digest', title: 'Three decisions are due this week', linkPath: '/' },
      { kind: 'referral', title: 'Aoife Byrne referred a colleague', linkPath: '/referrals' },
      { kind: 'security', title: 'A new API key was created', linkPath: null },
    ];
    for (const [i, note] of notes.entries()) {
      await insertNotification(
        running.ctx.kysely,
        {
          organisationId: manager.organisationId,
          userId: manager.userId,
          kind: note.kind,
          title: note.title,
          body: `${note.title}.`,
          linkPath: note.linkPath,
          dedupeKey: `journey:${i}`,
        },
        new Date(Date.now() - (3 - i) * 60_000),
      );
    }
    browser = await launchBrowser();
    page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => errors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('marks one read and unread again, then follows another by its action', {
    timeout: 120_000,
  }, async () => {
    await signIn(page, running.url, manager);
    const bell = page.getByTestId('notifications-bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 3 unread');
    await bell.click();
    const items = page.getByTestId('notification-item');
    await expect.poll(() => items.count()).toBe(3);
    await expectNoSeriousA11yViolations(page, 'notifications open');

    // Each item's action is named for its kind; one without a link has none.
    const digest = items.filter({ hasText: 'Three decisions are due this week' });
    await digest
      .getByRole('button', { name: 'See what is waiting: Three decisions are due this week' })
      .waitFor();
    const security = items.filter({ hasText: 'A new API key was created' });
    expect(await security.getByRole('button').allTextContents()).toEqual(['Mark read']);

    await digest.getByRole('button', { name: /^Mark read:/ }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 2 unread');
    await digest.getByRole('button', { name: /^Mark unread:/ }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 3 unread');
    // The popover stays open while marking, so several can be dealt with in one go.
    expect(await items.count()).toBe(3);

    await items
      .filter({ hasText: 'Aoife Byrne referred a colleague' })
      .getByRole('button', { name: 'Review the referral: Aoife Byrne referred a colleague' })
      .click();
    await page.waitForURL('**/referrals');
    await expect.poll(() => items.count()).toBe(0); // closed
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 2 unread');
    const read = await running.ctx.kysely
      .selectFrom('notification')
      .select(['title', 'read_at'])
      .where('user_id', '=', manager.userId)
      .where('read_at', 'is not', null)
      .execute();
    expect(read.map((n) => n.title)).toEqual(['Aoife Byrne referred a colleague']);
    expect(errors).toEqual([]);
  });
});
