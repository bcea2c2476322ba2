// The feedback page's left-out editor: a manager removes a development point from the draft, sees
// the criterion marked missing, puts it back as drafted, removes it again, leaves it out on purpose
// with a reason (never sent) and approves; the removed point can still be put back after a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avTechnicianFramework } from '../../src/domain/frameworks/av-technician.ts';
import type { Level } from '../../src/domain/frameworks/types.ts';
import { scorecardService } from '../../src/features/scorecards/scorecards.service.ts';
import { actorOf, makeMember, type TestMember } from '../support/factories/organisations.ts';
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  type RunningApp,
  signIn,
  startApp,
} from './browser.ts';

const keys = avTechnicianFramework.criteria.map((c) => c.key);
const evidence: Record<string, string> = {
  signal_flow: 'Traced the planted fault to the crossed tie line in under ten minutes.',
  audio: 'Rang out the wedges with two narrow cuts; knew gain structure well.',
  video: 'Not sure about EDID; needed prompting to check the projector input.',
  lighting: 'Could not say how to address a DMX fixture on the console.',
  networking_control: 'Explained how Dante picks a clock leader.',
  rigging_power_safety: 'Checked the safety bonds and knew LOLER inspection intervals.',
  communication: 'Calm and clear with the client in the role-play; summarised the brief back.',
  show_operation: 'Followed the cue sheet and called standbys on time.',
  planning_documentation: 'Patch sheet was tidy and listed the spare channels.',
};
const ratings = Object.fromEntries(
  keys.map((k) => [k, k === 'signal_flow' ? 4 : k === 'video' || k === 'lighting' ? 2 : 3]),
) as Record<string, Level>;

