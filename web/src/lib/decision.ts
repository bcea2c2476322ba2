import { recommendationLabels } from '../../../src/domain/aggregation.ts';

/** Submitted recommendations by kind, as the summary and the pipeline report them. */
export interface RecommendationTally {
  strong_no: number;
  no: number;
  yes: number;
  strong_yes: number;
}

/** "Yes 2 · No 1": the submitted recommendations, strongest yes first; null when none are in. */
export function recommendationText(tally: RecommendationTally | null | undefined): string | null {
  if (!tally) return null;
  const parts = (['strong_yes', 'yes', 'no', 'strong_no'] as const)
    .filter((k) => tally[k] > 0)
    .map((k) => `${recommendationLabels[k]} ${tally[k]}`);
  return parts.length === 0 ? null : parts.join(' · ');
}

/**
 * The decision the scorecards point to, among those open: an offer when the yeses outweigh the noes
 * (a strong one counts twice), not progressing when the noes do, and nothing on a tie or with none
 * in. After an offer, "hired" is the usual next step. Only a suggestion: the people decide.
 */
export function recommendedOutcome<T extends string>(
  tally: RecommendationTally | null | undefined,
  outcomes: readonly T[],
): T | null {
  const open = (o: string) => (outcomes as readonly string[]).includes(o);
  if (open('hired')) return 'hired' as T;
  if (!tally) return null;
  const yes = tally.yes + 2 * tally.strong_yes;
  const no = tally.no + 2 * tally.strong_no;
  if (yes > no && open('offer')) return 'offer' as T;
  if (no > yes && open('not_progressing')) return 'not_progressing' as T;
  return null;
}
