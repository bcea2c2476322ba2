import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AssessedCriterion,
  type AssessmentInput,
  assessApplication,
  type CandidateFacingAssessment,
  type Recommendation,
  recommendations,
  type SubmittedScorecard,
} from './aggregation.ts';
import { type CandidateFacing, candidateFacing, findPrivateNotes } from './candidate-facing.ts';
import type { Level } from './frameworks/types.ts';

const keys = ['signal_flow', 'audio', 'video', 'lighting', 'communication'] as const;
const level = fc.constantFrom<Level>(1, 2, 3, 4);

const criteriaArb: fc.Arbitrary<AssessedCriterion[]> = fc
  .uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: keys.length })
  .chain((chosen) =>
    fc.tuple(
      ...chosen.map((key) =>
        fc.record({
          key: fc.constant(key),
          name: fc.constant(key),
          weight: fc.integer({ min: 0, max: 5 }),
          requiredLevel: level,
        }),
      ),
    ),
  );

function scorecardArb(criteria: AssessedCriterion[], index: number): fc.Arbitrary<SubmittedScorecard> {
  return fc.record({
    scorecardId: fc.constant(`sc${index.toString().padStart(3, '0')}`),
    interviewId: fc.constantFrom('iv1', 'iv2'),
    interviewerId: fc.constant(`user${index}`),
    interviewerName: fc.option(fc.constant(`Interviewer ${index}`), { nil: null }),
    frameworkVersionId: fc.constantFrom('builtin-av-technician-v1', 'v2'),
    recommendation: fc.constantFrom<Recommendation>(...recommendations),
    submittedAt: fc
      .integer({ min: 0, max: 10_000 })
      .map((m) => new Date(Date.UTC(2026, 10, 26) + m * 60_000).toISOString()),
    ratings: fc.tuple(
      ...criteria.map((c) =>
        fc.record({
          criterionKey: fc.constant(c.key),
          rating: level,
          evidence: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
        }),
      ),
    ),
  });
}

const inputArb: fc.Arbitrary<AssessmentInput> = criteriaArb.chain((criteria) =>
  fc.integer({ min: 0, max: 6 }).chain((n) =>
    fc.record({
      applicationId: fc.constant('app1'),
      criteria: fc.constant(criteria),
      scorecards: fc.tuple(...Array.from({ length: n }, (_, i) => scorecardArb(criteria, i))),
      expectedScorecards: fc.integer({ min: 0, max: 8 }),
    }),
  ),
);

