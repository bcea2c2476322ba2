// After every kind of email has been sent, only the recipients' inboxes hold a working link: nothing
// the API answers and nothing stored in the database lets anyone else act as a candidate or accept
// an invitation.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.ts';
import type { ApiApp } from '../../src/http/types.ts';
import { type TemplateKey, templateKeys, templates } from '../../src/mail/catalogue.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/database.ts';
import { enqueueTestMessage } from '../support/factories/messages.ts';
import { deliverOutbox, linksIn, startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { loadOperations, validRequest } from './operations.ts';
import { collectionOf, makeWorld, type World } from './world.ts';

const tokenShaped = /[A-Za-z0-9_-]{43}/g;

describeEachDatabase('secrets after every kind of email', (get) => {
  let ctx: AppContext;
  let app: ApiApp;
  let smtp: TestSmtpServer;
  let world: World;
  let sentLinks: string[];

  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    smtp = await startTestSmtpServer();
    world = await makeWorld(ctx, app);
    // The invitation email comes from the real flow (the world made one); every other kind is written
    // with its template's sample variables, to the recipient its audience names.
    const kinds = templateKeys.filter((k) => k !== 'organisation_invitation');
    for (const template of kinds as TemplateKey[]) {
      const audience = templates[template].audience;
      await enqueueTestMessage(ctx, {
        organisationId: world.organisationId,
        template,
        ...(templates[template].aboutApplication && { applicationId: world.ids.applications }),
        to:
          audience === 'candidate'
            ? { kind: 'candidate', candidateId: world.ids.candidates! }
            : { kind: 'member', userId: world.manager.userId },
        ...(templates[template].listUnsubscribe && {
          unsubscribeUrl: `${ctx.config.publicUrl}/network/unsubscribe-sample`,
        }),
        send: 'now',
      });
    }
    const mails = await deliverOutbox(ctx, smtp);
    expect(mails.length).toBeGreaterThanOrEqual(templateKeys.length);
    sentLinks = mails.flatMap(linksIn);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const works = async (link: string): Promise<boolean> => {
    const token = link.split('/').pop() ?? '';
    if (link.includes('/invite/')) {
      return (await app.inject({ url: `/api/v1/invitations/by-token/${token}` })).statusCode === 200;
    }
    return (await app.inject({ url: `/c/${token}` })).statusCode === 200;
  };

  /** Whether a token-shaped string found somewhere opens a candidate's page or an invitation. */
  const opensSomething = async (token: string): Promise<boolean> =>
    (await app.inject({ url: `/c/${token}` })).statusCode === 200 ||
    (await app.inject({ url: `/api/v1/invitations/by-token/${token}` })).statusCode === 200;

  it('gives every recipient a working link in the email itself', async () => {
    const candidateEmails = templateKeys.filter((k) => templates[k].audience === 'candidate').length;
    expect(sentLinks.filter((l) => l.includes('/c/')).length).toBeGreaterThanOrEqual(candidateEmails);
    expect(sentLinks.some((l) => l.includes('/invite/'))).toBe(true);
    for (const link of sentLinks) expect(await works(link), link).toBe(true);
  });

  it('answers no API read with a working link', async () => {
    const operations = (await loadOperations(app)).filter((o) => o.method === 'GET');
    const seen: string[] = [];
    for (const operation of operations) {
      const request = validRequest(
        operation,
        (p) =>
          p === 'key'
            ? 'offer'
            : p === 'token'
              ? 'x'.repeat(43)
              : (world.ids[collectionOf(operation.path) ?? ''] ?? ''),
        () => undefined,
      );
      for (const headers of [{ cookie: world.admin.cookie }, world.apiKey.headers]) {
        const res = await app.inject({ url: request.url, headers });
        seen.push(res.body);
      }
    }
    // Every message in full, too.
    const list = (
      await app.inject({ url: '/api/v1/messages?limit=100', headers: { cookie: world.admin.cookie } })
    ).json();
    for (const m of list.data) {
      seen.push(
        (await app.inject({ url: `/api/v1/messages/${m.id}`, headers: { cookie: world.admin.cookie } })).body,
      );
    }
    const everything = seen.join('\n');
    for (const link of sentLinks) expect(everything).not.toContain(link.split('/').pop());
    for (const token of new Set(everything.match(tokenShaped) ?? [])) {
      expect(await opensSomething(token), token).toBe(false);
    }
  });

  it('stores no working link in any table', async () => {
    const tables =
      ctx.db.dialect === 'postgres'
        ? (
            await sql<{
              name: string;
            }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
              ctx.kysely,
            )
          ).rows
        : (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
              ctx.kysely,
            )
          ).rows;
    const dumps: string[] = [];
    for (const { name } of tables) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
        ctx.kysely,
      );
      dumps.push(JSON.stringify(rows));
    }
    const everything = dumps.join('\n');
    for (const link of sentLinks) expect(everything).not.toContain(link.split('/').pop());
    for (const token of new Set(everything.match(tokenShaped) ?? [])) {
      expect(await opensSomething(token), token).toBe(false);
    }
  });
});
