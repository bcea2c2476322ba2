import { describe, expect, it } from 'vitest';
import { readDsn } from './bounces.dsn.ts';

describe('reading delivery reports', () => {
  it('reads a base64 status part, a quoted original and a report wrapped in multipart/mixed', () => {
    const status = Buffer.from(
      'Reporting-MTA: dns; mx1.example.net\r\n\r\nFinal-Recipient: rfc822; Sam@Example.com\r\nAction: failed\r\nStatus: 5.2.2 (mailbox full)\r\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n',
    ).toString('base64');
    const raw = [
      'To: bounces@venue.example',
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      '--outer',
      'Content-Type: multipart/report; report-type="Delivery-Status"; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--inner',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      status,
      '--inner',
      'Content-Type: message/rfc822',
      '',
      'Message-ID: <01m8yjg02zf2mrbvzmfcdsge83@venue.example>',
      'X-Followspot-Bounce-Token: 01m8yjg02zf2mrbvzmfcdsge83-fbdbdc8a0e735ee3',
      '',
      'Hello',
      '--inner--',
      '--outer--',
      '',
    ].join('\r\n');
    expect(readDsn(raw)).toEqual({
      reportId: null,
      recipients: [
        {
          finalRecipient: 'Sam@Example.com',
          action: 'failed',
          status: '5.2.2',
          diagnostic: '552 5.2.2 Mailbox full',
        },
      ],
      tokenPlaces: ['bounces@venue.example', '01m8yjg02zf2mrbvzmfcdsge83-fbdbdc8a0e735ee3'],
    });
  });

  it('is not a report without a delivery-status part or without recipients', () => {
    expect(readDsn('Subject: Out of office\r\n\r\nAway.')).toBeUndefined();
    expect(
      readDsn(
        'Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n--b--\r\n',
      ),
    ).toBeUndefined();
  });
});
