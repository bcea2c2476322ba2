import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { enqueueTestMessage, makeHiringScene } from '../../../test/support/factories/messages.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { deliverOutbox, linksIn, startTestSmtpServer } from '../../../test/support/smtp.ts';
import type { ApiApp } from '../../http/types.ts';
import { templates } from '../../mail/catalogue.ts';
import { claimDue } from './outbox.repository.ts';
import { enqueue } from './outbox.ts';
import { sealedInvitationUrl } from './sealed-links.ts';

describeEachDatabase('messages API and the outbox', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin' });
  });
  afterAll(async () => app.close());

  const read = (member: TestMember, id: string) =>
    app.inject({ url: `/api/v1/messages/${id}`, headers: { cookie: member.cookie } });
  const action = (member: TestMember, id: string, verb: 'cancel' | 'retry') =>
    app.inject({ method: 'POST', url: `/api/v1/messages/${id}/${verb}`, headers: { cookie: member.cookie } });
  const withSmtp = async <T>(fn: () => Promise<T>): Promise<T> => {
    get().ctx.config.smtpUrl = 'smtp://127.0.0.1:2525';
    try {
      return await fn();
    } finally {
      get().ctx.config.smtpUrl = undefined;
    }
  };

  it('holds a message when SMTP is not configured, readable with its rendered parts', async () => {
    const scene = await makeHiringScene(get().ctx, { organisationId: admin.organisationId });
    const result = await enqueueTestMessage(get().ctx, {
      organisationId: admin.organisationId,
      template: 'offer',
      applicationId: scene.applicationId,
      send: 'now',
    });
    expect(result).toMatchObject({ created: true, status: 'held' });
    const res = await read(admin, result.id);
    expect(res.statusCode).toBe(200);
    const message = res.json();
    expect(message).toMatchObject({
      status: 'held',
      templateKey: 'offer',
      templateVersion: { version: 1 },
      recipient: {
        kind: 'candidate',
        email: scene.candidateEmail,
        name: 'Sam Rigby',
        candidateId: scene.candidateId,
      },
      applicationId: scene.applicationId,
      subject: 'Offer: AV Technician — Main House at Main House',
      replyTo: { name: 'Jo Okafor', email: scene.manager.email },
      attempts: 0,
      sentAt: null,
    });
    expect(message.html).toContain('Dear Sam,');
    expect(message.text).toContain('£29,500 a year');
    const held = (
      await app.inject({ url: '/api/v1/messages?status=held', headers: { cookie: admin.cookie } })
    ).json();
    expect(held.data.map((m: { id: string }) => m.id)).toContain(result.id);
  });

  it('queues when SMTP is configured, and makes one message per idempotency key', async () => {
    const scene = await makeHiringScene(get().ctx, { organisationId: admin.organisationId });
    const input = {
      organisationId: admin.organisationId,
      template: 'holding_update' as const,
      applicationId: scene.applicationId,
      idempotencyKey: `holding-update:${scene.applicationId}:1`,
    };
    const first = await withSmtp(() => enqueueTestMessage(get().ctx, input));
    const again = await withSmtp(() => enqueueTestMessage(get().ctx, input));
    expect(first).toMatchObject({ created: true, status: 'queued' });
    expect(again).toEqual({ ...first, created: false });
    const rows = await get()
      .ctx.kysely.selectFrom('message')
      .select('id')
      .where('idempotency_key', '=', input.idempotencyKey)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('writes nothing when the transaction that enqueued rolls back', async () => {
    const scene = await makeHiringScene(get().ctx, { organisationId: admin.organisationId });
    const key = `rollback:${scene.applicationId}`;
    await expect(
      get()
        .ctx.kysely.transaction()
        .execute(async (tx) => {
          await enqueue(tx, get().ctx, {
            organisationId: admin.organisationId,
            idempotencyKey: key,
            template: 'experience_survey',
            applicationId: scene.applicationId,
            variables: templates.experience_survey.sample,
          });
          throw new Error('the state change failed');
        }),
    ).rejects.toThrow('the state change failed');
    const rows = await get()
      .ctx.kysely.selectFrom('message')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('filters by status, candidate and application, and pages', async () => {
    const org = await makeMember(get().ctx, { role: 'admin' });
    const a = await makeHiringScene(get().ctx, { organisationId: org.organisationId });
    const b = await makeHiringScene(get().ctx, { organisationId: org.organisationId });
    const ids: string[] = [];
    for (const scene of [a, a, b]) {
      const m = await enqueueTestMessage(get().ctx, {
        organisationId: org.organisationId,
        template: 'experience_survey',
        applicationId: scene.applicationId,
      });
      ids.push(m.id);
    }
    const list = (query: string) =>
      app.inject({ url: `/api/v1/messages?${query}`, headers: { cookie: org.cookie } }).then((r) => r.json());
    expect((await list(`applicationId=${a.applicationId}`)).data).toHaveLength(2);
    expect((await list(`candidateId=${b.candidateId}`)).data.map((m: { id: string }) => m.id)).toEqual([
      ids[2],
    ]);
    expect((await list('status=sent')).data).toHaveLength(0);
    const page = await list('limit=2');
    expect(page.data).toHaveLength(2);
    const next = await list(`limit=2&cursor=${page.nextCursor}`);
    expect(next.data.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect((await list('status=nonsense')).error.code).toBe('validation_failed');
    // Team emails apart from candidates': a reminder to a member is not in the candidates' list.
    const team = await enqueueTestMessage(get().ctx, {
      organisationId: org.organisationId,
      template: 'webhook_disabled',
      to: { kind: 'member', userId: org.userId },
    });
    const idsOf = async (query: string) => (await list(query)).data.map((m: { id: string }) => m.id);
    expect(await idsOf('audience=team')).toEqual([team.id]);
    expect((await idsOf('audience=candidates')).sort()).toEqual([...ids].sort());
    expect((await list('audience=everyone')).error.code).toBe('validation_failed');
  });

  it('cancels a delayed message until it leaves, and says why it cannot afterwards', async () => {
    const scene = await makeHiringScene(get().ctx, { organisationId: admin.organisationId });
    const delayed = await withSmtp(() =>
      enqueueTestMessage(get().ctx, {
        organisationId: admin.organisationId,
        template: 'not_progressing',
        applicationId: scene.applicationId,
        send: 'tomorrow_morning',
      }),
    );
    const cancelled = await action(admin, delayed.id, 'cancel');
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(cancelled.json().cancelledAt).not.toBeNull();
    const twice = await action(admin, delayed.id, 'cancel');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('already cancelled');

    const leaving = await withSmtp(() =>
      enqueueTestMessage(get().ctx, {
        organisationId: admin.organisationId,
        template: 'experience_survey',
        applicationId: scene.applicationId,
        send: 'now',
      }),
    );
    // A worker claims it: it is now sending and can no longer be cancelled.
    await claimDue(get().ctx.kysely, get().ctx.db.dialect, {
      owner: 'test-worker',
      now: new Date(Date.now() + 1000),
      leaseMs: 60_000,
      limit: 100,
    });
    const late = await action(admin, leaving.id, 'cancel');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('being sent right now');

    const audit = await get()
      .ctx.kysely.selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', delayed.id)
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['message.cancelled']);
  });

  it('retries only a failed message', async () => {
    const scene = await makeHiringScene(get().ctx, { organisationId: admin.organisationId });
    const m = await enqueueTestMessage(get().ctx, {
      organisationId: admin.organisationId,
      template: 'experience_survey',
      applicationId: scene.applicationId,
    });
    const refused = await action(admin, m.id, 'retry');
    expect(refused.statusCode).toBe(409);
    await get()
      .ctx.kysely.updateTable('message')
      .set({ status: 'failed', attempts: 3, last_error: 'Refused by the mail server: 550 No such user' })
      .where('id', '=', m.id)
      .execute();
    const retried = await withSmtp(() => action(admin, m.id, 'retry'));
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(retried.json().lastError).toContain('550');
  });

  it("answers 404 for another organisation's message on read, cancel and retry", async () => {
    const other = await makeMember(get().ctx, { role: 'admin' });
    const scene = await makeHiringScene(get().ctx, { organisationId: other.organisationId });
    const m = await enqueueTestMessage(get().ctx, {
      organisationId: other.organisationId,
      template: 'experience_survey',
      applicationId: scene.applicationId,
    });
    expect((await read(admin, m.id)).statusCode).toBe(404);
    expect((await action(admin, m.id, 'cancel')).statusCode).toBe(404);
    expect((await action(admin, m.id, 'retry')).statusCode).toBe(404);
    const list = (await app.inject({ url: '/api/v1/messages', headers: { cookie: admin.cookie } })).json();
    expect(list.data.map((x: { id: string }) => x.id)).not.toContain(m.id);
    expect((await read(other, m.id)).json().status).toBe('held');
  });

  it('keeps messages from interviewers', async () => {
    const tech = await makeMember(get().ctx, { role: 'interviewer', organisationId: admin.organisationId });
    expect((await app.inject({ url: '/api/v1/messages', headers: { cookie: tech.cookie } })).statusCode).toBe(
      403,
    );
  });

  it('renders hostile candidate data inert in the stored subject, HTML and text', async () => {
    const hostile =
      'Sam <img src=x onerror=alert(1)> {{ organisation.name }} *x* [y](http://evil)\r\nBcc: e@evil.test';
    const org = await makeMember(get().ctx, { role: 'admin' });
    const scene = await makeHiringScene(get().ctx, {
      organisationId: org.organisationId,
      candidateName: hostile,
    });
    const member = await makeMember(get().ctx, { role: 'manager', organisationId: org.organisationId });
    const m = await enqueueTestMessage(get().ctx, {
      organisationId: org.organisationId,
      template: 'scorecard_reminder',
      applicationId: scene.applicationId,
      to: { kind: 'member', userId: member.userId },
    });
    const message = (await read(org, m.id)).json();
    expect(message.subject).toBe(
      'Scorecard needed: Sam <img src=x onerror=alert(1)> {{ organisation.name }} *x* [y](http://evil) Bcc: e@evil.test for AV Technician — Main House',
    );
    expect(message.html).not.toContain('<img src=x');
    expect(message.html).not.toContain('href="http://evil"');
    expect(message.html).toContain(
      '&lt;img src=x onerror=alert(1)&gt; {{ organisation.name }} *x* [y](http://evil)',
    );
    expect(message.text).toContain('{{ organisation.name }}');
    expect(message.recipient).toMatchObject({ kind: 'member', userId: member.userId });
    expect(message.replyTo).toBeNull();
  });

  it('needs an unsubscribe address for talent-network emails and carries it', async () => {
    const scene = await makeHiringScene(get().ctx, { organisationId: admin.organisationId });
    await expect(
      enqueueTestMessage(get().ctx, {
        organisationId: admin.organisationId,
        template: 'talent_network_invitation',
        applicationId: scene.applicationId,
      }),
    ).rejects.toThrow(/unsubscribeUrl/);
    const m = await enqueueTestMessage(get().ctx, {
      organisationId: admin.organisationId,
      template: 'talent_network_invitation',
      applicationId: scene.applicationId,
      unsubscribeUrl: 'https://hiring.example.co.uk/portal/unsubscribe/abc',
    });
    const message = (await read(admin, m.id)).json();
    expect(message.listUnsubscribe).toBe('https://hiring.example.co.uk/portal/unsubscribe/abc');
    expect(message.text).toContain('Unsubscribe: https://hiring.example.co.uk/portal/unsubscribe/abc');
  });

  it('writes the invitation email in the transaction that creates a member invitation', async () => {
    const org = await makeMember(get().ctx, { role: 'admin', name: 'Priya Shah' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { cookie: org.cookie },
      payload: { email: 'new.tech@example.test', role: 'interviewer' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { link } = res.json();
    const list = (
      await app.inject({
        url: '/api/v1/messages?templateKey=organisation_invitation',
        headers: { cookie: org.cookie },
      })
    ).json();
    expect(list.data).toHaveLength(1);
    const message = (await read(org, list.data[0].id)).json();
    expect(message).toMatchObject({
      status: 'held',
      recipient: { kind: 'email', email: 'new.tech@example.test' },
      replyTo: { name: 'Priya Shah', email: org.email },
    });
    expect(message.subject).toMatch(/^Priya Shah invited you to join .* on Followspot$/);
    // The stored email holds a marker, never the admin's link nor a link of its own.
    expect(message.text).toContain(
      `Accept the invitation (${sealedInvitationUrl(get().ctx.config.publicUrl)})`,
    );
    expect(JSON.stringify(message)).not.toContain(link.split('/invite/')[1]);
    expect(JSON.stringify(message)).not.toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
    expect(message.text).toContain('as an interviewer');
    expect(message.sendAfter <= new Date().toISOString()).toBe(true);

    // Sent, the email carries a link minted for it, which works; the admin's copy still works too.
    const smtp = await startTestSmtpServer();
    try {
      const mails = await deliverOutbox(get().ctx, smtp);
      const mail = mails.find((m) => m.subject === message.subject);
      const [emailed] = mail ? linksIn(mail) : [];
      expect(emailed).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
      expect(emailed).not.toBe(link);
      for (const l of [emailed ?? '', link]) {
        const token = l.split('/invite/')[1];
        expect((await app.inject({ url: `/api/v1/invitations/by-token/${token}` })).statusCode).toBe(200);
      }
    } finally {
      await smtp.close();
    }
  });

  it('refuses variables that do not match the template', async () => {
    const scene = await makeHiringScene(get().ctx, { organisationId: admin.organisationId });
    await expect(
      enqueueTestMessage(get().ctx, {
        organisationId: admin.organisationId,
        template: 'holding_update',
        applicationId: scene.applicationId,
        variables: { update: { newDate: '1 December 2026' } } as never,
      }),
    ).rejects.toThrow('variables.update.reason must be text');
  });
});

describe('sending windows', () => {
  let clock = new Date('2026-11-27T18:00:00.000Z');
  describeEachDatabase(
    'candidate emails wait for working hours',
    (get) => {
      const enqueueAt = async (
        at: string,
        region: 'england-and-wales' | 'scotland',
        send?: 'now' | 'tomorrow_morning',
        workingHours?: { start: string; end: string },
      ) => {
        clock = new Date(at);
        const scene = await makeHiringScene(get().ctx, { region, ...(workingHours && { workingHours }) });
        return enqueueTestMessage(get().ctx, {
          organisationId: scene.organisationId,
          template: 'not_progressing',
          applicationId: scene.applicationId,
          ...(send && { send }),
        });
      };

      it('sends inside the window at once, and before it opens at 09:00 local', async () => {
        expect((await enqueueAt('2026-11-26T11:00:00.000Z', 'england-and-wales')).sendAfter).toBe(
          '2026-11-26T11:00:00.000Z',
        );
        expect((await enqueueAt('2026-11-26T07:30:00.000Z', 'england-and-wales')).sendAfter).toBe(
          '2026-11-26T09:00:00.000Z',
        );
        // British Summer Time: 09:00 in London is 08:00 UTC.
        expect((await enqueueAt('2026-07-01T06:00:00.000Z', 'england-and-wales')).sendAfter).toBe(
          '2026-07-01T08:00:00.000Z',
        );
      });

      it("keeps to the venue's own working hours", async () => {
        const hours = { start: '10:30', end: '16:00' };
        // Thursday 26 November 2026, 09:45 in London: inside the default window, before this venue's.
        expect(
          (await enqueueAt('2026-11-26T09:45:00.000Z', 'england-and-wales', undefined, hours)).sendAfter,
        ).toBe('2026-11-26T10:30:00.000Z');
        // 16:15 is after this venue closes: the next working morning at 10:30.
        expect(
          (await enqueueAt('2026-11-26T16:15:00.000Z', 'england-and-wales', undefined, hours)).sendAfter,
        ).toBe('2026-11-27T10:30:00.000Z');
      });

      it("waits over the weekend and the nation's bank holidays (St Andrew's Day in Scotland)", async () => {
        // Friday 27 November 2026, 18:00: after 17:30.
        expect((await enqueueAt('2026-11-27T18:00:00.000Z', 'england-and-wales')).sendAfter).toBe(
          '2026-11-30T09:00:00.000Z',
        );
        expect((await enqueueAt('2026-11-27T18:00:00.000Z', 'scotland')).sendAfter).toBe(
          '2026-12-01T09:00:00.000Z',
        );
      });

      it('sends at once when the sender chooses now, and next working morning when asked', async () => {
        expect((await enqueueAt('2026-11-28T22:00:00.000Z', 'england-and-wales', 'now')).sendAfter).toBe(
          '2026-11-28T22:00:00.000Z',
        );
        expect(
          (await enqueueAt('2026-11-26T10:00:00.000Z', 'england-and-wales', 'tomorrow_morning')).sendAfter,
        ).toBe('2026-11-27T09:00:00.000Z');
      });

      it('sends member emails at once', async () => {
        clock = new Date('2026-11-28T22:00:00.000Z');
        const scene = await makeHiringScene(get().ctx);
        const m = await enqueueTestMessage(get().ctx, {
          organisationId: scene.organisationId,
          template: 'decision_reminder',
          applicationId: scene.applicationId,
          to: { kind: 'member', userId: scene.manager.userId },
        });
        expect(m.sendAfter).toBe('2026-11-28T22:00:00.000Z');
      });
    },
    { now: () => clock },
  );
});
