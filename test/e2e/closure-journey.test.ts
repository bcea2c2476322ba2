// Issue #7, end to end: a manager fills a role with five candidates still waiting, closes the rest,
// and all five receive their emails over real SMTP; one candidate opens the personal link from their
// email, reads the feedback, joins the talent network and rates the experience; the role's closure
// report shows everyone told, and the role can be marked filled.
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avTechnicianFramework } from '../../src/domain/frameworks/av-technician.ts';
import type { Level } from '../../src/domain/frameworks/types.ts';
import { scorecardService } from '../../src/features/scorecards/scorecards.service.ts';
import { actorOf, makeMember, type TestMember } from '../support/factories/organisations.ts';
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

const hour = 60 * 60 * 1000;
const day = 24 * hour;

// The sending window: "not progressing" emails leave only in the venue's working hours on working
// days (09:00–17:30 by default). So that the journey runs the same at any hour, the app's clock is
// set to Wednesday 25 November 2026, 10:30 in London (a working day in England; no bank holiday), and
// keeps ticking from there. The emails go out because it is inside the window, not because it is bypassed.
const appEpoch = Date.parse('2026-11-25T10:30:00Z');
const offset = appEpoch - Date.now();
const appNow = () => new Date(Date.now() + offset);

const keys = avTechnicianFramework.criteria.map((c) => c.key);
/** Evidence that composes into feedback that passes the check (as in the feedback drafts tests). */
const evidence: Record<string, string> = {
  signal_flow:
    'Candidate traced the planted fault to the crossed tie line in under ten minutes. He split the chain at the stage box and checked each point.',
  audio: 'Rang out the wedges with two narrow cuts; knew gain structure well.',
  video: 'Not sure about EDID; needed prompting to check the projector input.',
  lighting: 'Programmed a simple Eos cue stack and recorded a preset.',
  networking_control: 'He could not explain how Dante picks a clock leader.',
  rigging_power_safety: 'Checked the safety bonds and knew LOLER inspection intervals.',
  communication: 'Calm and clear with the client in the role-play; summarised the brief back.',
  show_operation: 'Followed the cue sheet and called standbys on time.',
  planning_documentation: 'Patch sheet was tidy but missing the spare channels.',
};
const ratings = Object.fromEntries(
  keys.map((k) => [k, k === 'signal_flow' ? 4 : k === 'video' ? 2 : 3]),
) as Record<string, Level>;
const privateNote = 'PRIVATE-NOTE-9921 asked twice about parking.';

const roleTitle = 'AV Technician — Main House';
const hiredName = 'Ailsa Grant';
const waiting = [
  { name: 'Isla Mackenzie', email: 'isla@example.com' },
  { name: 'Rory Buchan', email: 'rory@example.com' },
  { name: 'Niamh Doherty', email: 'niamh@example.com' },
  { name: 'Owen Pritchard', email: 'owen@example.com' },
  { name: 'Priya Raman', email: 'priya.raman@example.com' },
];

