// The labelled corpora of feedback texts the check is measured against (bench/feedback-corpus.ts and
// check.test.ts), as JSON data. Written as UK venues' hiring managers would write after AV technician
// interviews. `tuning/` is what the rules were tuned on; `independent/` was written apart from it and
// is never used to tune them (see each folder's README).

import independentFresh from './independent/fresh.json' with { type: 'json' };
import independentFresh2 from './independent/fresh-2.json' with { type: 'json' };
import independentFresh3 from './independent/fresh-3.json' with { type: 'json' };
import independentFresh4 from './independent/fresh-4.json' with { type: 'json' };
import independentFresh5 from './independent/fresh-5.json' with { type: 'json' };
import independentFresh6 from './independent/fresh-6.json' with { type: 'json' };
import independentGood from './independent/good.json' with { type: 'json' };
import independentProtected from './independent/protected.json' with { type: 'json' };
import independentProtected2 from './independent/protected-2.json' with { type: 'json' };
import independentRisky from './independent/risky.json' with { type: 'json' };
import independentRisky2 from './independent/risky-2.json' with { type: 'json' };
import borderline from './tuning/borderline.json' with { type: 'json' };
import good from './tuning/good.json' with { type: 'json' };
import holdout from './tuning/holdout.json' with { type: 'json' };
import leaky from './tuning/leaky.json' with { type: 'json' };
import protectedExamples from './tuning/protected.json' with { type: 'json' };
import secondRound from './tuning/second-round.json' with { type: 'json' };
import toneAndGaps from './tuning/tone-and-gaps.json' with { type: 'json' };
import vague from './tuning/vague.json' with { type: 'json' };
import type { CorpusExample } from './types.ts';

export type { CorpusExample } from './types.ts';

const examples = (data: unknown): CorpusExample[] => data as CorpusExample[];

export const feedbackCorpus: readonly CorpusExample[] = [
  ...examples(good),
  ...examples(vague),
  ...examples(protectedExamples),
  ...examples(leaky),
  ...examples(borderline),
  ...examples(toneAndGaps),
  ...examples(secondRound),
];

/**
 * The third round, written after the check was tuned on `feedbackCorpus` and measured on its own.
 * Kept apart so its numbers stay comparable, but it has been read while tuning.
 */
export const feedbackHoldout: readonly CorpusExample[] = examples(holdout);

/**
 * The independent corpus: written apart from the tuning corpus (other authors' registers, lengths
 * and wording), never used to tune the rules. Its numbers are the honest estimate of the check on
 * text it has never seen, and `check.test.ts` holds floors on them.
 */
export const feedbackIndependent: readonly CorpusExample[] = [
  ...examples(independentRisky),
  ...examples(independentProtected),
  ...examples(independentGood),
  ...examples(independentProtected2),
  ...examples(independentRisky2),
  ...examples(independentFresh),
  ...examples(independentFresh2),
  ...examples(independentFresh3),
  ...examples(independentFresh4),
  ...examples(independentFresh5),
  ...examples(independentFresh6),
];

/**
 * The part of the independent corpus written after every rule up to it was in place, and measured
 * before any rule was changed (see independent/README.md): the least optimistic figures we have.
 */
export const feedbackFresh: readonly CorpusExample[] = examples(independentFresh);

/** The second and third blind sets (see independent/README.md for what each was measured at, blind). */
export const feedbackFresh2: readonly CorpusExample[] = examples(independentFresh2);
export const feedbackFresh3: readonly CorpusExample[] = examples(independentFresh3);
/** The fourth blind set, written before the rules were read and measured once after they were changed. */
export const feedbackFresh4: readonly CorpusExample[] = examples(independentFresh4);
/** The fifth blind set, written before the rules were read and committed before it was measured. */
export const feedbackFresh5: readonly CorpusExample[] = examples(independentFresh5);
export const feedbackFresh6: readonly CorpusExample[] = examples(independentFresh6);
