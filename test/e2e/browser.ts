import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { AppContext } from '../../src/app-context.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import type { ApiApp } from '../../src/http/types.ts';
import { type OutboxWorker, startOutboxWorker } from '../../src/jobs/outbox-worker.ts';
import { packageRoot, webDistDir } from '../../src/paths.ts';
import { buildServer } from '../../src/server.ts';
import { freePort } from '../support/net.ts';

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

/** Whether the browser journeys can run; in CI a missing Chromium fails instead of skipping. */
export function browserAvailable(): boolean {
  if (chromiumPath()) return true;
  if (process.env.CI === 'true')
    throw new Error('CI=true but Chromium is missing: apt-get install chromium or set CHROMIUM_PATH');
  console.warn('[followspot] Chromium not found: browser journeys skipped (apt-get install chromium)');
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Mantine skips its transitions for reduced motion: axe reads pages, menus and dialogs settled.
      '--force-prefers-reduced-motion',
    ],
  });
}

/** Builds the web app once if dist/web is missing (a fresh clone running `npm test`). */
export function ensureWebBuilt(): void {
  if (existsSync(join(webDistDir(), 'index.html'))) return;
  const root = packageRoot();
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('Building the web app for the browser tests failed');
}

export interface RunningApp {
  ctx: AppContext;
  app: ApiApp;
  url: string;
  /** The outbox worker, when started with `smtpUrl`. */
  worker?: OutboxWorker;
  close(): Promise<void>;
}

export interface StartAppOptions {
  databaseUrl?: string;
  /** Send email over this SMTP server: sets config.smtpUrl and starts the outbox worker, as `serve` does. */
  smtpUrl?: string;
  /** The outbox worker's wait between checks when there is nothing to send (default 100 ms here). */
  workerPollIntervalMs?: number;
  /** The app's clock (ctx.now), for a journey that must run inside the sending window. */
  now?: () => Date;
}

/** The whole product on a real socket and a fresh SQLite file, as `followspot serve` runs it. */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'followspot-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv, {
    databaseUrl: options.databaseUrl ?? join(dir, 'e2e.sqlite'),
    secret: 'e2e-secret-e2e-secret-e2e-secret-0123456',
    port,
    publicUrl: url,
    ...(options.smtpUrl && { smtpUrl: options.smtpUrl }),
  });
  const ctx = await createContext(config, options.now ? { now: options.now } : {});
  const app = await buildServer(ctx, { webDir: webDistDir(), logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  const worker = options.smtpUrl
    ? startOutboxWorker(ctx, { pollIntervalMs: options.workerPollIntervalMs ?? 100 })
    : undefined;
  return {
    ctx,
    app,
    url,
    ...(worker && { worker }),
    async close() {
      await worker?.stop();
      await app.close();
      await ctx.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs a member in through the sign-in page and waits for the roles list. */
export async function signIn(
  page: Page,
  url: string,
  member: { email: string; password: string },
): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/roles');
}

/** The WCAG 2.2 A and AA rules (axe's tags), which is what the app promises to meet. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  /** axe's account of what is wrong with each element (e.g. the contrast ratio it measured). */
  summaries: string[];
}

/** The serious and critical WCAG violations axe-core finds on the page as it is now. */
/** The browser's document as far as waiting for it to settle goes (this file has no DOM types). */
interface Settling {
  document: { getAnimations(): { playState: string }[] };
}

export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  // The page at rest: not the hover colours of wherever the last click left the pointer, and not a
  // dialog's half-faded colours while it opens (a person reads it once it has settled).
  await page.mouse.move(0, 0).catch(() => {});
  await page
    .waitForFunction(
      () =>
        (globalThis as unknown as Settling).document.getAnimations().every((a) => a.playState !== 'running'),
      undefined,
      {
        timeout: 5_000,
      },
    )
    .catch(() => {});
  // An email's preview is a sandboxed frame (no scripts): axe cannot run inside it, and trying costs
  // 30 s a read or hangs while the preview reloads. The messages journey opens an email as a page.
  const results = await new AxeBuilder({ page }).withTags(wcagTags).exclude('iframe[sandbox]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      summaries: v.nodes.map((n) => (n.failureSummary ?? '').replace(/\s+/g, ' ').trim()),
    }));
}

/**
 * Runs axe-core on the page and fails on any serious or critical WCAG 2.2 A/AA violation, naming
 * each rule and the elements it found. With FOLLOWSPOT_A11Y_LOG=<file> set it appends what it found
 * there (one JSON line a page) and does not fail: for counting violations across the journeys.
 */
export async function expectNoSeriousA11yViolations(page: Page, where = page.url()): Promise<void> {
  let violations = await seriousA11yViolations(page);
  // A page still settling (a fade, a menu opening, data arriving) is read again; what stays, fails.
  for (let attempt = 0; violations.length > 0 && attempt < 4; attempt++) {
    await page.waitForTimeout(400);
    violations = await seriousA11yViolations(page);
  }
  const log = process.env.FOLLOWSPOT_A11Y_LOG;
  if (log) {
    const nodes = violations.reduce((n, v) => n + v.targets.length, 0);
    appendFileSync(log, `${JSON.stringify({ where, rules: violations.length, nodes, violations })}\n`);
    return;
  }
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) =>
      `  ${v.impact} ${v.id}: ${v.help}\n${v.targets.map((t, i) => `    - ${t}\n      ${v.summaries[i]}`).join('\n')}`,
  );
  throw new Error(
    `axe-core: ${violations.length} serious/critical violation(s) on ${where}\n${lines.join('\n')}`,
  );
}

/** A page in a context of its own (axe-core needs one: `browser.newPage()` pages cannot be analysed). */
export async function newPage(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}
