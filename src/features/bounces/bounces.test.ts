import { createHmac } from 'node:crypto';
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

const signingKey = 'key-test-mailgun-signing-0123456789';
const postmarkToken = 'postmark-bounce-token-0123456789';

describeEachDatabase('bounces', (get) => {
  let app: ApiApp;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    Object.assign(get().ctx.config, {
      mailgunWebhookSigningKey: signingKey,
      bounceWebhookToken: postmarkToken,
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
});
