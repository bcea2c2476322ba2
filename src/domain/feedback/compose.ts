// The feedback composer (DESIGN.md, "Feedback"): from an application's aggregated scorecards, the
// role's requirements and the framework's training catalogue, structured candidate-facing feedback and
// its Markdown text. Pure and deterministic: the same input gives the same text.
//
// Rules
// - Refuses (FeedbackCompositionError) without submitted scorecards, or without any rating.
// - Development areas first: every criterion below the role's required level, largest gap first
//   (never silently dropped: `gaps` lists them, and a manager who removes one gives a reason in
//   `leftOut`), always leaving one criterion for a strength — when every criterion is below the
//   level, the best of them is the strength. Without a gap, the lowest-rated criterion under
//   "Competent" (3). Without either — a strong candidate — one "to go further" area with the training
//   for the next level up.
// - Strengths: of the other criteria, the highest-rated (mean ≥ 3), up to 3; when none reaches 3 (a
//   weak interview), the best available one, worded kindly but without overstating it.
// - Evidence is the interviewers' own, rephrased for the candidate (rephrase.ts): the highest ratings'
//   evidence for a strength, the lowest ratings' for a development area; where the panel disagreed
//   (spread ≥ 2) the wording is cautious ("You showed some of this…"). No usable evidence → a sentence
//   from the framework's levels ("The panel rated this 'Developing'…").
// - Training: 1–2 catalogue entries for the criterion that suit the candidate's current level (the
//   mean rounded down); for "to go further", the entries for the highest level the catalogue has.
// - Encouragement, by the 0–100 score and the gaps (see `encouragementThresholds`):
//     no gap and score ≥ 75            → future_role: the next level up ("a senior technician role")
//     no gap                           → future_role: the same level, next time one opens
//     score ≥ 50, ≤ 2 gaps, each ≤ 1   → reapply_after_training, naming the first training
//     score < 35 or a gap ≥ 2 (role above trainee) → future_role: the level below ("a trainee
//                                        technician role" for a technician, "a technician role" for a senior)
//     otherwise                        → talent_network
// - Never private notes or interviewers' names: such sentences are dropped while rephrasing, and the
//   composed text is run through checkFeedback; any part with an error finding is replaced by its
//   framework-based wording until the check passes (or nothing is left to replace).

import type { CandidateFacingAssessment, CriterionAssessment } from '../aggregation.ts';
import type { RoleLevelKey } from '../frameworks/requirements.ts';
import {
  type Criterion,
  type Level,
  levelLabels,
  type TrainingEntry,
  trainingFor,
} from '../frameworks/types.ts';
import { checkFeedback, type FeedbackCheck, type FeedbackCheckContext } from './check.ts';
import {
  type DevelopmentReason,
  type FeedbackDevelopmentArea,
  type FeedbackEncouragement,
  type FeedbackSegment,
  type FeedbackStrength,
  maxDevelopmentAreas,
  maxStrengths,
  mergedCriteriaSeparator,
  renderFeedbackMarkdownWithSegments,
  type StructuredFeedback,
  type TrainingSuggestion,
} from './document.ts';
import { lowerFirstWord, rephraseEvidence, upperFirst } from './rephrase.ts';
import { wordTokens } from './text.ts';
import {
  chooseTraining,
  lowerFirstIfWord,
  providerName,
  trainingText,
  trainingTitle,
  trainingWithProvider,
} from './training.ts';

// Named here too, where the feedback service and tests have always found it.
export { trainingTitle };

export interface ComposeInput {
  /** The application's aggregated scorecards (src/domain/aggregation.ts). */
  assessment: CandidateFacingAssessment;
  /** The criteria of the role's framework version: names, level descriptors and training catalogue. */
  criteria: readonly Criterion[];
  role: { title: string; level: RoleLevelKey };
  /** The venue the role is at, named in the encouragement. */
  venueName: string;
  /** One of our own staff: on-the-job practice at our venue may be suggested. Default false (external). */
  internalCandidate?: boolean;
  /** Training suggestions per development area: 1 (default) or 2. */
  trainingPerArea?: 1 | 2;
  /** The longest draft, in words (default `draftLength.max`); over it, lines are trimmed and merged. */
  maxWords?: number;
}