describe.skipIf(!browserAvailable())('browser journey: leaving a criterion out of the feedback', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let manager: TestMember;
  let applicationId: string;

  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
    const ctx = running.ctx;
    const admin = await makeMember(ctx, {
      role: 'admin',
      name: 'Morven Reid',
      email: 'morven@harbour.example',
    });
    const organisationId = admin.organisationId;
    manager = await makeMember(ctx, {
      organisationId,
      role: 'manager',
      name: 'Callum Fraser',
      email: 'callum@harbour.example',
    });
    const call = async <T>(url: string, payload: object): Promise<T> => {
      const response = await running.app.inject({
        method: 'POST',
        url,
        headers: { cookie: admin.cookie },
        payload,
      });
      if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as T;
    };
    const venue = await call<{ id: string }>('/api/v1/venues', {
      name: 'Harbour Lights Theatre',
      region: 'england-and-wales',
      city: 'Leeds',
    });
    const role = await call<{ id: string }>('/api/v1/roles', {
      title: 'AV Technician — Main House',
      venueId: venue.id,
      level: 'technician',
      hiringManagerId: manager.userId,
    });
    const candidate = await call<{ id: string }>('/api/v1/candidates', {
      name: 'Isla Mackenzie',
      email: 'isla@example.com',
    });
    applicationId = (
      await call<{ id: string }>('/api/v1/applications', { candidateId: candidate.id, roleId: role.id })
    ).id;
    const endsAt = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const interview = await call<{ id: string }>('/api/v1/interviews', {
      applicationId,
      kind: 'practical',
      startsAt: new Date(endsAt.getTime() - 60 * 60 * 1000).toISOString(),
      endsAt: endsAt.toISOString(),
      location: 'Main House stage',
      interviewerIds: [admin.userId],
    });
    const scorecards = scorecardService(ctx);
    const actor = actorOf(admin);
    const { scorecard } = await scorecards.open(organisationId, interview.id, actor);
    await scorecards.saveDraft(
      organisationId,
      scorecard.id,
      {
        ratings: keys.map((criterionKey) => ({
          criterionKey,
          rating: ratings[criterionKey]!,
          evidence: evidence[criterionKey]!,
        })),
        recommendation: 'no',
      },
      actor,
    );
    await scorecards.submit(organisationId, scorecard.id, actor);
    page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('a removed point can be put back as drafted, or left out with a reason; the reason is saved, not sent', {
    timeout: 300_000,
  }, async () => {
    await signIn(page, running.url, manager);
    await page.goto(`${running.url}/applications/${applicationId}/feedback`);
    await page.getByRole('button', { name: 'Draft from scorecards' }).click();
    // The structured editor: a field per strength, development area (with its next step) and the
    // closing paragraph, no Markdown to keep in shape.
    const editor = page.getByTestId('feedback-editor');
    await expect.poll(() => editor.textContent()).toContain('Where to develop next');
    expect(await page.getByLabel('Lighting', { exact: true }).inputValue()).not.toBe('');
    const lighting = page.getByTestId('gap-lighting');
    await expect.poll(() => lighting.textContent()).toContain('In the feedback');
    await expectNoSeriousA11yViolations(page, 'feedback editor, as drafted');

    // A judgement typed into a strength is marked in place, in that field, with its message under it.
    const strength = page.getByTestId('feedback-strength-0');
    const drafted = await strength.inputValue();
    await strength.fill(`${drafted} Frankly, you were arrogant with the client.`);
    const notes = page.getByTestId('feedback-strength-0-notes');
    await expect.poll(() => notes.textContent()).toContain('arrogant');
    expect(await editor.locator('mark.marked-field-error').count()).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page, 'feedback editor, a finding marked in place');

    // What the candidate sees is the unsaved text, rendered as it will be sent.
    await page.getByRole('tab', { name: 'What the candidate sees' }).click();
    await page.getByRole('tab', { name: 'Plain text' }).click();
    await expect
      .poll(() => page.getByTestId('email-text').textContent())
      .toContain('arrogant with the client');
    await expect.poll(() => page.getByTestId('email-text').textContent()).toContain('Dear Isla');
    await expectNoSeriousA11yViolations(page, 'feedback preview');
    await page.getByRole('tab', { name: 'Edit' }).click();
    await strength.fill(drafted);
    await expect.poll(() => notes.count()).toBe(0);

    // A training pick writes the next step of that area.
    await page.getByRole('button', { name: 'Add training for Video' }).click();
    const use = page.getByRole('button', { name: /^Use / }).first();
    const picked = (await use.getAttribute('aria-label'))!.replace(/^Use (.*) from .*$/, '$1');
    await use.click();
    const videoArea = page.getByTestId('feedback-area-0');
    await expect.poll(() => videoArea.locator('textarea').nth(1).inputValue()).toContain(picked);

    // Remove the lighting point: it is missing, and offered to put back as it was drafted.
    const draftedLighting = await page.getByLabel('Lighting', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Remove the development area Lighting' }).click();
    await expect.poll(() => lighting.textContent()).toContain('Missing');
    expect(await page.getByLabel('Lighting', { exact: true }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'feedback editor, a point to put back');
    await lighting.getByRole('button', { name: 'Put Lighting back in the feedback' }).click();
    await expect.poll(() => lighting.textContent()).toContain('In the feedback');
    expect(await page.getByLabel('Lighting', { exact: true }).inputValue()).toBe(draftedLighting);
    expect(await page.getByRole('button', { name: 'Put back the development area Lighting' }).count()).toBe(
      0,
    );
    // Removed again; the editor's own "Put back" list offers it too.
    await page.getByRole('button', { name: 'Remove the development area Lighting' }).click();
    await expect.poll(() => lighting.textContent()).toContain('Missing');
    expect(await page.getByRole('button', { name: 'Put back the development area Lighting' }).count()).toBe(
      1,
    );

    // Leave it out: a short reason keeps Save disabled and says how many characters are missing.
    await lighting.getByLabel('Leave out of the feedback').check();
    const reason = lighting.getByLabel('Why Lighting is left out');
    await reason.fill('Sound');
    await expect.poll(() => lighting.textContent()).toContain('more characters');
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await reason.fill('The role is sound-only; lighting is covered by the LX team.');
    await expect.poll(() => lighting.textContent()).toContain('Left out');
    await expectNoSeriousA11yViolations(page, 'feedback editor, a criterion left out');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);

    const row = await running.ctx.kysely
      .selectFrom('feedback')
      .select(['structured', 'text'])
      .where('application_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const structured = (typeof row.structured === 'string' ? JSON.parse(row.structured) : row.structured) as {
      leftOut?: { criterionKey: string; reason: string }[];
    };
    expect(structured.leftOut).toEqual([
      expect.objectContaining({
        criterionKey: 'lighting',
        reason: 'The role is sound-only; lighting is covered by the LX team.',
      }),
    ]);
    expect(row.text).not.toContain('sound-only');

    // Approving now succeeds: every gap is in the text or left out.
    const approve = page.getByRole('button', { name: /^Approve/ });
    await approve.first().click();
    const anyway = page.getByRole('button', { name: 'Approve anyway' });
    if (await anyway.isVisible()) {
      await page.getByLabel('Why it should be sent as it is').fill('Checked by hand: the wording is right.');
      await anyway.click();
    }
    await expect.poll(() => page.getByTestId('feedback-status').textContent()).toBe('Approved');
    await page.reload();
    await expect.poll(() => page.getByTestId('gap-lighting').textContent()).toContain('Left out');
    // The removed point was kept with the saved feedback: it can still be put back after a reload.
    await page.getByRole('button', { name: 'Put back the development area Lighting' }).click();
    expect(await page.getByLabel('Lighting', { exact: true }).inputValue()).toBe(draftedLighting);
  });
});
