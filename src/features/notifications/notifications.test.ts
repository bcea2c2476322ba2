import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import type { ApiApp } from '../../http/types.ts';
import { insertNotification } from './notifications.repository.ts';

let clock = new Date('2026-12-01T09:00:00Z');

describeEachDatabase(
  'notifications API',
  (get) => {
    let app: ApiApp;
    let manager: TestMember;
    let colleague: TestMember;
    beforeAll(async () => {
      app = await buildTestApp(get().ctx);
      manager = await makeMember(get().ctx, { role: 'manager' });
      colleague = await makeMember(get().ctx, { role: 'manager', organisationId: manager.organisationId });
    });
    afterAll(async () => app.close());

    const as = (member: TestMember) => ({ cookie: member.cookie });

    async function notify(member: TestMember, title: string, minute: number) {
      clock = new Date(Date.UTC(2026, 11, 1, 9, minute));
      await insertNotification(
        get().ctx.kysely,
        {
          organisationId: member.organisationId,
          userId: member.userId,
          kind: 'decision_reminder',
          title,
          body: `${title} body`,
          linkPath: '/applications/x',
          dedupeKey: `test:${member.userId}:${title}`,
        },
        clock,
      );
    }

    it('lists mine unread first, newest first within each, pages, and marks read', async () => {
      for (const [i, title] of ['one', 'two', 'three', 'four', 'five'].entries())
        await notify(manager, title, i);
      await notify(colleague, 'theirs', 10);
      // Writing the same dedupe key again writes nothing.
      await notify(manager, 'five', 11);

      const list = async (query = '') => {
        const response = await app.inject({ url: `/api/v1/notifications${query}`, headers: as(manager) });
        expect(response.statusCode).toBe(200);
        return response.json();
      };
      const titles = (page: { data: { title: string }[] }) => page.data.map((n) => n.title);
      expect(titles(await list())).toEqual(['five', 'four', 'three', 'two', 'one']);

      clock = new Date('2026-12-01T12:00:00Z');
      const ids = Object.fromEntries(
        (await list()).data.map((n: { id: string; title: string }) => [n.title, n.id]),
      );
      for (const title of ['four', 'one']) {
        const read = await app.inject({
          method: 'POST',
          url: `/api/v1/notifications/${ids[title]}/read`,
          headers: as(manager),
        });
        expect(read.json()).toMatchObject({ title, read: true, readAt: '2026-12-01T12:00:00.000Z' });
      }
      // Reading again keeps the first read time.
      clock = new Date('2026-12-01T13:00:00Z');
      const again = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${ids.four}/read`,
        headers: as(manager),
      });
      expect(again.json().readAt).toBe('2026-12-01T12:00:00.000Z');

      const all = await list();
      expect(titles(all)).toEqual(['five', 'three', 'two', 'four', 'one']);
      expect(all.unreadCount).toBe(3);
      expect(titles(await list('?unread=true'))).toEqual(['five', 'three', 'two']);
      expect(titles(await list('?unread=false'))).toEqual(['four', 'one']);

      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        paged.push(...titles(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(['five', 'three', 'two', 'four', 'one']);

      const bad = await app.inject({ url: '/api/v1/notifications?cursor=zzz', headers: as(manager) });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('cursor');

      // Someone else's notification is not found, and untouched.
      const theirs = (await app.inject({ url: '/api/v1/notifications', headers: as(colleague) })).json()
        .data[0];
      const notMine = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${theirs.id}/read`,
        headers: as(manager),
      });
      expect(notMine.statusCode).toBe(404);

      // Marked unread again, it is back among the unread, and reading it again stamps a new time.
      const unread = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${ids.four}/unread`,
        headers: as(manager),
      });
      expect(unread.json()).toMatchObject({ title: 'four', read: false, readAt: null });
      expect(titles(await list('?unread=true'))).toEqual(['five', 'four', 'three', 'two']);
      const notMineUnread = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${theirs.id}/unread`,
        headers: as(manager),
      });
      expect(notMineUnread.statusCode).toBe(404);
      const reread = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${ids.four}/read`,
        headers: as(manager),
      });
      expect(reread.json().readAt).toBe('2026-12-01T13:00:00.000Z');

      const readAll = await app.inject({
        method: 'POST',
        url: '/api/v1/notifications/read-all',
        headers: as(manager),
      });
      expect(readAll.json()).toEqual({ marked: 3 });
      expect((await list()).unreadCount).toBe(0);
      const colleagues = await app.inject({ url: '/api/v1/notifications', headers: as(colleague) });
      expect(colleagues.json()).toMatchObject({ unreadCount: 1, data: [{ title: 'theirs', read: false }] });
    });

    it('belongs to members, not API keys', async () => {
      const key = await makeApiKey(get().ctx, { organisationId: manager.organisationId });
      const response = await app.inject({ url: '/api/v1/notifications', headers: key.headers });
      expect(response.statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/notifications' })).statusCode).toBe(401);
    });
  },
  { now: () => clock },
);
