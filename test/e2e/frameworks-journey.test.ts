// An admin archives a framework the venue no longer uses: it leaves the list and the role's
// framework picker, while the role already on it keeps it; "Show archived" brings it back to restore.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworkService } from '../../src/features/frameworks/frameworks.service.ts';
import { requirementsService } from '../../src/features/frameworks/requirements.service.ts';
import type { Actor } from '../../src/http/actor.ts';
import { insertAssessmentRole } from '../support/factories/assessment.ts';
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

describe.skipIf(!browserAvailable())('browser journey: archive and restore a framework', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let admin: TestMember;
  let onIt: { id: string };
  let other: { id: string };
  const errors: string[] = [];

  beforeAll(async () => {
    running = await startApp();
    admin = await makeMember(running.ctx, { role: 'admin', name: 'Priya Shah' });
    const actor: Actor = {
      kind: 'member',
      userId: admin.userId,
      organisationId: admin.organisationId,
      role: 'admin',
      name: admin.name,
      email: admin.email,
    };
    const frameworks = frameworkService(running.ctx);
    const panto = await frameworks.copy(
      admin.organisationId,
      'builtin-av-technician-v1',
      { name: 'Panto crew 2025' },
      actor,
    );
    onIt = await insertAssessmentRole(running.ctx, {
      organisationId: admin.organisationId,
      title: 'Follow-spot operator — panto',
    });
    other = await insertAssessmentRole(running.ctx, {
      organisationId: admin.organisationId,
      title: 'Sound No.2 — spring tour',
    });
    await requirementsService(running.ctx).update(
      admin.organisationId,
      onIt.id,
      { frameworkId: panto.id, criteria: [] },
      actor,
    );
    browser = await launchBrowser();
    page = await newPage(browser, { viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => errors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function pickerOptions(roleId: string): Promise<string[]> {
    await page.goto(`${running.url}/roles/${roleId}`);
    await page.getByRole('button', { name: 'Edit requirements' }).click();
    const picker = page.getByLabel('Framework', { exact: true });
    await expect.poll(() => picker.isEnabled()).toBe(true);
    return picker.locator('option').allTextContents();
  }

  it('archives it from the list; the picker drops it but the role on it keeps it; then restores it', {
    timeout: 120_000,
  }, async () => {
    await signIn(page, running.url, admin);
    await page.goto(`${running.url}/settings/frameworks`);
    const card = page.getByTestId('framework-card').filter({ hasText: 'Panto crew 2025' });
    await card.waitFor();
    await expectNoSeriousA11yViolations(page, 'frameworks');
    await card.getByRole('button', { name: 'Archive Panto crew 2025' }).click();
    await page.getByText('Panto crew 2025 archived: roles already on it keep it').waitFor();
    await expect.poll(() => card.count()).toBe(0);

    expect((await pickerOptions(other.id)).join(' | ')).not.toContain('Panto crew 2025');
    expect((await pickerOptions(onIt.id)).join(' | ')).toContain('Panto crew 2025');

    await page.goto(`${running.url}/settings/frameworks`);
    await page.getByLabel('Show archived').check();
    await card.getByText('Archived', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page, 'frameworks, archived shown');
    await card.getByRole('button', { name: 'Restore Panto crew 2025' }).click();
    await page.getByText('Panto crew 2025 restored').waitFor();
    await expect.poll(() => card.getByText('Archived', { exact: true }).count()).toBe(0);

    expect((await pickerOptions(other.id)).join(' | ')).toContain('Panto crew 2025');
    expect(errors).toEqual([]);
  });
});
