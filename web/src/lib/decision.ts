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
 * (a strong one counts twice) and no criterion is below the role's required level, not progressing
 * when the noes do, and nothing on a tie, with none in, or when yeses meet gaps. After an offer,
 * "hired" is the usual next step. Only a suggestion: the people decide.
 */
export function recommendedOutcome<T extends string>(
  tally: RecommendationTally | null | undefined,
  outcomes: readonly T[],
  belowRequired = 0,
): T | null {
  const open = (o: string) => (outcomes as readonly string[]).includes(o);
  if (open('hired')) return 'hired' as T;
  if (!tally) return null;
  const lean = leaning(tally);
  if (lean === 'offer' && belowRequired === 0 && open('offer')) return 'offer' as T;
  if (lean === 'not_progressing' && open('not_progressing')) return 'not_progressing' as T;
  return null;
}

function leaning(tally: RecommendationTally): 'offer' | 'not_progressing' | null {
  const yes = tally.yes + 2 * tally.strong_yes;
  const no = tally.no + 2 * tally.strong_no;
  return yes > no ? 'offer' : no > yes ? 'not_progressing' : null;
}

/** The sentence above the decision buttons; null when no scorecard is in. */
export function decisionAdvice(
  tally: RecommendationTally | null | undefined,
  belowRequired: number,
  recommendedLabel: string | null,
): string | null {
  const text = recommendationText(tally);
  if (!tally || !text) return null;
  if (recommendedLabel) return `The scorecards point to: ${recommendedLabel.toLowerCase()} (${text}).`;
  if (leaning(tally) === 'offer' && belowRequired > 0) {
    const criteria = belowRequired === 1 ? '1 criterion is' : `${belowRequired} criteria are`;
    return `The recommendations lean to an offer (${text}), but ${criteria} below the level the role requires: talk them through before deciding.`;
  }
  return `The scorecards are split (${text}): no decision is suggested.`;
}
