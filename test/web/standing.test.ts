import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../web/src/lib/contrast.ts';
import { type Standing, standingColours, standingOf } from '../../web/src/lib/standing.ts';

describe('the heat map colours a rating against the role, not the absolute scale', () => {
  const trainee = { requiredLevel: 2 as const, weight: 2 };
  const senior = { requiredLevel: 4 as const, weight: 3 };

  it('a 2 meets a trainee requirement and is below a senior one', () => {
    expect(standingOf(2, trainee)).toBe('meets');
    expect(standingOf(3, trainee)).toBe('exceeds');
    expect(standingOf(1, trainee)).toBe('below');
    expect(standingOf(2, senior)).toBe('below');
    expect(standingOf(4, senior)).toBe('meets');
  });

  it('not assessed and unweighted criteria are neutral, never a warning', () => {
    expect(standingOf(null, senior)).toBe('not_assessed');
    expect(standingOf(1, { requiredLevel: 1, weight: 0 })).toBe('unscored');
  });

  it('every standing has text at 4.5:1 on its background, and below differs from meets', () => {
    for (const [name, c] of Object.entries(standingColours) as [
      Standing,
      (typeof standingColours)[Standing],
    ][])
      expect(contrastRatio(c.text, c.background), name).toBeGreaterThanOrEqual(4.5);
    expect(standingColours.below.background).not.toBe(standingColours.meets.background);
  });
});
