import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('bounce settings', () => {
  it('reads SNS topics as a list and refuses what is not a topic ARN, naming the variable', () => {
    const one = 'arn:aws:sns:eu-west-2:123456789012:bounces';
    const two = 'arn:aws:sns:us-east-1:123456789012:complaints';
    expect(loadConfig({ SES_SNS_TOPIC_ARN: `${one},${two}` }).sesSnsTopicArns).toEqual([one, two]);
    expect(loadConfig({}).sesSnsTopicArns).toEqual([]);
    expect(() => loadConfig({ SES_SNS_TOPIC_ARN: 'my-topic' })).toThrow(
      /SES_SNS_TOPIC_ARN: .*SNS topic ARNs/,
    );
  });

  it('takes SendGrid’s verification key as base64 or PEM and refuses anything else', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const base64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: base64 }).sendgridWebhookPublicKey).toBe(base64);
    expect(loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: pem }).sendgridWebhookPublicKey).toBe(pem);
    expect(() => loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: 'not a key' })).toThrow(
      /SENDGRID_WEBHOOK_PUBLIC_KEY: .*verification key/,
    );
  });
});

it('runs retention hourly unless RETENTION_SWEEP_MINUTES says otherwise, and names a bad value', () => {
  expect(loadConfig({} as NodeJS.ProcessEnv).retentionSweepMinutes).toBe(60);
  expect(loadConfig({ RETENTION_SWEEP_MINUTES: '1440' } as NodeJS.ProcessEnv).retentionSweepMinutes).toBe(
    1440,
  );
  for (const bad of ['0', '1441', '2.5', 'hourly']) {
    expect(() => loadConfig({ RETENTION_SWEEP_MINUTES: bad } as NodeJS.ProcessEnv)).toThrow(
      /RETENTION_SWEEP_MINUTES/,
    );
  }
});

describe('bounce mailbox settings', () => {
  const secret = 's'.repeat(32);
  it('splits BOUNCE_VERP_ADDRESS, needs SECRET for it, and names a bad one', () => {
    expect(
      loadConfig({ SECRET: secret, BOUNCE_VERP_ADDRESS: 'Bounces@Venue.example' }).bounceVerpAddress,
    ).toEqual({
      local: 'bounces',
      domain: 'venue.example',
    });
    expect(loadConfig({}).bounceVerpAddress).toBeUndefined();
    expect(() => loadConfig({ BOUNCE_VERP_ADDRESS: 'bounces@venue.example' })).toThrow(
      /BOUNCE_VERP_ADDRESS needs SECRET/,
    );
    expect(() => loadConfig({ SECRET: secret, BOUNCE_VERP_ADDRESS: 'bounces+x@venue.example' })).toThrow(
      /BOUNCE_VERP_ADDRESS: .*without a plus part/,
    );
  });

  it('reads the mailbox from BOUNCE_IMAP_URL or BOUNCE_IMAP_HOST, and says what is missing', () => {
    const verp = { SECRET: secret, BOUNCE_VERP_ADDRESS: 'bounces@venue.example' };
    expect(
      loadConfig({
        ...verp,
        BOUNCE_IMAP_URL: 'imaps://bounces%40venue.example:p%2Fw@imap.venue.example/Bounces',
      }).bounceMailbox,
    ).toEqual({
      host: 'imap.venue.example',
      port: 993,
      secure: true,
      user: 'bounces@venue.example',
      password: 'p/w',
      mailbox: 'Bounces',
      processedFolder: 'Processed',
      pollSeconds: 60,
    });
    expect(
      loadConfig({
        ...verp,
        BOUNCE_IMAP_HOST: 'imap.venue.example',
        BOUNCE_IMAP_USER: 'bounces',
        BOUNCE_IMAP_PASSWORD: 'pw',
        BOUNCE_IMAP_TLS: 'false',
        BOUNCE_IMAP_POLL_SECONDS: '30',
      }).bounceMailbox,
    ).toMatchObject({ port: 143, secure: false, mailbox: 'INBOX', pollSeconds: 30 });
    expect(loadConfig(verp).bounceMailbox).toBeUndefined();
    expect(() => loadConfig({ ...verp, BOUNCE_IMAP_URL: 'https://imap.venue.example' })).toThrow(
      /BOUNCE_IMAP_URL/,
    );
    expect(() => loadConfig({ ...verp, BOUNCE_IMAP_URL: 'imaps://imap.venue.example' })).toThrow(
      /BOUNCE_IMAP_URL must include user:password@/,
    );
    expect(() => loadConfig({ ...verp, BOUNCE_IMAP_HOST: 'imap.venue.example' })).toThrow(
      /BOUNCE_IMAP_HOST needs BOUNCE_IMAP_USER and BOUNCE_IMAP_PASSWORD/,
    );
    expect(() => loadConfig({ SECRET: secret, BOUNCE_IMAP_URL: 'imaps://u:p@imap.venue.example' })).toThrow(
      /needs BOUNCE_VERP_ADDRESS/,
    );
    expect(() => loadConfig({ ...verp, BOUNCE_IMAP_POLL_SECONDS: '1' } as NodeJS.ProcessEnv)).toThrow(
      /BOUNCE_IMAP_POLL_SECONDS must be a whole number of seconds from 5 to 3600/,
    );
  });
});
