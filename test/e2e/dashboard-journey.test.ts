// Issue #14, end to end: the demo venue group (a year of finished hiring) opens the reputation
// dashboard in the browser: its headline figures are the API's, its monthly charts are drawn with a
// table of the same numbers beside each, a table downloads as CSV, and a venue filter changes the
// figures. The admin then previews and publishes the public response promise, and the public page
// and badge (404 before publishing) show the live figures and nothing that identifies a person.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSlug } from '../../src/features/demo/demo-data.ts';
import { type DemoSummary, seedDemo } from '../../src/features/demo/seed-demo.ts';
import { reputationService } from '../../src/features/reputation/reputation.service.ts';
import { browserAvailable, launchBrowser, type RunningApp, signIn, startApp } from './browser.ts';

describe.skipIf(!browserAvailable())(
  'browser journey: the reputation dashboard from the demo, publish the promise, the public page',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    let demo: DemoSummary;
    let organisationId: string;

    beforeAll(async () => {
      running = await startApp();
      demo = await seedDemo(running.ctx);
      organisationId = (
        await running.ctx.kysely
          .selectFrom('organization')
          .select('id')
          .where('slug', '=', demoSlug)
          .executeTakeFirstOrThrow()
      ).id;
      browser = await launchBrowser();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (err) => errors.push(err.message));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    it('the public page and badge are not found before publishing', async () => {
      for (const path of [`/p/${demoSlug}`, `/p/${demoSlug}/badge.svg`]) {
        const response = await fetch(`${running.url}${path}`);
        expect(response.status, path).toBe(404);
      }
    });

    it('the admin opens the dashboard: figures, charts with their tables, CSV, a venue filter', {
      timeout: 90_000,
    }, async () => {
      const admin = demo.members.find((m) => m.role === 'admin')!;
      await signIn(page, running.url, { email: admin.email, password: demo.password });
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.waitForURL(`${running.url}/`);
      // waitFor: visible within the timeout (the figures load after the page), or the test fails.
      await page.getByRole('heading', { name: 'Reputation', level: 1 }).waitFor();

      // The headline figure is the service's, for the same 12 months.
      const now = new Date();
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
      const figures = await reputationService(running.ctx).metrics(organisationId, {
        from: from.toISOString(),
      });
      expect(figures.closures.told).toBeGreaterThan(200);
      // The period shown is the one the figures were counted for: whole months, snapped.
      const monthName = (d: Date) =>
        d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
      const lastMonth = new Date(figures.period.to);
      lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
      expect(await page.getByTestId('metrics-period').textContent()).toContain(
        `Figures for ${monthName(new Date(figures.period.from))} to ${monthName(lastMonth)}:`,
      );
      const onTime = `${Math.round(figures.closures.toldOnTimeRate! * 100)}%`;
      const headline = page.getByText('Told within the deadline', { exact: true }).first().locator('..');
      await headline.getByText(onTime, { exact: true }).waitFor();

      // Three charts, each drawn (an SVG with its lines or bars), each with a month-by-month table.
      const charts = page.getByTestId('chart');
      await charts.first().locator('svg.recharts-surface').first().waitFor();
      expect(await charts.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        expect(
          await charts.nth(i).locator('.recharts-line-curve, .recharts-bar-rectangle').count(),
        ).toBeGreaterThan(0);
      }
      const speed = page.getByRole('table', { name: 'Time to tell, by month' });
      const speedRows = speed.locator('tbody tr');
      expect(await speedRows.count()).toBeGreaterThanOrEqual(11);
      // The table's "told" column adds up to the figure of the period.
      const toldCells = await speedRows
        .locator('td')
        .evaluateAll((cells) => cells.filter((_, i) => i % 3 === 0).map((c) => Number(c.textContent)));
      expect(toldCells.reduce((a, b) => a + b, 0)).toBe(figures.closures.told);

      // The table downloads as CSV: a header and one line per month, the same numbers.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download Time to tell (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('time-to-tell.csv');
      const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
      expect(csv[0]).toBe('Month,Told,Told on time (%),Median working days');
      expect(csv).toHaveLength((await speedRows.count()) + 1);
      expect(csv.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(
        figures.closures.told,
      );

      // Filtering by one venue shows that venue's figures only.
      const venue = await running.ctx.kysely
        .selectFrom('venue')
        .select(['id', 'name'])
        .where('organisation_id', '=', organisationId)
        .orderBy('name')
        .executeTakeFirstOrThrow();
      const atVenue = await reputationService(running.ctx).metrics(organisationId, {
        from: from.toISOString(),
        venueId: venue.id,
      });
      expect(atVenue.closures.told).toBeGreaterThan(0);
      expect(atVenue.closures.told).toBeLessThan(figures.closures.told);
      await page.getByLabel('Venue', { exact: true }).first().click();
      await page.getByRole('option', { name: venue.name }).click();
      const told = page
        .getByRole('table', { name: 'Every figure of the period and filters chosen' })
        .getByRole('row', { name: /^Candidates told/ });
      await expect
        .poll(async () => (await told.locator('td').textContent())?.trim())
        .toBe(String(atVenue.closures.told));
      expect(errors).toEqual([]);
    });

    it('the admin previews and publishes the promise; the public page shows the live figures', {
      timeout: 60_000,
    }, async () => {
      await page.goto(`${running.url}/settings/reputation`);
      const preview = page.getByLabel('Preview');
      await preview.getByText(/% of candidates heard by the date we promised/).waitFor();
      const lines = await preview.locator('li').allTextContents();
      expect(lines.length).toBeGreaterThanOrEqual(2);

      await page.getByRole('button', { name: 'Publish the public page' }).click();
      const link = page.getByRole('link', { name: new RegExp(`/p/${demoSlug}$`) });
      await link.waitFor();
      const publicUrl = await link.getAttribute('href');
      expect(publicUrl).toBe(`${running.url}/p/${demoSlug}`);

      // The public page, as a visitor sees it (a fresh browser context: not signed in).
      const visitor = await browser.newContext();
      const publicPage = await visitor.newPage();
      const response = await publicPage.goto(publicUrl!);
      expect(response?.status()).toBe(200);
      await publicPage
        .getByRole('heading', { name: 'Northern Stages Group: our response promise' })
        .waitFor();
      expect((await publicPage.locator('li').allTextContents()).map((l) => l.trim())).toEqual(lines);
      const text = await publicPage.content();
      for (const member of demo.members) expect(text).not.toContain(member.name);
      expect(text).not.toMatch(/@|history-\d/);
      expect(text).not.toContain('Morgan Reilly');
      await visitor.close();

      const badge = await fetch(`${publicUrl}/badge.svg`);
      expect(badge.status).toBe(200);
      expect(badge.headers.get('content-type')).toContain('image/svg+xml');
      expect(await badge.text()).toContain(lines[0]!);
      expect(errors).toEqual([]);
    });
  },
);
