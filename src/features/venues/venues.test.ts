import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { makeApiKey, makeMember, type TestMember } from '../../../test/support/factories/organisations.ts';
import { makeVenue } from '../../../test/support/factories/venues.ts';
import type { ApiApp } from '../../http/types.ts';

describeEachDatabase('venues API', (get) => {
  let app: ApiApp;
  let admin: TestMember;
  beforeAll(async () => {
    app = await buildTestApp(get().ctx);
    admin = await makeMember(get().ctx, { role: 'admin' });
  });
  afterAll(async () => app.close());

  it('creates, reads, updates and lists a venue', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: { cookie: admin.cookie },
      payload: {
        name: 'Usher Hall',
        region: 'scotland',
        timezone: 'Europe/London',
        city: 'Edinburgh',
        postcode: 'EH1 2EA',
      },
    });
    expect(created.statusCode).toBe(201);
    const venue = created.json();
    expect(venue).toMatchObject({
      name: 'Usher Hall',
      region: 'scotland',
      city: 'Edinburgh',
      archived: false,
    });

    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/venues/${venue.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(read.json().postcode).toBe('EH1 2EA');

    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { cookie: admin.cookie },
      payload: { name: 'The Usher Hall' },
    });
    expect(updated.json().name).toBe('The Usher Hall');
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { cookie: admin.cookie },
      payload: { timezone: 'Europe/Dublin' },
    });
    expect(moved.json().timezone).toBe('Europe/Dublin');
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { cookie: admin.cookie },
      payload: { city: 'Edinburgh City' },
    });
    // A partial update leaves the fields it does not name as they were.
    expect(renamed.json()).toMatchObject({
      city: 'Edinburgh City',
      timezone: 'Europe/Dublin',
      name: 'The Usher Hall',
    });

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/venues?q=usher',
      headers: { cookie: admin.cookie },
    });
    expect(list.json().data.map((v: { id: string }) => v.id)).toEqual([venue.id]);
  });

  it('keeps working hours for candidate emails, and refuses hours that end before they start', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: { cookie: admin.cookie },
      payload: { name: 'Studio', region: 'northern-ireland', workingHours: { start: '08:30', end: '16:00' } },
    });
    expect(created.json().workingHours).toEqual({ start: '08:30', end: '16:00' });
    const cleared = await app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${created.json().id}`,
      headers: { cookie: admin.cookie },
      payload: { workingHours: null },
    });
    expect(cleared.json().workingHours).toBeNull();
    const backwards = await app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: { cookie: admin.cookie },
      payload: { name: 'Late', region: 'scotland', workingHours: { start: '17:00', end: '09:00' } },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.issues[0].field).toBe('workingHours.end');
  });

  it('names the field when the input is invalid', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: { cookie: admin.cookie },
      payload: { name: 'Somewhere', region: 'wales', timezone: 'Mars/Olympus' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('region');
    expect(body.error.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['region', 'timezone']),
    );
  });

  it('pages with a cursor', async () => {
    const member = await makeMember(get().ctx, { role: 'manager' });
    for (const name of ['A', 'B', 'C'])
      await makeVenue(get().ctx, { organisationId: member.organisationId, name });
    const first = (
      await app.inject({ url: '/api/v1/venues?limit=2', headers: { cookie: member.cookie } })
    ).json();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await app.inject({
        url: `/api/v1/venues?limit=2&cursor=${first.nextCursor}`,
        headers: { cookie: member.cookie },
      })
    ).json();
    expect(second.data.map((v: { name: string }) => v.name)).toEqual(['A']);
    expect(second.nextCursor).toBeNull();
  });

  it("answers 404 for another organisation's venue on read, update and delete", async () => {
    const foreign = await makeVenue(get().ctx);
    const headers = { cookie: admin.cookie };
    for (const [method, payload] of [['GET'], ['PATCH', { name: 'Taken over' }], ['DELETE']] as const) {
      const res = await app.inject({
        method,
        url: `/api/v1/venues/${foreign.id}`,
        headers,
        ...(payload && { payload }),
      });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const list = (await app.inject({ url: '/api/v1/venues', headers })).json();
    expect(list.data.map((v: { id: string }) => v.id)).not.toContain(foreign.id);
  });

  it('lets only admins change venues, and reads with an API key', async () => {
    const interviewer = await makeMember(get().ctx, {
      role: 'interviewer',
      organisationId: admin.organisationId,
    });
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: { cookie: interviewer.cookie },
      payload: { name: 'X', region: 'scotland' },
    });
    expect(denied.statusCode).toBe(403);
    const key = await makeApiKey(get().ctx, { organisationId: admin.organisationId });
    const listed = await app.inject({ url: '/api/v1/venues', headers: key.headers });
    expect(listed.statusCode).toBe(200);
    const anonymous = await app.inject({ url: '/api/v1/venues' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
  });
});
