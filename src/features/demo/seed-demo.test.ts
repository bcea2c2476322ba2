import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { reputationService } from '../reputation/reputation.service.ts';
import { demoSlug } from './demo-data.ts';
import { seedDemo } from './seed-demo.ts';

describeEachDatabase('seed-demo', (get) => {
  it('creates a believable venue group once, through the rules of the real API', {
    timeout: 120_000,
  }, async () => {
    const { ctx } = get();
    const summary = await seedDemo(ctx);
    expect(summary.created).toBe(true);
    expect(summary.counts).toMatchObject({ venues: 3, roles: 6, candidates: 60 });

    const organisation = await ctx.kysely
      .selectFrom('organization')
      .select('id')
      .where('slug', '=', demoSlug)
      .executeTakeFirstOrThrow();
    const venues = await ctx.kysely
      .selectFrom('venue')
      .select('region')
      .where('organisation_id', '=', organisation.id)
      .execute();
    expect(new Set(venues.map((v) => v.region))).toEqual(
      new Set(['england-and-wales', 'scotland', 'northern-ireland']),
    );

    const stages = await ctx.kysely
      .selectFrom('application')
      .select(['stage', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organisation_id', '=', organisation.id)
      .groupBy('stage')
      .execute();
    const byStage = Object.fromEntries(stages.map((s) => [s.stage, Number(s.n)]));
    for (const stage of [
      'applied',
      'interviewing',
      'awaiting_decision',
      'offer',
      'hired',
      'not_progressing',
      'withdrawn',
    ]) {
      expect(byStage[stage], stage).toBeGreaterThan(0);
    }
    const now = ctx.now().toISOString();
    const interviews = await ctx.kysely
      .selectFrom('interview')
      .select('starts_at')
      .where('organisation_id', '=', organisation.id)
      .execute();
    // The current interviews, and one per interviewed application of the year of history.
    expect(interviews.length).toBe(summary.counts.interviews + summary.history.interviews);
    expect(interviews.some((i) => i.starts_at > now)).toBe(true);
    expect(interviews.some((i) => i.starts_at < now)).toBe(true);

    // Decided and waiting applications carry submitted scorecards, so their summaries can be read.
    expect(summary.counts.scorecards).toBeGreaterThan(20);
    const scorecards = await ctx.kysely
      .selectFrom('scorecard')
      .select(['status'])
      .where('organisation_id', '=', organisation.id)
      .execute();
    expect(scorecards).toHaveLength(summary.counts.scorecards);
    expect(scorecards.every((s) => s.status === 'submitted')).toBe(true);

    // A realistic talent network: people from the group's roles, some casual crew, some with training done.
    expect(summary.counts.networkMembers).toBeGreaterThanOrEqual(8);
    const network = await ctx.kysely
      .selectFrom('network_profile')
      .select(['candidate_id', 'casual_crew', 'region'])
      .where('organisation_id', '=', organisation.id)
      .execute();
    expect(network).toHaveLength(summary.counts.networkMembers);
    expect(network.filter((m) => Boolean(m.casual_crew)).length).toBeGreaterThanOrEqual(3);
    expect(network.every((m) => m.region !== null)).toBe(true);
    const assessed = await ctx.kysely
      .selectFrom('application')
      .select('candidate_id')
      .where('organisation_id', '=', organisation.id)
      .where(
        'candidate_id',
        'in',
        network.map((m) => m.candidate_id),
      )
      .where('stage', 'in', ['not_progressing', 'withdrawn'])
      .execute();
    expect(new Set(assessed.map((a) => a.candidate_id)).size).toBe(network.length);
    const trained = await ctx.kysely
      .selectFrom('network_training')
      .select('candidate_id')
      .where('organisation_id', '=', organisation.id)
      .execute();
    expect(trained.length).toBeGreaterThanOrEqual(2);
    const fits = await ctx.kysely
      .selectFrom('network_future_fit')
      .select('candidate_id')
      .where('organisation_id', '=', organisation.id)
      .execute();
    expect(fits).toHaveLength(2);

    // The API key used to build it is revoked: the demo leaves no live credential behind.
    const keys = await ctx.kysely
      .selectFrom('api_key')
      .select('revoked_at')
      .where('organisation_id', '=', organisation.id)
      .execute();
    expect(keys.every((k) => k.revoked_at !== null)).toBe(true);

    // The demo members can sign in with the printed password.
    const signIn = await ctx.auth.api.signInEmail({
      body: { email: summary.members[0]!.email, password: summary.password },
      asResponse: true,
    });
    expect(signIn.status).toBe(200);

    const again = await seedDemo(ctx);
    expect(again.created).toBe(false);
    const candidates = await ctx.kysely
      .selectFrom('candidate')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .execute();
    // 60 current candidates, and one per application of the year of history but the returning members.
    expect(candidates.length).toBeGreaterThan(60 + 200);

    // The year of history gives the reputation dashboard a monthly trend, surveys and the promise.
    const metrics = await reputationService(ctx).metrics(organisation.id, {});
    expect(summary.history.applications).toBeGreaterThan(200);
    expect(metrics.monthly.length).toBeGreaterThanOrEqual(11);
    expect(metrics.closures.told).toBeGreaterThan(200);
    expect(metrics.closures.toldOnTimeRate).toBeGreaterThan(0.6);
    expect(metrics.closures.toldOnTimeRate).toBeLessThan(1);
    expect(metrics.feedback.holdingUpdatesSent).toBeGreaterThan(0);
    expect(metrics.survey.nps).not.toBeNull();
    expect(metrics.network.joined).toBeGreaterThan(0);
    expect(metrics.network.hiresFromNetwork).toBeGreaterThan(0);
    expect(metrics.referrals.received).toBeGreaterThan(0);
    expect(metrics.commentsWithheld).toBeGreaterThan(0);
  });
});
