// Scorecard rules: pure, no I/O.
import type { Recommendation } from './aggregation.ts';
import { type Level, levelLabels } from './frameworks/types.ts';

/** Ratings at the ends of the scale need evidence: they carry the most weight in decisions and feedback. */
export const evidenceRequiredFor: readonly Level[] = [1, 4];

export const scorecardStatuses = ['draft', 'submitted'] as const;
export type ScorecardStatus = (typeof scorecardStatuses)[number];

export interface RatingDraft {
  criterionKey: string;
  criterionName: string;
  rating: Level | null;
  evidence: string | null;
  /** The interview did not cover it: no rating needed, and it counts for nothing. */
  notAssessed: boolean;
}

export interface Problem {
  field: string;
  message: string;
}

/** Why a scorecard cannot be submitted yet, each problem naming the criterion or field; empty when it can. */
export function submissionProblems(ratings: RatingDraft[], recommendation: Recommendation | null): Problem[] {
  const problems: Problem[] = [];
  for (const r of ratings) {
    if (r.notAssessed) continue;
    if (r.rating === null) {
      problems.push({
        field: `ratings.${r.criterionKey}.rating`,
        message: `${r.criterionName} (${r.criterionKey}): choose a rating from 1 to 4, or "Not assessed" if the interview did not cover it`,
      });
    } else if (evidenceRequiredFor.includes(r.rating) && !r.evidence?.trim()) {
      problems.push({
        field: `ratings.${r.criterionKey}.evidence`,
        message: `${r.criterionName} (${r.criterionKey}): evidence is required for a rating of ${r.rating} (${levelLabels[r.rating]}) — note what you saw or heard`,
      });
    }
  }
  if (ratings.length > 0 && ratings.every((r) => r.notAssessed)) {
    problems.push({
      field: 'ratings',
      message: 'ratings: every criterion is "Not assessed" — rate at least one you saw in the interview',
    });
  }
  if (recommendation === null) {
    problems.push({
      field: 'recommendation',
      message: 'recommendation: choose strong no, no, yes or strong yes',
    });
  }
  return problems;
}

/** Scorecards become due when the interview ends. */
export function isDue(interviewEndsAt: string, now: Date): boolean {
  return Date.parse(interviewEndsAt) <= now.getTime();
}
