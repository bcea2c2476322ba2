// The labelled corpus of feedback texts the check is measured against (bench/feedback-corpus.ts and
// check.test.ts). Written as UK venues' hiring managers would write after AV technician interviews.

import { borderline } from './borderline.ts';
import { good } from './good.ts';
import { holdout } from './holdout.ts';
import { leaky } from './leaky.ts';
import { protectedExamples } from './protected.ts';
import { secondRound } from './second-round.ts';
import { toneAndGaps } from './tone-and-gaps.ts';
import type { CorpusExample } from './types.ts';
import { vague } from './vague.ts';

export type { CorpusExample } from './types.ts';

export const feedbackCorpus: readonly CorpusExample[] = [
  ...good,
  ...vague,
  ...protectedExamples,
  ...leaky,
  ...borderline,
  ...toneAndGaps,
  ...secondRound,
];

/**
 * Examples written after the check was tuned on `feedbackCorpus`, measured on their own: the
 * honest estimate of how the check does on new text. Never tune the check against them.
 */
export const feedbackHoldout: readonly CorpusExample[] = holdout;
