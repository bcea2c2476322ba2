import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/database.ts';
import { insertTestMemberUser } from '../../test/support/factories/applications.ts';
import { enqueueTestMessage, makeHiringScene } from '../../test/support/factories/messages.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import { cancelMessage } from '../features/messages/messages.repository.ts';
import { claimDue, leaseExpiredError } from '../features/messages/outbox.repository.ts';
import { createSmtpTransport, type MailTransport, type OutgoingMail } from '../mail/transport.ts';
import { backoffDelay, createOutboxWorker, type OutboxWorkerOptions } from './outbox-worker.ts';

const MAIL_FROM = 'Northern Lights Venues <hiring@followspot.test>';
// Thursday 26 November 2026, 10:00 in London: inside the sending window.
const THURSDAY_10AM = '2026-11-26T10:00:00.000Z';

describe('backoffDelay', () => {
  it('doubles from the base up to the maximum, jittered in the upper half', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 5000, () => 1))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
    expect(backoffDelay(1, 1000, 5000, () => 0)).toBe(500);
    expect(backoffDelay(100, 1000, 5000, () => 0.5)).toBe(3750);
  });
});

let clock = new Date(THURSDAY_10AM);
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describeEachDatabase(
  'outbox worker',
  (get) => {
    let smtp: TestSmtpServer;
    let transport: MailTransport;
    const busyOnce = new Set<string>();
    beforeAll(async () => {
      smtp = await startTestSmtpServer({
        rejectRecipient(address) {
          if (address.startsWith('gone')) return { code: 550, message: '5.1.1 No such user here' };
          if (address.startsWith('busy')) return { code: 450, message: '4.2.1 Mailbox busy, try later' };
          if (busyOnce.delete(address)) return { code: 451, message: '4.3.0 Try again shortly' };
          return undefined;
        },
      });
      transport = createSmtpTransport(smtp.url);
    });
    afterAll(async () => {
      transport.close();
      await smtp.close();
    });
    afterEach(async () => {
      // Each test starts with an empty queue: the worker claims across organisations.
      await get()
        .ctx.kysely.updateTable('message')
        .set({ status: 'cancelled' })
        .where('status', 'in', ['held', 'queued', 'sending'])
        .execute();
      clock = new Date(THURSDAY_10AM);
    });

    const worker = (options: Partial<OutboxWorkerOptions> = {}) =>
      createOutboxWorker({
        db: get().ctx.kysely,
        dialect: get().ctx.db.dialect,
        transport,
        mailFrom: MAIL_FROM,
        now: () => clock,
        random: () => 0.5,
        pollIntervalMs: 10,
        retryBaseMs: 1000,
        retryMaxMs: 60_000,
        leaseMs: 60_000,
        maxAttempts: 3,
        ...options,
      });
    const row = (id: string) =>
      get().ctx.kysely.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const receivedFor = (id: string) => smtp.received.filter((m) => m.messageId === `${id}@followspot.test`);

    it('delivers with the headers, HTML, text and calendar invitation, and records the result', async () => {
      const scene = await makeHiringScene(get().ctx);
      const offer = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'offer',
        applicationId: scene.applicationId,
        calendarInvite: {
          uid: `offer-call:${scene.applicationId}`,
          title: 'Offer call',
          start: new Date('2026-11-27T11:00:00Z'),
          end: new Date('2026-11-27T11:30:00Z'),
          location: 'Phone',
        },
      });
      const network = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'talent_network_invitation',
        applicationId: scene.applicationId,
        unsubscribeUrl: 'https://hiring.example.co.uk/portal/unsubscribe/t1',
      });
      expect(offer.status).toBe('queued');

      const result = await worker().runOnce();
      expect(result).toMatchObject({ claimed: 2, sent: 2, failed: 0, outage: false });

      const [offerMail] = receivedFor(offer.id);
      expect(offerMail?.envelopeTo).toEqual([scene.candidateEmail]);
      const parsed = await smtp.parse(offerMail!);
      expect(parsed.messageId).toBe(`<${offer.id}@followspot.test>`);
      expect(parsed.from?.value[0]).toMatchObject({
        name: 'Northern Lights Venues',
        address: 'hiring@followspot.test',
      });
      expect(parsed.replyTo?.value[0]).toMatchObject({ name: 'Jo Okafor', address: scene.manager.email });
      expect(parsed.subject).toBe('Offer: AV Technician — Main House at Main House');
      expect(parsed.html).toContain('Dear Sam,');
      expect(parsed.text).toContain('£29,500 a year');
      expect(offerMail!.raw).not.toMatch(/^List-Unsubscribe:/m);
      const invite = parsed.attachments.find((a) => a.contentType === 'text/calendar');
      const ics = invite?.content.toString('utf8').replace(/\r\n[ \t]/g, '') ?? '';
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain('SUMMARY:Offer call');
      expect(ics).toMatch(/ORGANIZER;CN="?Jo Okafor"?:mailto:/i);
      expect(ics).toContain(`mailto:${scene.candidateEmail}`);

      const networkMail = receivedFor(network.id)[0]!;
      expect(networkMail.raw).toMatch(
        /^List-Unsubscribe: <https:\/\/hiring\.example\.co\.uk\/portal\/unsubscribe\/t1>/m,
      );

      const stored = await row(offer.id);
      expect(stored).toMatchObject({
        status: 'sent',
        attempts: 1,
        smtp_message_id: `<${offer.id}@followspot.test>`,
        sent_at: THURSDAY_10AM,
        lease_owner: null,
      });
      expect(stored.smtp_response).toMatch(/^250/);
    });

    it('keeps hostile names inert in the delivered email: no extra header or recipient', async () => {
      const hostile = 'Sam <b>Bold</b> {{ organisation.name }} [x](http://evil)\r\nBcc: victim@evil.test';
      const scene = await makeHiringScene(get().ctx, { candidateName: hostile });
      await get()
        .ctx.kysely.updateTable('user')
        .set({ name: 'Jo\r\nX-Injected: yes' })
        .where('id', '=', scene.manager.userId)
        .execute();
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'holding_update',
        applicationId: scene.applicationId,
      });
      await worker().runOnce();
      const mail = receivedFor(m.id)[0]!;
      expect(mail.envelopeTo).toEqual([scene.candidateEmail]);
      const parsed = await smtp.parse(mail);
      expect(parsed.headers.has('bcc')).toBe(false);
      expect(parsed.headers.has('x-injected')).toBe(false);
      expect(parsed.replyTo?.value[0]?.name).toBe('Jo X-Injected: yes');
      expect(parsed.html).toContain('Dear Sam,');
      expect(parsed.html).not.toContain('<b>Bold</b>');
      expect(parsed.html).not.toContain('href="http://evil"');
      expect(parsed.text).toContain('Jo X-Injected: yes');
    });

    it('releases held messages when a worker with SMTP starts', async () => {
      const scene = await makeHiringScene(get().ctx);
      const smtpUrl = get().ctx.config.smtpUrl;
      get().ctx.config.smtpUrl = undefined;
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'experience_survey',
        applicationId: scene.applicationId,
      });
      get().ctx.config.smtpUrl = smtpUrl;
      expect(m.status).toBe('held');
      const w = worker();
      expect((await w.runOnce()).claimed).toBe(0);
      expect(await w.releaseHeld()).toBe(1);
      expect((await w.runOnce()).sent).toBe(1);
      expect(receivedFor(m.id)).toHaveLength(1);
    });

    it('retries a deferred (4xx) message with backoff and delivers it when the server accepts', async () => {
      const scene = await makeHiringScene(get().ctx, { candidateEmail: 'flaky-sam@example.test' });
      busyOnce.add('flaky-sam@example.test');
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'experience_survey',
        applicationId: scene.applicationId,
      });
      const w = worker();
      expect(await w.runOnce()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
      const waiting = await row(m.id);
      expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
      expect(waiting.last_error).toContain('451');
      expect(waiting.send_after).toBe(new Date(clock.getTime() + 750).toISOString());
      expect((await w.runOnce()).claimed).toBe(0);
      advance(750);
      expect(await w.runOnce()).toMatchObject({ sent: 1 });
      expect(await row(m.id)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(receivedFor(m.id)).toHaveLength(1);
    });

    it('gives up on a message the server keeps deferring, saying why', async () => {
      const scene = await makeHiringScene(get().ctx, { candidateEmail: 'busy-sam@example.test' });
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'experience_survey',
        applicationId: scene.applicationId,
      });
      const w = worker();
      for (let i = 0; i < 3; i++) {
        await w.runOnce();
        advance(10_000);
      }
      const failed = await row(m.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
      expect(failed.last_error).toMatch(
        /^Gave up after 3 attempts\. Deferred by the mail server.*450.*Mailbox busy/,
      );
    });

    it('fails a permanent refusal (5xx) and a bad address at once, showing why', async () => {
      const scene = await makeHiringScene(get().ctx, { candidateEmail: 'gone-sam@example.test' });
      const bad = await makeHiringScene(get().ctx, { candidateEmail: 'sam at example dot com' });
      const refused = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'experience_survey',
        applicationId: scene.applicationId,
      });
      const malformed = await enqueueTestMessage(get().ctx, {
        organisationId: bad.organisationId,
        template: 'experience_survey',
        applicationId: bad.applicationId,
      });
      const before = smtp.received.length;
      expect(await worker().runOnce()).toMatchObject({ claimed: 2, failed: 2 });
      const r = await row(refused.id);
      expect(r.status).toBe('failed');
      expect(r.last_error).toMatch(/Refused by the mail server.*550.*No such user/);
      const b = await row(malformed.id);
      expect(b.status).toBe('failed');
      expect(b.last_error).toContain('Not a deliverable email address: "sam at example dot com"');
      expect(smtp.received.length).toBe(before);
    });

    it('reclaims a message whose worker stopped while sending, once its lease expires', async () => {
      const scene = await makeHiringScene(get().ctx);
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'experience_survey',
        applicationId: scene.applicationId,
      });
      // A worker claims it and dies without recording anything.
      const taken = await claimDue(get().ctx.kysely, get().ctx.db.dialect, {
        owner: 'dead-worker',
        now: clock,
        leaseMs: 60_000,
        limit: 10,
      });
      expect(taken.map((t) => t.id)).toEqual([m.id]);
      const w = worker();
      expect((await w.runOnce()).claimed).toBe(0);
      advance(59_999);
      expect((await w.runOnce()).claimed).toBe(0);
      advance(1);
      expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
      const sent = await row(m.id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: leaseExpiredError });
      expect(receivedFor(m.id)).toHaveLength(1);
    });

    it('keeps candidate emails inside working hours even when they fall due outside them', async () => {
      const scene = await makeHiringScene(get().ctx);
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'not_progressing',
        applicationId: scene.applicationId,
      });
      expect(m.sendAfter).toBe(THURSDAY_10AM);
      clock = new Date('2026-11-26T18:00:00.000Z');
      expect(await worker().runOnce()).toMatchObject({ claimed: 1, rescheduled: 1, sent: 0 });
      expect(await row(m.id)).toMatchObject({
        status: 'queued',
        attempts: 0,
        send_after: '2026-11-27T09:00:00.000Z',
      });
      clock = new Date('2026-11-27T09:00:00.000Z');
      expect(await worker().runOnce()).toMatchObject({ sent: 1 });
    });

    it('never sends a delayed message that was cancelled', async () => {
      const scene = await makeHiringScene(get().ctx);
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'not_progressing',
        applicationId: scene.applicationId,
        send: 'tomorrow_morning',
      });
      expect(m.sendAfter).toBe('2026-11-27T09:00:00.000Z');
      expect(await cancelMessage(get().ctx.kysely, scene.organisationId, m.id, clock)).toBe(true);
      clock = new Date('2026-11-27T09:30:00.000Z');
      expect((await worker().runOnce()).claimed).toBe(0);
      expect(receivedFor(m.id)).toHaveLength(0);
    });

    it('finishes the message in flight on shutdown and returns the rest of the batch', async () => {
      const scene = await makeHiringScene(get().ctx);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const m = await enqueueTestMessage(get().ctx, {
          organisationId: scene.organisationId,
          template: 'experience_survey',
          applicationId: scene.applicationId,
        });
        ids.push(m.id);
      }
      let release!: () => void;
      let inFlight!: () => void;
      const started = new Promise<void>((r) => {
        inFlight = r;
      });
      let closed = false;
      const slow: MailTransport = {
        async send(mail: OutgoingMail) {
          inFlight();
          await new Promise<void>((r) => {
            release = r;
          });
          return { messageId: `<${mail.messageId}>`, response: '250 OK' };
        },
        close() {
          closed = true;
        },
      };
      const w = worker({ transport: slow });
      w.start();
      await started;
      let stopped = false;
      const stopping = w.stop().then(() => {
        stopped = true;
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(closed).toBe(true);
      const rows = await Promise.all(ids.map(row));
      expect(rows[0]).toMatchObject({ status: 'sent', attempts: 1 });
      for (const r of rows.slice(1)) {
        expect(r).toMatchObject({ status: 'queued', attempts: 0, lease_owner: null, lease_expires_at: null });
      }
    });

    it('waits with growing pauses while the server is down (no busy loop), then delivers everything', async () => {
      const scene = await makeHiringScene(get().ctx);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const m = await enqueueTestMessage(get().ctx, {
          organisationId: scene.organisationId,
          template: 'experience_survey',
          applicationId: scene.applicationId,
        });
        ids.push(m.id);
      }
      let attempts = 0;
      const down: MailTransport = {
        async send() {
          attempts += 1;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {
            code: 'ESOCKET',
            originalCode: 'ECONNREFUSED',
          });
        },
        close() {},
      };
      const pauses: number[] = [];
      let done!: () => void;
      const twelvePauses = new Promise<void>((r) => {
        done = r;
      });
      const w = worker({
        transport: down,
        pollIntervalMs: 100,
        outageMaxMs: 3_000,
        retryBaseMs: 1_000,
        retryMaxMs: 10_000,
        async sleep(ms) {
          pauses.push(ms);
          advance(ms);
          if (pauses.length === 12) done();
          if (pauses.length >= 12) await new Promise((r) => setTimeout(r, 5));
        },
      });
      w.start();
      await twelvePauses;
      await w.stop();
      // One attempt per cycle (the rest of the batch waits untouched), each cycle followed by a pause
      // that doubles from the poll interval up to the cap.
      expect(attempts).toBeLessThanOrEqual(pauses.length);
      expect(pauses.slice(0, 6)).toEqual([75, 150, 300, 600, 1200, 2250]);
      expect(Math.max(...pauses)).toBeLessThanOrEqual(3_000);
      const rows = await Promise.all(ids.map(row));
      expect(rows.every((r) => r.status === 'queued')).toBe(true);
      expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(attempts);
      expect(rows.some((r) => r.last_error?.includes('Cannot reach the mail server (ECONNREFUSED)'))).toBe(
        true,
      );

      // The server is back: everything is delivered, once each.
      advance(60_000);
      const back = worker();
      for (let i = 0; i < 3; i++) await back.runOnce();
      for (const id of ids) {
        expect((await row(id)).status).toBe('sent');
        expect(receivedFor(id)).toHaveLength(1);
      }
    });

    it('keeps the lease of a slow send fresh, so no other worker takes it over and sends it again', async () => {
      // Real time here: the lease (300 ms) is shorter than the server takes to accept (1 s).
      const slow = await startTestSmtpServer({ dataDelayMs: 1_000 });
      const slowTransport = createSmtpTransport(slow.url);
      try {
        const scene = await makeHiringScene(get().ctx);
        const m = await enqueueTestMessage(get().ctx, {
          organisationId: scene.organisationId,
          applicationId: scene.applicationId,
          template: 'holding_update',
          send: 'now',
        });
        const realTime = { now: () => new Date(), leaseMs: 300, transport: slowTransport };
        const first = worker(realTime).runOnce();
        await expect.poll(() => slow.inFlight(), { interval: 20 }).toBe(1);
        await new Promise((r) => setTimeout(r, 500));
        // Past the claim's lease: without renewal while sending, this worker would take it over.
        const second = await worker(realTime).runOnce();
        expect(second.claimed).toBe(0);
        expect((await first).sent).toBe(1);
        expect(slow.received.filter((r) => r.messageId === `${m.id}@followspot.test`)).toHaveLength(1);
        expect((await row(m.id)).status).toBe('sent');
      } finally {
        slowTransport.close();
        await slow.close();
      }
    });

    it('sends a member invitation email to an address that is not a member yet', async () => {
      const scene = await makeHiringScene(get().ctx);
      const inviter = await insertTestMemberUser(get().ctx, {
        organisationId: scene.organisationId,
        name: 'Priya Shah',
        role: 'admin',
      });
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: scene.organisationId,
        template: 'organisation_invitation',
        to: { kind: 'email', email: 'new.tech@example.test' },
        replyTo: { name: inviter.name, email: inviter.email },
        variables: {
          invitation: {
            role: 'an interviewer',
            link: 'https://hiring.example.co.uk/invite/tok',
            expiresOn: '3 December 2026',
          },
          inviter: { name: inviter.name },
        },
      });
      await worker().runOnce();
      const parsed = await smtp.parse(receivedFor(m.id)[0]!);
      expect(parsed.subject).toMatch(/^Priya Shah invited you to join Test Venues .* on Followspot$/);
      expect(parsed.text).toContain('Accept the invitation (https://hiring.example.co.uk/invite/tok)');
      expect(parsed.replyTo?.value[0]?.address).toBe(inviter.email);
    });
  },
  { now: () => clock, smtpUrl: 'smtp://configured.invalid:25' },
);
