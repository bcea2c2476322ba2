import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  type RunningApp,
  startApp,
} from './browser.ts';

/** A date-time-local value for a weekday morning a few days ahead, in the browser's zone. */
function nextWeekMorning(): string {
  const day = new Date();
  day.setDate(day.getDate() + 7);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T10:30`;
}

describe.skipIf(!browserAvailable())(
  'browser journey: from a fresh install to an interview on the pipeline',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      running = await startApp();
      browser = await launchBrowser();
      page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    });
    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    it('sets up, creates a role, adds a candidate, schedules an interview and sees it on the pipeline', {
      timeout: 300_000,
    }, async () => {
      await page.goto(running.url);
      await page.waitForURL('**/setup');
      await page.getByLabel('Organisation name').waitFor();
      await expectNoSeriousA11yViolations(page, 'setup');

      await page.getByLabel('Organisation name').fill('Harbour Lights Venues');
      await page.getByLabel('Venue name').fill('Harbour Lights Theatre');
      await page.getByLabel('Nation').selectOption({ label: 'Scotland' });
      await page.getByLabel('City').fill('Aberdeen');
      await page.getByLabel('Your name').fill('Morven Reid');
      await page.getByLabel('Email').fill('morven@harbour-lights.example');
      await page.getByLabel('Password').fill('a strong setup password');
      await page.getByRole('button', { name: 'Set up Followspot' }).click();

      await page.waitForURL('**/roles');
      await expect
        .poll(() => page.getByTestId('organisation-name').first().textContent())
        .toContain('Harbour Lights Venues');
      await expectNoSeriousA11yViolations(page, 'roles list');

      await page.getByRole('button', { name: 'New role' }).click();
      await page.getByLabel('Title').fill('AV Technician — Main House');
      await page.getByLabel('Level').selectOption('technician');
      await page.getByLabel('Decision deadline (working days)').fill('7');
      await expectNoSeriousA11yViolations(page, 'new role form');
      await page.getByRole('button', { name: 'Create role' }).click();

      // A new role opens on its (empty) pipeline.
      await page.waitForURL('**/roles/*');
      await expect
        .poll(() => page.getByRole('heading', { name: 'AV Technician — Main House' }).count(), {
          timeout: 10_000, // the role's page is its own chunk, fetched on this navigation
        })
        .toBe(1);
      await expectNoSeriousA11yViolations(page, 'empty pipeline');
      await page.getByRole('button', { name: 'Add candidate' }).click();
      await page.getByRole('textbox', { name: 'Name', exact: false }).first().fill('Isla Mackenzie');
      await page.getByRole('textbox', { name: 'Email' }).fill('isla.mackenzie@example.com');
      await expectNoSeriousA11yViolations(page, 'add candidate form');
      await page.getByRole('button', { name: 'Add to role' }).click();

      const card = page.getByTestId('pipeline-card').filter({ hasText: 'Isla Mackenzie' });
      await expect.poll(() => card.count()).toBe(1);
      await expectNoSeriousA11yViolations(page, 'pipeline with a candidate');
      await card.getByRole('link', { name: 'Isla Mackenzie' }).click();
      await page.waitForURL('**/applications/*');

      await page.getByRole('button', { name: 'Schedule interview' }).click();
      await page.getByLabel('Kind').selectOption('practical');
      await page.getByLabel('Starts').fill(nextWeekMorning());
      await page.getByLabel('Location').fill('Main House stage, fault-finding bench');
      await expectNoSeriousA11yViolations(page, 'schedule interview form');
      await page.getByRole('button', { name: 'Save interview' }).click();
      await expect.poll(() => page.getByTestId('interview-item').count()).toBe(1);
      expect(await page.getByTestId('interview-item').textContent()).toContain('Main House stage');
      await expectNoSeriousA11yViolations(page, 'application with an interview');

      await page.getByRole('link', { name: 'AV Technician — Main House' }).first().click();
      await page.waitForURL('**/roles/*');
      const interviewing = page.getByTestId('pipeline-card').filter({ hasText: 'Isla Mackenzie' });
      await expect.poll(() => interviewing.textContent()).toContain('Next interview');
      expect(await interviewing.textContent()).toContain('Interviewing');
      await expectNoSeriousA11yViolations(page, 'pipeline interviewing');

      // What the browser showed is what the database holds.
      const application = await running.ctx.kysely
        .selectFrom('application')
        .innerJoin('candidate', 'candidate.id', 'application.candidate_id')
        .select(['application.stage', 'candidate.email'])
        .executeTakeFirstOrThrow();
      expect(application).toEqual({ stage: 'interviewing', email: 'isla.mackenzie@example.com' });
      const role = await running.ctx.kysely
        .selectFrom('role')
        .select(['decision_working_days'])
        .executeTakeFirstOrThrow();
      expect(role.decision_working_days).toBe(7);
      const interviews = await running.ctx.kysely
        .selectFrom('interview')
        .select(['kind', 'location'])
        .execute();
      expect(interviews).toEqual([{ kind: 'practical', location: 'Main House stage, fault-finding bench' }]);
      expect(errors).toEqual([]);
    });

    it('works on a phone-sized screen with the navigation behind a menu button', {
      timeout: 60_000,
    }, async () => {
      const phone = await newPage(browser, { viewport: { width: 375, height: 740 } });
      const context = page.context();
      await phone.context().addCookies(await context.cookies());
      await phone.goto(`${running.url}/roles`);
      await phone
        .getByRole('button', { name: /navigation|menu/i })
        .first()
        .click();
      await phone.getByRole('link', { name: 'Candidates' }).first().click();
      await phone.waitForURL('**/candidates');
      // A page loaded afresh: the layout's and the page's chunks come after the entry.
      await expect
        .poll(() => phone.getByText('Isla Mackenzie').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await expectNoSeriousA11yViolations(phone, 'candidates on a phone');
      await phone.close();
    });
  },
);