/** A draft's readable length in words (the issue's 120–250): longer drafts are trimmed, then merged. */
export const draftLength = { min: 120, max: 250 } as const;

/** What must never appear, and who the candidate is: the same context the check is given. */
export type ComposeContext = FeedbackCheckContext;

export interface ComposedFeedback {
  structured: StructuredFeedback;
  text: string;
  /** The check on `text` with the same context. */
  check: FeedbackCheck;
}

export type CompositionProblem = 'no_scorecards' | 'no_ratings';

export class FeedbackCompositionError extends Error {
  readonly problem: CompositionProblem;
  constructor(problem: CompositionProblem, message: string) {
    super(message);
    this.name = 'FeedbackCompositionError';
    this.problem = problem;
  }
}

export const encouragementThresholds = {
  /** With no gap, from this score the candidate is pointed at the next level up. */
  nextLevel: 75,
  /** From this score, with few and small gaps, the candidate is asked to reapply after training. */
  close: 50,
  closeMaxGaps: 2,
  closeMaxGap: 1,
  /** Below this score, or with a gap this large, a role one level down is suggested (roles above trainee). */
  far: 35,
  farGap: 2,
} as const;

const roleLevelNames: Record<RoleLevelKey, string> = {
  trainee: 'trainee technician',
  technician: 'technician',
  senior_technician: 'senior technician',
  lead_technician: 'lead technician',
};

const nextRoleLevel: Record<RoleLevelKey, RoleLevelKey> = {
  trainee: 'technician',
  technician: 'senior_technician',
  senior_technician: 'lead_technician',
  lead_technician: 'lead_technician',
};

const previousRoleLevel: Record<RoleLevelKey, RoleLevelKey> = {
  trainee: 'trainee',
  technician: 'trainee',
  senior_technician: 'technician',
  lead_technician: 'senior_technician',
};

const onTheJob = /^your venue\b/i;

// ── Training ────────────────────────────────────────────────────────────────────────────────────

function currentLevel(mean: number): Level {
  return Math.min(4, Math.max(1, Math.floor(mean))) as Level;
}

/**
 * Catalogue entries for a criterion and a current level, in catalogue order. A level the catalogue
 * has nothing for (typically 4, "Strong") gets the entries for the highest level it does have, the
 * most advanced first: that is "to go further".
 */
export function trainingSuggestionsFor(criterion: Criterion, level: Level): TrainingEntry[] {
  const exact = trainingFor(criterion, level);
  if (exact.length > 0) return exact;
  const levels = criterion.training.flatMap((t) => t.forLevels);
  if (levels.length === 0) return [];
  // The nearest level below, else the nearest above.
  const below = levels.filter((l) => l < level);
  const target = below.length > 0 ? Math.max(...below) : Math.min(...levels);
  return trainingFor(criterion, target as Level)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => Math.min(...b.t.forLevels) - Math.min(...a.t.forLevels) || a.i - b.i)
    .map(({ t }) => t);
}

function suggestionOf(t: TrainingEntry): TrainingSuggestion {
  return { id: t.id, name: t.name, provider: t.provider, form: t.form, url: t.url };
}

// ── Evidence ────────────────────────────────────────────────────────────────────────────────────

/** Rephrased evidence from the ratings, highest first (strengths) or lowest first (development). */
/** Evidence rephrased once per composition: a long draft is built several times while it is shortened. */
type Rephrase = (evidence: string) => string[];

