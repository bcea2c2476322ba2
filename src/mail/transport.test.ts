import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import { buildCalendarInvite } from './ics.ts';
import { classifyFailure, createSmtpTransport, type MailTransport, mailDomainOf } from './transport.ts';

describe('SMTP delivery (a real SMTP server on 127.0.0.1)', () => {
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  beforeAll(async () => {
    smtp = await startTestSmtpServer({
      rejectRecipient: (a) =>
        a.startsWith('gone@')
          ? { code: 550, message: '5.1.1 No such user' }
          : a.startsWith('busy@')
            ? { code: 450, message: '4.2.1 Mailbox busy' }
            : undefined,
    });
    transport = createSmtpTransport(smtp.url);
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });

  it('sends headers, HTML, text, List-Unsubscribe and a calendar invitation', async () => {
    const ics = buildCalendarInvite({
      uid: 'feedback-call:app1',
      title: 'Feedback call, "Sam"',
      description: 'Ten minutes on your interview',
      location: 'Phone',
      start: new Date('2026-12-01T10:00:00Z'),
      end: new Date('2026-12-01T10:15:00Z'),
      organiser: { name: 'Jo Okafor', email: 'jo@example.co.uk' },
      attendee: { name: 'Sam Rigby', email: 'sam@example.com' },
    });
    const result = await transport.send({
      messageId: 'm1@followspot.test',
      from: 'Followspot <no-reply@followspot.test>',
      to: { name: 'Sam Rigby', address: 'sam@example.com' },
      replyTo: { name: 'Jo Okafor', address: 'jo@example.co.uk' },
      subject: 'Your application — an update',
      html: '<p>Hello <strong>Sam</strong></p>',
      text: 'Hello Sam',
      listUnsubscribe: 'https://hiring.example.co.uk/unsubscribe/abc',
      ics,
    });
    expect(result.messageId).toBe('<m1@followspot.test>');
    expect(result.response).toMatch(/^250/);
    await smtp.waitFor(1);
    const mail = await smtp.parse(smtp.received[0]!);
    expect(mail.messageId).toBe('<m1@followspot.test>');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Followspot', address: 'no-reply@followspot.test' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : undefined).toMatchObject({
      name: 'Sam Rigby',
      address: 'sam@example.com',
    });
    expect(mail.replyTo?.value[0]).toMatchObject({ name: 'Jo Okafor', address: 'jo@example.co.uk' });
    expect(mail.subject).toBe('Your application — an update');
    expect(mail.html).toContain('<strong>Sam</strong>');
    expect(mail.text?.trim()).toBe('Hello Sam');
    expect(smtp.received[0]!.raw).toMatch(
      /^List-Unsubscribe: <https:\/\/hiring\.example\.co\.uk\/unsubscribe\/abc>/m,
    );
    expect(mail.headers.get('list')).toMatchObject({
      unsubscribe: { url: 'https://hiring.example.co.uk/unsubscribe/abc' },
    });
    expect(smtp.received[0]!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const invite = mail.attachments.find((a) => a.contentType === 'text/calendar');
    expect(invite).toBeDefined();
    // iCalendar folds long lines (CRLF + space); unfold before reading.
    const content = invite!.content.toString('utf8').replace(/\r\n[ \t]/g, '');
    expect(content).toContain('METHOD:REQUEST');
    expect(content).toContain('UID:feedback-call:app1');
    expect(content).toContain('DTSTART:20261201T100000Z');
    expect(content).toMatch(/ATTENDEE;[^\n]*CN="?Sam Rigby"?[^\n]*:mailto:sam@example.com/i);
  });

  it('keeps CR/LF in names and subjects from adding headers or recipients', async () => {
    const before = smtp.received.length;
    await transport.send({
      messageId: 'm2@followspot.test',
      from: 'Followspot <no-reply@followspot.test>',
      to: { name: 'Sam\r\nBcc: victim@example.com', address: 'sam@example.com' },
      replyTo: { name: 'Jo\nX-Injected: yes', address: 'jo@example.co.uk' },
      subject: 'Hello\r\nBcc: victim@example.com',
      html: '<p>x</p>',
      text: 'x',
    });
    await smtp.waitFor(before + 1);
    const received = smtp.received[before]!;
    expect(received.envelopeTo).toEqual(['sam@example.com']);
    const mail = await smtp.parse(received);
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.subject).toBe('Hello Bcc: victim@example.com');
  });

  it('reports a refused recipient as permanent (5xx) or temporary (4xx)', async () => {
    const base = {
      messageId: 'm3@followspot.test',
      from: 'no-reply@followspot.test',
      subject: 'x',
      html: '<p>x</p>',
      text: 'x',
    };
    const gone = await transport
      .send({ ...base, to: { name: '', address: 'gone@example.com' } })
      .catch((e: unknown) => e);
    expect(classifyFailure(gone)).toMatchObject({ kind: 'permanent' });
    expect(classifyFailure(gone).message).toContain('No such user');
    const busy = await transport
      .send({ ...base, to: { name: '', address: 'busy@example.com' } })
      .catch((e: unknown) => e);
    expect(classifyFailure(busy)).toMatchObject({ kind: 'temporary' });
  });

  it('reports a server that cannot be reached as an outage', async () => {
    const down = createSmtpTransport('smtp://127.0.0.1:1', { connectionTimeoutMs: 2000 });
    const err = await down
      .send({
        messageId: 'm4@followspot.test',
        from: 'no-reply@followspot.test',
        to: { name: '', address: 'sam@example.com' },
        subject: 'x',
        html: 'x',
        text: 'x',
      })
      .catch((e: unknown) => e);
    down.close();
    expect(classifyFailure(err).kind).toBe('outage');
  });
});

describe('classifyFailure', () => {
  const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('boom'), fields);
  it.each([
    [{ responseCode: 550, command: 'RCPT TO' }, 'permanent'],
    [{ responseCode: 554 }, 'permanent'],
    [{ responseCode: 503 }, 'temporary'],
    [{ responseCode: 451 }, 'temporary'],
    [{ responseCode: 421 }, 'outage'],
    [{ code: 'ECONNECTION' }, 'outage'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'outage'],
    [{ code: 'ETIMEDOUT' }, 'outage'],
    [{ code: 'EAUTH', responseCode: undefined }, 'outage'],
    [{ code: 'EENVELOPE' }, 'permanent'],
    [{}, 'temporary'],
  ])('%o is %s', (fields, kind) => {
    expect(classifyFailure(smtpError(fields)).kind).toBe(kind);
  });

  it('reads the Message-ID domain from MAIL_FROM', () => {
    expect(mailDomainOf('Followspot <no-reply@hiring.example.co.uk>')).toBe('hiring.example.co.uk');
    expect(mailDomainOf('no-reply@Example.com')).toBe('example.com');
    expect(mailDomainOf('nonsense')).toBe('followspot.local');
  });
});
