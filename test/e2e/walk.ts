// `npx tsx test/e2e/walk.ts [--out=<dir>]`: a screenshot walk of the hiring app on the demo data, for
// a person to review (not a test): the pipeline and an application at 1366×768 as the hiring
// manager, a scorecard at 390×844 as an interviewer, the candidate page on a phone and a desktop.
// Each page is also read by axe-core; the serious and critical violations are counted per page.
// Needs `npm run build` and Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../src/features/demo/seed-demo.ts';
import { issueCandidateLink } from '../../src/portal/links.ts';
import { launchBrowser, newPage, seriousA11yViolations, signIn, startApp } from './browser.ts';

const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? '/tmp/followspot-walk';
mkdirSync(out, { recursive: true });
const desktop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };
const results: { page: string; file: string; serious: number; sideways: boolean; screens: number }[] = [];

async function shoot(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  await page.waitForLoadState('networkidle');
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // The full page shrinks past reading on a tall phone page: each screenful is saved too.
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const screens = Math.ceil(height / viewport.height);
  for (let i = 0; i < Math.min(screens, 12); i++)
    await page.screenshot({
      path: join(out, `${name}-${String(i + 1).padStart(2, '0')}.png`),
      fullPage: true,
      clip: { x: 0, y: i * viewport.height, width: viewport.width, height: viewport.height },
    });
  const violations = await seriousA11yViolations(page);
  for (const v of violations) process.stderr.write(`  ${name}: ${v.impact} ${v.id} ×${v.targets.length}\n`);
  // A page wider than its screen scrolls sideways: on a phone that is a defect.
  const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
  results.push({ page: name, file, serious: violations.length, sideways: width > viewport.width, screens });
}

async function main(): Promise<void> {
  const running = await startApp();
  let browser: Browser | undefined;
  try {
    const demo = await seedDemo(running.ctx);
    const db = running.ctx.kysely;
    // The open role with the most submitted scorecards: a pipeline with something in every column.
    const busiest = await db
      .selectFrom('scorecard')
      .innerJoin('application', 'application.id', 'scorecard.application_id')
      .innerJoin('role', 'role.id', 'application.role_id')
      .select(['application.role_id', 'scorecard.application_id', 'application.candidate_id'])
      .select((eb) => eb.fn.countAll().as('n'))
      .where('scorecard.status', '=', 'submitted')
      .where('role.status', '=', 'open')
      .groupBy(['application.role_id', 'scorecard.application_id', 'application.candidate_id'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const manager = demo.members.find((m) => m.role === 'manager') ?? demo.members[0]!;
    const interviewer = demo.members.find((m) => m.role === 'interviewer')!;
    browser = await launchBrowser();

    const desk = await newPage(browser, { viewport: desktop });
    await signIn(desk, running.url, { email: manager.email, password: demo.password });
    await desk.goto(`${running.url}/roles/${busiest.role_id}`);
    await desk.getByRole('heading', { level: 1 }).waitFor();
    await shoot(desk, 'pipeline-1366', desktop);
    await desk.goto(`${running.url}/applications/${busiest.application_id}`);
    await desk.getByRole('heading', { level: 1 }).waitFor();
    await shoot(desk, 'application-1366', desktop);
    await desk.goto(`${running.url}/decisions`);
    await desk.getByRole('heading', { level: 1 }).waitFor();
    await shoot(desk, 'decisions-1366', desktop);

    const mobile = await newPage(browser, { viewport: phone, isMobile: true, hasTouch: true });
    await signIn(mobile, running.url, { email: interviewer.email, password: demo.password });
    await mobile.goto(`${running.url}/interviews`);
    await mobile.getByRole('heading', { level: 1 }).waitFor();
    await shoot(mobile, 'my-interviews-390', phone);
    const fill = mobile.getByRole('button', { name: /^Fill your scorecard for / }).first();
    if ((await fill.count()) > 0) {
      await fill.click();
      await mobile.waitForURL('**/scorecards/*');
      await mobile.getByTestId('criterion').first().waitFor();
      await shoot(mobile, 'scorecard-390', phone);
    } else process.stderr.write('  no scorecard owed by the demo interviewer: scorecard not shot\n');
    await mobile.goto(`${running.url}/applications/${busiest.application_id}`);
    await mobile.getByRole('heading', { level: 1 }).waitFor();
    await shoot(mobile, 'application-390', phone);

    const link = await issueCandidateLink(db, running.ctx, {
      organisationId: (await db.selectFrom('organization').select('id').executeTakeFirstOrThrow()).id,
      candidateId: busiest.candidate_id,
    });
    const candidate = await newPage(browser, { viewport: phone, isMobile: true });
    await candidate.goto(link);
    await shoot(candidate, 'candidate-page-390', phone);
    const candidateDesk = await newPage(browser, { viewport: desktop });
    await candidateDesk.goto(link);
    await shoot(candidateDesk, 'candidate-page-1366', desktop);
  } finally {
    await browser?.close();
    await running.close();
  }
  console.table(results);
  const bad = results.filter((r) => r.serious > 0 || r.sideways).length;
  process.stdout.write(
    `${results.length} pages, ${bad} with a serious violation or sideways scroll; PNGs in ${out}\n`,
  );
}

await main();
