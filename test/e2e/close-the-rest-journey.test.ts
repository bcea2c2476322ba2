// Issue #11, end to end: a role with candidates at every stage — applied and never interviewed,
// interviewed without scorecards, interviewed and scored, an offer declined, a withdrawal — closes in
// one bulk action in the browser. There are more than 25 open applications, so composing and sending
// run as background jobs and the page follows them; every "not progressing" email goes over real
// SMTP, and the closure report shows every candidate told.
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avTechnicianFramework } from '../../src/domain/frameworks/av-technician.ts';
import type { Level } from '../../src/domain/frameworks/types.ts';
import { scorecardService } from '../../src/features/scorecards/scorecards.service.ts';
import { type JobRunner, startJobRunner } from '../../src/jobs/job-runner.ts';
import { actorOf, makeMember, type TestMember } from '../support/factories/organisations.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { browserAvailable, launchBrowser, type RunningApp, signIn, startApp } from './browser.ts';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

// Inside the sending window so the emails leave during the test: Wednesday 25 November 2026, 10:30
// in London (a working day in England), ticking from there.
const appEpoch = Date.parse('2026-11-25T10:30:00Z');
const offset = appEpoch - Date.now();
const appNow = () => new Date(Date.now() + offset);

const keys = avTechnicianFramework.criteria.map((c) => c.key);
/** Evidence that composes into feedback that passes the check (as in the closure journey). */
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

const roleTitle = 'Lighting Technician — Studio';
const appliedCount = 24;
const scoredName = 'Fenella Scored';
const unscoredName = 'Gideon Unscored';
const declinedName = 'Hattie Declined';
const withdrawnName = 'Ivo Withdrawn';
const open = appliedCount + 2;
const everyone = open + 2;

