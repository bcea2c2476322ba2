// `followspot sweep --once` as operators run it: its own process, on the test's SQLite file, real clock.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/support/database.ts';
import { makeInterview } from '../../test/support/factories/applications.ts';
import { makeHiringScene } from '../../test/support/factories/messages.ts';
import { packageRoot } from '../paths.ts';

const run = promisify(execFile);
const hour = 60 * 60 * 1000;

describe('followspot sweep --once', () => {
  let test: Awaited<ReturnType<typeof createTestContext>>;
  beforeAll(async () => {
    test = await createTestContext('sqlite', { sqliteFile: true });
  });
  afterAll(async () => test?.close());

  const sweep = async () => {
    const { stdout } = await run(
      process.execPath,
      [join(packageRoot(), 'bin', 'followspot.js'), 'sweep', '--once'],
      { env: { ...process.env, DATABASE_URL: test.ctx.config.databaseUrl, LOG_LEVEL: 'silent' } },
    );
    return JSON.parse(stdout.trim());
  };

  it('sweeps once, prints what it did, and does nothing twice', async () => {
    const scene = await makeHiringScene(test.ctx);
    await test.ctx.kysely
      .updateTable('application')
      .set({ stage: 'interviewing' })
      .where('id', '=', scene.applicationId)
      .execute();
    // Written straight to the table, so the clock is computed by the sweep (repair), then the
    // application moves to awaiting a decision.
    const now = Date.now();
    await makeInterview(test.ctx, {
      organisationId: scene.organisationId,
      applicationId: scene.applicationId,
      startsAt: new Date(now - 3 * hour),
      endsAt: new Date(now - 2 * hour),
    });
    expect(await sweep()).toMatchObject({ repaired: 1, movedToAwaitingDecision: 1, failed: 0 });
    const row = await test.ctx.kysely
      .selectFrom('application')
      .select(['stage', 'decision_due_date'])
      .where('id', '=', scene.applicationId)
      .executeTakeFirstOrThrow();
    expect(row.stage).toBe('awaiting_decision');
    expect(row.decision_due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await sweep()).toMatchObject({ repaired: 0, movedToAwaitingDecision: 0, failed: 0 });
  }, 60_000);
});
