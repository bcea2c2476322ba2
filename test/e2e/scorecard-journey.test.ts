import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '../../src/domain/frameworks/types.ts';
import { scorecardService } from '../../src/features/scorecards/scorecards.service.ts';
import { actorOf, makeMember, type TestMember } from '../support/factories/organisations.ts';
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
} from './browser.ts';

const hour = 60 * 60 * 1000;

/** What the interviewer gives in the browser (technician defaults: all nine criteria assessed). */
const myRatings: Record<string, Level> = {
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
/** The second interviewer's, written through the service: 2 apart on signal flow. */
const otherRatings: Record<string, Level> = { ...myRatings, signal_flow: 1, audio: 3 };

/** Where the keyboard is: `radio:<group name>` for a radio, else `<TAG>:<id>`. */
const whereFocused = `(() => {
  const el = document.activeElement;
  if (!el) return '';
  return el.tagName === 'INPUT' && el.type === 'radio' ? 'radio:' + el.name : el.tagName + ':' + el.id;
})()`;
function focused(page: Page): Promise<string> {
  return page.evaluate(whereFocused);
}

describe.skipIf(!browserAvailable())(
  'browser journey: a scorecard on a phone, the heat map on a laptop',
  () => {
    let running: RunningApp;
    let browser: Browser;
    const errors: string[] = [];
    let admin: TestMember;
    let manager: TestMember;
    let other: TestMember;
    let applicationId: string;
    let interviewId: string;
    let roryApplicationId: string;
    let roleTitle: string;

    beforeAll(async () => {
      running = await startApp();
      browser = await launchBrowser();
      const ctx = running.ctx;

      // An organisation whose admin also interviews, a hiring manager and a second interviewer.
      admin = await makeMember(ctx, { role: 'admin', name: 'Morven Reid', email: 'morven@harbour.example' });
      const organisationId = admin.organisationId;
      manager = await makeMember(ctx, {
        organisationId,
        role: 'manager',
        name: 'Callum Fraser',
        email: 'callum@harbour.example',
      });
      other = await makeMember(ctx, {
        organisationId,
        role: 'interviewer',
        name: 'Eilidh Ross',
        email: 'eilidh@harbour.example',
      });

      // The rest through the API, as the admin.
      const call = async <T>(method: 'POST' | 'PUT', url: string, payload: object): Promise<T> => {
        const response = await running.app.inject({
          method,
          url,
          headers: { cookie: admin.cookie },
          payload,
        });
        if (response.statusCode >= 300)
          throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
        return response.json() as T;
      };
      const venue = await call<{ id: string }>('POST', '/api/v1/venues', {
        name: 'Harbour Lights Theatre',
        region: 'scotland',
        city: 'Aberdeen',
      });
      roleTitle = 'AV Technician — Main House';
      const role = await call<{ id: string }>('POST', '/api/v1/roles', {
        title: roleTitle,
        venueId: venue.id,
        level: 'technician',
        hiringManagerId: manager.userId,
      });
      const now = Date.now();
      async function applicant(name: string, email: string, endedAgo: number) {
        const candidate = await call<{ id: string }>('POST', '/api/v1/candidates', { name, email });
        const application = await call<{ id: string }>('POST', '/api/v1/applications', {
          candidateId: candidate.id,
          roleId: role.id,
        });
        const interview = await call<{ id: string }>('POST', '/api/v1/interviews', {
          applicationId: application.id,
          kind: 'practical',
          startsAt: new Date(now - endedAgo - hour).toISOString(),
          endsAt: new Date(now - endedAgo).toISOString(),
          location: 'Main House stage',
          interviewerIds: [admin.userId, other.userId],
        });
        return { applicationId: application.id, interviewId: interview.id };
      }
      // The interview of this journey ended two hours ago; another one ended two days ago (overdue).
      ({ applicationId, interviewId } = await applicant('Isla Mackenzie', 'isla@example.com', 2 * hour));
      ({ applicationId: roryApplicationId } = await applicant('Rory Buchan', 'rory@example.com', 48 * hour));
    });

    afterAll(async () => {
      await browser?.close();
      await running?.close();
    });

    it('the interviewer rates every criterion on a phone, mostly by keyboard, and submits', {
      timeout: 300_000,
    }, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
      await signIn(page, running.url, admin);

      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('link', { name: 'My interviews' }).click();
      await page.waitForURL('**/interviews');

      // What I owe: both, the older one highlighted as overdue.
      const due = page.getByTestId('scorecard-due');
      await expect.poll(() => due.count()).toBe(2);
      expect(await due.filter({ hasText: 'Rory Buchan' }).getAttribute('data-overdue')).toBe('true');
      expect(await due.filter({ hasText: 'Rory Buchan' }).textContent()).toContain('Overdue');
      expect(await due.filter({ hasText: 'Isla Mackenzie' }).getAttribute('data-overdue')).toBeNull();
      await expectNoSeriousA11yViolations(page, 'my interviews on a phone');

      await due
        .filter({ hasText: 'Isla Mackenzie' })
        .getByRole('button', { name: 'Fill your scorecard for Isla Mackenzie' })
        .click();
      await page.waitForURL('**/scorecards/*');
      const criteria = page.getByTestId('criterion');
      await expect.poll(() => criteria.count()).toBe(9);
      const keys = await criteria.evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-criterion') ?? ''),
      );
      expect(new Set(keys)).toEqual(new Set(Object.keys(myRatings)));

      // On a phone the definition is folded to two lines; the kit's button shows all of it and the kit.
      const definition = criteria.first().getByTestId('criterion-definition');
      const foldedHeight = await definition.evaluate((e) => e.getBoundingClientRect().height);
      await criteria
        .first()
        .getByRole('button', { name: /^Show all and the interview kit \(\d\)$/ })
        .click();
      await expect
        .poll(() => definition.evaluate((e) => e.getBoundingClientRect().height))
        .toBeGreaterThan(foldedHeight * 1.4);
      await expect.poll(() => criteria.first().getByText('Listen for:').first().isVisible()).toBe(true);
      await expectNoSeriousA11yViolations(page, 'scorecard on a phone');

      // Keyboard only from here: into the first rating, then Tab between ratings and evidence.
      await page.locator(`input[name="rating-${keys[0]}"]`).first().focus();
      for (const [index, key] of keys.entries()) {
        expect(await focused(page)).toBe(`radio:rating-${key}`);
        const rating = myRatings[key]!;
        if (index % 2 === 0) {
          // Arrow keys: from the first (unchosen) radio, each ArrowRight moves on and chooses.
          await page.keyboard.press('Space');
          for (let step = 1; step < rating; step++) await page.keyboard.press('ArrowRight');
        } else {
          await page.keyboard.press(String(rating));
        }
        const group = page.getByRole('radiogroup', {
          name: `${await criteria.nth(index).getByRole('heading').textContent()}: rating`,
        });
        await expect
          .poll(() => group.getByRole('radio', { checked: true }).getAttribute('value'))
          .toBe(String(rating));
        // The chosen level's descriptor shows beside the rating.
        await expect
          .poll(() => criteria.nth(index).getByTestId('selected-descriptor').textContent())
          .toContain(`${rating} `);
        await page.keyboard.press('Tab'); // "Not assessed"
        await page.keyboard.press('Tab'); // "Compare all four levels"
        await page.keyboard.press('Tab'); // the evidence
        expect(await focused(page)).toBe(`TEXTAREA:evidence-${key}`);
        await page.keyboard.type(`Saw ${key.replaceAll('_', ' ')} at level ${rating} on the practical.`);
        if (index < keys.length - 1) {
          await page.keyboard.press('Tab'); // the next criterion's interview kit
          await page.keyboard.press('Tab'); // its rating
        }
      }
      // Planning was not covered on the practical after all: "Not assessed" clears its rating.
      await page
        .locator('[data-testid="criterion"][data-criterion="planning_documentation"]')
        .getByRole('checkbox', { name: /Not assessed/ })
        .check();
      await expect
        .poll(() => page.locator('input[name="rating-planning_documentation"]:checked').count())
        .toBe(0);
      await expect.poll(() => page.getByTestId('rated-count').textContent()).toContain('9 of 9 rated');
      await expectNoSeriousA11yViolations(page, 'scorecard filled');

      // Submitting without a recommendation says so at the recommendation, and focuses it.
      await page.getByRole('button', { name: 'Submit scorecard' }).click();
      const problems = page.getByTestId('scorecard-problems');
      await expect.poll(() => problems.textContent()).toContain('Recommendation');
      await expect.poll(() => focused(page)).toBe('radio:recommendation');
      await expectNoSeriousA11yViolations(page, 'scorecard problems');
      await page.keyboard.press('Space'); // Strong no
      await page.keyboard.press('ArrowRight'); // No
      await page.keyboard.press('ArrowRight'); // Yes
      await expect.poll(() => page.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
      await expect.poll(() => problems.count()).toBe(0);

      // Drafts save as you type, and leaving at once loses nothing.
      await page
        .getByLabel('Private notes — never shown to the candidate')
        .fill('Ask about weekend availability.');
      await page.getByRole('link', { name: '← My interviews' }).click();
      await page.waitForURL('**/interviews');
      await expect
        .poll(
          async () =>
            (
              await running.ctx.kysely
                .selectFrom('scorecard')
                .select(['private_notes', 'recommendation', 'status'])
                .where('interview_id', '=', interviewId)
                .where('interviewer_id', '=', admin.userId)
                .executeTakeFirst()
            )?.private_notes,
        )
        .toBe('Ask about weekend availability.');

      // Back to it: the draft is as left; then submit with a confirmation.
      await due
        .filter({ hasText: 'Isla Mackenzie' })
        .getByRole('link', { name: 'Carry on with your scorecard for Isla Mackenzie' })
        .click();
      await page.waitForURL('**/scorecards/*');
      expect(await page.getByLabel('Private notes — never shown to the candidate').inputValue()).toBe(
        'Ask about weekend availability.',
      );
      expect(await page.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Submit scorecard' }).click();
      const dialog = page.getByRole('dialog', { name: 'Submit your scorecard?' });
      expect(await dialog.textContent()).toContain('recommend yes');
      await expectNoSeriousA11yViolations(page, 'submit dialog');
      await dialog.getByRole('button', { name: 'Submit', exact: true }).click();
      await expect.poll(() => page.getByTestId('scorecard-status').textContent()).toContain('Submitted');
      await expect.poll(() => page.getByRole('button', { name: 'Amend' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId('criterion-read').count()).toBe(9);
      await expectNoSeriousA11yViolations(page, 'submitted scorecard');

      // The database holds what the phone showed.
      const card = await running.ctx.kysely
        .selectFrom('scorecard')
        .select(['id', 'status', 'recommendation', 'private_notes', 'submitted_at'])
        .where('interview_id', '=', interviewId)
        .where('interviewer_id', '=', admin.userId)
        .executeTakeFirstOrThrow();
      expect(card).toMatchObject({
        status: 'submitted',
        recommendation: 'yes',
        private_notes: 'Ask about weekend availability.',
      });
      expect(card.submitted_at).toBeTruthy();
      const rows = await running.ctx.kysely
        .selectFrom('scorecard_rating')
        .select(['criterion_key', 'rating'])
        .where('scorecard_id', '=', card.id)
        .execute();
      const { planning_documentation: _notAssessed, ...rated } = myRatings;
      expect(
        Object.fromEntries(
          rows.filter((r) => r.rating !== null).map((r) => [r.criterion_key, Number(r.rating)]),
        ),
      ).toEqual(rated);
      const skipped = await running.ctx.kysely
        .selectFrom('scorecard_rating')
        .select(['rating', 'not_assessed'])
        .where('scorecard_id', '=', card.id)
        .where('criterion_key', '=', 'planning_documentation')
        .executeTakeFirstOrThrow();
      expect({ rating: skipped.rating, notAssessed: Number(skipped.not_assessed) }).toEqual({
        rating: null,
        notAssessed: 1,
      });

      // Amending needs a reason, and is kept in the audit trail.
      await page.getByRole('button', { name: 'Amend' }).click();
      await page.locator('input[name="rating-lighting"]:checked').focus();
      await page.keyboard.press('ArrowRight'); // 2 → 3
      await page.getByRole('button', { name: 'Save amendment' }).click();
      await expect
        .poll(() => page.getByLabel('Reason for the amendment').getAttribute('aria-invalid'))
        .toBe('true');
      await expect.poll(() => focused(page)).toBe('TEXTAREA:amend-reason');
      await expectNoSeriousA11yViolations(page, 'amendment');
      await page.keyboard.type('Checked my notes: the lighting fault was found without help.');
      await page.getByRole('button', { name: 'Save amendment' }).click();
      await expect.poll(() => page.getByTestId('scorecard-status').textContent()).toContain('Last amended');
      const lighting = await running.ctx.kysely
        .selectFrom('scorecard_rating')
        .select('rating')
        .where('scorecard_id', '=', card.id)
        .where('criterion_key', '=', 'lighting')
        .executeTakeFirstOrThrow();
      expect(Number(lighting.rating)).toBe(3);
      const audit = await running.ctx.kysely
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'scorecard.amended')
        .where('subject_id', '=', card.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail ?? '{}').reason).toBe(
        'Checked my notes: the lighting fault was found without help.',
      );

      // Nothing is owed for Isla any more; Rory's is still due.
      await page.getByRole('link', { name: '← My interviews' }).click();
      await expect.poll(() => page.getByTestId('scorecard-due').count()).toBe(1);
      expect(await page.getByTestId('scorecard-due').textContent()).toContain('Rory Buchan');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the hiring manager sees the heat map with both interviewers and their disagreement', {
      timeout: 90_000,
    }, async () => {
      // The second interviewer's scorecard, through the service.
      const scorecards = scorecardService(running.ctx);
      const actor = actorOf(other);
      const { scorecard } = await scorecards.open(other.organisationId, interviewId, actor);
      await scorecards.saveDraft(
        other.organisationId,
        scorecard.id,
        {
          ratings: Object.entries(otherRatings).map(([criterionKey, rating]) => ({
            criterionKey,
            rating,
            evidence: `Eilidh on ${criterionKey}: ${rating}`,
          })),
          recommendation: 'no',
          privateNotes: 'Not for the candidate.',
        },
        actor,
      );
      await scorecards.submit(other.organisationId, scorecard.id, actor);

      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
      await signIn(page, running.url, manager);
      await page.getByRole('link', { name: roleTitle }).first().click();
      await page.waitForURL('**/roles/*');
      // The role shows completion against the benchmark: 2 of 4 due (Isla's two are in, Rory's two are not).
      await expect
        .poll(() => page.getByTestId('scorecard-completion').textContent(), { timeout: 10_000 })
        .toContain('2 of 4');
      await expect.poll(() => page.getByTestId('requirements').textContent()).toContain('AV Technician');
      await expectNoSeriousA11yViolations(page, 'pipeline with requirements');
      await page.getByTestId('pipeline-card').filter({ hasText: 'Isla Mackenzie' }).getByRole('link').click();
      await page.waitForURL(`**/applications/${applicationId}`);

      const heatmap = page.getByTestId('heatmap');
      await expect.poll(() => heatmap.count()).toBe(1);
      await expectNoSeriousA11yViolations(page, 'application heat map');
      expect(await page.getByTestId('heatmap-interviewer').allTextContents()).toEqual([
        'Morven Reid',
        'Eilidh Ross',
      ]);
      expect(await page.getByTestId('scorecards-submitted').textContent()).toBe(
        '2 of 2 scorecards submitted',
      );
      expect(await page.getByTestId('recommendation-tally').textContent()).toContain('Yes: 1');
      expect(await page.getByTestId('recommendation-tally').textContent()).toContain('No: 1');

      const row = (key: string) => page.locator(`[data-testid="heatmap-row"][data-criterion="${key}"]`);
      const signalFlow = row('signal_flow');
      expect(await signalFlow.getByTestId('heat-cell').allTextContents()).toEqual([
        expect.stringMatching(/^3/),
        expect.stringMatching(/^1/),
      ]);
      expect(await signalFlow.getByTestId('disagreement-badge').isVisible()).toBe(true);
      expect(await signalFlow.getByTestId('criterion-mean').textContent()).toBe('2.0');
      // Audio: 4 and 3 is no disagreement.
      expect(await row('audio').getByTestId('disagreement-badge').count()).toBe(0);

      // Colours and words are relative to the role's required level (technician: signal flow needs 3,
      // networking 2), not the absolute score: a 3 meets one and exceeds the other.
      const standings = (key: string) =>
        row(key)
          .getByTestId('heat-cell')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-standing')));
      expect(await standings('signal_flow')).toEqual(['meets', 'below']);
      expect(await standings('networking_control')).toEqual(['exceeds', 'exceeds']);
      expect(await signalFlow.getByTestId('heat-cell').first().textContent()).toContain('Meets required');
      expect(await page.getByTestId('standing-legend').textContent()).toContain('Below required');

      // The box ticked on the phone: not assessed by Morven, rated by Eilidh, and not counted.
      const planning = row('planning_documentation');
      expect(await planning.getByTestId('heat-cell-not-assessed').textContent()).toContain('Not assessed');
      expect(await planning.getByTestId('heat-cell').allTextContents()).toEqual([
        expect.stringMatching(/^2/),
      ]);
      expect(await planning.getByTestId('criterion-mean').textContent()).toBe('2.0');

      // One scale: the criteria's 1 to 4, as the server computes it; no 0–100 figure beside it.
      const summary = await scorecards.summary(manager.organisationId, applicationId, actorOf(manager));
      expect(await page.getByTestId('overall-score').textContent()).toBe(
        `${summary.overall.meanRating?.toFixed(2)} of 4`,
      );
      expect(await page.getByTestId('assessment-summary').textContent()).not.toContain('/ 100');
      expect(summary.disagreements).toEqual(['signal_flow']);

      // Evidence is on the page in full, no hover needed, and the map uses the width.
      await expect
        .poll(() => signalFlow.getByTestId('heat-cell').first().textContent())
        .toContain('Saw signal flow at level 3 on the practical.');
      expect(await signalFlow.getByTestId('heat-cell').nth(1).isVisible()).toBe(true);
      expect(await signalFlow.getByTestId('heat-cell').nth(1).textContent()).toContain(
        'Eilidh on signal_flow: 1',
      );
      const mapBox = await page.getByTestId('heatmap').boundingBox();
      const mainBox = await page.locator('main').boundingBox();
      expect((mapBox?.width ?? 0) / (mainBox?.width ?? 1)).toBeGreaterThan(0.8);

      // Private notes never reach the summary.
      expect(await page.getByTestId('assessment-summary').textContent()).not.toContain(
        'Not for the candidate',
      );
      expect(errors).toEqual([]);
      await context.close();
    });

    it('an interviewer who has not submitted is told why the others are hidden', {
      timeout: 60_000,
    }, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
      await signIn(page, running.url, other);
      await page.goto(`${running.url}/applications/${roryApplicationId}`);
      const locked = page.getByTestId('summary-locked');
      await expect.poll(() => locked.textContent()).toContain("Submit your own scorecard to see everyone's");
      await expectNoSeriousA11yViolations(page, 'locked summary');
      expect(await page.getByTestId('heatmap').count()).toBe(0);
      // The way on is right there.
      await locked.getByRole('button', { name: 'Fill your scorecard' }).click();
      await page.waitForURL('**/scorecards/*');
      await expect.poll(() => page.getByTestId('criterion').count()).toBe(9);
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