function evidenceFor(
  criterion: CriterionAssessment,
  order: 'highest' | 'lowest',
  rephrase: Rephrase,
  prefer?: (sentence: string) => boolean,
): string[] {
  const ratings = criterion.ratings
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (order === 'highest' ? b.r.rating - a.r.rating : a.r.rating - b.r.rating) || a.i - b.i)
    .map(({ r }) => r);
  const all: string[] = [];
  for (const r of ratings) {
    if (!r.evidence) continue;
    for (const sentence of rephrase(r.evidence)) {
      if (!all.some((s) => s.toLowerCase() === sentence.toLowerCase())) all.push(sentence);
    }
  }
  // Only the sentences that say the right thing (what went well, or what to develop) when there are any.
  const preferred = prefer ? all.filter(prefer) : [];
  return (preferred.length > 0 ? preferred : all).slice(0, 2);
}

/** Sentences that say what to develop ("could not yet", "needed prompting"). */
const developmentSignal =
  /\b(?:not|n't|struggl\w*|unsure|hesitant|slow(?:er)?|needed|missed|forgot|prompt\w*|guess\w*|lack\w*|unfamiliar|took\s+(?:a\s+while|longer)|shaky|rusty|confus\w*|incomplete|only\s+part\w*)\b/i;

function label(level: Level): string {
  return `"${levelLabels[level]}"`;
}

function strengthFallback(c: CriterionAssessment): string {
  const level = currentLevel(c.mean ?? 1);
  if (level >= 3) {
    return `The panel rated you ${label(level)} here, ${
      c.mean !== null && c.mean >= c.requiredLevel
        ? 'at or above the level this role asks for'
        : 'one of your best areas'
    }.`;
  }
  if (level === 2) {
    return `The panel rated this ${label(2)}: you showed the basics here, and it is the strongest base to build on.`;
  }
  return 'This was the strongest part of your interview, and a base to build on.';
}

function developmentFallback(c: CriterionAssessment, reason: DevelopmentReason): string {
  const level = currentLevel(c.mean ?? 1);
  if (reason === 'below_required') {
    return `This role asks for the ${label(c.requiredLevel)} level here, and the panel rated you ${label(level)}.`;
  }
  if (reason === 'lowest_rated') {
    return `This was your lowest-rated area, at ${label(level)}.`;
  }
  const next = Math.min(4, level + 1) as Level;
  return level >= 4
    ? `You already work at the ${label(4)} level here; to go further, deepen it with the next step below.`
    : `You already meet the level this role asks for here; to go further, aim for ${label(next)}.`;
}

// ── Selection ───────────────────────────────────────────────────────────────────────────────────

interface Plan {
  strengths: CriterionAssessment[];
  development: { criterion: CriterionAssessment; reason: DevelopmentReason }[];
}

function plan(assessment: CandidateFacingAssessment): Plan {
  const rated = assessment.criteria.filter((c) => c.mean !== null && c.ratings.length > 0);
  const byStrength = [...rated].sort(
    (a, b) =>
      (b.mean ?? 0) - (a.mean ?? 0) ||
      Number(a.disagreement) - Number(b.disagreement) ||
      b.weight - a.weight ||
      rated.indexOf(a) - rated.indexOf(b),
  );
  const byWeakness = [...rated].sort(
    (a, b) => (a.mean ?? 0) - (b.mean ?? 0) || b.weight - a.weight || rated.indexOf(a) - rated.indexOf(b),
  );

  let gapKeys = assessment.gaps.filter((k) => rated.some((c) => c.key === k));
  // Every criterion below the level: the best of them stays a strength (something to build on).
  if (gapKeys.length >= rated.length && byStrength[0])
    gapKeys = gapKeys.filter((k) => k !== byStrength[0]!.key);
  let development = gapKeys
    .map((k) => rated.find((c) => c.key === k)!)
    .slice(0, maxDevelopmentAreas)
    .map((criterion) => ({ criterion, reason: 'below_required' as DevelopmentReason }));

  const taken = new Set(development.map((d) => d.criterion.key));
  const remaining = byStrength.filter((c) => !taken.has(c.key));
  let strengths = remaining.filter((c) => (c.mean ?? 0) >= 3).slice(0, maxStrengths);
  if (strengths.length === 0 && remaining[0]) strengths = [remaining[0]];
  if (strengths.length === 0 && byStrength[0]) strengths = [byStrength[0]];

  if (development.length === 0) {
    const used = new Set(strengths.map((s) => s.key));
    const weakest = byWeakness.find((c) => !used.has(c.key) && (c.mean ?? 0) < 3);
    if (weakest) development = [{ criterion: weakest, reason: 'lowest_rated' }];
  }
  if (development.length === 0) {
    const only = rated.length === 1 ? rated[0]! : undefined;
    if (only?.belowRequired) development = [{ criterion: only, reason: 'below_required' }];
  }
  if (development.length === 0) {
    // A strong candidate: where to go further, on the lowest-rated criterion (a strength if need be).
    const used = new Set(strengths.map((s) => s.key));
    const other = byWeakness.find((c) => !used.has(c.key));
    const pick =
      other ?? [...strengths].sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0) || b.weight - a.weight)[0]!;
    development = [{ criterion: pick, reason: 'go_further' }];
  }
  return { strengths, development };
}

