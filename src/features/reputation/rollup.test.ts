// The rollup kept by the write paths equals the rollup rebuilt from the facts, after every write of a
// randomised sequence (each write also moves it); erasure leaves it unchanged; the recount job
// brings it back in line after a change of closure days.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertTestMemberUser,
  insertTestRole,
  makeApplication,
} from '../../../test/support/factories/applications.ts';
import { makeOrganisation } from '../../../test/support/factories/organisations.ts';
import { makeVenue } from '../../../test/support/factories/venues.ts';
import type { AppContext } from '../../app-context.ts';
import { newId } from '../../ids.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { insertSurveyResponse } from '../../portal/portal.repository.ts';
import { setDecidedAt } from '../applications/applications.repository.ts';
import { markTold, setOutcome } from '../closure/closure.repository.ts';
import { insertSlipRecord, saveClockSettings } from '../decision-clock/decision-clock.repository.ts';
import { insertInterview, replaceInterviewers } from '../interviews/interviews.repository.ts';
import { openProfile } from '../network/network.repository.ts';
import { scrubCandidate } from '../privacy/privacy.repository.ts';
import { updateRole } from '../roles/roles.repository.ts';
import { claimSurveyRequest } from './reputation.repository.ts';
import { rebuildOrganisation, recountStaleRoles } from './rollup.repository.ts';
import { recountStaleRollups, rollupJob, startRollupRebuild } from './rollup-job.ts';

/** A small seeded generator, so a failure replays. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every non-zero rollup row of the organisation, in key order, as plain text. */
async function snapshot(ctx: AppContext, organisationId: string): Promise<string[]> {
  const db = ctx.kysely;
  // What a dashboard read sees: the roles marked by writes are recounted first.
  await recountStaleRoles(db, organisationId);
  const [months, days, people] = await Promise.all([
    db.selectFrom('reputation_month').selectAll().where('organisation_id', '=', organisationId).execute(),
    db
      .selectFrom('reputation_month_days')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .execute(),
    db
      .selectFrom('reputation_month_interviewer')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .execute(),
  ]);
  const line = (prefix: string, r: Record<string, unknown>, keys: string[], values: string[]) => {
    const nums = values.map((k) => Number(r[k]));
    if (nums.every((n) => n === 0)) return [];
    return [`${prefix} ${keys.map((k) => r[k] ?? '').join('|')} ${nums.join(',')}`];
  };
  const countKeys = Object.keys(months[0] ?? {}).filter(
    (k) => !['organisation_id', 'scope', 'month', 'venue_id', 'hiring_manager_id'].includes(k),
  );
  return [
    ...months.flatMap((r) => line('m', r, ['scope', 'month'], countKeys.sort())),
    ...days.flatMap((r) => line('d', r, ['scope', 'month', 'days'], ['n'])),
    ...people.flatMap((r) =>
      line('i', r, ['scope', 'month', 'interviewer_id'], ['due', 'submitted', 'on_time']),
    ),
  ].sort();
}

