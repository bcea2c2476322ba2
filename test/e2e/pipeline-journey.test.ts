// The role's pipeline on a 1366 px laptop: what each card says (score, recommendations, scorecards
// in/expected, working days in the stage), moves to any allowed stage by keyboard, and the bulk
// actions on a selection (move, not progressing, scorecard reminders).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Nation, workingDaysBetween } from '../../src/domain/calendar.ts';
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

const hour = 60 * 60 * 1000;
/** expect.poll with room for a busy machine (its default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });
const day = 24 * hour;
const roleTitle = 'AV Technician — Main House';
const ratings: Record<string, Level> = {
  signal_flow: 3,
  audio: 4,
  video: 3,
  lighting: 2,
  networking_control: 3,
  rigging_power_safety: 3,
  communication: 3,
  show_operation: 3,
  planning_documentation: 2,
};

describe.skipIf(!browserAvailable())('browser journey: the pipeline at a glance, with bulk actions', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let admin: TestMember;
  let manager: TestMember;
  let interviewer: TestMember;
  let roleId: string;
  const ids: Record<'isla' | 'rory' | 'niamh', string> = { isla: '', rory: '', niamh: '' };
  let niamhSince: Date;

  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
    const ctx = running.ctx;
    admin = await makeMember(ctx, { role: 'admin', name: 'Morven Reid', email: 'morven@harbour.example' });
    const organisationId = admin.organisationId;
    manager = await makeMember(ctx, {
      organisationId,
      role: 'manager',
      name: 'Callum Fraser',
      email: 'callum@harbour.example',
    });
    interviewer = await makeMember(ctx, {
      organisationId,
      role: 'interviewer',
      name: 'Eilidh Ross',
      email: 'eilidh@harbour.example',
    });
    const call = async <T>(method: 'POST', url: string, payload: object): Promise<T> => {
      const response = await running.app.inject({ method, url, headers: { cookie: admin.cookie }, payload });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as T;
    };
    const venue = await call<{ id: string }>('POST', '/api/v1/venues', {
      name: 'Harbour Lights Theatre',
      region: 'scotland',
      city: 'Aberdeen',
    });
    roleId = (
      await call<{ id: string }>('POST', '/api/v1/roles', {
        title: roleTitle,
        venueId: venue.id,
        level: 'technician',
        hiringManagerId: manager.userId,
      })
    ).id;
    const now = ctx.now().getTime();
    async function applicant(name: string, email: string, endedAgo?: number) {
      const candidate = await call<{ id: string }>('POST', '/api/v1/candidates', { name, email });
      const application = await call<{ id: string }>('POST', '/api/v1/applications', {
        candidateId: candidate.id,
        roleId,
      });
      let interviewId: string | undefined;
      if (endedAgo !== undefined) {
        interviewId = (
          await call<{ id: string }>('POST', '/api/v1/interviews', {
            applicationId: application.id,
            kind: 'practical',
            startsAt: new Date(now - endedAgo - hour).toISOString(),
            endsAt: new Date(now - endedAgo).toISOString(),
            location: 'Main House stage',
            interviewerIds: [admin.userId, interviewer.userId],
          })
        ).id;
      }
      return { applicationId: application.id, interviewId };
    }
    // Isla: both scorecards in (a yes and a no). Rory: both still owed. Niamh: applied ten days ago.
    const isla = await applicant('Isla Mackenzie', 'isla.mackenzie.long-address@example.com', 2 * hour);
    const rory = await applicant('Rory Buchan', 'rory@example.com', 2 * day);
    const niamh = await applicant('Niamh Doherty', 'niamh@example.com');
    ids.isla = isla.applicationId;
    ids.rory = rory.applicationId;
    ids.niamh = niamh.applicationId;
    const scorecards = scorecardService(ctx);
    for (const [member, recommendation] of [
      [admin, 'yes'],
      [interviewer, 'no'],
    ] as const) {
      const actor = actorOf(member);
      const { scorecard } = await scorecards.open(organisationId, isla.interviewId!, actor);
      await scorecards.saveDraft(
        organisationId,
        scorecard.id,
        {
          ratings: Object.entries(ratings).map(([criterionKey, rating]) => ({
            criterionKey,
            rating,
            evidence: `Saw ${criterionKey} at level ${rating}.`,
          })),
          recommendation,
          privateNotes: null,
        },
        actor,
      );
      await scorecards.submit(organisationId, scorecard.id, actor);
    }
    niamhSince = new Date(now - 14 * day);
    await ctx.kysely
      .updateTable('application')
      .set({ stage_changed_at: niamhSince.toISOString() })
      .where('id', '=', ids.niamh)
      .execute();

    page = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => errors.push(err.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const card = (name: string) => page.getByTestId('pipeline-card').filter({ hasText: name });

  it('shows each card at a glance, and the header on one line at 1366 px', { timeout: 60_000 }, async () => {
    await signIn(page, running.url, manager);
    await page.goto(`${running.url}/roles/${roleId}`);
    await poll(() => card('Isla Mackenzie').getByTestId('card-score').count()).toBe(1);

    // The score is the application summary's, on the criteria's 1 to 4 scale as on the application page.
    const summary = await scorecardService(running.ctx).summary(
      manager.organisationId,
      ids.isla,
      actorOf(manager),
    );
    expect(await card('Isla Mackenzie').getByTestId('card-score').textContent()).toBe(
      `Score ${summary.overall.meanRating?.toFixed(2)} of 4`,
    );
    expect(await card('Isla Mackenzie').getByTestId('card-recommendation').textContent()).toBe(
      'Yes 1 · No 1',
    );
    expect(await card('Isla Mackenzie').getByTestId('card-scorecards').textContent()).toBe(
      'Scorecards 2 of 2',
    );
    expect(await card('Rory Buchan').getByTestId('card-scorecards').textContent()).toBe('Scorecards 0 of 2');
    // The long email is shown whole, not cut off.
    const email = card('Isla Mackenzie').getByText('isla.mackenzie.long-address@example.com');
    expect(await email.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // Days waiting in working days (Scotland's calendar), not "since … (today)".
    const venue = await running.ctx.kysely
      .selectFrom('venue')
      .select(['region', 'timezone'])
      .executeTakeFirstOrThrow();
    const days = workingDaysBetween(
      { nation: venue.region as Nation, timezone: venue.timezone },
      niamhSince,
      running.ctx.now(),
    );
    expect(days).toBeGreaterThan(5);
    expect(await card('Niamh Doherty').getByTestId('card-waiting').textContent()).toBe(
      `Applied for ${days} working days`,
    );

    // The title is one line and the actions one row beside it.
    const title = page.getByRole('heading', { level: 1, name: roleTitle });
    const box = (await title.boundingBox())!;
    // Runs in the page (the test's own types have no DOM).
    type WithStyle = { getComputedStyle(el: unknown): { lineHeight: string } };
    const lineHeight = await title.evaluate((el) =>
      Number.parseFloat((globalThis as unknown as WithStyle).getComputedStyle(el).lineHeight),
    );
    expect(box.height).toBeLessThan(lineHeight * 1.5);
    const buttonTops = await page
      .getByRole('button', { name: /^(Add candidate|Edit role|Change status)$/ })
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(buttonTops).toHaveLength(3);
    expect(new Set(buttonTops).size).toBe(1);
    // Beside the title block, not wrapped below it.
    const buttonLeft = await page
      .getByRole('button', { name: 'Add candidate' })
      .evaluate((el) => el.getBoundingClientRect().left);
    expect(buttonLeft).toBeGreaterThanOrEqual(box.x + box.width);
    await expectNoSeriousA11yViolations(page, 'pipeline at 1366 px');
  });

  it('moves a candidate to any allowed stage by keyboard', { timeout: 60_000 }, async () => {
    const move = card('Isla Mackenzie').getByRole('button', { name: 'Move Isla Mackenzie to another stage' });
    await move.focus();
    await page.keyboard.press('Enter');
    const items = page.getByRole('menuitem');
    await poll(() => items.count()).toBe(4);
    expect(await items.allTextContents()).toEqual([
      'Awaiting decision',
      'Withdrawn…',
      'Not progressing…',
      'Offer…',
    ]);
    await expectNoSeriousA11yViolations(page, 'pipeline move menu');
    // Opened by keyboard, the menu takes focus on its first item (WAI-ARIA menu button).
    await poll(() => page.evaluate<string>("document.activeElement?.textContent ?? ''")).toBe(
      'Awaiting decision',
    );
    await page.keyboard.press('ArrowDown');
    await poll(() => page.evaluate<string>("document.activeElement?.textContent ?? ''")).toBe('Withdrawn…');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await poll(
      async () =>
        (
          await running.ctx.kysely
            .selectFrom('application')
            .select('stage')
            .where('id', '=', ids.isla)
            .executeTakeFirstOrThrow()
        ).stage,
    ).toBe('awaiting_decision');
    await poll(() =>
      page
        .locator('section', { has: page.getByRole('heading', { name: 'Awaiting decision' }) })
        .getByTestId('pipeline-card')
        .filter({ hasText: 'Isla Mackenzie' })
        .count(),
    ).toBe(1);
    expect(errors).toEqual([]);
  });

  it('on the application page the scorecards suggest no decision when they are split', {
    timeout: 60_000,
  }, async () => {
    await page.goto(`${running.url}/applications/${ids.isla}`);
    const decision = page.getByTestId('decision-actions');
    await poll(() => decision.getByTestId('decision-recommended').count()).toBe(1);
    expect(await decision.getByTestId('decision-recommended').textContent()).toBe(
      'The scorecards are split (Yes 1 · No 1): no decision is suggested.',
    );
    // No button is made the primary one: an offer is not pushed on a split panel.
    expect(await decision.locator('button[data-recommended]').count()).toBe(0);
    expect(await decision.getByRole('button', { name: 'Make an offer' }).getAttribute('data-variant')).toBe(
      'default',
    );
    await expectNoSeriousA11yViolations(page, 'application page, split scorecards');
    await page.goto(`${running.url}/roles/${roleId}`);
    await poll(() => page.getByTestId('pipeline-card').count()).toBe(3);
  });

  it('selects several: reminders, a bulk move, and not progressing for the chosen only', {
    timeout: 90_000,
  }, async () => {
    await page.getByRole('checkbox', { name: 'Select Rory Buchan' }).check();
    await page.getByRole('checkbox', { name: 'Select Niamh Doherty' }).check();
    const bar = page.getByTestId('bulk-bar');
    await poll(() => bar.getByTestId('bulk-count').textContent()).toBe('2 selected');
    await expectNoSeriousA11yViolations(page, 'pipeline with a selection');

    // Reminders: only Rory owes scorecards, one email to each of his two interviewers.
    await bar.getByRole('button', { name: 'Remind about scorecards (1)' }).click();
    await poll(async () =>
      (
        await running.ctx.kysely
          .selectFrom('message')
          .select('to_email')
          .where('template_key', '=', 'scorecard_reminder')
          .where('application_id', '=', ids.rory)
          .execute()
      )
        .map((m) => m.to_email)
        .sort(),
    ).toEqual(['eilidh@harbour.example', 'morven@harbour.example']);

    // No stage is a process move for both Rory (interviewing) and Niamh (applied): moving is off.
    expect(await bar.getByRole('button', { name: 'Move selected' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Select Rory Buchan' }).uncheck();
    await page.getByRole('checkbox', { name: 'Select Isla Mackenzie' }).check();
    // Niamh (applied) and Isla (awaiting decision) can both move to interviewing.
    await bar.getByRole('button', { name: 'Move selected' }).click();
    await page.getByRole('menuitem', { name: 'Interviewing' }).click();
    await poll(async () =>
      (
        await running.ctx.kysely
          .selectFrom('application')
          .select(['id', 'stage'])
          .where('id', 'in', [ids.isla, ids.niamh])
          .execute()
      ).map((a) => a.stage),
    ).toEqual(['interviewing', 'interviewing']);
    await poll(() => bar.count()).toBe(0);

    // Not progressing for the chosen two only: close-the-rest opens with their ids.
    await page.getByRole('checkbox', { name: 'Select Rory Buchan' }).check();
    await page.getByRole('checkbox', { name: 'Select Niamh Doherty' }).check();
    await bar.getByRole('button', { name: 'Not progressing…' }).click();
    await page.waitForURL(`**/roles/${roleId}/close-the-rest?ids=*`);
    const chosen = new URL(page.url()).searchParams.get('ids')?.split(',').sort();
    expect(chosen).toEqual([ids.rory, ids.niamh].sort());
    await page.getByRole('button', { name: 'Start: draft the feedback' }).click();
    await poll(() => page.getByTestId('queue-progress').textContent()).toMatch(/of 2 ready to send$/);
    expect(errors).toEqual([]);
  });
});
