import { createHmac, createSign, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  enqueueTestMessage,
  type HiringScene,
  makeHiringScene,
} from '../../../test/support/factories/messages.ts';
import { deliverOutbox, startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { ApiApp } from '../../http/types.ts';
import { isToTell } from '../applications/applications.repository.ts';
import { sendgridSignatureHeader, sendgridTimestampHeader } from './bounces.sendgrid.ts';
import { type SnsEnvelope, snsCertificates, snsStringToSign } from './bounces.ses.ts';

const signingKey = 'key-test-mailgun-signing-0123456789';
const postmarkToken = 'postmark-bounce-token-0123456789';
const topicArn = 'arn:aws:sns:eu-west-2:123456789012:followspot-bounces';
// SNS signs with RSA; the certificate cache is filled with our own key for the URL SNS would name.
const sns = generateKeyPairSync('rsa', { modulusLength: 2048 });
const certUrl = 'https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-test.pem';
snsCertificates.set(certUrl, sns.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const sendgrid = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const sendgridPublicKey = sendgrid.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describeEachDatabase('bounces', (get) => {
  let app: ApiApp;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    Object.assign(get().ctx.config, {
      mailgunWebhookSigningKey: signingKey,
      bounceWebhookToken: postmarkToken,
      sesSnsTopicArns: [topicArn],
      sendgridWebhookPublicKey: sendgridPublicKey,
    });
    app = await buildTestApp(get().ctx);
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  /** A not-progressing email delivered over SMTP: the candidate counts as told and the application closes. */
  async function toldByEmail(): Promise<{ scene: HiringScene; messageId: string; raw: string }> {
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
    const before = smtp.received.length;
    await deliverOutbox(ctx, smtp);
    const raw = smtp.received.slice(before).find((m) => m.messageId.startsWith(id))?.raw;
    if (!raw) throw new Error('the email did not arrive');
    return { scene, messageId: id, raw };
  }

  const application = (id: string) =>
    get()
      .ctx.kysely.selectFrom('application')
      .select(['stage', 'told_at', 'told_via'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const message = (id: string) =>
    get()
      .ctx.kysely.selectFrom('message')
      .select(['status', 'last_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  function mailgun(eventData: Record<string, unknown>, options: { key?: string; age?: number } = {}) {
    const timestamp = String(Math.floor((get().ctx.now().getTime() - (options.age ?? 0)) / 1000));
    const token = `tok-${Math.random().toString(36).slice(2)}`;
    const signature = createHmac('sha256', options.key ?? signingKey)
      .update(timestamp + token)
      .digest('hex');
    return app.inject({
      method: 'POST',
      url: '/api/v1/bounces/mailgun',
      payload: { signature: { timestamp, token, signature }, 'event-data': eventData },
    });
  }
  const permanentFailure = (id: string, messageId: string) => ({
    id,
    event: 'failed',
    severity: 'permanent',
    reason: 'bounce',
    message: { headers: { 'message-id': messageId } },
    'delivery-status': { code: 550, description: '5.1.1 The email account does not exist' },
  });

  it('names the outbox message in the headers providers hand back', async () => {
    const { messageId, raw } = await toldByEmail();
    expect(raw).toMatch(new RegExp(`^X-PM-Metadata-followspot-message: ${messageId}\\r?$`, 'im'));
    expect(raw).toContain(`"followspot_message":"${messageId}"`);
  });

  it('a hard bounce of an outcome email: message failed, candidate to tell again, application reopened, manager told', async () => {
    const { scene, messageId, raw } = await toldByEmail();
    expect(await application(scene.applicationId)).toMatchObject({ stage: 'closed', told_via: 'email' });
    const smtpMessageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)![1]!;

    const res = await mailgun(permanentFailure('evt-hard-1', smtpMessageId));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ result: 'recorded' });

    expect(await message(messageId)).toEqual({
      status: 'failed',
      last_error: 'Bounced: 550 5.1.1 The email account does not exist',
    });
    expect(await application(scene.applicationId)).toEqual({
      stage: 'not_progressing',
      told_at: null,
      told_via: null,
    });
    expect(await isToTell(get().ctx.kysely, scene.organisationId, scene.applicationId)).toBe(true);
    const notes = await get()
      .ctx.kysely.selectFrom('notification')
      .select(['user_id', 'kind', 'title', 'body', 'link_path'])
      .where('organisation_id', '=', scene.organisationId)
      .execute();
    expect(notes).toEqual([
      {
        user_id: scene.manager.userId,
        kind: 'message_bounced',
        title: 'An email to Sam Rigby did not arrive',
        body: expect.stringContaining('has not been told'),
        link_path: `/applications/${scene.applicationId}`,
      },
    ]);
    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('organisation_id', '=', scene.organisationId)
      .where('action', '=', 'message.bounced')
      .execute();
    expect(audit).toHaveLength(1);

    // The provider sends the same event again: nothing changes twice.
    expect((await mailgun(permanentFailure('evt-hard-1', smtpMessageId))).json()).toEqual({
      result: 'duplicate',
    });
    expect(
      await get()
        .ctx.kysely.selectFrom('message_bounce')
        .select('id')
        .where('message_id', '=', messageId)
        .execute(),
    ).toHaveLength(1);
  });

  it('a temporary failure is recorded and leaves the candidate told', async () => {
    const { scene, messageId } = await toldByEmail();
    const res = await mailgun({
      ...permanentFailure('evt-soft-1', `<${messageId}@x>`),
      severity: 'temporary',
    });
    expect(res.json()).toEqual({ result: 'recorded' });
    expect((await message(messageId)).status).toBe('sent');
    expect(await application(scene.applicationId)).toMatchObject({ stage: 'closed', told_via: 'email' });
  });

  it('refuses a Mailgun call with a wrong or stale signature, and answers unknown messages without acting', async () => {
    const { messageId } = await toldByEmail();
    const forged = await mailgun(permanentFailure('evt-forged', `<${messageId}@x>`), { key: 'not-the-key' });
    expect(forged.statusCode).toBe(401);
    const stale = await mailgun(permanentFailure('evt-stale', `<${messageId}@x>`), { age: 20 * 60 * 1000 });
    expect(stale.statusCode).toBe(401);
    expect((await message(messageId)).status).toBe('sent');
    const unknown = await mailgun(permanentFailure('evt-unknown', '<00000000000000000000000000@x>'));
    expect(unknown.json()).toEqual({ result: 'unknown_message' });
    const delivered = await mailgun({ id: 'evt-delivered', event: 'delivered' });
    expect(delivered.json()).toEqual({ result: 'ignored' });
  });

  it('takes Postmark bounces with the basic-auth token, checked before the body', async () => {
    const { scene, messageId } = await toldByEmail();
    const payload = {
      RecordType: 'Bounce',
      ID: 4323372036,
      Type: 'HardBounce',
      Metadata: { 'followspot-message': messageId },
      Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    };
    const basic = (password: string) => `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}`;
    const noAuth = await app.inject({
      method: 'POST',
      url: '/api/v1/bounces/postmark',
      payload: { junk: true },
    });
    expect(noAuth.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/bounces/postmark',
      headers: { authorization: basic('wrong-token-wrong-token') },
      payload,
    });
    expect(wrong.statusCode).toBe(401);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/bounces/postmark',
      headers: { authorization: basic(postmarkToken) },
      payload,
    });
    expect(res.json()).toEqual({ result: 'recorded' });
    expect((await message(messageId)).status).toBe('failed');
    expect(await application(scene.applicationId)).toMatchObject({ stage: 'not_progressing', told_at: null });
  });

  function snsEnvelope(message: unknown, overrides: Partial<SnsEnvelope> = {}): SnsEnvelope {
    const envelope: SnsEnvelope = {
      Type: 'Notification',
      MessageId: `sns-${Math.random().toString(36).slice(2)}`,
      TopicArn: topicArn,
      Message: JSON.stringify(message),
      Timestamp: get().ctx.now().toISOString(),
      SignatureVersion: '2',
      Signature: '',
      SigningCertURL: certUrl,
      ...overrides,
    };
    const signer = createSign('RSA-SHA256');
    signer.update(snsStringToSign(envelope));
    return { ...envelope, Signature: overrides.Signature ?? signer.sign(sns.privateKey, 'base64') };
  }
  const ses = (envelope: SnsEnvelope) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/bounces/ses',
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': envelope.Type },
      payload: JSON.stringify(envelope),
    });
  const sesBounce = (messageId: string, bounceType: string, feedbackId: string) => ({
    notificationType: 'Bounce',
    bounce: {
      bounceType,
      bounceSubType: 'General',
      feedbackId,
      bouncedRecipients: [
        { emailAddress: 'sam@example.com', status: '5.1.1', diagnosticCode: 'smtp; 550 user unknown' },
      ],
    },
    mail: { messageId: '0102018c-ses-id', tags: { followspot_message: [messageId] } },
  });

  it('takes SES bounces through SNS, checking the topic and the signature', async () => {
    const { scene, messageId, raw } = await toldByEmail();
    expect(raw).toMatch(new RegExp(`^X-SES-MESSAGE-TAGS: followspot_message=${messageId}\\r?$`, 'im'));

    const forged = snsEnvelope(sesBounce(messageId, 'Permanent', 'fb-forged'), {
      Signature: Buffer.from('forged').toString('base64'),
    });
    expect((await ses(forged)).statusCode).toBe(401);
    const otherTopic = snsEnvelope(sesBounce(messageId, 'Permanent', 'fb-other'), {
      TopicArn: 'arn:aws:sns:eu-west-2:999999999999:someone-else',
    });
    expect((await ses(otherTopic)).statusCode).toBe(403);
    const foreignCert = snsEnvelope(sesBounce(messageId, 'Permanent', 'fb-cert'), {
      SigningCertURL: 'https://attacker.example/cert.pem',
    });
    expect((await ses(foreignCert)).statusCode).toBe(401);
    const stale = snsEnvelope(sesBounce(messageId, 'Permanent', 'fb-stale'), {
      Timestamp: new Date(get().ctx.now().getTime() - 2 * 60 * 60 * 1000).toISOString(),
    });
    expect((await ses(stale)).statusCode).toBe(401);
    expect((await message(messageId)).status).toBe('sent');

    const soft = await ses(snsEnvelope(sesBounce(messageId, 'Transient', 'fb-soft')));
    expect(soft.json()).toEqual({ result: 'recorded' });
    expect((await message(messageId)).status).toBe('sent');

    const hard = snsEnvelope(sesBounce(messageId, 'Permanent', 'fb-hard'));
    const res = await ses(hard);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ result: 'recorded' });
    expect(await message(messageId)).toEqual({
      status: 'failed',
      last_error: 'Bounced: 5.1.1 smtp; 550 user unknown',
    });
    expect(await application(scene.applicationId)).toMatchObject({ stage: 'not_progressing', told_at: null });
    expect((await ses(hard)).json()).toEqual({ result: 'duplicate' });

    // By Message-ID when the email went without its tag (SES keeps the header we set).
    const second = await toldByEmail();
    const smtpMessageId = /^Message-ID:\s*(<[^>]+>)/im.exec(second.raw)![1]!;
    const byHeader = sesBounce('x', 'Permanent', 'fb-header');
    const untagged = {
      ...byHeader,
      mail: { messageId: 'ses-2', commonHeaders: { messageId: smtpMessageId } },
    };
    expect((await ses(snsEnvelope(untagged))).json()).toEqual({ result: 'recorded' });
    expect((await message(second.messageId)).status).toBe('failed');

    const delivery = { notificationType: 'Delivery', mail: { messageId: 'ses-3' } };
    expect((await ses(snsEnvelope(delivery))).json()).toEqual({ result: 'ignored' });
  });

  it('refuses an SNS subscription whose confirmation link is not on Amazon SNS', async () => {
    const confirmation = snsEnvelope('You have chosen to subscribe…', {
      Type: 'SubscriptionConfirmation',
      SubscribeURL: 'https://attacker.example/confirm',
      Token: 'token-1',
    });
    const res = await ses(confirmation);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('SubscribeURL');
  });

  function sendgridPost(events: unknown[], options: { age?: number; key?: typeof sendgrid.privateKey } = {}) {
    const body = JSON.stringify(events);
    const timestamp = String(Math.floor((get().ctx.now().getTime() - (options.age ?? 0)) / 1000));
    const signature = sign('sha256', Buffer.from(timestamp + body), options.key ?? sendgrid.privateKey);
    return app.inject({
      method: 'POST',
      url: '/api/v1/bounces/sendgrid',
      headers: {
        'content-type': 'application/json',
        [sendgridSignatureHeader]: signature.toString('base64'),
        [sendgridTimestampHeader]: timestamp,
      },
      payload: body,
    });
  }

  it('takes SendGrid’s signed events, one result each, refusing a wrong or stale signature', async () => {
    const { scene, messageId, raw } = await toldByEmail();
    expect(raw).toContain(`"unique_args":{"followspot_message":"${messageId}"}`);
    const bounce = {
      email: 'sam@example.com',
      timestamp: 1,
      event: 'bounce',
      type: 'bounce',
      sg_event_id: 'sg-hard-1',
      status: '5.1.1',
      reason: '550 5.1.1 The email account that you tried to reach does not exist',
      followspot_message: messageId,
    };
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    expect((await sendgridPost([bounce], { key: other })).statusCode).toBe(401);
    expect((await sendgridPost([bounce], { age: 20 * 60 * 1000 })).statusCode).toBe(401);
    const unsigned = await app.inject({
      method: 'POST',
      url: '/api/v1/bounces/sendgrid',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify([bounce]),
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await message(messageId)).status).toBe('sent');

    const res = await sendgridPost([
      { ...bounce, event: 'delivered', sg_event_id: 'sg-delivered' },
      { ...bounce, type: 'blocked', sg_event_id: 'sg-blocked' },
      bounce,
      bounce,
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ results: ['ignored', 'recorded', 'recorded', 'duplicate'] });
    expect(await message(messageId)).toEqual({
      status: 'failed',
      last_error: 'Bounced: 5.1.1 550 5.1.1 The email account that you tried to reach does not exist',
    });
    expect(await application(scene.applicationId)).toMatchObject({ stage: 'not_progressing', told_at: null });
  });
});
