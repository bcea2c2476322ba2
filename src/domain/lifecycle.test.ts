import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeStages,
  canTransition,
  outcomeStages,
  type Stage,
  stages,
  transitionProblem,
} from './lifecycle.ts';

describe('application lifecycle', () => {
  it('follows the path in DESIGN.md', () => {
    expect(canTransition('applied', 'interviewing')).toBe(true);
    expect(canTransition('interviewing', 'awaiting_decision')).toBe(true);
    expect(canTransition('awaiting_decision', 'offer')).toBe(true);
    expect(canTransition('offer', 'hired')).toBe(true);
    expect(canTransition('offer', 'offer_declined')).toBe(true);
    expect(canTransition('awaiting_decision', 'not_progressing')).toBe(true);
  });

  it('lets any open application be withdrawn', () => {
    for (const stage of activeStages) expect(canTransition(stage, 'withdrawn')).toBe(true);
  });

  it('closes only from an outcome', () => {
    for (const stage of stages) {
      expect(canTransition(stage, 'closed')).toBe(outcomeStages.includes(stage));
    }
    expect(transitionProblem('interviewing', 'closed')).toMatch(/closes from an outcome/);
  });

  it('never leaves closed, and explains every refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...stages), fc.constantFrom(...stages), (from: Stage, to: Stage) => {
        if (from === 'closed' && to !== 'closed') expect(canTransition(from, to)).toBe(false);
        const problem = transitionProblem(from, to);
        expect(problem === undefined).toBe(from === to || canTransition(from, to));
      }),
    );
  });
});
