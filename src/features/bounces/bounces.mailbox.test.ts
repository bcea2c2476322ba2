import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { enqueueTestMessage, makeHiringScene } from '../../../test/support/factories/messages.ts';
import { startTestImapServer, type TestImapServer } from '../../../test/support/imap.ts';
import { deliverOutbox, startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { newId } from '../../ids.ts';
import { createBounceMailboxWorker } from '../../jobs/bounce-mailbox-worker.ts';
import { createVerp, type Verp } from '../../mail/verp.ts';
import { isToTell } from '../applications/applications.repository.ts';
import { type MailboxLogger, readBounceMailbox } from './bounces.mailbox.ts';

const verpAddress = { local: 'bounces', domain: 'venue.example' };

/** A Postfix-style report (RFC 3464) for `original`, sent to the VERP address it came from. */
function dsn(options: {
  to: string;
  original: string;
  action: 'failed' | 'delayed';
  status: string;
  diagnostic: string;
  id: string;
}): string {
  const originalHeaders = options.original.replace(/\r\n/g, '\n').split('\n\n')[0] ?? '';
  return [
    `Return-Path: <>`,
    `Delivered-To: ${options.to}`,
    'Received: by mx.venue.example (Postfix) id 4Q1X; Thu,  3 Dec 2026 10:00:05 +0000 (UTC)',
    'Date: Thu,  3 Dec 2026 10:00:05 +0000 (UTC)',
    'From: MAILER-DAEMON@mx.venue.example (Mail Delivery System)',
    'Subject: Undelivered Mail Returned to Sender',
    `To: ${options.to}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="4Q1X.1733220005/mx.venue.example"',
    `Message-Id: <${options.id}@mx.venue.example>`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    '--4Q1X.1733220005/mx.venue.example',
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I am sorry to have to inform you that your message could not',
    'be delivered to one or more recipients.',
    '',
    '--4Q1X.1733220005/mx.venue.example',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.venue.example',
    'X-Postfix-Queue-ID: 4Q1X',
    'Arrival-Date: Thu,  3 Dec 2026 10:00:01 +0000 (UTC)',
    '',
    'Final-Recipient: rfc822; sam@example.com',
    'Original-Recipient: rfc822;sam@example.com',
    `Action: ${options.action}`,
    `Status: ${options.status}`,
    'Remote-MTA: dns; mx.example.com',
    `Diagnostic-Code: smtp; ${options.diagnostic}`,
    '',
    '--4Q1X.1733220005/mx.venue.example',
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    '',
    originalHeaders,
    '',
    '--4Q1X.1733220005/mx.venue.example--',
    '',
  ].join('\r\n');
}

describeEachDatabase('bounce mailbox (IMAP, VERP)', (get) => {
  let smtp: TestSmtpServer;
  let imap: TestImapServer;
  let verp: Verp;
  const warnings: object[] = [];
  const log: MailboxLogger = { info() {}, warn: (obj) => void warnings.push(obj), error() {} };

  beforeAll(async () => {
    const { ctx } = get();
    smtp = await startTestSmtpServer();
    imap = await startTestImapServer();
    Object.assign(ctx.config, { bounceVerpAddress: verpAddress, bounceMailbox: imap.mailbox });
    verp = createVerp(verpAddress, ctx.config.secret);
  });
  afterAll(async () => {
    await smtp.close();
    await imap.close();
  });

  /** A not-progressing email, delivered over SMTP: the candidate is told and the application closed. */
  async function toldByEmail() {
    const { ctx } = get();
    const scene = await makeHiringScene(ctx);
    const at = ctx.now().toISOString();
    await ctx.kysely
      .updateTable('application')
      .set({ stage: 'not_progressing', outcome: 'not_progressing', decided_at: at, stage_changed_at: at })
      .where('id', '=', scene.applicationId)
      .execute();
    const { id } = await enqueueTestMessage(ctx, {
      organisationId: scene.organisationId,
      template: 'not_progressing',
      applicationId: scene.applicationId,
      send: 'now',
    });
    await deliverOutbox(ctx, smtp);
    const mail = smtp.received.find((m) => m.messageId.startsWith(id));
    if (!mail) throw new Error('the email did not arrive');
    return { scene, messageId: id, mail };
  }

  const read = () => readBounceMailbox(get().ctx, imap.mailbox, verp, log);
  const messageRow = (id: string) =>
    get()
      .ctx.kysely.selectFrom('message')
      .select(['status', 'last_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const bounces = (id: string) =>
    get()
      .ctx.kysely.selectFrom('message_bounce')
      .select(['provider', 'kind', 'detail'])
      .where('message_id', '=', id)
      .execute();
  const notifications = (organisationId: string) =>
    get()
      .ctx.kysely.selectFrom('notification')
      .select(['user_id', 'kind'])
      .where('organisation_id', '=', organisationId)
      .execute();

  it('sends with a VERP return path, applies a hard bounce from the mailbox, then a re-read changes nothing', async () => {
    const { scene, messageId, mail } = await toldByEmail();
    expect(mail.envelopeFrom).toBe(verp.returnPath(messageId));
    expect(mail.envelopeFrom).toMatch(/^bounces\+[0-9a-z]{26}-[0-9a-f]{16}@venue\.example$/);
    expect(mail.raw).toMatch(new RegExp(`^X-Followspot-Bounce-Token: ${verp.token(messageId)}\\r?$`, 'im'));

    const report = dsn({
      to: mail.envelopeFrom,
      original: mail.raw,
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <sam@example.com>: Recipient address rejected: User unknown',
      id: `hard-${messageId}`,
    });
    await imap.append(report);
    expect(await read()).toMatchObject({ read: 1, applied: 1, kept: 0 });

    expect(await messageRow(messageId)).toEqual({
      status: 'failed',
      last_error: 'Bounced: 550 5.1.1 <sam@example.com>: Recipient address rejected: User unknown',
    });
    expect(await isToTell(get().ctx.kysely, scene.organisationId, scene.applicationId)).toBe(true);
    expect(await notifications(scene.organisationId)).toEqual([
      { user_id: scene.manager.userId, kind: 'message_bounced' },
    ]);
    expect(await imap.list('INBOX')).toEqual([]);
    expect(await imap.list('Processed')).toEqual([
      expect.objectContaining({ flags: ['\\Seen'], subject: 'Undelivered Mail Returned to Sender' }),
    ]);

    // Nothing new: nothing read. The same report again (a worker died before moving it): counted once.
    expect(await read()).toMatchObject({ read: 0 });
    await imap.append(report);
    expect(await read()).toMatchObject({ read: 1, applied: 0, duplicates: 1 });
    expect(await bounces(messageId)).toHaveLength(1);
    expect(await notifications(scene.organisationId)).toHaveLength(1);
    expect(await imap.list('INBOX')).toEqual([]);
  });

  // The soft-bounced message, still sent: the next test forges bounces for it (no new email needed).
  let stillSent: { messageId: string; returnPath: string } | undefined;

  it('records a soft bounce (delayed, 4.x.x) and leaves the candidate told', async () => {
    const { scene, messageId, mail } = await toldByEmail();
    stillSent = { messageId, returnPath: mail.envelopeFrom };
    await imap.append(
      dsn({
        to: mail.envelopeFrom,
        original: mail.raw,
        action: 'delayed',
        status: '4.4.1',
        diagnostic: '421 4.4.1 mx.example.com: Connection timed out',
        id: `soft-${messageId}`,
      }),
    );
    expect(await read()).toMatchObject({ read: 1, applied: 1 });
    expect((await messageRow(messageId)).status).toBe('sent');
    expect(await bounces(messageId)).toEqual([
      { provider: 'imap', kind: 'soft', detail: '421 4.4.1 mx.example.com: Connection timed out' },
    ]);
    expect(await isToTell(get().ctx.kysely, scene.organisationId, scene.applicationId)).toBe(false);
    expect(await imap.list('INBOX')).toEqual([]);
  });

  it('keeps (flagged, unseen) a forged token, an unknown message and an auto-reply, applying nothing', async () => {
    if (!stillSent) throw new Error('runs after the soft bounce');
    const { messageId } = stillSent;
    const forged = `bounces+${messageId}-0123456789abcdef@venue.example`;
    const unknown = verp.returnPath(newId(Date.now()));
    // Only the forged address: the original's headers (with the real token) left out.
    const report = (to: string, id: string) =>
      dsn({
        to,
        original: 'Subject: x\r\n\r\n',
        action: 'failed',
        status: '5.1.1',
        diagnostic: '550 no',
        id,
      });
    await imap.append(report(forged, `forged-${messageId}`));
    await imap.append(report(unknown, `unknown-${messageId}`));
    await imap.append(
      [
        `To: ${stillSent.returnPath}`,
        'From: Sam Rigby <sam@example.com>',
        'Subject: Out of office: Your application',
        'Auto-Submitted: auto-replied',
        `Message-ID: <ooo-${messageId}@example.com>`,
        '',
        'I am away until Monday.',
        '',
      ].join('\r\n'),
    );
    warnings.length = 0;
    expect(await read()).toMatchObject({ read: 3, applied: 0, kept: 3 });
    expect((await messageRow(messageId)).status).toBe('sent');
    expect(await bounces(messageId)).toEqual([expect.objectContaining({ kind: 'soft' })]);
    const inbox = await imap.list('INBOX');
    expect(inbox.map((m) => m.flags)).toEqual([['\\Flagged'], ['\\Flagged'], ['\\Flagged']]);
    expect(warnings.map((w) => (w as { why: string }).why)).toEqual([
      'no VERP token that checks',
      'unknown message',
      'not a delivery report',
    ]);
    // Kept mail is not read again on every poll.
    expect(await read()).toMatchObject({ read: 0 });
  });

  it('across two workers, one reads the mailbox in each period', async () => {
    const { ctx } = get();
    const fixed = new Date('2026-12-03T10:00:30Z');
    const atFixed = { ...ctx, now: () => fixed };
    const a = createBounceMailboxWorker(atFixed);
    const b = createBounceMailboxWorker(atFixed);
    if (!a || !b) throw new Error('the bounce mailbox is configured');
    const runs = await Promise.all([a.pollOnce(), b.pollOnce()]);
    expect(runs.filter((r) => r !== undefined)).toHaveLength(1);
  });
});
