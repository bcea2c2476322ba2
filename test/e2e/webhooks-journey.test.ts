// Issue #17, end to end: an admin sets up a webhook endpoint in Settings → Webhooks (the signing
// secret shown once), an application is created, and the webhook worker POSTs the event to a real
// receiver on 127.0.0.1, which verifies the signature with the Standard Webhooks library's own
// `verify`. The receiver is unwell at first: the delivery log shows the failed attempt and its
// response, the worker retries, and the log shows it delivered; "send again" sends the same
// webhook-id once more. Rotating the secret signs with both; turning the endpoint off stops events.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookWorker, type WebhookWorker } from '../../src/jobs/webhook-worker.ts';
import { makeMember, type TestMember } from '../support/factories/organisations.ts';
import { browserAvailable, launchBrowser, type RunningApp, signIn, startApp } from './browser.ts';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1 that answers `status` (an error until told otherwise). */
async function startReceiver() {
  const received: Received[] = [];
  let status = 503;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status < 300 ? 'thanks, got it' : 'receiver is unwell');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: `http://127.0.0.1:${port}/hooks/followspot`,
    answer(code: number) {
      status = code;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe.skipIf(!browserAvailable())(
  'browser journey: set up a webhook endpoint, an event is delivered signed, the log shows it',
  () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let running: RunningApp;
    let worker: WebhookWorker;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    let admin: TestMember;
    let secret = '';
    let applicationId = '';

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

    beforeAll(async () => {
      receiver = await startReceiver();
      running = await startApp();
      // As `followspot serve` runs it, with short waits so that the journey sees the retry.
      worker = startWebhookWorker(running.ctx, { pollIntervalMs: 100, retryBaseMs: 1000 });
      browser = await launchBrowser();
      admin = await makeMember(running.ctx, {
        role: 'admin',
        name: 'Morven Reid',
        email: 'morven@harbour.example',
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => errors.push(err.message));
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await worker?.stop();
      await running?.close();
      await receiver?.close();
    });

    it('an admin adds an endpoint on a private address once allowed, and sees its secret once', {
      timeout: 60_000,
    }, async () => {
      await signIn(page, running.url, admin);
      await page.getByRole('link', { name: 'Settings' }).first().click();
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.waitForURL('**/settings/webhooks');
      await expect.poll(() => page.getByText('No webhook endpoints yet').isVisible()).toBe(true);

      const fillForm = async () => {
        await page.getByLabel('Endpoint URL').fill(receiver.url);
        await page.getByLabel('Description').fill('Our applicant tracking system');
        await page.getByRole('checkbox', { name: 'Application created' }).check();
        await page.getByRole('checkbox', { name: 'Decision made' }).check();
        await page.getByRole('button', { name: 'Add endpoint' }).click();
      };

      // A loopback address is refused while the setting is off.
      await fillForm();
      await expect.poll(() => page.getByText('No endpoint added').isVisible()).toBe(true);
      expect(await page.locator('body').textContent()).toMatch(/private|loopback/i);
      expect(await page.getByTestId('webhook-endpoint').count()).toBe(0);

      // Allow it, and add the endpoint.
      const allow = page.getByRole('switch', { name: 'Allow endpoints on loopback and private addresses' });
      await expect.poll(() => allow.isEnabled()).toBe(true);
      await allow.click();
      await expect.poll(() => allow.isChecked()).toBe(true);
      await expect
        .poll(async () => {
          const setting = await running.app.inject({
            method: 'GET',
            url: '/api/v1/settings/webhooks',
            headers: { cookie: admin.cookie },
          });
          return setting.json().allowPrivateAddresses;
        })
        .toBe(true);
      await page.getByLabel('Endpoint URL').fill('');
      await fillForm();
      const shown = page.getByTestId('webhook-secret');
      await expect.poll(() => shown.isVisible()).toBe(true);
      secret = (await shown.textContent())?.trim() ?? '';
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);

      const card = page.getByTestId('webhook-endpoint');
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.textContent()).toContain(receiver.url);
      expect(await card.textContent()).toContain('Application created · Decision made');
      expect(await card.textContent()).toContain('On');

      // Shown only once: not after a reload, nor in the API.
      await page.reload();
      await expect.poll(() => page.getByTestId('webhook-endpoint').count()).toBe(1);
      expect(await page.getByTestId('webhook-secret').count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toContain(secret);
      const list = await running.app.inject({
        method: 'GET',
        url: '/api/v1/webhooks',
        headers: { cookie: admin.cookie },
      });
      expect(list.body).not.toContain(secret);
      expect(errors).toEqual([]);
    });

    it('an application is created: the failed attempt shows in the log, then the retry is delivered and verifies', {
      timeout: 60_000,
    }, async () => {
      const venue = await call<{ id: string }>('POST', '/api/v1/venues', {
        name: 'Harbour Lights Theatre',
        region: 'england-and-wales',
        city: 'Leeds',
      });
      const role = await call<{ id: string }>('POST', '/api/v1/roles', {
        title: 'AV Technician — Main House',
        venueId: venue.id,
        level: 'technician',
        hiringManagerId: admin.userId,
      });
      const candidate = await call<{ id: string }>('POST', '/api/v1/candidates', {
        name: 'Isla Mackenzie',
        email: 'isla@example.com',
      });
      applicationId = (
        await call<{ id: string }>('POST', '/api/v1/applications', {
          candidateId: candidate.id,
          roleId: role.id,
        })
      ).id;

      // The receiver is unwell: the first attempt fails, and the log says so with its response.
      await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      const card = page.getByTestId('webhook-endpoint');
      await card.getByRole('button', { name: 'Deliveries' }).click();
      const row = card.getByTestId('webhook-delivery');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain('application.created');
      await row.getByRole('button', { name: 'Details' }).click();
      const log = card.getByTestId('webhook-deliveries');
      await expect.poll(() => log.textContent()).toContain('The receiver answered 503');
      expect(await log.textContent()).toContain('receiver is unwell');

      // It recovers: the worker's retry is delivered, and the page shows it without a reload.
      receiver.answer(200);
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('delivered');
      expect(await log.textContent()).toContain('thanks, got it');
      expect(await log.textContent()).toContain('webhook-signature: v1,');

      // Every attempt carried the same webhook-id and verifies with the secret shown once.
      const attempts = receiver.received;
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      const ids = new Set(attempts.map((r) => r.headers['webhook-id']));
      expect(ids.size).toBe(1);
      const last = attempts.at(-1)!;
      const payload = new Webhook(secret).verify(last.body, last.headers) as {
        type: string;
        data: { application: { id: string } };
      };
      expect(payload.type).toBe('application.created');
      expect(payload.data.application.id).toBe(applicationId);
      expect(await log.textContent()).toContain(String(last.headers['webhook-id']));
      // A wrong secret does not verify.
      expect(() =>
        new Webhook(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`).verify(
          last.body,
          last.headers,
        ),
      ).toThrow();
      expect(errors).toEqual([]);
    });

    it('"send again" sends the same event with the same webhook-id once more', {
      timeout: 60_000,
    }, async () => {
      const before = receiver.received.length;
      const webhookId = receiver.received.at(-1)!.headers['webhook-id'];
      const card = page.getByTestId('webhook-endpoint');
      const row = card.getByTestId('webhook-delivery');
      const attemptsBefore = Number((await row.locator('td').nth(2).textContent())?.trim());
      await row.getByRole('button', { name: 'Send again' }).click();
      await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(before + 1);
      const again = receiver.received.at(-1)!;
      expect(again.headers['webhook-id']).toBe(webhookId);
      expect((new Webhook(secret).verify(again.body, again.headers) as { type: string }).type).toBe(
        'application.created',
      );
      // Sent again, it starts a fresh retry schedule: one attempt so far.
      expect(attemptsBefore).toBeGreaterThanOrEqual(2);
      await expect
        .poll(async () => Number((await row.locator('td').nth(2).textContent())?.trim()), { timeout: 10_000 })
        .toBe(1);
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('delivered');
      expect(errors).toEqual([]);
    });

    it('rotating signs with the new secret and the old one; turned off, the endpoint gets no events', {
      timeout: 60_000,
    }, async () => {
      const card = page.getByTestId('webhook-endpoint');
      await card.getByRole('button', { name: 'Rotate secret' }).click();
      const shown = page.getByTestId('webhook-secret');
      await expect.poll(() => shown.isVisible()).toBe(true);
      const rotated = (await shown.textContent())?.trim() ?? '';
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      await expect.poll(() => card.textContent()).toContain('The previous secret also signs until');

      // Another application: signed with both secrets, so a receiver with either verifies it.
      const roleId = (
        await running.ctx.kysely
          .selectFrom('application')
          .select('role_id')
          .where('id', '=', applicationId)
          .executeTakeFirstOrThrow()
      ).role_id;
      const apply = async (name: string, email: string) => {
        const candidate = await call<{ id: string }>('POST', '/api/v1/candidates', { name, email });
        return call<{ id: string }>('POST', '/api/v1/applications', { candidateId: candidate.id, roleId });
      };
      const before = receiver.received.length;
      const rory = await apply('Rory Buchan', 'rory@example.com');
      await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(before + 1);
      const signed = receiver.received.at(-1)!;
      expect(signed.headers['webhook-signature']?.split(' ')).toHaveLength(2);
      for (const s of [rotated, secret]) {
        const verified = new Webhook(s).verify(signed.body, signed.headers) as {
          data: { application: { id: string } };
        };
        expect(verified.data.application.id).toBe(rory.id);
      }

      // Turned off: the next event goes nowhere.
      await card.getByRole('button', { name: 'Turn off' }).click();
      await expect.poll(() => card.getByRole('button', { name: 'Turn on' }).isVisible()).toBe(true);
      expect(await card.textContent()).toContain('Off');
      const after = receiver.received.length;
      await apply('Niamh Doherty', 'niamh@example.com');
      const pending = await running.ctx.kysely
        .selectFrom('webhook_delivery')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      expect(pending).toEqual([]);
      expect(receiver.received.length).toBe(after);

      // Deleted: gone from the page.
      await card.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('button', { name: 'Delete endpoint' }).click();
      await expect.poll(() => page.getByText('No webhook endpoints yet').isVisible()).toBe(true);
      expect(errors).toEqual([]);
    });
  },
);