// ── Encouragement ───────────────────────────────────────────────────────────────────────────────

function scoreOf(assessment: CandidateFacingAssessment): number | null {
  if (assessment.overall.score !== null) return assessment.overall.score;
  const means = assessment.criteria.flatMap((c) => (c.mean === null ? [] : [c.mean]));
  if (means.length === 0) return null;
  const mean = means.reduce((s, m) => s + m, 0) / means.length;
  return Math.round(((mean - 1) / 3) * 100);
}

function encouragementFor(
  input: ComposeInput,
  score: number | null,
  areas: FeedbackDevelopmentArea[],
  strengths: FeedbackStrength[],
  venue: string,
): FeedbackEncouragement {
  const t = encouragementThresholds;
  const gaps = input.assessment.criteria.filter((c) => c.belowRequired && c.gap !== null);
  const maxGap = Math.max(0, ...gaps.map((c) => c.gap ?? 0));
  const s = score ?? 0;
  const at = venue ? ` at ${venue}` : '';
  // A course or certificate to name, rather than practice on the job, where there is one.
  const named = areas.flatMap((a) => a.suggestions);
  const firstTraining = (named.find((t) => !onTheJob.test(t.provider)) ?? named[0])?.name ?? null;

  if (gaps.length === 0) {
    const up = s >= t.nextLevel && input.role.level !== 'lead_technician';
    const futureRole = roleLevelNames[up ? nextRoleLevel[input.role.level] : input.role.level];
    const text = up
      ? `You met the level this role asks for on every criterion we assessed, and we can see you in a ${futureRole} role${at} in future. ${
          firstTraining ? `${firstTraining} would strengthen that application. ` : ''
        }We would welcome an application when one opens, and our talent network is the way to hear about it first.`
      : `You met the level this role asks for on every criterion we assessed. We would welcome an application for the next ${futureRole} role${at}, and our talent network is the way to hear about it first.`;
    return { kind: 'future_role', futureRole, trainingName: up ? firstTraining : null, text };
  }
  if (s >= t.close && gaps.length <= t.closeMaxGaps && maxGap <= t.closeMaxGap && firstTraining) {
    return {
      kind: 'reapply_after_training',
      futureRole: null,
      trainingName: firstTraining,
      text: `You came close to what this role needs. Once you have completed ${firstTraining}, we would welcome a new application for a ${roleLevelNames[input.role.level]} role${at}.`,
    };
  }
  if ((s < t.far || maxGap >= t.farGap) && input.role.level !== 'trainee') {
    const futureRole = roleLevelNames[previousRoleLevel[input.role.level]];
    const base = strengths[0]?.criterion;
    return {
      kind: 'future_role',
      futureRole,
      trainingName: null,
      text: `${base ? `${base} was your strongest area, and a base to build on. ` : ''}A ${futureRole} role${at} would be a good way to build the areas above with support on the job: we would welcome an application when one opens, and our talent network is the way to hear about it.`,
    };
  }
  return {
    kind: 'talent_network',
    futureRole: null,
    trainingName: null,
    text: `There is a real base to build on here. We would like to keep in touch through our talent network, so that we can tell you about roles${at} that suit you as you develop the areas above.`,
  };
}

