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
