import type { LightMyRequestResponse } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { deliverOutbox, startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { ApiApp } from '../../http/types.ts';

function cookieFrom(res: LightMyRequestResponse): string {
  const setCookie = res.headers['set-cookie'];
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

function emailTokenIn(mail: ParsedMail): string {
  const token = /\/confirm-email\?token=([A-Za-z0-9_.-]{64,})/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link in ${mail.subject}`);
  return token;
}

function resetTokenIn(mail: ParsedMail): string {
  const text = `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
  const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!token) throw new Error(`no reset link in ${mail.subject}`);
  return token;
}

describeEachDatabase('account self-service', (get) => {
  let app: ApiApp;
  let smtp: TestSmtpServer;
  let member: TestMember;

  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    smtp = await startTestSmtpServer();
    member = await makeMember(get().ctx, { role: 'interviewer', name: 'Rae Rigger' });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const requestReset = (email: string) =>
    app.inject({ method: 'POST', url: '/api/v1/password-reset/request', payload: { email } });
  const reset = (token: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { token, password } });
  const signIn = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
  const me = (cookie: string) => app.inject({ url: '/api/v1/me', headers: { cookie } });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = smtp.received.length;
    const known = await requestReset(member.email);
    const unknown = await requestReset('nobody-here@example.test');
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const mails = await deliverOutbox(get().ctx, smtp);
    expect(mails.length).toBe(before + 1);
    expect(smtp.received.at(-1)?.envelopeTo).toEqual([member.email]);
  });

  it('resets the password once by the emailed link, ending every session', async () => {
    const mails = await deliverOutbox(get().ctx, smtp);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('Reset your Followspot password');
    const token = resetTokenIn(mail);
    // Only the token's hash is stored, and the outbox keeps the marker, not the link.
    const stored = await get()
      .ctx.kysely.selectFrom('password_reset')
      .select(['token_hash'])
      .where('user_id', '=', member.userId)
      .execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
    const outbox = await get()
      .ctx.kysely.selectFrom('message')
      .select(['text'])
      .where('template_key', '=', 'password_reset')
      .execute();
    expect(outbox.some((m) => m.text.includes(token))).toBe(false);

    expect((await me(member.cookie)).statusCode).toBe(200);
    const done = await reset(token, 'a brand new password');
    expect(done.statusCode, done.body).toBe(200);
    expect((await me(member.cookie)).statusCode).toBe(401);
    expect((await signIn(member.email, member.password)).statusCode).toBe(401);
    const signedIn = await signIn(member.email, 'a brand new password');
    expect(signedIn.statusCode).toBe(200);
    member = { ...member, password: 'a brand new password', cookie: cookieFrom(signedIn) };

    const again = await reset(token, 'yet another password');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/Forgot password/);
    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', member.userId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['account.password_reset_requested', 'account.password_reset']),
    );
  });

  it('refuses an expired link', async () => {
    await requestReset(member.email);
    const token = resetTokenIn((await deliverOutbox(get().ctx, smtp)).at(-1)!);
    await get()
      .ctx.kysely.updateTable('password_reset')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', member.userId)
      .execute();
    expect((await reset(token, 'another long password')).statusCode).toBe(409);
  });

  it('sends at most three links an hour per account, answering the same', async () => {
    const other = await makeMember(get().ctx, { role: 'manager' });
    const before = (await deliverOutbox(get().ctx, smtp)).length;
    for (let i = 0; i < 5; i++) expect((await requestReset(other.email)).statusCode).toBe(202);
    expect((await deliverOutbox(get().ctx, smtp)).length).toBe(before + 3);
  });

  it('changes the name, audited', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/name',
      headers: { cookie: member.cookie },
      payload: { name: 'Rae Rigby' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await me(member.cookie)).json().user.name).toBe('Rae Rigby');
  });

  it('changes the password only with the current one, and signs this browser in again', async () => {
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: { cookie: member.cookie },
      payload: { currentPassword: 'not my password', newPassword: 'the third password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('currentPassword');
    const other = await signIn(member.email, member.password);
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: { cookie: member.cookie },
      payload: { currentPassword: member.password, newPassword: 'the third password' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await me(cookieFrom(other))).statusCode).toBe(401);
    expect((await me(cookieFrom(res))).statusCode).toBe(200);
    expect((await signIn(member.email, 'the third password')).statusCode).toBe(200);
    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', member.userId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['account.name_changed', 'account.password_changed']),
    );
  });

  it('changes the email address once the new one confirms, and tells the old one', async () => {
    const ctx = get().ctx;
    const person = await makeMember(ctx, { role: 'manager', name: 'Cai Cable' });
    const newEmail = `cai.new.${person.userId.slice(-6)}@example.test`;
    const ask = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/me/email',
        headers: { cookie: person.cookie },
        payload: { email },
      });
    const confirm = (token: string) =>
      app.inject({ method: 'POST', url: '/api/v1/me/email/confirm', payload: { token } });

    expect((await ask(person.email)).json().error.field).toBe('email');
    const asked = await ask(newEmail.toUpperCase());
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json().message).toContain(newEmail);
    // Nothing changes until the link is used; the stored email holds a marker, not the link.
    expect((await me(person.cookie)).json().user.email).toBe(person.email);
    const stored = await ctx.kysely
      .selectFrom('message')
      .select(['text', 'to_email'])
      .where('template_key', '=', 'account_email_change')
      .where('to_email', '=', newEmail)
      .executeTakeFirstOrThrow();
    expect(stored.text).toContain('new-member-address-link-added-when-sent');

    const mail = (await deliverOutbox(ctx, smtp)).find(
      (m) => m.subject === 'Confirm your new Followspot email address' && m.text?.includes(newEmail),
    )!;
    expect(smtp.received.some((r) => r.envelopeTo.includes(newEmail))).toBe(true);
    const token = emailTokenIn(mail);
    expect(stored.text).not.toContain(token);

    const done = await confirm(token);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ email: newEmail });
    expect((await me(person.cookie)).json().user.email).toBe(newEmail);
    expect((await signIn(newEmail, person.password)).statusCode).toBe(200);
    expect((await signIn(person.email, person.password)).statusCode).toBe(401);
    // The old address is told; the link does not work twice.
    const notice = (await deliverOutbox(ctx, smtp)).find(
      (m) => m.subject === 'Your Followspot email address was changed' && m.text?.includes(newEmail),
    );
    expect(notice).toBeDefined();
    expect(smtp.received.some((r) => r.envelopeTo.includes(person.email))).toBe(true);
    expect((await confirm(token)).statusCode).toBe(409);
    expect((await confirm(`${token.slice(0, -4)}abcd`)).statusCode).toBe(409);
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', person.userId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['account.email_change_requested', 'account.email_changed']),
    );
  });

  it("answers the same for another account's address, and sends nothing to it", async () => {
    const ctx = get().ctx;
    const person = await makeMember(ctx, { role: 'interviewer' });
    const taken = await makeMember(ctx, { role: 'interviewer' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/me/email',
      headers: { cookie: person.cookie },
      payload: { email: taken.email },
    });
    expect(res.statusCode).toBe(202);
    const queued = await ctx.kysely
      .selectFrom('message')
      .select('id')
      .where('template_key', '=', 'account_email_change')
      .where('to_email', '=', taken.email)
      .execute();
    expect(queued).toEqual([]);
  });
});