describe('aggregation (properties)', () => {
  it('keeps every criterion statistic consistent with its ratings', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = assessApplication(input);
        expect(result.criteria.map((c) => c.key)).toEqual(input.criteria.map((c) => c.key));
        for (const c of result.criteria) {
          const values = c.ratings.map((r) => r.rating);
          expect(values).toHaveLength(input.scorecards.length);
          if (values.length === 0) {
            expect(c.mean).toBeNull();
            expect(c.spread).toBeNull();
            expect(c.disagreement).toBe(false);
            expect(c.belowRequired).toBe(false);
            continue;
          }
          const min = Math.min(...values);
          const max = Math.max(...values);
          const mean = values.reduce<number>((s, v) => s + v, 0) / values.length;
          expect(c.min).toBe(min);
          expect(c.max).toBe(max);
          expect(c.spread).toBe(max - min);
          expect(c.spread).toBeGreaterThanOrEqual(0);
          expect(c.disagreement).toBe(max - min >= 2);
          expect(c.mean).toBeCloseTo(mean, 2);
          expect(c.mean!).toBeGreaterThanOrEqual(min);
          expect(c.mean!).toBeLessThanOrEqual(max);
          expect(c.belowRequired).toBe(c.weight > 0 && mean < c.requiredLevel);
          if (c.belowRequired) expect(c.gap!).toBeCloseTo(c.requiredLevel - mean, 2);
          else expect(c.gap).toBe(0);
        }
        expect(result.gaps.sort()).toEqual(
          result.criteria
            .filter((c) => c.belowRequired)
            .map((c) => c.key)
            .sort(),
        );
        expect(result.disagreements).toEqual(result.criteria.filter((c) => c.disagreement).map((c) => c.key));
      }),
    );
  });

  it('gives an overall score between 0 and 100 that matches the weighted mean', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { overall, criteria } = assessApplication(input);
        const scored = criteria.filter((c) => c.weight > 0 && c.mean !== null);
        if (scored.length === 0) {
          expect(overall.score).toBeNull();
          expect(overall.meanRating).toBeNull();
          return;
        }
        expect(overall.score!).toBeGreaterThanOrEqual(0);
        expect(overall.score!).toBeLessThanOrEqual(100);
        expect(Number.isInteger(overall.score)).toBe(true);
        expect(overall.meanRating!).toBeGreaterThanOrEqual(1);
        expect(overall.meanRating!).toBeLessThanOrEqual(4);
        expect(Math.abs(overall.score! - ((overall.meanRating! - 1) / 3) * 100)).toBeLessThanOrEqual(1);
        expect(overall.ratedWeight).toBe(scored.reduce((s, c) => s + c.weight, 0));
        expect(overall.totalWeight).toBe(
          input.criteria.filter((c) => c.weight > 0).reduce((s, c) => s + c.weight, 0),
        );
      }),
    );
  });

  it('does not depend on the order scorecards arrive in', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.scorecards, { minLength: input.scorecards.length }),
          ),
        ),
        ([input, shuffled]) => {
          expect(assessApplication({ ...input, scorecards: shuffled })).toEqual(assessApplication(input));
        },
      ),
    );
  });

  it('is unchanged by scaling every weight and ignores weight-0 criteria in the score', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 2, max: 5 }), (input, factor) => {
        const base = assessApplication(input);
        const scaled = assessApplication({
          ...input,
          criteria: input.criteria.map((c) => ({ ...c, weight: c.weight * factor })),
        });
        expect(scaled.overall.score).toBe(base.overall.score);
        const zeroed = input.criteria.filter((c) => c.weight === 0).map((c) => c.key);
        const withoutZeroed = assessApplication({
          ...input,
          criteria: input.criteria.filter((c) => c.weight > 0),
          scorecards: input.scorecards.map((s) => ({
            ...s,
            ratings: s.ratings.filter((r) => !zeroed.includes(r.criterionKey)),
          })),
        });
        expect(withoutZeroed.overall.score).toBe(base.overall.score);
      }),
    );
  });

  it('never lowers the score when one rating goes up', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.nat(), (input, i, j) => {
        if (input.scorecards.length === 0) return;
        const card = input.scorecards[i % input.scorecards.length]!;
        const rating = card.ratings[j % card.ratings.length]!;
        if (rating.rating === 4) return;
        const raised = input.scorecards.map((s) =>
          s !== card
            ? s
            : {
                ...s,
                ratings: s.ratings.map((r) => (r === rating ? { ...r, rating: (r.rating + 1) as Level } : r)),
              },
        );
        const before = assessApplication(input).overall.score;
        const after = assessApplication({ ...input, scorecards: raised }).overall.score;
        if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('tallies one recommendation per scorecard and counts scorecards honestly', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = assessApplication(input);
        const total = Object.values(result.recommendations).reduce((s, n) => s + n, 0);
        expect(total).toBe(input.scorecards.length);
        expect(result.scorecards.submitted).toBe(input.scorecards.length);
        expect(result.scorecards.expected).toBeGreaterThanOrEqual(result.scorecards.submitted);
        if (result.scorecards.share !== null) {
          expect(result.scorecards.share).toBeGreaterThanOrEqual(0);
          expect(result.scorecards.share).toBeLessThanOrEqual(1);
        } else {
          expect(result.scorecards.expected).toBe(0);
        }
      }),
    );
  });

  it('attributes every piece of evidence to the interviewer who wrote it', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = assessApplication(input);
        for (const c of result.criteria) {
          for (const r of c.ratings) {
            const card = input.scorecards.find((s) => s.scorecardId === r.scorecardId)!;
            expect(r.interviewerId).toBe(card.interviewerId);
            const source = card.ratings.find((x) => x.criterionKey === c.key)!;
            expect(r.rating).toBe(source.rating);
            expect(r.evidence).toBe(source.evidence);
          }
        }
        expect(findPrivateNotes(result)).toBeUndefined();
      }),
    );
  });
});