describeEachDatabase('reputation rollup', (get) => {
  let ctx: AppContext;
  let organisationId: string;
  let venues: string[];
  let roles: string[];
  let interviewers: string[];
  const apps: { id: string; candidateId: string }[] = [];

  beforeAll(async () => {
    ctx = get().ctx;
    organisationId = (await makeOrganisation(ctx)).id;
    venues = [
      (await makeVenue(ctx, { organisationId, name: 'Main House' })).id,
      (await makeVenue(ctx, { organisationId, name: 'Studio' })).id,
    ];
    const managers = [
      (await insertTestMemberUser(ctx, { organisationId, role: 'manager' })).userId,
      (await insertTestMemberUser(ctx, { organisationId, role: 'manager' })).userId,
    ];
    interviewers = managers;
    roles = [];
    for (let i = 0; i < 3; i++) {
      const role = (await insertTestRole(ctx, { organisationId, venueId: venues[i % 2]! })).id;
      await updateRole(ctx.kysely, organisationId, role, { hiringManagerId: managers[i % 2]! }, new Date());
      roles.push(role);
    }
    for (let i = 0; i < 12; i++) {
      const a = await makeApplication(ctx, {
        organisationId,
        roleId: roles[i % 3]!,
        stage: 'not_progressing',
      });
      apps.push({ id: a.id, candidateId: a.candidateId });
    }
    await rebuildOrganisation(ctx.kysely, organisationId);
  });

  it('moves with every write and always equals the rollup rebuilt from the facts', async () => {
    const rnd = random(14);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const day = () => new Date(Date.UTC(2026, Math.floor(rnd() * 4), 1 + Math.floor(rnd() * 27), 10));
    const db = ctx.kysely;
    let slips = 0;
    const writes: Record<string, (a: { id: string; candidateId: string }) => Promise<unknown>> = {
      decision: (a) => setOutcome(db, organisationId, a.id, 'not_progressing', day()),
      decided: (a) => setDecidedAt(db, organisationId, a.id, day()),
      told: (a) => {
        const at = day();
        return markTold(db, organisationId, a.id, { at, via: 'email', note: null }, at);
      },
      holdingUpdate: (a) => {
        slips += 1;
        return insertSlipRecord(
          db,
          organisationId,
          {
            id: newId(),
            applicationId: a.id,
            number: slips,
            fromDueDate: '2026-02-09',
            toDueDate: '2026-02-12',
            automatic: false,
            reason: null,
            messageId: null,
            createdBy: null,
          },
          day(),
        );
      },
      asked: (a) => claimSurveyRequest(db, organisationId, a.id, 'sent', day()),
      answer: (a) =>
        insertSurveyResponse(
          db,
          organisationId,
          a.id,
          {
            recommend: Math.floor(rnd() * 11),
            toldWhenPromised: 1 + Math.floor(rnd() * 5),
            feedbackUseful: 1 + Math.floor(rnd() * 5),
            treatedWithRespect: 1 + Math.floor(rnd() * 5),
            comment: null,
          },
          day(),
        ),
      interview: async (a) => {
        const id = newId();
        const ends = day();
        await insertInterview(
          db,
          organisationId,
          id,
          {
            applicationId: a.id,
            kind: 'in_person',
            startsAt: new Date(ends.getTime() - 3_600_000).toISOString(),
            endsAt: ends.toISOString(),
          },
          ends,
        );
        await replaceInterviewers(db, organisationId, id, [pick(interviewers)]);
      },
      networkJoin: (a) =>
        openProfile(
          db,
          organisationId,
          a.candidateId,
          { version: 'v1', expiresAt: '2028-01-01T00:00:00.000Z', rejoined: false },
          day(),
        ),
      roleMoves: () =>
        updateRole(
          db,
          organisationId,
          pick(roles),
          { venueId: pick(venues) },
          new Date('2026-05-01T00:00:00Z'),
        ),
    };
    const kinds = Object.keys(writes);
    const moved = new Set<string>();
    for (let step = 0; step < 24; step++) {
      // Every kind once first, then at random.
      const kind = step < kinds.length ? kinds[step]! : pick(kinds);
      const before = await snapshot(ctx, organisationId);
      await writes[kind]!(pick(apps));
      const kept = await snapshot(ctx, organisationId);
      if (kept.join('\n') !== before.join('\n')) moved.add(kind);
      await rebuildOrganisation(db, organisationId);
      expect(kept, `after ${kind} (step ${step})`).toEqual(await snapshot(ctx, organisationId));
    }
    // Every kind of write moved the rollup at least once (a first survey answer, a first join …).
    expect([...moved].sort()).toEqual([...kinds].sort());
  });

  it('is unchanged by the erasure of a candidate, and a rebuild after it agrees', async () => {
    const a = apps[0]!;
    await markTold(
      ctx.kysely,
      organisationId,
      a.id,
      {
        at: new Date('2026-02-10T10:00:00Z'),
        via: 'email',
        note: null,
      },
      new Date('2026-02-10T10:00:00Z'),
    );
    await rebuildOrganisation(ctx.kysely, organisationId);
    const before = await snapshot(ctx, organisationId);
    await ctx.kysely
      .transaction()
      .execute((tx) =>
        scrubCandidate(tx, organisationId, a.candidateId, [], new Date('2026-06-01T00:00:00Z')),
      );
    expect(await snapshot(ctx, organisationId)).toEqual(before);
    await rebuildOrganisation(ctx.kysely, organisationId);
    expect(await snapshot(ctx, organisationId)).toEqual(before);
  });

  it('recounts the organisation by a job after a change of closure days', async () => {
    for (const a of apps.slice(0, 4)) {
      await ctx.kysely
        .updateTable('application')
        .set({
          outcome: 'not_progressing',
          decided_at: '2026-03-04T09:00:00.000Z',
          last_interview_ended_at: '2026-03-02T16:00:00.000Z',
          told_at: '2026-03-06T10:00:00.000Z',
        })
        .where('id', '=', a.id)
        .execute();
    }
    await rebuildOrganisation(ctx.kysely, organisationId);
    const before = await snapshot(ctx, organisationId);
    const runner = createJobRunner({ ctx, handlers: [rollupJob], leaseMs: 5_000 });
    await ctx.kysely.transaction().execute(async (tx) => {
      const settings = { workingDays: 5, automaticHoldingUpdates: false };
      await saveClockSettings(
        tx,
        organisationId,
        settings,
        [{ date: '2026-03-04', label: 'Get-in' }],
        null,
        new Date(),
      );
      await startRollupRebuild(tx, organisationId, 'closure_days', 'system', new Date());
    });
    expect(await snapshot(ctx, organisationId)).toEqual(before);
    expect((await runner.runOnce()).outcome).toBe('succeeded');
    const after = await snapshot(ctx, organisationId);
    expect(after).not.toEqual(before);
    await rebuildOrganisation(ctx.kysely, organisationId);
    expect(after).toEqual(await snapshot(ctx, organisationId));
  });

  it('marks a role once however many of its applications change, and recounts it at the next read', async () => {
    await rebuildOrganisation(ctx.kysely, organisationId);
    const mine = apps.filter((_, i) => i % 3 === 0);
    for (const a of mine)
      await setDecidedAt(ctx.kysely, organisationId, a.id, new Date('2026-04-02T10:00:00Z'));
    const marks = await ctx.kysely
      .selectFrom('reputation_stale_role')
      .select(['role_id'])
      .where('organisation_id', '=', organisationId)
      .execute();
    expect(marks).toEqual([{ role_id: roles[0] }]);
    expect(await recountStaleRoles(ctx.kysely, organisationId)).toBe(1);
    expect(await recountStaleRoles(ctx.kysely, organisationId)).toBe(0);
    const kept = await snapshot(ctx, organisationId);
    await rebuildOrganisation(ctx.kysely, organisationId);
    expect(kept).toEqual(await snapshot(ctx, organisationId));
  });

  it("is recounted by the worker between reads, every organisation's marked roles", async () => {
    await rebuildOrganisation(ctx.kysely, organisationId);
    const other = (await makeOrganisation(ctx)).id;
    const otherRole = (await insertTestRole(ctx, { organisationId: other })).id;
    const otherApp = await makeApplication(ctx, {
      organisationId: other,
      roleId: otherRole,
      stage: 'not_progressing',
    });
    await setDecidedAt(ctx.kysely, organisationId, apps[1]!.id, new Date('2026-05-04T10:00:00Z'));
    await setDecidedAt(ctx.kysely, other, otherApp.id, new Date('2026-05-04T10:00:00Z'));
    const errors: object[] = [];
    expect(await recountStaleRollups(ctx.kysely, { error: (o) => errors.push(o) })).toBe(2);
    expect(errors).toEqual([]);
    expect(await ctx.kysely.selectFrom('reputation_stale_role').select('role_id').execute()).toEqual([]);
    // Recounted, not just unmarked: the rows equal a rebuild from the facts.
    const kept = await snapshot(ctx, organisationId);
    await rebuildOrganisation(ctx.kysely, organisationId);
    expect(kept).toEqual(await snapshot(ctx, organisationId));
    const mays = await ctx.kysely
      .selectFrom('reputation_month')
      .select(['decided'])
      .where('organisation_id', '=', other)
      .where('scope', '=', 'org')
      .where('month', '=', '2026-05')
      .execute();
    expect(mays).toEqual([{ decided: 1 }]);
    expect(await recountStaleRollups(ctx.kysely, { error: (o) => errors.push(o) })).toBe(0);
  });
});
