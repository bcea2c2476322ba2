// Score aggregation for an application: pure, no I/O. Every later feature (decisions, feedback,
// network matching, metrics) reads an application's assessment through `ApplicationAssessment`.
//
// Definitions
// - Per criterion: the submitted ratings (1–4) with the evidence, attributed by interviewer id;
//   mean; min and max; spread = max − min; disagreement when spread ≥ 2.
// - Gap: a criterion the role assesses (weight > 0) whose mean is below the role's required level;
//   gap = requiredLevel − mean.
// - Overall score, 0–100: the weight-averaged criterion mean over the assessed criteria that have at
//   least one rating, mapped linearly from the 1–4 scale (1 → 0, 4 → 100) and rounded to a whole
//   number. `meanRating` is the same weighted mean on the 1–4 scale. Unrated criteria are left out
//   and reported through `ratedWeight` / `totalWeight`.
// - Only submitted scorecards are aggregated. Private notes cannot enter: no input type has them.

import type { CandidateFacing } from './candidate-facing.ts';
import type { Level } from './frameworks/types.ts';

export const recommendations = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Recommendation = (typeof recommendations)[number];

export const recommendationLabels: Record<Recommendation, string> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
};

/** A spread of ratings this wide means the interviewers saw different things: talk before deciding. */
export const disagreementSpread = 2;

/** A criterion as the role assesses it. */
export interface AssessedCriterion {
  key: string;
  name: string;
  /** 0–5; 0 = not assessed for this role (shown, not scored). */
  weight: number;
  requiredLevel: Level;
}

export interface SubmittedRating {
  criterionKey: string;
  rating: Level;
  evidence: string | null;
}

/** What aggregation reads from a submitted scorecard. There is deliberately no private-notes field. */
export interface SubmittedScorecard {
  scorecardId: string;
  interviewId: string;
  interviewerId: string;
  /** Null when the interviewer is no longer a member of the organisation. */
  interviewerName: string | null;
  frameworkVersionId: string;
  recommendation: Recommendation;
  submittedAt: string;
  ratings: SubmittedRating[];
  /** Criterion keys the interviewer marked "Not assessed": the interview did not cover them. */
  notAssessed?: readonly string[];
}

export interface AssessmentInput {
  applicationId: string;
  /** The role's criteria in display order; ratings of other keys are appended with weight 0. */
  criteria: AssessedCriterion[];
  scorecards: SubmittedScorecard[];
  /** Scorecards due for the application (interviewers of ended interviews, and any submitted). */
  expectedScorecards: number;
}

export interface CriterionEvidence {
  interviewerId: string;
  interviewerName: string | null;
  interviewId: string;
  scorecardId: string;
  rating: Level;
  evidence: string | null;
}

export interface CriterionAssessment {
  key: string;
  name: string;
  weight: number;
  requiredLevel: Level;
  /** Each interviewer's rating and evidence, in order of submission. */
  ratings: CriterionEvidence[];
  /** Scorecards that marked it "Not assessed", in order of submission: shown, never counted. */
  notAssessedBy: string[];
  /** Mean rating, 2 decimal places; null when nobody rated it. */
  mean: number | null;
  min: Level | null;
  max: Level | null;
  /** max − min; null when nobody rated it. */
  spread: number | null;
  /** spread ≥ 2. */
  disagreement: boolean;
  /** Assessed (weight > 0), rated, and the mean is below the required level. */
  belowRequired: boolean;
  /** requiredLevel − mean when below required (2 decimal places), else 0; null when unrated. */
  gap: number | null;
}

export interface ApplicationAssessment {
  applicationId: string;
  criteria: CriterionAssessment[];
  overall: {
    /** 0–100 (1 → 0, 4 → 100), whole number; null when no assessed criterion has a rating. */
    score: number | null;
    /** The same weighted mean on the 1–4 scale, 2 decimal places. */
    meanRating: number | null;
    /** Sum of weights of assessed criteria with at least one rating. */
    ratedWeight: number;
    /** Sum of weights of all assessed criteria. */
    totalWeight: number;
  };
  /** Keys of criteria below the role's required level, largest gap first. */
  gaps: string[];
  /** Keys of criteria whose ratings spread by 2 or more. */
  disagreements: string[];
  recommendations: Record<Recommendation, number>;
  scorecards: {
    expected: number;
    submitted: number;
    /** submitted / expected (0–1, 2 decimal places); null when none are expected yet. */
    share: number | null;
  };
  /** Everyone whose submitted scorecard is included. */
  interviewers: { id: string; name: string | null }[];
  /** The framework versions the scorecards were written against. */
  frameworkVersionIds: string[];
}

