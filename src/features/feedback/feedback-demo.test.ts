import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { draftLength } from '../../domain/feedback/compose.ts';
import { uncoveredGaps } from '../../domain/feedback/document.ts';
import { wordTokens } from '../../domain/feedback/text.ts';
import type { Actor } from '../../http/actor.ts';
import { demoSlug } from '../demo/demo-data.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { feedbackService } from './feedback.service.ts';

// Every not-progressing candidate of the demo data, drafted through the real service: the drafts a
// manager meets first must pass the check, cover every gap, keep to 250 words and read as correct second person.
describeEachDatabase('feedback drafts for the demo data', (get) => {
  it('pass the check, cover every criterion below the level and keep subjects and verbs agreeing', {
    timeout: 180_000,
  }, async () => {
    const { ctx } = get();
    await seedDemo(ctx);
    const org = await ctx.kysely
      .selectFrom('organization')
      .select('id')
      .where('slug', '=', demoSlug)
      .executeTakeFirstOrThrow();
    const manager = await ctx.kysely
      .selectFrom('member')
      .innerJoin('user', 'user.id', 'member.userId')
      .select(['member.userId', 'user.name', 'user.email'])
      .where('member.organizationId', '=', org.id)
      .where('member.role', 'in', ['owner', 'admin', 'manager'])
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      kind: 'member',
      organisationId: org.id,
      userId: manager.userId,
      role: 'manager',
      name: manager.name,
      email: manager.email,
    };
    const applications = await ctx.kysely
      .selectFrom('application')
      .select('id')
      .where('organisation_id', '=', org.id)
      .where('stage', '=', 'not_progressing')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('scorecard')
            .select('scorecard.id')
            .whereRef('scorecard.application_id', '=', 'application.id')
            .where('scorecard.status', '=', 'submitted'),
        ),
      )
      .orderBy('id')
      .execute();
    expect(applications.length).toBeGreaterThanOrEqual(3);

    const service = feedbackService(ctx);
    const problems: string[] = [];
    for (const [i, { id }] of applications.entries()) {
      const { feedback } = await service.draft(org.id, id, { recompose: false, trainingPerArea: 1 }, actor);
      if (process.env.SHOW_COUNTS)
        console.log(
          `WORDS ${id} ${wordTokens(feedback.text).length} areas=${feedback.structured.developmentAreas.length} strengths=${feedback.structured.strengths.length}`,
        );
      if (process.env.SHOW_DRAFTS && i < 3) console.log(`--- ${id}\n${feedback.text}\n`);
      if (!feedback.check.pass)
        problems.push(`${id}: check fails (${feedback.check.findings.map((f) => f.kind)})`);
      if (uncoveredGaps(feedback.structured).length > 0) problems.push(`${id}: a gap is not covered`);
      const words = wordTokens(feedback.text).length;
      if (words > draftLength.max) problems.push(`${id}: ${words} words, over ${draftLength.max}`);
      if (words < draftLength.min) problems.push(`${id}: ${words} words, under ${draftLength.min}`);
      if (feedback.structured.strengths.length === 0) problems.push(`${id}: no strength`);
      // The check's grammar rule: no "you was", no sentence without a subject.
      const grammar = feedback.check.findings.filter((f) => f.kind === 'grammar');
      if (grammar.length > 0)
        problems.push(
          `${id}: ${grammar.map((f) => `${f.message} in "${feedback.text.slice(Math.max(0, f.start - 80), f.end + 40)}"`).join('; ')}`,
        );
      if (/\byou\s+(?:was|is|has|seems|does|needs|knows)\b/i.test(feedback.text))
        problems.push(`${id}: you + third person`);
    }
    expect(problems).toEqual([]);
  });
});