describe.skipIf(!browserAvailable())(
  'browser journey: close the rest, five emails over SMTP, a candidate on their page, the closure report',
  () => {
    let smtp: TestSmtpServer;
    let running: RunningApp;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    let admin: TestMember;
    let manager: TestMember;
    let interviewer: TestMember;
    let roleId: string;
    let hiredApplicationId: string;
    /** The five waiting candidates' applications, by candidate email. */
    const applications = new Map<string, { applicationId: string; candidateId: string; name: string }>();
    /** The five "not progressing" emails, by recipient. */
    const mails = new Map<string, ParsedMail>();

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      running = await startApp({ smtpUrl: smtp.url, workerPollIntervalMs: 100, now: appNow });
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

      const call = async <T>(
        method: 'POST' | 'PUT',
        url: string,
        payload: object,
        as = admin,
      ): Promise<T> => {
        const response = await running.app.inject({ method, url, headers: { cookie: as.cookie }, payload });
        if (response.statusCode >= 300)
          throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
        return response.json() as T;
      };
      const venue = await call<{ id: string }>('POST', '/api/v1/venues', {
        name: 'Harbour Lights Theatre',
        region: 'england-and-wales',
        city: 'Leeds',
      });
      roleId = (
        await call<{ id: string }>('POST', '/api/v1/roles', {
          title: roleTitle,
          venueId: venue.id,
          level: 'technician',
          hiringManagerId: manager.userId,
        })
      ).id;

      // Every interview ended on Monday 23 November (two working days before the app's "now").
      const endsAt = new Date(appEpoch - 2 * day);
      async function applicant(name: string, email: string) {
        const candidate = await call<{ id: string }>('POST', '/api/v1/candidates', { name, email });
        const application = await call<{ id: string }>('POST', '/api/v1/applications', {
          candidateId: candidate.id,
          roleId,
        });
        const interview = await call<{ id: string }>('POST', '/api/v1/interviews', {
          applicationId: application.id,
          kind: 'practical',
          startsAt: new Date(endsAt.getTime() - hour).toISOString(),
          endsAt: endsAt.toISOString(),
          location: 'Main House stage',
          interviewerIds: [admin.userId, interviewer.userId],
        });
        return { candidateId: candidate.id, applicationId: application.id, interviewId: interview.id };
      }

      // The one who got the job: offered, and accepted (told by their own reply).
      const hired = await applicant(hiredName, 'ailsa@example.com');
      hiredApplicationId = hired.applicationId;
      await call(
        'POST',
        `/api/v1/applications/${hired.applicationId}/decision`,
        { outcome: 'offer' },
        manager,
      );
      await call(
        'POST',
        `/api/v1/applications/${hired.applicationId}/decision`,
        { outcome: 'hired' },
        manager,
      );

      // Five still waiting, each with both interviewers' scorecards submitted.
      const scorecards = scorecardService(ctx);
      for (const person of waiting) {
        const { candidateId, applicationId, interviewId } = await applicant(person.name, person.email);
        applications.set(person.email, { applicationId, candidateId, name: person.name });
        for (const member of [admin, interviewer]) {
          const actor = actorOf(member);
          const { scorecard } = await scorecards.open(organisationId, interviewId, actor);
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
              privateNotes: privateNote,
            },
            actor,
          );
          await scorecards.submit(organisationId, scorecard.id, actor);
        }
      }

      page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await running?.close();
      await smtp?.close();
    });

    it('the manager closes the rest: every draft approved in the browser, then all five sent', {
      timeout: 300_000,
    }, async () => {
      await signIn(page, running.url, manager);
      await page.getByRole('link', { name: roleTitle }).first().click();
      await page.waitForURL(`**/roles/${roleId}`);
      await page.getByRole('link', { name: 'Close the rest' }).first().click();
      await page.waitForURL(`**/roles/${roleId}/close-the-rest`);

      // No queue yet: start it, and a draft is composed from the scorecards for each of the five.
      await page.getByRole('button', { name: 'Start: draft the feedback' }).click();
      const progress = page.getByTestId('queue-progress');
      await expect.poll(() => progress.textContent()).toBe('0 of 5 ready to send');
      const step = page.getByTestId('queue-step');
      expect(await step.textContent()).toContain('Candidate 1 of 5');
      await expectNoSeriousA11yViolations(page, 'close the rest queue');

      // The hired candidate is not in the queue.
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        for (let n = 0; n < i; n++) await page.getByRole('button', { name: 'Next' }).click();
        await expect.poll(() => step.textContent()).toContain(`Candidate ${i + 1} of 5`);
        const name = (await step.getByRole('heading').textContent())?.trim() ?? '';
        expect(waiting.map((w) => w.name)).toContain(name);
        seen.push(name);
        await expect.poll(() => step.textContent()).toContain('Draft');
        await step.getByRole('link', { name: 'Edit and approve the feedback' }).click();
        await page.waitForURL('**/applications/*/feedback');
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe(`Feedback for ${name}`);

        // Drafted already by "close the rest"; draft it here only if there were none.
        const draftButton = page.getByRole('button', { name: 'Draft from scorecards' });
        const editor = page.getByTestId('feedback-editor');
        await expect
          .poll(async () => (await editor.count()) + (await draftButton.count()))
          .toBeGreaterThan(0);
        if ((await draftButton.count()) > 0) await draftButton.click();

        // The structured editor: the candidate's text is its fields.
        await expect.poll(() => editor.textContent()).toContain('What went well');
        expect(await page.getByTestId('feedback-training-0').inputValue()).not.toBe('');
        const text = await editor.evaluate((el) =>
          [...el.querySelectorAll('textarea')].map((t) => t.value).join('\n'),
        );
        expect(text).not.toContain('PRIVATE-NOTE');
        expect(text).not.toContain(name.split(' ')[0]);
        // The composed text passes the check: "Approve", not "Approve anyway…".
        const approve = page.getByRole('button', { name: 'Approve', exact: true });
        await expect.poll(() => approve.isVisible(), { timeout: 10_000 }).toBe(true);
        await expectNoSeriousA11yViolations(page, 'feedback editor');
        await approve.click();
        await expect.poll(() => page.getByTestId('feedback-approved').isVisible()).toBe(true);
        await expect.poll(() => page.getByTestId('feedback-status').textContent()).toBe('Approved');
        // Back to the queue. (Not with the browser's Back: the queue is cached in the page and approving
        // does not refresh it, so it would still say "Draft" — see FeedbackPage.tsx, approve's onSuccess.)
        await page.goto(`${running.url}/roles/${roleId}/close-the-rest`);
        await expect.poll(() => progress.textContent()).toBe(`${i + 1} of 5 ready to send`);
      }
      expect(new Set(seen)).toEqual(new Set(waiting.map((w) => w.name)));

      // Every feedback is approved, passing the check, in the database.
      const feedbackRows = await running.ctx.kysely
        .selectFrom('feedback')
        .select(['application_id', 'status', 'check_result', 'override_reason'])
        .where(
          'application_id',
          'in',
          [...applications.values()].map((a) => a.applicationId),
        )
        .execute();
      expect(feedbackRows).toHaveLength(5);
      for (const f of feedbackRows) {
        expect(f.status).toBe('approved');
        expect(f.override_reason).toBeNull();
        expect(JSON.parse(f.check_result ?? '{}').pass).toBe(true);
      }

      // Send all.
      await page.getByRole('button', { name: 'Send all 5' }).click();
      const results = page.getByTestId('send-results');
      await expect.poll(() => results.textContent()).toContain('5 of 5 emails queued');
      for (const w of waiting) expect(await results.textContent()).toContain(w.name);
      await expectNoSeriousA11yViolations(page, 'close the rest sent');

      const messages = await running.ctx.kysely
        .selectFrom('message')
        .select(['application_id', 'template_key', 'to_email'])
        .where('template_key', '=', 'not_progressing')
        .execute();
      expect(messages.map((m) => m.to_email).sort()).toEqual(waiting.map((w) => w.email).sort());
      expect(errors).toEqual([]);
    });

    it('all five receive their email over SMTP, each with their feedback and a personal link', {
      timeout: 60_000,
    }, async () => {
      // The offer to the hired candidate went out too: six in all.
      await smtp.waitFor(6, 30_000);
      for (const received of smtp.received) {
        const mail = await smtp.parse(received);
        const to = received.envelopeTo[0]!;
        if (applications.has(to)) {
          expect(mails.has(to)).toBe(false); // once each
          mails.set(to, mail);
        } else {
          expect(to).toBe('ailsa@example.com');
        }
      }
      expect([...mails.keys()].sort()).toEqual(waiting.map((w) => w.email).sort());
      for (const [to, mail] of mails) {
        const { name } = applications.get(to)!;
        expect(mail.subject).toBe(`Your application for ${roleTitle}`);
        const addressed = Array.isArray(mail.to) ? mail.to[0] : mail.to;
        expect(addressed?.value[0]?.address).toBe(to);
        const text = mail.text ?? '';
        expect(text).toContain(`Dear ${name.split(' ')[0]}`);
        expect(text).toContain('What went well');
        expect(text).toContain('You traced the planted fault to the crossed tie line');
        expect(text).toContain('A good next step:');
        expect(text).not.toContain('PRIVATE-NOTE');
        expect(text).not.toMatch(/Morven|Eilidh/);
        expect(text).toMatch(new RegExp(`${running.url}/c/[A-Za-z0-9_-]{43}`));
        expect(String(mail.html)).toContain('You traced the planted fault');
        expect(String(mail.html)).toMatch(new RegExp(`${running.url}/c/[A-Za-z0-9_-]{43}`));
      }
      // Each personal link is a different one.
      const links = [...mails.values()].map((m) => /\/c\/([A-Za-z0-9_-]{43})/.exec(m.text ?? '')?.[1]);
      expect(new Set(links).size).toBe(5);

      // The worker recorded each as sent, and each candidate as told by email; the applications closed.
      const ids = [...applications.values()].map((a) => a.applicationId);
      await expect
        .poll(
          async () =>
            (
              await running.ctx.kysely
                .selectFrom('application')
                .select(['stage', 'told_via', 'told_at', 'outcome'])
                .where('id', 'in', ids)
                .execute()
            ).filter((a) => a.stage === 'closed' && a.told_via === 'email' && a.told_at).length,
          { timeout: 10_000 },
        )
        .toBe(5);
      const sent = await running.ctx.kysely
        .selectFrom('message')
        .select(['status', 'sent_at'])
        .where('template_key', '=', 'not_progressing')
        .execute();
      expect(sent.every((m) => m.status === 'sent' && m.sent_at)).toBe(true);
    });

    it('a candidate opens the link from their email: the outcome, the feedback, the network and the survey', {
      timeout: 60_000,
    }, async () => {
      const isla = applications.get('isla@example.com')!;
      const link = /https?:\/\/[^\s)>\]]+\/c\/[A-Za-z0-9_-]{43}/.exec(
        mails.get('isla@example.com')?.text ?? '',
      )?.[0];
      expect(link).toBeTruthy();

      // A new browser context: no manager's cookies, as on the candidate's own phone or laptop.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const candidatePage = await context.newPage();
      candidatePage.setDefaultTimeout(10_000);
      candidatePage.on('pageerror', (err) => errors.push(err.message));
      const response = await candidatePage.goto(link!);
      expect(response?.status()).toBe(200);
      expect(await context.cookies()).toEqual([]);

      const main = candidatePage.locator('body');
      expect(await candidatePage.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Hello Isla Mackenzie',
      );
      const section = candidatePage.locator(`#app-${isla.applicationId}`);
      expect(await section.locator(`#h-${isla.applicationId}`).textContent()).toBe(roleTitle);
      expect(await section.textContent()).toContain(
        `We've decided not to progress your application for ${roleTitle}. Here is what we saw and how to develop it.`,
      );
      expect(await section.getByRole('heading', { name: 'Your feedback' }).isVisible()).toBe(true);
      expect(await section.textContent()).toContain('You traced the planted fault to the crossed tie line');
      expect(await main.textContent()).not.toContain('PRIVATE-NOTE');
      await expectNoSeriousA11yViolations(candidatePage, 'candidate page');

      // Join the talent network.
      // The page is served with `Referrer-Policy: no-referrer`, so the browser sends `Origin: null` with
      // the form: the portal must still take it from its own page (it did not: see the report).
      const joinPost = candidatePage.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/network/join'),
      );
      await candidatePage.getByRole('button', { name: 'Join the talent network' }).click();
      const joinAnswer = await joinPost;
      expect(
        joinAnswer.status(),
        `joining from the candidate's own page was answered ${joinAnswer.status()} (Origin: ${
          (await joinAnswer.request().allHeaders()).origin
        })`,
      ).toBe(303);
      await candidatePage.waitForURL(
        (u) => u.pathname.startsWith('/c/') && u.searchParams.get('done') === 'joined',
      );
      expect(await candidatePage.getByRole('status').textContent()).toContain(
        "You've joined the talent network.",
      );
      expect(await main.textContent()).toMatch(/You joined on .+\. Your membership lasts until .+\./);
      expect(await candidatePage.getByRole('button', { name: 'Leave the talent network' }).isVisible()).toBe(
        true,
      );
      await expectNoSeriousA11yViolations(candidatePage, 'candidate page, joined');

      // Rate the experience: 0–10 and the three questions.
      await section.getByText('Rate your experience (optional)').click();
      const survey = section.locator('form[action$="/survey"]');
      await survey.locator('input[name="recommend"][value="9"]').check();
      await survey.locator('input[name="toldWhenPromised"][value="5"]').check();
      await survey.locator('input[name="feedbackUseful"][value="4"]').check();
      await survey.locator('input[name="treatedWithRespect"][value="5"]').check();
      await survey
        .getByLabel("Anything else you'd like to tell us (optional)")
        .fill('Quick and kind. Thank you.');
      await expectNoSeriousA11yViolations(candidatePage, 'candidate survey');
      await survey.getByRole('button', { name: 'Send my rating' }).click();
      await candidatePage.waitForURL((u) => u.searchParams.get('done') === 'survey');
      expect(await candidatePage.getByRole('status').textContent()).toContain(
        'Thank you for rating your experience.',
      );
      expect(await section.textContent()).toContain(
        'You rated your experience for this application. Thank you.',
      );
      expect(await section.locator('form[action$="/survey"]').count()).toBe(0);
      await expectNoSeriousA11yViolations(candidatePage, 'candidate page, rated');

      // The database holds both.
      const ctx = running.ctx;
      const member = await ctx.kysely
        .selectFrom('talent_network_member')
        .selectAll()
        .where('candidate_id', '=', isla.candidateId)
        .execute();
      expect(member).toHaveLength(1);
      expect(member[0]).toMatchObject({ organisation_id: manager.organisationId, left_at: null });
      expect(member[0]!.consent_version).toBeTruthy();
      expect(Date.parse(member[0]!.expires_at)).toBeGreaterThan(appEpoch + 360 * day);
      const responses = await ctx.kysely
        .selectFrom('survey_response')
        .selectAll()
        .where('application_id', '=', isla.applicationId)
        .execute();
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ comment: 'Quick and kind. Thank you.' });
      expect(Number(responses[0]!.recommend)).toBe(9);
      expect(Number(responses[0]!.told_when_promised)).toBe(5);
      expect(Number(responses[0]!.feedback_useful)).toBe(4);
      expect(Number(responses[0]!.treated_with_respect)).toBe(5);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the closure report shows all six told; the role is marked filled', { timeout: 60_000 }, async () => {
      await page.goto(`${running.url}/roles/${roleId}`);
      await page.getByRole('link', { name: 'Closure report' }).click();
      await page.waitForURL(`**/roles/${roleId}/closure-report`);
      await expect.poll(() => page.getByTestId('closure-summary').textContent()).toMatch(/^6 of 6 told/);
      const table = page.getByTestId('closure-report-table');
      const rows = table.locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(6);
      await expectNoSeriousA11yViolations(page, 'closure report');
      for (const w of waiting) {
        const row = rows.filter({ hasText: w.name });
        const cells = await row.locator('td').allTextContents();
        expect(cells.slice(0, 5)).toEqual([w.name, 'Not progressing', 'Told', '25 November 2026', 'Email']);
        expect(cells[5]).toBe('2 working days');
        expect(cells[6]).toBe('100');
        // The network column follows the database: Isla joined on her page; nobody else was asked.
        const { candidateId } = applications.get(w.email)!;
        const joined = await running.ctx.kysely
          .selectFrom('talent_network_member')
          .select('id')
          .where('candidate_id', '=', candidateId)
          .where('left_at', 'is', null)
          .executeTakeFirst();
        expect(cells[7]).toBe(joined ? 'Joined' : 'Not asked');
      }
      const hiredCells = await rows.filter({ hasText: hiredName }).locator('td').allTextContents();
      expect(hiredCells.slice(0, 5)).toEqual([
        hiredName,
        'Hired',
        'Told',
        '25 November 2026',
        'Their reply to the offer',
      ]);

      // The same in the API.
      const report = await running.app.inject({
        method: 'GET',
        url: `/api/v1/roles/${roleId}/closure-report`,
        headers: { cookie: manager.cookie },
      });
      expect(report.statusCode).toBe(200);
      const reportRows = report.json().rows as { applicationId: string; told: boolean; toldVia: string }[];
      expect(reportRows).toHaveLength(6);
      expect(reportRows.every((r) => r.told)).toBe(true);
      expect(reportRows.find((r) => r.applicationId === hiredApplicationId)?.toldVia).toBe(
        'candidate_response',
      );
      expect(reportRows.filter((r) => r.toldVia === 'email')).toHaveLength(5);

      // Everyone has an outcome: the role can be marked filled.
      await page.getByRole('link', { name: `← ${roleTitle}` }).click();
      await page.waitForURL(`**/roles/${roleId}`);
      expect(await page.getByRole('link', { name: 'Close the rest' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Change status' }).click();
      await expectNoSeriousA11yViolations(page, 'role status menu');
      await page.getByRole('menuitem', { name: 'Filled' }).click();
      await expect
        .poll(
          async () =>
            (
              await running.ctx.kysely
                .selectFrom('role')
                .select('status')
                .where('id', '=', roleId)
                .executeTakeFirstOrThrow()
            ).status,
        )
        .toBe('filled');
      expect(await page.getByTestId('role-status-problem').count()).toBe(0);
      await expect.poll(() => page.getByText('Filled', { exact: true }).first().isVisible()).toBe(true);
      await expectNoSeriousA11yViolations(page, 'filled role');
      expect(errors).toEqual([]);
    });
  },
);
