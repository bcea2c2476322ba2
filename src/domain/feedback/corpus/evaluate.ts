// Measures the check against labelled examples: pass/fail accuracy and, per kind of finding,
// precision and recall over the examples (an example counts once per kind, however many findings).

import { checkFeedback, type FeedbackFindingKind, feedbackFindingKinds } from '../check.ts';
import type { CorpusExample } from './types.ts';

export interface KindScore {
  kind: FeedbackFindingKind;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when the check never reported the kind. */
  precision: number;
  /** TP / (TP + FN); 1 when no example is labelled with the kind. */
  recall: number;
  /** How many examples are labelled with the kind. */
  support: number;
}

export interface Mismatch {
  id: string;
  expectedPass: boolean;
  actualPass: boolean;
  missing: FeedbackFindingKind[];
  unexpected: FeedbackFindingKind[];
}

export interface CorpusScore {
  examples: number;
  passAccuracy: number;
  kinds: KindScore[];
  mismatches: Mismatch[];
}

export function evaluateCorpus(examples: readonly CorpusExample[]): CorpusScore {
  const counts = new Map(feedbackFindingKinds.map((k) => [k, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  let passRight = 0;
  const mismatches: Mismatch[] = [];
  for (const example of examples) {
    const result = checkFeedback(example.text, example.context);
    const found = new Set(result.findings.map((f) => f.kind));
    const expected = new Set(example.labels.kinds);
    if (result.pass === example.labels.pass) passRight++;
    const missing: FeedbackFindingKind[] = [];
    const unexpected: FeedbackFindingKind[] = [];
    for (const kind of feedbackFindingKinds) {
      const c = counts.get(kind)!;
      if (expected.has(kind)) c.support++;
      if (found.has(kind) && expected.has(kind)) c.tp++;
      else if (found.has(kind)) {
        c.fp++;
        unexpected.push(kind);
      } else if (expected.has(kind)) {
        c.fn++;
        missing.push(kind);
      }
    }
    if (result.pass !== example.labels.pass || missing.length > 0 || unexpected.length > 0) {
      mismatches.push({
        id: example.id,
        expectedPass: example.labels.pass,
        actualPass: result.pass,
        missing,
        unexpected,
      });
    }
  }
  const kinds = feedbackFindingKinds.map((kind): KindScore => {
    const c = counts.get(kind)!;
    return {
      kind,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
      recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
      support: c.support,
    };
  });
  return {
    examples: examples.length,
    passAccuracy: examples.length ? passRight / examples.length : 1,
    kinds,
    mismatches,
  };
}

/** The three figures the check's floors are set on (each 1 when the corpus has no such example). */
export interface FloorFigures {
  /** Of the texts labelled to fail (vague, harsh, leaky, incomplete, protected), the share that fail. */
  riskyCaught: number;
  /** Of the texts labelled to pass, the share that pass. */
  goodPassed: number;
  /** Of the texts labelled with a protected characteristic, the share where the check reports one. */
  protectedFlagged: number;
}

export function floorFigures(examples: readonly CorpusExample[]): FloorFigures {
  let risky = 0;
  let caught = 0;
  let good = 0;
  let passed = 0;
  let protectedTexts = 0;
  let flagged = 0;
  for (const example of examples) {
    const result = checkFeedback(example.text, example.context);
    if (example.labels.pass) {
      good++;
      if (result.pass) passed++;
    } else {
      risky++;
      if (!result.pass) caught++;
    }
    if (example.labels.kinds.includes('protected-characteristic')) {
      protectedTexts++;
      if (result.findings.some((f) => f.kind === 'protected-characteristic')) flagged++;
    }
  }
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    riskyCaught: share(caught, risky),
    goodPassed: share(passed, good),
    protectedFlagged: share(flagged, protectedTexts),
  };
}