/** The next step named without the line on why: "Eos family console training — ETC." */
function shortTrainingText(entries: readonly TrainingEntry[], criterionName: string): string {
  const [first] = entries;
  if (!first) return trainingText(entries, criterionName);
  const provider = onTheJob.test(first.provider) ? 'on the job with us' : providerName(first.provider);
  return `${first.name} — ${provider}.`;
}

// ── Composition ─────────────────────────────────────────────────────────────────────────────────

function cautiousStrength(evidence: string[]): string {
  const [first, ...rest] = evidence;
  if (!first) return 'You showed some of this, though not consistently across the interview.';
  return [`You showed some of this, though not consistently: ${lowerFirstWord(first)}`, ...rest].join(' ');
}

function cautiousDevelopment(evidence: string[]): string {
  const [first, ...rest] = evidence;
  if (!first) return 'You showed some of this, but not consistently across the interview.';
  return [`You showed some of this, but not consistently: ${lowerFirstWord(first)}`, ...rest].join(' ');
}

interface Fallbacks {
  strengths: Set<number>;
  development: Set<number>;
  training: Set<number>;
  encouragementWithoutVenue: boolean;
}

/**
 * How much a draft is shortened: `concise` keeps one sentence of evidence per point, two strengths
 * and no level sentence after evidence; development areas from `keepAreas` on are merged into one
 * point naming each criterion and its course; `shortTraining` drops the line on why a course fits.
 */
interface Brevity {
  concise: boolean;
  keepAreas: number;
  shortTraining: boolean;
}

const fullLength: Brevity = { concise: false, keepAreas: Number.POSITIVE_INFINITY, shortTraining: false };

/** The ways to shorten a draft of `areas` development areas, least shortened first. */
function brevities(areas: number): Brevity[] {
  const options: Brevity[] = [fullLength, { ...fullLength, concise: true }];
  for (let keep = areas - 1; keep >= 1; keep--)
    options.push({ concise: true, keepAreas: keep, shortTraining: false });
  options.push({ concise: true, keepAreas: 1, shortTraining: true });
  return options;
}

const numberWords = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

/**
 * One point for the criteria merged at the end of a long draft, written as a person would: how far
 * they are from the level, then a course for each (who runs it unless `short`), pointing back to a
 * course named above instead of naming it twice.
 */
function mergedArea(
  areas: FeedbackDevelopmentArea[],
  earlier: readonly FeedbackDevelopmentArea[],
  criteria: readonly CriterionAssessment[],
  short: boolean,
): FeedbackDevelopmentArea {
  const rated = areas.map((a) => criteria.find((c) => c.key === a.criterionKey));
  const levels = new Set(rated.map((c) => currentLevel(c?.mean ?? 1)));
  const required = new Set(rated.map((c) => c?.requiredLevel));
  const [level] = [...levels];
  const [needed] = [...required];
  const count = numberWords[areas.length] ?? String(areas.length);
  const sameGap = levels.size === 1 && required.size === 1 && level !== undefined && needed !== undefined;
  const evidence = sameGap
    ? `The panel rated you ${label(level)} in ${areas.length === 2 ? 'both' : `all ${count}`}, where this role asks for ${label(needed)}.`
    : `These ${count} are also below the level this role asks for.`;
  const suggestions = areas.flatMap((a) => a.suggestions.slice(0, 1));
  const namedAbove = new Set(earlier.flatMap((a) => a.suggestions.map((t) => t.id)));
  // Criteria that share a course are named together with it.
  const byCourse = new Map<string, { course: TrainingSuggestion; criteria: string[] }>();
  for (const a of areas) {
    const t = a.suggestions[0];
    if (!t) continue;
    const entry = byCourse.get(t.id) ?? { course: t, criteria: [] };
    entry.criteria.push(lowerFirstIfWord(a.criterion));
    byCourse.set(t.id, entry);
  }
  const courses = [...byCourse.values()].map(({ course, criteria: what }) => {
    const forWhat = `for ${what.join(' and for ')}`;
    if (namedAbove.has(course.id))
      return `${forWhat}, the ${course.name} above covers ${what.length === 1 ? 'it' : 'these'} too`;
    return `${forWhat}, ${short ? course.name : trainingWithProvider(course)}`;
  });
  return {
    criterionKey: null,
    criterion: areas.map((a) => a.criterion).join(mergedCriteriaSeparator),
    reason: 'below_required',
    level: null,
    evidence,
    training:
      courses.length > 0
        ? `${upperFirst(courses.join('; '))}.`
        : 'practise each of these wherever you work now with an experienced technician, and keep a log of what you try.',
    suggestions,
    cautious: false,
  };
}

