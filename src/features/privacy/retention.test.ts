import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/database.ts';
import {
  insertAssessmentApplication,
  insertAssessmentRole,
} from '../../../test/support/factories/assessment.ts';
import { makeTeam, type Team } from '../../../test/support/factories/decision-clock.ts';
import { enqueueTestMessage } from '../../../test/support/factories/messages.ts';
import type { AppContext } from '../../app-context.ts';
import type { ApiApp } from '../../http/types.ts';
import { newId } from '../../ids.ts';
import { runDecisionClockSweep } from '../../jobs/decision-clock-sweep.ts';
import { joinNetwork } from '../network/network.service.ts';
import { applyRetention } from './retention-sweep.ts';

const dayMs = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * dayMs).toISOString();
const log = { error() {} };

describeEachDatabase('retention', (get, dialect) => {
  let app: ApiApp;
  let team: Team;
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = get().ctx;
    app = await buildTestApp(ctx);
    team = await makeTeam(ctx, 'Retention');
  });
  afterAll(async () => app.close());

  async function candidate(name: string, closedDaysAgo: number | 'open') {
    const role = await insertAssessmentRole(ctx, { organisationId: team.organisationId });
    const application = await insertAssessmentApplication(ctx, {
      organisationId: team.organisationId,
      roleId: role.id,
      candidateName: name,
    });
    await ctx.kysely
      .updateTable('candidate')
      .set({ created_at: daysAgo(900) })
      .where('id', '=', application.candidateId)
      .execute();
    if (closedDaysAgo !== 'open') {
      await ctx.kysely
        .updateTable('application')
        .set({ stage: 'closed', outcome: 'not_progressing', stage_changed_at: daysAgo(closedDaysAgo) })
        .where('id', '=', application.id)
        .execute();
    }
    return application;
  }
  const stateOf = async (candidateId: string) =>
    ctx.kysely
      .selectFrom('candidate')
      .select(['name', 'anonymised_at'])
      .where('id', '=', candidateId)
      .executeTakeFirstOrThrow();
  const admin = () => ({ cookie: team.admin.cookie });

  it('has a default policy an admin can change, audited; managers cannot', async () => {
    const read = await app.inject({ url: '/api/v1/privacy/settings', headers: admin() });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({
      candidateMonths: 6,
      messageBodyDays: 90,
      networkMembers: 'at_consent_expiry',
      expiredLinks: 'promptly',
    });
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/v1/privacy/settings',
      headers: admin(),
      payload: { candidateMonths: 0 },
    });
    expect(bad.statusCode).toBe(400);
    const byManager = await app.inject({
      method: 'PATCH',
      url: '/api/v1/privacy/settings',
      headers: { cookie: team.manager.cookie },
      payload: { candidateMonths: 12 },
    });
    expect(byManager.statusCode).toBe(403);
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/privacy/settings',
      headers: admin(),
      payload: { messageBodyDays: 60 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ candidateMonths: 6, messageBodyDays: 60 });
    expect((await app.inject({ url: '/api/v1/privacy/settings', headers: admin() })).json()).toMatchObject({
      messageBodyDays: 60,
    });
    const audit = await ctx.kysely
      .selectFrom('audit_event')
      .select('detail')
      .where('organisation_id', '=', team.organisationId)
      .where('action', '=', 'privacy.retention_changed')
      .execute();
    expect(audit).toHaveLength(1);
    // Back to the default for the next test.
    await app.inject({
      method: 'PATCH',
      url: '/api/v1/privacy/settings',
      headers: admin(),
      payload: { messageBodyDays: 90 },
    });
  });

  it('anonymises exactly who is due, once with two sweepers; a legal hold pauses it; bodies and links go', async () => {
    const due = await candidate('Demelza Overdue', 200);
    const recent = await candidate('Jory Recent', 160);
    const held = await candidate('Loveday Held', 400);
    const open = await candidate('Pascoe Stillopen', 'open');
    const member = await candidate('Wenna Member', 400);
    const expired = await candidate('Kensa Expired', 800);
    await ctx.kysely.transaction().execute(async (tx) => {
      await joinNetwork(tx, team.organisationId, member.candidateId, 'candidate_page', new Date());
      // Joined long ago: their consent ended yesterday and they never renewed.
      await joinNetwork(
        tx,
        team.organisationId,
        expired.candidateId,
        'candidate_page',
        new Date(daysAgo(800)),
      );
    });
    await ctx.kysely
      .updateTable('network_profile')
      .set({ consent_expires_at: daysAgo(1) })
      .where('candidate_id', '=', expired.candidateId)
      .execute();
    await ctx.kysely
      .updateTable('talent_network_member')
      .set({ expires_at: daysAgo(1) })
      .where('candidate_id', '=', expired.candidateId)
      .execute();

    // A legal hold: placed by an admin, audited, not twice.
    const hold = await app.inject({
      method: 'PUT',
      url: `/api/v1/candidates/${held.candidateId}/legal-hold`,
      headers: admin(),
      payload: { reason: 'Employment tribunal claim 2401234/2026' },
    });
    expect(hold.statusCode, hold.body).toBe(200);
    expect(hold.json()).toMatchObject({ onHold: true, reason: 'Employment tribunal claim 2401234/2026' });
    const again = await app.inject({
      method: 'PUT',
      url: `/api/v1/candidates/${held.candidateId}/legal-hold`,
      headers: admin(),
      payload: { reason: 'Employment tribunal claim 2401234/2026' },
    });
    expect(again.statusCode).toBe(409);
    // Erasure waits too.
    const erase = await app.inject({
      method: 'DELETE',
      url: `/api/v1/candidates/${held.candidateId}`,
      headers: admin(),
    });
    expect(erase.statusCode).toBe(409);

    // What is due, for admins to export first: due now, and within 60 days.
    const dueNow = await app.inject({ url: '/api/v1/privacy/due?days=0', headers: admin() });
    expect(dueNow.statusCode, dueNow.body).toBe(200);
    const dueNowIds = dueNow.json().data.map((d: { candidate: { id: string } }) => d.candidate.id);
    expect(dueNowIds).toContain(due.candidateId);
    for (const kept of [recent, held, open, member]) expect(dueNowIds).not.toContain(kept.candidateId);
    expect(dueNow.json().onLegalHold).toEqual([
      expect.objectContaining({ candidate: { id: held.candidateId, name: 'Loveday Held' } }),
    ]);
    const dueSoon = (await app.inject({ url: '/api/v1/privacy/due?days=60', headers: admin() })).json();
    const soon = dueSoon.data.find(
      (d: { candidate: { id: string } }) => d.candidate.id === recent.candidateId,
    );
    expect(soon).toMatchObject({ because: 'applications_closed' });
    const expectedDue = new Date(daysAgo(160));
    expectedDue.setUTCMonth(expectedDue.getUTCMonth() + 6);
    expect(Math.abs(new Date(soon.dueAt).getTime() - expectedDue.getTime())).toBeLessThan(2 * dayMs);

    // Email bodies: one sent 100 days ago (past the 90), one 10 days ago.
    const messageIds: string[] = [];
    for (const sentDaysAgo of [100, 10]) {
      const m = await enqueueTestMessage(ctx, {
        organisationId: team.organisationId,
        template: 'experience_survey',
        applicationId: open.id,
        send: 'now',
      });
      await ctx.kysely
        .updateTable('message')
        .set({ status: 'sent', sent_at: daysAgo(sentDaysAgo) })
        .where('id', '=', m.id)
        .execute();
      messageIds.push(m.id);
    }
    // A candidate link that expired yesterday, and one still good.
    for (const [id, expires] of [
      ['link-expired', daysAgo(1)],
      ['link-good', daysAgo(-30)],
    ] as const) {
      await ctx.kysely
        .insertInto('candidate_link')
        .values({
          id: `${id}-${newId()}`,
          organisation_id: team.organisationId,
          candidate_id: open.candidateId,
          token_hash: `${id}-${newId()}`,
          expires_at: expires,
          created_at: daysAgo(60),
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    }

    // A staff session that expired yesterday (the admin's current one stays: it is used below).
    const expiredSession = `session-${newId()}`;
    await sql`insert into "session" ("id", "expiresAt", "token", "createdAt", "updatedAt", "userId") values (${expiredSession}, ${daysAgo(1)}, ${expiredSession}, ${daysAgo(15)}, ${daysAgo(15)}, ${team.admin.userId})`.execute(
      ctx.kysely,
    );

    // Two sweepers at once (on PostgreSQL really in parallel): each candidate is anonymised once.
    const sweepCtx = { ...ctx, now: () => new Date() };
    const [a, b] = await Promise.all([runDecisionClockSweep(sweepCtx), runDecisionClockSweep(sweepCtx)]);
    expect(a.failed + b.failed).toBe(0);
    expect(a.retentionAnonymised + b.retentionAnonymised).toBe(2);
    if (dialect === 'postgres') expect(a.networkExpiries + b.networkExpiries).toBe(1);

    expect((await stateOf(due.candidateId)).name).toBe('Erased candidate');
    expect((await stateOf(expired.candidateId)).name).toBe('Erased candidate');
    for (const [kept, name] of [
      [recent, 'Jory Recent'],
      [held, 'Loveday Held'],
      [open, 'Pascoe Stillopen'],
      [member, 'Wenna Member'],
    ] as const) {
      expect(await stateOf(kept.candidateId)).toEqual({ name, anonymised_at: null });
    }
    const audits = await ctx.kysely
      .selectFrom('audit_event')
      .select(['subject_id', 'detail'])
      .where('organisation_id', '=', team.organisationId)
      .where('action', '=', 'candidate.anonymised')
      .execute();
    expect(audits.map((x) => x.subject_id).sort()).toEqual([due.candidateId, expired.candidateId].sort());
    expect(audits.every((x) => JSON.parse(x.detail ?? '{}').reason === 'retention')).toBe(true);

    const messages = await ctx.kysely
      .selectFrom('message')
      .select(['id', 'text', 'html', 'subject'])
      .where('id', 'in', messageIds)
      .execute();
    const byId = new Map(messages.map((m) => [m.id, m]));
    expect(byId.get(messageIds[0]!)).toMatchObject({ text: '', html: '' });
    expect(byId.get(messageIds[0]!)?.subject).not.toBe('');
    expect(byId.get(messageIds[1]!)?.text).not.toBe('');
    const links = await ctx.kysely
      .selectFrom('candidate_link')
      .select('id')
      .where('candidate_id', '=', open.candidateId)
      .execute();
    expect(links.map((l) => l.id.split('-').slice(0, 2).join('-'))).toEqual(['link-good']);

    const sessions = await sql<{
      id: string;
    }>`select "id" from "session" where "id" = ${expiredSession}`.execute(ctx.kysely);
    expect(sessions.rows).toEqual([]);

    // A third sweep finds nothing more; releasing the hold lets the next one anonymise them.
    expect(await applyRetention(sweepCtx, new Date(), log)).toEqual({ done: 0, failed: 0 });
    const release = await app.inject({
      method: 'DELETE',
      url: `/api/v1/candidates/${held.candidateId}/legal-hold`,
      headers: admin(),
    });
    expect(release.statusCode, release.body).toBe(200);
    expect(release.json()).toMatchObject({ onHold: false, since: null });
    const holdAudit = await ctx.kysely
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', held.candidateId)
      .where('action', 'like', 'candidate.legal_hold_%')
      .orderBy('created_at')
      .execute();
    expect(holdAudit.map((x) => x.action)).toEqual([
      'candidate.legal_hold_placed',
      'candidate.legal_hold_released',
    ]);
    expect(await applyRetention(sweepCtx, new Date(), log)).toEqual({ done: 1, failed: 0 });
    expect((await stateOf(held.candidateId)).name).toBe('Erased candidate');
  });

  it('runs retention once an hour across workers, however often the sweep runs', async () => {
    const hourMs = 3_600_000;
    expect(ctx.config.retentionSweepMinutes).toBe(60);
    const start = new Date((Math.floor(Date.now() / hourMs) + 3) * hourMs);
    const at = (t: Date) => ({ ...ctx, now: () => t });
    const first = await candidate('Tamsin Cadence', 400);
    const [a, b] = await Promise.all([runDecisionClockSweep(at(start)), runDecisionClockSweep(at(start))]);
    expect(a.failed + b.failed).toBe(0);
    expect((await stateOf(first.candidateId)).name).toBe('Erased candidate');
    // Due after this hour's run: the sweeps of the same hour leave them, the next hour's takes them.
    const second = await candidate('Tamsin Later', 400);
    await runDecisionClockSweep(at(new Date(start.getTime() + 59 * 60_000)));
    expect((await stateOf(second.candidateId)).name).toBe('Tamsin Later');
    const next = await runDecisionClockSweep(at(new Date(start.getTime() + hourMs)));
    expect(next.retentionAnonymised).toBeGreaterThanOrEqual(1);
    expect((await stateOf(second.candidateId)).name).toBe('Erased candidate');
    const runs = await ctx.kysely
      .selectFrom('sweep_run')
      .select('key')
      .where('created_at', '>=', start.toISOString())
      .execute();
    expect(runs).toHaveLength(2);
  });
});
