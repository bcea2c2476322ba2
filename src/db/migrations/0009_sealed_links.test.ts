// The upgrade that seals links: emails stored before it held working personal and invitation links.
// It must leave none readable, revoke what was exposed, tell the admins, and still deliver unsent
// emails with freshly minted links.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { enqueueTestMessage, makeHiringScene } from '../../../test/support/factories/messages.ts';
import { makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import {
  deliverOutbox,
  linksIn,
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../../test/support/smtp.ts';
import type { AppContext } from '../../app-context.ts';
import { invitationLinkMarker, personalLinkMarker } from '../../features/messages/sealed-links.ts';
import type { ApiApp } from '../../http/types.ts';
import { issueCandidateLink } from '../../portal/links.ts';
import * as m0009 from './0009_sealed_links.ts';

describeEachDatabase('migration 0009: sealed links', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let smtp: TestSmtpServer;
  let admin: TestMember;
  let oldPersonalLink: string;
  let oldInvitationLink: string;
  let candidateMessageId: string;
  let invitationMessageId: string;

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    smtp = await startTestSmtpServer();
    admin = await makeMember(ctx, { role: 'admin' });
    const scene = await makeHiringScene(ctx, { organisationId: admin.organisationId });
    // Emails as the outbox stored them before: with the working links inside.
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { cookie: admin.cookie },
      payload: { email: 'old.invite@example.test', role: 'admin' },
    });
    oldInvitationLink = invited.json().link;
    oldPersonalLink = await issueCandidateLink(ctx.kysely, ctx, {
      organisationId: admin.organisationId,
      candidateId: scene.candidateId,
    });
    const message = await enqueueTestMessage(ctx, {
      organisationId: admin.organisationId,
      template: 'holding_update',
      applicationId: scene.applicationId,
      variables: { update: { newDate: '9 December 2026', reason: 'One more interview to hold.' } },
      send: 'now',
    });
    candidateMessageId = message.id;
    const invitation = await ctx.kysely
      .selectFrom('message')
      .select('id')
      .where('template_key', '=', 'organisation_invitation')
      .executeTakeFirstOrThrow();
    invitationMessageId = invitation.id;

    await m0009.down(ctx.kysely as unknown as Kysely<unknown>);
    const personalUrl = `${ctx.config.publicUrl}/c/${personalLinkMarker}`;
    const invitationUrl = `${ctx.config.publicUrl}/invite/${invitationLinkMarker}`;
    for (const [id, from, to] of [
      [candidateMessageId, personalUrl, oldPersonalLink],
      [invitationMessageId, invitationUrl, oldInvitationLink],
    ] as const) {
      const row = await ctx.kysely
        .selectFrom('message')
        .select(['html', 'text', 'variables'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await ctx.kysely
        .updateTable('message')
        .set({
          html: row.html.replaceAll(from, to),
          text: row.text.replaceAll(from, to),
          variables: row.variables.replaceAll(from, to),
        })
        .where('id', '=', id)
        .execute();
    }
    const exposed = await ctx.kysely.selectFrom('message').select(['text']).execute();
    expect(exposed.map((r) => r.text).join('\n')).toContain(oldPersonalLink);
    await m0009.up(ctx.kysely as unknown as Kysely<unknown>);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('redacts every stored email to the markers and seals the unsent ones', async () => {
    const rows = await ctx.kysely
      .selectFrom('message')
      .select(['id', 'html', 'text', 'variables', 'sealed_links'])
      .execute();
    const all = rows.map((r) => `${r.html}${r.text}${r.variables}`).join('\n');
    expect(all).not.toContain(oldPersonalLink.split('/c/')[1]);
    expect(all).not.toContain(oldInvitationLink.split('/invite/')[1]);
    const candidate = rows.find((r) => r.id === candidateMessageId);
    expect(candidate?.text).toContain(`/c/${personalLinkMarker}`);
    expect(JSON.parse(candidate?.sealed_links ?? '[]')).toEqual([
      expect.objectContaining({ kind: 'candidate_page' }),
    ]);
    const invitation = rows.find((r) => r.id === invitationMessageId);
    expect(invitation?.text).toContain(`/invite/${invitationLinkMarker}`);
  });

  it('revokes the exposed links and withdraws the exposed invitation, telling the admin', async () => {
    expect((await app.inject({ url: new URL(oldPersonalLink).pathname })).statusCode).toBe(404);
    const preview = await app.inject({
      url: `/api/v1/invitations/by-token/${oldInvitationLink.split('/invite/')[1]}`,
    });
    expect(preview.json()).toMatchObject({ status: 'canceled' });
    const notices = (
      await app.inject({ url: '/api/v1/notifications', headers: { cookie: admin.cookie } })
    ).json();
    expect(notices.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'security',
          body: expect.stringContaining('old.invite@example.test'),
        }),
      ]),
    );
  });

  it('still delivers the unsent candidate email, with a new working link; not the withdrawn invitation', async () => {
    const mails = await deliverOutbox(ctx, smtp);
    const holding = mails.find((m) => m.text?.includes('9 December'));
    const [link] = holding ? linksIn(holding) : [];
    expect(link).toBeDefined();
    expect(link).not.toBe(oldPersonalLink);
    expect((await app.inject({ url: new URL(link ?? '').pathname })).statusCode).toBe(200);
    expect(mails.some((m) => m.subject?.includes('invited you'))).toBe(false);
    const invitation = await ctx.kysely
      .selectFrom('message')
      .select(['status', 'last_error'])
      .where('id', '=', invitationMessageId)
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ status: 'failed', last_error: expect.stringContaining('cancelled') });
  });
});