function build(
  input: ComposeInput,
  rephrase: Rephrase,
  fallbacks: Fallbacks,
  brevity: Brevity = fullLength,
): StructuredFeedback {
  const { assessment } = input;
  const chosen = plan(assessment);
  const sentences = brevity.concise ? 1 : 2;
  const criterionOf = new Map(input.criteria.map((c) => [c.key, c]));

  const composedStrengths: FeedbackStrength[] = chosen.strengths.map((c, i) => {
    const weak = (c.mean ?? 0) < 3;
    const evidence = fallbacks.strengths.has(i)
      ? []
      : evidenceFor(c, 'highest', rephrase, (s) => !developmentSignal.test(s))
          .filter(
            // A weak interview's best area: only evidence that says what went right.
            (s) => !weak || !developmentSignal.test(s),
          )
          .slice(0, sentences);
    const text =
      evidence.length === 0
        ? strengthFallback(c)
        : c.disagreement
          ? cautiousStrength(evidence)
          : evidence.join(' ');
    return { criterionKey: c.key, criterion: c.name, evidence: text, cautious: c.disagreement };
  });
  // A concise draft keeps two strengths; the third stays spare for the editor to put back.
  const strengths = brevity.concise ? composedStrengths.slice(0, 2) : composedStrengths;

  const developmentAreas: FeedbackDevelopmentArea[] = chosen.development.map(
    ({ criterion: c, reason }, i) => {
      const level = currentLevel(c.mean ?? 1);
      const framework = criterionOf.get(c.key);
      // The gap's own evidence (lowest ratings first) says which entry fits: RF gap → RF course.
      const raw = [...c.ratings]
        .sort((a, b) => a.rating - b.rating)
        .flatMap((r) => (r.evidence ? [r.evidence] : []));
      const chosenTraining = framework
        ? chooseTraining(framework.training, {
            evidence: reason === 'go_further' ? raw.reverse() : raw,
            level,
            internalCandidate: input.internalCandidate ?? false,
            count: input.trainingPerArea ?? 1,
            goFurther: reason === 'go_further',
          })
        : [];
      const entries = fallbacks.training.has(i) ? [] : chosenTraining;
      let evidence: string;
      if (reason === 'go_further' || fallbacks.development.has(i)) {
        evidence = developmentFallback(c, reason);
      } else {
        const found = evidenceFor(c, 'lowest', rephrase, (s) => developmentSignal.test(s)).slice(
          0,
          sentences,
        );
        const saysWhat = found.some((s) => developmentSignal.test(s));
        if (found.length === 0) evidence = developmentFallback(c, reason);
        else if (c.disagreement) evidence = cautiousDevelopment(found);
        else if (saysWhat || brevity.concise) evidence = found.join(' ');
        else evidence = `${found[0]} ${developmentFallback(c, reason)}`;
      }
      return {
        criterionKey: c.key,
        criterion: c.name,
        reason,
        level,
        evidence,
        training: brevity.shortTraining ? shortTrainingText(entries, c.name) : trainingText(entries, c.name),
        suggestions: entries.map(suggestionOf),
        cautious: c.disagreement && reason !== 'go_further',
      };
    },
  );

  const score = scoreOf(assessment);
  const venue = fallbacks.encouragementWithoutVenue ? '' : input.venueName.trim();
  const encouragement = encouragementFor(input, score, developmentAreas, strengths, venue);
  // The encouragement names the first course, so areas are merged after it has been chosen.
  // The areas merged stay spare, each as its own point, so the editor can write them out again.
  let spareAreas: FeedbackDevelopmentArea[] = [];
  if (developmentAreas.length > brevity.keepAreas + 1) {
    spareAreas = developmentAreas.splice(brevity.keepAreas);
    developmentAreas.push(
      mergedArea(spareAreas, developmentAreas, assessment.criteria, brevity.shortTraining),
    );
  }
  const gaps = assessment.gaps.flatMap((key) => {
    const c = assessment.criteria.find((x) => x.key === key);
    return c ? [{ criterionKey: c.key, criterion: c.name }] : [];
  });
  const spare = { strengths: composedStrengths.slice(strengths.length), developmentAreas: spareAreas };
  return {
    strengths,
    developmentAreas,
    encouragement,
    score,
    edited: false,
    gaps,
    leftOut: [],
    ...(spare.strengths.length || spare.developmentAreas.length ? { spare } : {}),
  };
}

