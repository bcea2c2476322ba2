// How a rating stands against the role's required level: the heat map's colours and words.
import type { Level } from '../../../src/domain/frameworks/types.ts';

/** How a rating stands against the level the role requires for its criterion. */
export type Standing = 'exceeds' | 'meets' | 'below' | 'not_assessed' | 'unscored';

/**
 * The heat map's colour and word for a rating: relative to the criterion's required level, not the
 * absolute score, so a trainee who meets every requirement reads calm. Null rating: not assessed.
 */
export function standingOf(
  rating: number | null,
  criterion: { requiredLevel: Level; weight: number },
): Standing {
  if (rating === null) return 'not_assessed';
  if (criterion.weight <= 0) return 'unscored';
  if (rating < criterion.requiredLevel) return 'below';
  return rating > criterion.requiredLevel ? 'exceeds' : 'meets';
}

export const standingLabels: Record<Standing, string> = {
  exceeds: 'Exceeds required',
  meets: 'Meets required',
  below: 'Below required',
  not_assessed: 'Not assessed',
  unscored: 'Not scored for this role',
};

/** Calm greens for meeting or exceeding, amber for below, grey for nothing to compare; all ≥ 4.5:1. */
export const standingColours: Record<Standing, { background: string; border: string; text: string }> = {
  exceeds: { background: '#c6ecd0', border: '#2b8a3e', text: '#0f3d1c' },
  meets: { background: '#ebf7ee', border: '#51a868', text: '#14461f' },
  below: { background: '#fff0d6', border: '#d9480f', text: '#7a2a00' },
  not_assessed: { background: '#f1f3f5', border: '#adb5bd', text: '#3f454b' },
  unscored: { background: '#f8f9fa', border: '#ced4da', text: '#3f454b' },
};