describe('aggregation (examples)', () => {
  const criteria: AssessedCriterion[] = [
    { key: 'signal_flow', name: 'Signal flow and fault-finding', weight: 5, requiredLevel: 3 },
    { key: 'audio', name: 'Audio', weight: 3, requiredLevel: 3 },
    { key: 'lighting', name: 'Lighting', weight: 0, requiredLevel: 2 },
  ];
  const card = (
    id: string,
    ratings: [string, Level][],
    recommendation: Recommendation,
  ): SubmittedScorecard => ({
    scorecardId: id,
    interviewId: 'iv1',
    interviewerId: `user-${id}`,
    interviewerName: `Name ${id}`,
    frameworkVersionId: 'builtin-av-technician-v1',
    recommendation,
    submittedAt: '2026-11-26T10:00:00.000Z',
    ratings: ratings.map(([criterionKey, rating]) => ({
      criterionKey,
      rating,
      evidence: `${id} on ${criterionKey}`,
    })),
  });

  it('works a small case through by hand', () => {
    const result = assessApplication({
      applicationId: 'app',
      criteria,
      expectedScorecards: 3,
      scorecards: [
        card(
          'a',
          [
            ['signal_flow', 4],
            ['audio', 2],
            ['lighting', 1],
          ],
          'yes',
        ),
        card(
          'b',
          [
            ['signal_flow', 2],
            ['audio', 2],
            ['lighting', 1],
          ],
          'no',
        ),
      ],
    });
    const [signal, audio, lighting] = result.criteria;
    expect(signal).toMatchObject({ mean: 3, spread: 2, disagreement: true, belowRequired: false, gap: 0 });
    expect(audio).toMatchObject({ mean: 2, spread: 0, disagreement: false, belowRequired: true, gap: 1 });
    // Weight 0: shown, never a gap, never scored.
    expect(lighting).toMatchObject({ mean: 1, belowRequired: false });
    // (5 × 3 + 3 × 2) / 8 = 2.625 → (2.625 − 1) / 3 × 100 = 54.17 → 54
    expect(result.overall).toEqual({ score: 54, meanRating: 2.63, ratedWeight: 8, totalWeight: 8 });
    expect(result.gaps).toEqual(['audio']);
    expect(result.disagreements).toEqual(['signal_flow']);
    expect(result.recommendations).toEqual({ strong_no: 0, no: 1, yes: 1, strong_yes: 0 });
    expect(result.scorecards).toEqual({ expected: 3, submitted: 2, share: 0.67 });
    expect(signal!.ratings.map((r) => [r.interviewerId, r.evidence])).toEqual([
      ['user-a', 'a on signal_flow'],
      ['user-b', 'b on signal_flow'],
    ]);
  });

  it('lists who marked a criterion "Not assessed", and counts it for nothing', () => {
    const result = assessApplication({
      applicationId: 'app',
      criteria,
      expectedScorecards: 2,
      scorecards: [
        { ...card('a', [['signal_flow', 3]], 'yes'), notAssessed: ['audio'] },
        card(
          'b',
          [
            ['signal_flow', 3],
            ['audio', 1],
          ],
          'no',
        ),
      ],
    });
    const [signal, audio] = result.criteria;
    expect(audio).toMatchObject({ notAssessedBy: ['a'], mean: 1, belowRequired: true });
    expect(signal!.notAssessedBy).toEqual([]);
  });

  it('reports nothing rated as null, not as zero', () => {
    const result = assessApplication({
      applicationId: 'app',
      criteria,
      expectedScorecards: 0,
      scorecards: [],
    });
    expect(result.overall.score).toBeNull();
    expect(result.scorecards.share).toBeNull();
    expect(result.gaps).toEqual([]);
  });

  it('keeps ratings of criteria the role no longer lists, unweighted', () => {
    const result = assessApplication({
      applicationId: 'app',
      criteria: criteria.slice(0, 1),
      expectedScorecards: 1,
      scorecards: [
        card(
          'a',
          [
            ['signal_flow', 3],
            ['rf_licensing', 1],
          ],
          'yes',
        ),
      ],
    });
    expect(result.criteria.map((c) => [c.key, c.weight])).toEqual([
      ['signal_flow', 5],
      ['rf_licensing', 0],
    ]);
    expect(result.overall.score).toBe(67);
  });
});

describe('candidate-facing values', () => {
  it('cannot carry private notes, by type and at run time', () => {
    expectTypeOf<CandidateFacingAssessment>().not.toBeNever();
    expectTypeOf<CandidateFacing<{ a: { b: { privateNotes: string }[] } }>>().toBeNever();
    expectTypeOf<CandidateFacing<{ a: { b: string }[] }>>().not.toBeNever();
    const leaked = { ratings: [{ evidence: 'fine' }], nested: { private_notes: 'secret' } } as unknown as {
      ratings: { evidence: string }[];
    };
    expect(() => candidateFacing(leaked)).toThrow(/never be candidate-facing.*\$\.nested\.private_notes/);
    expect(candidateFacing({ ratings: [{ evidence: 'fine' }] })).toEqual({ ratings: [{ evidence: 'fine' }] });
  });
});
