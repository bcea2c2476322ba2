// Issue #17, end to end: an admin imports candidates from a CSV file in Settings → Import. A header
// without the needed columns is refused on the page, naming them; the right file's columns show
// which field each feeds; "Check the file" lists the two bad rows by line and field (and downloads
// them formula-safe) with nothing changed; "Import" runs the job, its progress reaches done, the page
// shows the last import after a reload, and the candidates are in the list. Axe on every state.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobRunner, startJobRunner } from '../../src/jobs/job-runner.ts';
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

const roleTitle = 'Sound Technician — Main House';
const file = [
  'name,email,role,stage,source,notes',
  `Ffion Price,ffion@example.com,${roleTitle},applied,Indeed,keen`,
  `Gwil Rees,gwil@example.com,${roleTitle},interviewing,Referral,`,
  `No Email,not-an-email,${roleTitle},applied,,`,
  `=SUM(A1),eve@example.com,${roleTitle},auditioned,,`,
  `Heledd Lewis,heledd@example.com,${roleTitle},applied,,`,
].join('\n');

describe.skipIf(!browserAvailable())(
  'browser journey: import candidates from a CSV file, checked first, followed as a job',
  () => {
    let running: RunningApp;
    let jobs: JobRunner;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    let admin: TestMember;

    beforeAll(async () => {
      running = await startApp();
      // Background jobs run in the same process, as `followspot serve` runs them.
      jobs = startJobRunner(running.ctx, { pollIntervalMs: 100 });
      browser = await launchBrowser();
      admin = await makeMember(running.ctx, { role: 'admin', name: 'Cerys Ap', email: 'cerys@hall.example' });
      const call = async (url: string, payload: object) => {
        const response = await running.app.inject({
          method: 'POST',
          url,
          headers: { cookie: admin.cookie },
          payload,
        });
        if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        return response.json() as { id: string };
      };
      const venue = await call('/api/v1/venues', {
        name: 'Neuadd Hall',
        region: 'england-and-wales',
        city: 'Swansea',
      });
      await call('/api/v1/roles', {
        title: roleTitle,
        venueId: venue.id,
        level: 'technician',
        hiringManagerId: admin.userId,
      });
      page = await newPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await jobs?.stop();
      await running?.close();
    });

    const choose = (name: string, text: string) =>
      page
        .locator('input[type="file"]')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    const count = async (testId: string) =>
      Number((await page.getByTestId(testId).textContent())?.match(/\d+/)?.[0]);
    const candidates = async () =>
      Number(
        (
          await running.ctx.kysely
            .selectFrom('candidate')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('organisation_id', '=', admin.organisationId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('a header without the needed columns is refused, naming them; the right file shows its mapping', {
      timeout: 60_000,
    }, async () => {
      await signIn(page, running.url, admin);
      // From the candidates' empty state (the settings tab is taken in the last test).
      await page.getByRole('link', { name: 'Candidates' }).first().click();
      await page.getByRole('link', { name: 'Import from a CSV file' }).click();
      await page.waitForURL('**/settings/import');
      await expect.poll(() => page.getByText('Choose a CSV file to import').isVisible()).toBe(true);
      await expectNoSeriousA11yViolations(page, 'import: empty');

      await choose('contacts.csv', 'Full name,Mail\nAled,aled@example.com\n');
      const refused = page.getByText("The file's header needs a column for name, email and role");
      await expect.poll(() => refused.isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Check the file' }).isDisabled()).toBe(true);
      await expectNoSeriousA11yViolations(page, 'import: header refused');

      await choose('candidates.csv', file);
      const mapping = page.getByTestId('mapped-column');
      await expect.poll(() => mapping.count()).toBe(6);
      expect(await mapping.allTextContents()).toEqual([
        'namename',
        'emailemail',
        'rolerole',
        'stagestage',
        'sourcesource',
        'notesnot imported',
      ]);
      expect(await refused.count()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'import: mapping');
      expect(errors).toEqual([]);
    });

    it('"Check the file" lists each bad row by line and field, downloads them formula-safe, and changes nothing', {
      timeout: 60_000,
    }, async () => {
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect.poll(() => page.getByTestId('import-report').isVisible()).toBe(true);
      expect(await count('count-rows')).toBe(5);
      expect(await count('count-imported')).toBe(3);
      expect(await count('count-bad')).toBe(2);
      const bad = page.getByTestId('bad-row');
      expect(await bad.count()).toBe(2);
      expect(await bad.nth(0).textContent()).toBe('4emailis not a valid email address');
      expect(await bad.nth(1).textContent()).toMatch(/^5stage"auditioned" is not a stage/);
      expect(await candidates()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'import: dry-run report');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download the bad rows (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('candidates-bad-rows.csv');
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\n');
      expect(csv[0]).toBe('name,email,role,stage,source,notes,line,problem');
      expect(csv[1]).toBe(
        `No Email,not-an-email,${roleTitle},applied,,,4,email: is not a valid email address`,
      );
      // A cell a spreadsheet would run as a formula is made inert.
      expect(csv[2]).toMatch(/^'=SUM\(A1\),eve@example\.com,.*,5,"stage: ""auditioned"" is not a stage/);
      expect(errors).toEqual([]);
    });

    it('"Import" runs the job to done, the last import stays after a reload, and the candidates are listed', {
      timeout: 60_000,
    }, async () => {
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const label = page.getByTestId('import-progress-label');
      await expect.poll(() => label.textContent(), { timeout: 15_000 }).toBe('Import done: 100%');
      const report = page.getByTestId('import-report');
      await expect.poll(() => report.textContent()).toContain('What the import did');
      expect(await count('count-imported')).toBe(3);
      expect(await count('count-bad')).toBe(2);
      expect(await candidates()).toBe(3);
      await expectNoSeriousA11yViolations(page, 'import: done');

      await page.reload();
      await expect.poll(() => page.getByText('The last import').isVisible()).toBe(true);
      expect(await label.textContent()).toBe('Import done: 100%');
      expect(await count('count-imported')).toBe(3);

      await page.getByRole('link', { name: 'See the candidates' }).click();
      await page.waitForURL('**/candidates');
      for (const name of ['Ffion Price', 'Gwil Rees', 'Heledd Lewis'])
        await expect.poll(() => page.getByText(name).first().isVisible()).toBe(true);
      expect(await page.getByText('No Email').count()).toBe(0);
      expect(errors).toEqual([]);
    });

    it('an import waiting for a worker is shown on return and can be cancelled', {
      timeout: 60_000,
    }, async () => {
      // No worker: the job stays queued while the page is left and opened again.
      await jobs.stop();
      await page.getByRole('link', { name: 'Settings' }).first().click();
      await page.getByRole('link', { name: 'Import', exact: true }).click();
      await choose('candidates.csv', file);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const label = page.getByTestId('import-progress-label');
      await expect.poll(() => label.textContent()).toBe('Importing: waiting for a worker');
      await page.getByRole('link', { name: 'Candidates' }).first().click();
      await page.waitForURL('**/candidates');
      await page.goBack();
      await expect.poll(() => page.getByText('The running import').isVisible()).toBe(true);
      expect(await label.textContent()).toBe('Importing: waiting for a worker');
      await expectNoSeriousA11yViolations(page, 'import: running');
      await page.getByRole('button', { name: 'Cancel the import' }).click();
      await expect.poll(() => label.textContent()).toBe('Import cancelled at 0%');
      const statuses = await running.ctx.kysely
        .selectFrom('job')
        .select('status')
        .where('kind', '=', 'imports.csv')
        .orderBy('created_at')
        .execute();
      expect(statuses.map((j) => j.status)).toEqual(['succeeded', 'cancelled']);
      expect(errors).toEqual([]);
    });
  },
);