/** The summary as candidate-facing features read it; `never` if it could ever hold private notes. */
export type CandidateFacingAssessment = CandidateFacing<ApplicationAssessment>;

const round = (value: number, places: number) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

function bySubmission(a: SubmittedScorecard, b: SubmittedScorecard): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.scorecardId < b.scorecardId ? -1 : a.scorecardId > b.scorecardId ? 1 : 0;
}

/** Maps a 1–4 mean to the 0–100 score. */
export function toScore(meanRating: number): number {
  return ((meanRating - 1) / 3) * 100;
}

export function assessApplication(input: AssessmentInput): ApplicationAssessment {
  const scorecards = [...input.scorecards].sort(bySubmission);
  const criteria: AssessedCriterion[] = input.criteria.map((c) => ({ ...c }));
  const known = new Set(criteria.map((c) => c.key));
  for (const card of scorecards) {
    for (const r of card.ratings) {
      if (known.has(r.criterionKey)) continue;
      known.add(r.criterionKey);
      criteria.push({ key: r.criterionKey, name: r.criterionKey, weight: 0, requiredLevel: 1 });
    }
  }

  let weightedSum = 0;
  let ratedWeight = 0;
  let totalWeight = 0;
  const assessed: CriterionAssessment[] = criteria.map((criterion) => {
    const ratings: CriterionEvidence[] = [];
    for (const card of scorecards) {
      for (const r of card.ratings) {
        if (r.criterionKey !== criterion.key) continue;
        ratings.push({
          interviewerId: card.interviewerId,
          interviewerName: card.interviewerName,
          interviewId: card.interviewId,
          scorecardId: card.scorecardId,
          rating: r.rating,
          evidence: r.evidence,
        });
      }
    }
    const notAssessedBy = scorecards
      .filter((card) => card.notAssessed?.includes(criterion.key))
      .map((card) => card.scorecardId);
    const values = ratings.map((r) => r.rating);
    const weight = Math.max(0, criterion.weight);
    if (weight > 0) totalWeight += weight;
    if (values.length === 0) {
      return {
        ...criterion,
        weight,
        ratings,
        notAssessedBy,
        mean: null,
        min: null,
        max: null,
        spread: null,
        disagreement: false,
        belowRequired: false,
        gap: null,
      };
    }
    const mean = values.reduce<number>((s, v) => s + v, 0) / values.length;
    const min = Math.min(...values) as Level;
    const max = Math.max(...values) as Level;
    if (weight > 0) {
      weightedSum += weight * mean;
      ratedWeight += weight;
    }
    const belowRequired = weight > 0 && mean < criterion.requiredLevel;
    return {
      ...criterion,
      weight,
      ratings,
      notAssessedBy,
      mean: round(mean, 2),
      min,
      max,
      spread: max - min,
      disagreement: max - min >= disagreementSpread,
      belowRequired,
      gap: belowRequired ? round(criterion.requiredLevel - mean, 2) : 0,
    };
  });

  const meanRating = ratedWeight > 0 ? weightedSum / ratedWeight : null;
  const tally: Record<Recommendation, number> = { strong_no: 0, no: 0, yes: 0, strong_yes: 0 };
  for (const card of scorecards) tally[card.recommendation] += 1;

  const submitted = scorecards.length;
  const expected = Math.max(input.expectedScorecards, submitted);
  const interviewers = new Map<string, string | null>();
  for (const card of scorecards) {
    if (!interviewers.has(card.interviewerId)) interviewers.set(card.interviewerId, card.interviewerName);
  }

  return {
    applicationId: input.applicationId,
    criteria: assessed,
    overall: {
      // Rounded to 6 places first, so a true .5 rounds the same however the weights are scaled.
      score: meanRating === null ? null : Math.round(round(toScore(meanRating), 6)),
      meanRating: meanRating === null ? null : round(meanRating, 2),
      ratedWeight,
      totalWeight,
    },
    gaps: assessed
      .filter((c) => c.belowRequired)
      .sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0))
      .map((c) => c.key),
    disagreements: assessed.filter((c) => c.disagreement).map((c) => c.key),
    recommendations: tally,
    scorecards: { expected, submitted, share: expected === 0 ? null : round(submitted / expected, 2) },
    interviewers: [...interviewers].map(([id, name]) => ({ id, name })),
    frameworkVersionIds: [...new Set(scorecards.map((c) => c.frameworkVersionId))].sort(),
  };
}