/** Parts of the text that hold an error finding, to be replaced by their framework-based wording. */
function blame(check: FeedbackCheck, segments: FeedbackSegment[], fallbacks: Fallbacks): boolean {
  let changed = false;
  for (const finding of check.findings) {
    if (finding.severity !== 'error') continue;
    for (const seg of segments) {
      if (!(finding.start < seg.end && seg.start < finding.end)) continue;
      // A finding about the whole text (missing strength, length) is not any one part's fault.
      if (finding.start <= 0 && finding.end >= (segments.at(-1)?.end ?? 0)) continue;
      const set =
        seg.part === 'strength'
          ? fallbacks.strengths
          : seg.part === 'development'
            ? fallbacks.development
            : seg.part === 'training'
              ? fallbacks.training
              : undefined;
      if (set && !set.has(seg.index)) {
        set.add(seg.index);
        changed = true;
      }
      if (seg.part === 'encouragement' && !fallbacks.encouragementWithoutVenue) {
        fallbacks.encouragementWithoutVenue = true;
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Composes feedback for an application. Throws FeedbackCompositionError when there is nothing to
 * build it from. The result's `check` is checkFeedback on its text with `context`.
 */
export function composeFeedback(input: ComposeInput, context: ComposeContext = {}): ComposedFeedback {
  if (input.assessment.scorecards.submitted === 0) {
    throw new FeedbackCompositionError(
      'no_scorecards',
      'No scorecard has been submitted for this application yet: feedback is built from the interviewers’ submitted scorecards.',
    );
  }
  if (!input.assessment.criteria.some((c) => c.mean !== null)) {
    throw new FeedbackCompositionError(
      'no_ratings',
      'The submitted scorecards have no ratings to build feedback from.',
    );
  }
  const fallbacks: Fallbacks = {
    strengths: new Set(),
    development: new Set(),
    training: new Set(),
    encouragementWithoutVenue: false,
  };
  // The least shortened draft within the word limit (or the shortest there is); then the check.
  const rephrased = new Map<string, string[]>();
  const rephrase: Rephrase = (evidence) => {
    let sentences = rephrased.get(evidence);
    if (!sentences) {
      sentences = rephraseEvidence(evidence, context, { maxSentences: 2 });
      rephrased.set(evidence, sentences);
    }
    return sentences;
  };
  const maxWords = input.maxWords ?? draftLength.max;
  const options = brevities(plan(input.assessment).development.length);
  const wordsOf = (b: Brevity) =>
    wordTokens(renderFeedbackMarkdownWithSegments(build(input, rephrase, fallbacks, b)).text).length;
  const brevity = options.find((b) => wordsOf(b) <= maxWords) ?? options.at(-1)!;
  for (;;) {
    const structured = build(input, rephrase, fallbacks, brevity);
    const { text, segments } = renderFeedbackMarkdownWithSegments(structured);
    const check = checkFeedback(text, context);
    if (check.pass || !blame(check, segments, fallbacks)) return { structured, text, check };
  }
}