describe.skipIf(!browserAvailable())(
  'browser journey: close the rest at every stage, as background jobs, every candidate told',
  () => {
    let smtp: TestSmtpServer;
    let running: RunningApp;
    let jobs: JobRunner;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    let manager: TestMember;
    let roleId: string;
    /** Every open application's id, by the candidate's email. */
    const openApplications = new Map<string, string>();

    beforeAll(async () => {
      smtp = await startTestSmtpServer();
      running = await startApp({ smtpUrl: smtp.url, workerPollIntervalMs: 100, now: appNow });
      // Background jobs run in the same process, as `followspot serve` runs them.
      jobs = startJobRunner(running.ctx, { pollIntervalMs: 100 });
      browser = await launchBrowser();
      const ctx = running.ctx;

      const admin = await makeMember(ctx, {
        role: 'admin',
        name: 'Tamsin Hale',
        email: 'tamsin@studio.example',
      });
      const organisationId = admin.organisationId;
      manager = await makeMember(ctx, {
        organisationId,
        role: 'manager',
        name: 'Rhys Morgan',
        email: 'rhys@studio.example',
      });
      const interviewer = await makeMember(ctx, {
        organisationId,
        role: 'interviewer',
        name: 'Bethan Lloyd',
        email: 'bethan@studio.example',
      });
      const call = async <T>(method: 'POST', url: string, payload: object, as = admin): Promise<T> => {
        const response = await running.app.inject({ method, url, headers: { cookie: as.cookie }, payload });
        if (response.statusCode >= 300)
          throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
        return response.json() as T;
      };
      const venue = await call<{ id: string }>('POST', '/api/v1/venues', {
        name: 'Studio Theatre',
        region: 'england-and-wales',
        city: 'Cardiff',
      });
      roleId = (
        await call<{ id: string }>('POST', '/api/v1/roles', {
          title: roleTitle,
          venueId: venue.id,
          level: 'technician',
          hiringManagerId: manager.userId,
        })
      ).id;
      async function applicant(name: string, email: string) {
        const candidate = await call<{ id: string }>('POST', '/api/v1/candidates', { name, email });
        return (
          await call<{ id: string }>('POST', '/api/v1/applications', { candidateId: candidate.id, roleId })
        ).id;
      }
      const endsAt = new Date(appEpoch - 2 * day);
      const interview = (applicationId: string) =>
        call<{ id: string }>('POST', '/api/v1/interviews', {
          applicationId,
          kind: 'practical',
          startsAt: new Date(endsAt.getTime() - hour).toISOString(),
          endsAt: endsAt.toISOString(),
          location: 'Studio',
          interviewerIds: [interviewer.userId],
        });

      for (let i = 0; i < appliedCount; i++) {
        const email = `applied${i}@example.com`;
        openApplications.set(email, await applicant(`Applied Person ${String(i).padStart(2, '0')}`, email));
      }
      // Interviewed and scored.
      const scored = await applicant(scoredName, 'fenella@example.com');
      openApplications.set('fenella@example.com', scored);
      const scoredInterview = await interview(scored);
      const scorecards = scorecardService(ctx);
      const actor = actorOf(interviewer);
      const { scorecard } = await scorecards.open(organisationId, scoredInterview.id, actor);
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
      // Interviewed, no scorecard submitted.
      const unscored = await applicant(unscoredName, 'gideon@example.com');
      openApplications.set('gideon@example.com', unscored);
      await interview(unscored);
      // Offered and declined; withdrew. Both closed already, told by the candidate.
      const declined = await applicant(declinedName, 'hattie@example.com');
      await interview(declined);
      await call('POST', `/api/v1/applications/${declined}/decision`, { outcome: 'offer' }, manager);
      await call(
        'POST',
        `/api/v1/applications/${declined}/decision`,
        { outcome: 'offer_declined', note: 'Took a touring job' },
        manager,
      );
      const withdrawn = await applicant(withdrawnName, 'ivo@example.com');
      await call(
        'POST',
        `/api/v1/applications/${withdrawn}/decision`,
        { outcome: 'withdrawn', note: 'Phoned to say they have moved to Bristol' },
        manager,
      );

      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (err) => errors.push(err.message));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await jobs?.stop();
      await running?.close();
      await smtp?.close();
    });

    /** The answers the page got from the close-the-rest POSTs and its polls of GET /api/v1/jobs/{id}. */
    const answers: { method: string; path: string; status: number; body: Record<string, unknown> }[] = [];
    const record = async (r: Response) => {
      const path = new URL(r.url()).pathname;
      if (!path.includes('/close-the-rest') && !path.startsWith('/api/v1/jobs/')) return;
      const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
      answers.push({ method: r.request().method(), path, status: r.status(), body });
    };

    it('composes the review list as a job, edits and approves in place, and sends all as a job', {
      timeout: 180_000,
    }, async () => {
      page.on('response', (r) => void record(r));
      await signIn(page, running.url, manager);
      await page.goto(`${running.url}/roles/${roleId}/close-the-rest`);

      // Start: more than 25 open applications compose as a background job the page follows.
      await page.getByRole('button', { name: 'Start: draft the feedback' }).click();
      const progress = page.getByTestId('queue-progress');
      // Every never-interviewed candidate's screening reason passes the check: ready at once.
      await expect
        .poll(() => progress.textContent(), { timeout: 60_000 })
        .toBe(`${appliedCount} of ${open} ready to send`);
      const composeStarted = answers.find((a) => a.method === 'POST' && a.path.endsWith('/close-the-rest'));
      expect(composeStarted).toMatchObject({ status: 202, body: { kind: 'closure.close-the-rest.compose' } });
      const lastComposePoll = () =>
        answers.filter((a) => a.path === `/api/v1/jobs/${composeStarted!.body.id}`).at(-1)?.body;
      await expect.poll(() => lastComposePoll()?.status).toBe('succeeded');
      expect(lastComposePoll()).toMatchObject({ progress: 1 });
      expect(await page.getByTestId('review-row').count()).toBe(open);
      expect(await page.getByTestId('review-list').textContent()).not.toMatch(
        new RegExp(`${declinedName}|${withdrawnName}`),
      );

      // The interviewed candidate without scorecards: decide without them, with the reason why.
      await page.getByRole('button', { name: `Edit the reason for ${unscoredName}` }).click();
      const editor = page.getByTestId('item-editor');
      await editor
        .getByLabel(/Why you decide without the scorecards/)
        .fill('The interviewer has left the company; the panel agreed the decision in person.');
      await editor.getByRole('button', { name: 'Save the reason' }).click();
      await expect.poll(() => answers.find((a) => a.method === 'PATCH')?.status).toBe(200);
      expect(answers.find((a) => a.method === 'PATCH')!.body).toMatchObject({
        kind: 'without_scorecards',
        check: { pass: true },
      });
      await editor.getByRole('button', { name: 'Close' }).click();

      // Approve the two not yet ready in one go: the scored one's feedback and the unscored one.
      await page.getByRole('checkbox', { name: `Select ${scoredName}` }).check();
      await page.getByRole('checkbox', { name: `Select ${unscoredName}` }).check();
      await page.getByRole('button', { name: 'Approve selected (2)' }).click();
      await expect.poll(() => progress.textContent()).toBe(`${open} of ${open} ready to send`);

      // Send all: a background job again, and the page shows what it did once it has finished.
      await page.getByRole('button', { name: `Send all ${open}` }).click();
      const results = page.getByTestId('send-results');
      await expect
        .poll(() => results.textContent(), { timeout: 60_000 })
        .toContain(`${open} of ${open} emails queued`);
      const sendStarted = answers.find((a) => a.method === 'POST' && a.path.endsWith('/close-the-rest/send'));
      expect(sendStarted).toMatchObject({ status: 202, body: { kind: 'closure.close-the-rest.send' } });
      // The page's last poll of the job (its answer is read as it arrives) said it had succeeded.
      await expect
        .poll(
          () => answers.filter((a) => a.path === `/api/v1/jobs/${sendStarted!.body.id}`).at(-1)?.body.status,
        )
        .toBe('succeeded');

      const queued = await running.ctx.kysely
        .selectFrom('message')
        .select(['to_email', 'template_key'])
        .where('template_key', 'in', ['not_progressing', 'not_progressing_screening'])
        .execute();
      expect(queued.map((m) => m.to_email).sort()).toEqual([...openApplications.keys()].sort());
      expect(queued.find((m) => m.to_email === 'fenella@example.com')?.template_key).toBe('not_progressing');
      expect(queued.find((m) => m.to_email === 'gideon@example.com')?.template_key).toBe(
        'not_progressing_screening',
      );
      expect(errors).toEqual([]);
    });

    it('every email goes over SMTP and the closure report shows every candidate told', {
      timeout: 300_000,
    }, async () => {
      // The offer to the candidate who later declined went out too.
      await smtp.waitFor(open + 1, 60_000);
      const recipients = smtp.received.map((r) => r.envelopeTo[0]!);
      for (const email of openApplications.keys()) expect(recipients).toContain(email);

      const ids = [...openApplications.values()];
      await expect
        .poll(
          async () =>
            (
              await running.ctx.kysely
                .selectFrom('application')
                .select(['stage', 'told_via', 'told_at'])
                .where('id', 'in', ids)
                .execute()
            ).filter((a) => a.stage === 'closed' && a.told_via === 'email' && a.told_at).length,
          { timeout: 30_000 },
        )
        .toBe(open);

      await page.goto(`${running.url}/roles/${roleId}/closure-report`);
      await expect
        .poll(() => page.getByTestId('closure-summary').textContent())
        .toMatch(new RegExp(`^${everyone} of ${everyone} told`));
      const rows = page.getByTestId('closure-report-table').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(everyone);
      const cells = async (name: string) =>
        (await rows.filter({ hasText: name }).locator('td').allTextContents()).slice(0, 3);
      expect(await cells(scoredName)).toEqual([scoredName, 'Not progressing', 'Told']);
      expect(await cells(unscoredName)).toEqual([unscoredName, 'Not progressing', 'Told']);
      expect(await cells('Applied Person 00')).toEqual(['Applied Person 00', 'Not progressing', 'Told']);
      expect((await cells(declinedName)).slice(2)).toEqual(['Told']);
      expect((await cells(withdrawnName)).slice(2)).toEqual(['Told']);

      const report = await running.app.inject({
        url: `/api/v1/roles/${roleId}/closure-report`,
        headers: { cookie: manager.cookie },
      });
      const reportRows = report.json().rows as { told: boolean; toldVia: string }[];
      expect(reportRows).toHaveLength(everyone);
      expect(reportRows.every((r) => r.told)).toBe(true);
      expect(reportRows.filter((r) => r.toldVia === 'email')).toHaveLength(open);
      expect(errors).toEqual([]);
    });
  },
);
