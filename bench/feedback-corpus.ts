// Measures the feedback check against its labelled corpus: per kind precision and recall, and the
// overall pass/fail accuracy, on the development corpus (the check was tuned on it) and on the
// held-out examples (never tuned on) and on the independent corpus (written apart from the tuning
// corpus; its floors are asserted in check.test.ts), with the three floor figures for each. Run with `npx tsx bench/feedback-corpus.ts`;
// add --verbose to list every example that differs from its labels, --json for the numbers as JSON.

import type { CorpusScore } from '../src/domain/feedback/corpus/evaluate.ts';
import { evaluateCorpus, floorFigures } from '../src/domain/feedback/corpus/evaluate.ts';
import {
  type CorpusExample,
  feedbackCorpus,
  feedbackFresh,
  feedbackFresh2,
  feedbackFresh3,
  feedbackFresh4,
  feedbackFresh5,
  feedbackFresh6,
  feedbackHoldout,
  feedbackIndependent,
} from '../src/domain/feedback/corpus/index.ts';

const args = new Set(process.argv.slice(2));

function measure(examples: Parameters<typeof evaluateCorpus>[0]) {
  const started = performance.now();
  const score = evaluateCorpus(examples);
  return { score, ms: performance.now() - started };
}

const development = measure(feedbackCorpus);
const heldOut = measure(feedbackHoldout);
const independent = measure(feedbackIndependent);
const fresh = measure(feedbackFresh);
const fresh2 = measure(feedbackFresh2);
const fresh3 = measure(feedbackFresh3);
const fresh4 = measure(feedbackFresh4);
const fresh5 = measure(feedbackFresh5);
const fresh6 = measure(feedbackFresh6);

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function report(
  title: string,
  { score, ms }: { score: CorpusScore; ms: number },
  examples: readonly CorpusExample[],
): string[] {
  const floors = floorFigures(examples);
  const wrongOutcome = score.mismatches.filter((m) => m.expectedPass !== m.actualPass).length;
  const lines = [
    `${title}: ${score.examples} labelled examples, ${ms.toFixed(0)} ms (${(ms / Math.max(1, score.examples)).toFixed(1)} ms each)`,
    '',
    `  ${'kind'.padEnd(26)}${'labelled'.padStart(9)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}${'precision'.padStart(11)}${'recall'.padStart(9)}`,
    ...score.kinds.map(
      (k) =>
        `  ${k.kind.padEnd(26)}${String(k.support).padStart(9)}${String(k.truePositives).padStart(5)}${String(k.falsePositives).padStart(5)}${String(k.falseNegatives).padStart(5)}${pct(k.precision).padStart(11)}${pct(k.recall).padStart(9)}`,
    ),
    '',
    `  pass/fail accuracy: ${pct(score.passAccuracy)} (${score.examples - wrongOutcome}/${score.examples})`,
    `  examples that differ from their labels in any way: ${score.mismatches.length}`,
    `  vague/risky caught: ${pct(floors.riskyCaught)} · good passed: ${pct(floors.goodPassed)} · protected characteristics flagged: ${pct(floors.protectedFlagged)}`,
  ];
  if (args.has('--verbose') || score.mismatches.length <= 12) {
    for (const m of score.mismatches) {
      const parts = [
        m.expectedPass !== m.actualPass
          ? `expected ${m.expectedPass ? 'pass' : 'fail'}, got ${m.actualPass ? 'pass' : 'fail'}`
          : '',
        m.missing.length ? `missed ${m.missing.join(', ')}` : '',
        m.unexpected.length ? `also reported ${m.unexpected.join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`    ${m.id}: ${parts.join('; ')}`);
    }
  }
  return lines;
}

if (args.has('--json')) {
  process.stdout.write(
    `${JSON.stringify(
      {
        development: { ...development.score, floors: floorFigures(feedbackCorpus) },
        holdout: { ...heldOut.score, floors: floorFigures(feedbackHoldout) },
        independent: { ...independent.score, floors: floorFigures(feedbackIndependent) },
        fresh: { ...fresh.score, floors: floorFigures(feedbackFresh) },
        fresh2: { ...fresh2.score, floors: floorFigures(feedbackFresh2) },
        fresh3: { ...fresh3.score, floors: floorFigures(feedbackFresh3) },
        fresh4: { ...fresh4.score, floors: floorFigures(feedbackFresh4) },
        fresh5: { ...fresh5.score, floors: floorFigures(feedbackFresh5) },
        fresh6: { ...fresh6.score, floors: floorFigures(feedbackFresh6) },
      },
      null,
      2,
    )}\n`,
  );
} else {
  const lines = [
    ...report('Development corpus (the check was tuned on these)', development, feedbackCorpus),
    '',
    ...report('Held out (never tuned on)', heldOut, feedbackHoldout),
    '',
    ...report(
      'Independent (written apart from the tuning corpus; floors in check.test.ts)',
      independent,
      feedbackIndependent,
    ),
    '',
    ...report('Of which fresh (written after the rules; see the independent README)', fresh, feedbackFresh),
    '',
    ...report('Of which fresh-2 (second blind set; read since)', fresh2, feedbackFresh2),
    '',
    ...report(
      'Of which fresh-3 (third blind set, after the frame rules; read since)',
      fresh3,
      feedbackFresh3,
    ),
    '',
    ...report('Of which fresh-4 (fourth blind set; read since)', fresh4, feedbackFresh4),
    '',
    ...report('Of which fresh-5 (fifth blind set, measured once blind, then read)', fresh5, feedbackFresh5),
    ...report('Of which fresh-6 (sixth blind set, measured once blind, then read)', fresh6, feedbackFresh6),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
