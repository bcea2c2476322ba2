// Issue #15, end to end in a real browser: an admin sets the retention periods (a wrong value is
// named), sees who is due for anonymisation and places a legal hold; a candidate on hold reads
// their data and asks to delete it with JavaScript off, and the request waits on the admin's data
// requests page, where it is met once the hold is released; another candidate deletes their data
// at once, JavaScript off. Every page is checked with axe.
import { readFileSync } from 'node:fs';
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

const dayMs = 86_400_000;

describe.skipIf(!browserAvailable())(
  'browser journey: retention settings, legal holds and candidates deleting their data',
  () => {
    let running: RunningApp;
    let browser: Browser;
    let admin: TestMember;
    let heldId: string;
    let heldUrl: string;
    let quickId: string;
    let quickUrl: string;
    const errors: string[] = [];

    beforeAll(async () => {
      running = await startApp();
      browser = await launchBrowser();
      const ctx = running.ctx;
      admin = await makeMember(ctx, { role: 'admin', name: 'Morven Reid', email: 'morven@harbour.example' });
      const organisationId = admin.organisationId;
      const role = await insertTestRole(ctx, { organisationId, title: 'Sound Technician' });
      const closed = async (name: string, email: string) => {
        const id = (await insertTestCandidate(ctx, { organisationId, name, email })).id;
        const application = await makeApplication(ctx, { organisationId, roleId: role.id, candidateId: id });
        // Not progressed and told 400 days ago: past the default 6 months.
        const long = new Date(ctx.now().getTime() - 400 * dayMs).toISOString();
        await ctx.kysely
          .updateTable('application')
          .set({ stage: 'closed', outcome: 'not_progressing', stage_changed_at: long, told_at: long })
          .where('id', '=', application.id)
          .execute();
        return id;
      };
      heldId = await closed('Ellis Tregarthen', 'ellis@example.com');
      quickId = await closed('Nia Bowen', 'nia@example.com');
      heldUrl = await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId: heldId });
      quickUrl = await issueCandidateLink(ctx.kysely, ctx, { organisationId, candidateId: quickId });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    }, 300_000);

    const watch = (page: Page) => {
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    };
    const nameOf = async (id: string) =>
      (
        await running.ctx.kysely
          .selectFrom('candidate')
          .select(['name', 'anonymised_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).name;

    it('lets an admin set retention, naming a wrong field, and place a legal hold', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      watch(page);
      await signIn(page, running.url, admin);
      await page.goto(`${running.url}/settings/data-requests`);
      await page.getByText('No open requests').waitFor();
      await expectNoSeriousA11yViolations(page, 'data requests, empty');
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Privacy' }).click();
      await page.waitForURL('**/settings/privacy');
      const months = page.getByLabel('Months after the last application closed');
      await months.waitFor();
      expect(await months.inputValue()).toBe('6');
      await page.getByText('No legal holds').waitFor();
      await page.getByRole('combobox', { name: 'Show who is due within' }).click();
      await page.getByRole('option', { name: 'Due now' }).click();
      const due = page.getByRole('table', { name: 'Due for anonymisation' });
      await due.getByRole('link', { name: 'Ellis Tregarthen', exact: true }).waitFor();
      expect(await due.textContent()).toContain('Last application closed the set months ago');
      await expectNoSeriousA11yViolations(page, 'privacy settings');

      // A copy of their data before it goes: the file the candidate would download.
      const downloading = page.waitForEvent('download');
      await due.getByRole('link', { name: "Download Ellis Tregarthen's data" }).click();
      const file = await downloading;
      const downloaded = await file.path();
      const data = JSON.parse(readFileSync(downloaded, 'utf8'));
      expect(data.candidate.name).toBe('Ellis Tregarthen');
      expect(file.suggestedFilename()).toMatch(/^candidate-[0-9a-z]{26}\.json$/i);

      await months.fill('0');
      await page.getByRole('button', { name: 'Save retention periods' }).click();
      await page
        .getByText('Months after the last application closed must be a whole number from 1 to 72')
        .waitFor();
      await expectNoSeriousA11yViolations(page, 'privacy settings, a wrong value');
      await months.fill('12');
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/privacy/settings'),
      );
      await page.getByRole('button', { name: 'Save retention periods' }).click();
      expect((await saved).status()).toBe(200);
      await page.getByText('Retention periods saved.').waitFor();
      const audit = await running.ctx.kysely
        .selectFrom('audit_event')
        .select('detail')
        .where('organisation_id', '=', admin.organisationId)
        .where('action', '=', 'privacy.retention_changed')
        .execute();
      expect(audit.map((a) => JSON.parse(a.detail ?? '{}').after.candidateMonths)).toEqual([12]);

      await page.getByRole('button', { name: 'Place legal hold on Ellis Tregarthen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Place a legal hold on Ellis Tregarthen' });
      await dialog.getByRole('button', { name: 'Place legal hold' }).click();
      await dialog.getByText('Reason for the hold: write at least 3 characters').waitFor();
      await expectNoSeriousA11yViolations(page, 'legal hold dialog');
      await dialog.getByLabel('Reason for the hold').fill('Tribunal claim 2026/0412');
      await dialog.getByRole('button', { name: 'Place legal hold' }).click();
      const holds = page.getByRole('table', { name: 'On legal hold' });
      await holds.getByText('Tribunal claim 2026/0412').waitFor();
      expect(await due.textContent()).not.toContain('Ellis Tregarthen');
      await expectNoSeriousA11yViolations(page, 'privacy settings, a hold');
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);

    it('lets the candidate on hold read their data and ask to delete it, JavaScript off', async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      const page = await context.newPage();
      watch(page);
      expect((await page.goto(heldUrl))?.status()).toBe(200);
      await page.getByRole('link', { name: 'See everything we hold about you' }).click();
      await page.getByRole('heading', { name: 'Everything we hold about you' }).waitFor();
      expect(await page.locator('body').textContent()).toContain('ellis@example.com');
      await page.getByRole('link', { name: 'Back to your page' }).click();
      await page.getByRole('link', { name: 'Delete my data' }).click();
      await page.getByRole('heading', { name: 'Delete your data' }).waitFor();
      expect(await page.locator('body').textContent()).toContain('because of a legal claim');
      await page.getByRole('button', { name: 'Yes, delete my data' }).click();
      await page.waitForURL((u) => u.searchParams.get('done') === 'deletion-held');
      expect(await page.locator('body').textContent()).toContain('We must keep it for now');
      expect(await nameOf(heldId)).toBe('Ellis Tregarthen');
      await context.close();
    }, 300_000);

    it('passes axe on the candidate privacy pages', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      watch(page);
      for (const path of ['', '/my-data', '/delete-my-data']) {
        expect((await page.goto(`${heldUrl}${path}`))?.status()).toBe(200);
        await expectNoSeriousA11yViolations(page, `candidate page${path}`);
      }
      await page.goto(`${heldUrl}?done=deletion-held`);
      await expectNoSeriousA11yViolations(page, 'candidate page, deletion held');
      await context.close();
    }, 300_000);

    it('lets the admin meet the request once the hold is released, or shows why not', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      watch(page);
      await signIn(page, running.url, admin);
      await page.goto(`${running.url}/settings/data-requests`);
      const open = page.getByRole('table', { name: 'Open requests' });
      await open.getByRole('link', { name: 'Ellis Tregarthen' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'data requests, one open');

      await open.getByRole('button', { name: 'Refuse' }).click();
      const refuse = page.getByRole('dialog', { name: "Refuse Ellis Tregarthen's request" });
      await refuse.getByLabel('Reason for refusing').fill('No');
      await refuse.getByRole('button', { name: 'Refuse the request' }).click();
      await refuse.getByText('Reason for refusing: write at least 10 characters').waitFor();
      await refuse.getByRole('button', { name: 'Cancel' }).click();

      // Meeting it while the hold is on says how to fix it.
      await open.getByRole('button', { name: "Meet: delete Ellis Tregarthen's data" }).click();
      const meet = page.getByRole('dialog', { name: "Delete Ellis Tregarthen's data?" });
      await meet.getByRole('button', { name: 'Delete their data' }).click();
      await meet.getByText('The hold is released under Settings → Privacy.', { exact: false }).waitFor();
      await expectNoSeriousA11yViolations(page, 'data requests, meeting refused by the hold');
      await meet.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Privacy' }).click();
      await page.getByRole('button', { name: 'Release the hold on Ellis Tregarthen' }).click();
      await page
        .getByRole('dialog', { name: 'Release the hold on Ellis Tregarthen?' })
        .getByRole('button', { name: 'Release the hold' })
        .click();
      await page.getByText('No legal holds').waitFor();

      await page
        .getByRole('navigation', { name: 'Settings' })
        .getByRole('link', { name: 'Data requests' })
        .click();
      await open.getByRole('button', { name: "Meet: delete Ellis Tregarthen's data" }).click();
      await meet.getByRole('button', { name: 'Delete their data' }).click();
      await page.getByText('No open requests').waitFor();
      const closed = page.getByRole('table', { name: 'Closed requests' });
      expect(await closed.textContent()).toContain('Erased candidate');
      expect(await closed.textContent()).toContain('Met');
      await expectNoSeriousA11yViolations(page, 'data requests, met');
      expect(await nameOf(heldId)).toBe('Erased candidate');
      const actions = await running.ctx.kysely
        .selectFrom('audit_event')
        .select('action')
        .where('subject_id', '=', heldId)
        .where('action', 'like', 'candidate.%')
        .orderBy('created_at')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'candidate.legal_hold_placed',
          'candidate.legal_hold_released',
          'candidate.anonymised',
        ]),
      );
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);

    it('lets a candidate delete their data at once, JavaScript off, and the link stops working', async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      const page = await context.newPage();
      watch(page);
      expect((await page.goto(`${quickUrl}/delete-my-data`))?.status()).toBe(200);
      expect(await page.locator('body').textContent()).toContain('This cannot be undone');
      await page.getByRole('button', { name: 'Yes, delete my data' }).click();
      await page.getByRole('heading', { name: 'Your data has been deleted' }).waitFor();
      const done = await page.content();
      expect(await nameOf(quickId)).toBe('Erased candidate');
      expect((await page.goto(quickUrl))?.status()).toBe(404);
      await context.close();

      // The confirmation, as the candidate saw it, read by axe (which needs JavaScript itself).
      const check = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const shown = await check.newPage();
      await shown.setContent(done);
      await expectNoSeriousA11yViolations(shown, 'your data has been deleted');
      await check.close();
    }, 300_000);
  },
);
