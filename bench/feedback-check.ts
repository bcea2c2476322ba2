// The feedback check's cost on hostile text: each 20,000-character adversarial input (the longest the
// API accepts) against a normal 200-word feedback text, measured in the same run. The check must stay
// linear in the text's length, so no input may cost more than 20× the normal text.
// Run with `npx tsx bench/feedback-check.ts` (add --json for the figures as JSON); exits 1 over the limit.

import { checkFeedback, type FeedbackCheckContext } from '../src/domain/feedback/check.ts';
import { feedbackTextMaxLength } from '../src/features/feedback/feedback.schema.ts';

const limit = 20;
const size = feedbackTextMaxLength;

const normal = [
  'Thank you for coming in on Tuesday and for the care you took over the practical.',
  '',
  '## What went well',
  '- Your fault-finding was methodical: you split the signal chain in half, checked the DI box and the',
  '  multicore in turn, and found the broken XLR within five minutes without disturbing the stage.',
  "- You set gains sensibly on the desk and explained why you left headroom for the band's loudest song.",
  '',
  '## Where to develop next',
  '- RF co-ordination is the area that held you back: you could not yet say how you would plan',
  '  frequencies for twelve radio mics and four in-ear packs in a venue beside a busy transmitter.',
  '- Dante clocking: you were unsure which device should lead the clock or why the sample rates',
  '  did not match when we added the second stage box.',
  '',
  'A good next step: the Shure wireless systems course (online, about six hours) covers frequency',
  'planning and intermodulation; Dante Certification Level 2 from Audinate covers clocking. We would',
  'welcome an application for a future sound role once you have worked through them, and we would',
  'be glad to keep you in our talent network in the meantime.',
].join('\n');

const context: FeedbackCheckContext = {
  interviewerNames: ['Grace Young', 'Tomasz Nowak'],
  candidateName: 'Sam Okafor',
  privateNotes: ['seemed nervous around the patch bay and did not ask any questions at all'],
};

const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Inputs shaped to make a backtracking pattern re-read long runs. */
const adversarial: Record<string, string> = {
  'newlines (the reported attack)': fill('\n'),
  spaces: fill(' '),
  tabs: fill('\t'),
  'one long word': fill('a'),
  '"we" and newlines': fill('we\n'),
  '"we decided to" and spaces': fill('we decided to '),
  '"not the" repeated': fill('not the '),
  '"you were a bit" repeated': fill('you were a bit '),
  'candidates were stronger': fill('candidates were very '),
  'headings and bullets': fill('## What went well\n- \n'),
  'hyphens and apostrophes': fill("a-b'c "),
  'interviewer names': fill('Grace Young Tomasz '),
  'punctuation only': fill('.,;:!?'),
  'typographic quotes': fill('’“”‘'),
  'the normal text, repeated': fill(`${normal}\n`),
};

/** The fastest of several runs: the one least disturbed by other work on a shared machine. */
function bestMs(text: string, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    checkFeedback(text, context);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

for (let i = 0; i < 20; i++) checkFeedback(normal, context); // JIT warm-up
const baseline = bestMs(normal, 41);
const rows = Object.entries(adversarial).map(([name, text]) => {
  checkFeedback(text, context);
  const ms = bestMs(text, 9);
  return { name, characters: text.length, ms, ratio: ms / baseline };
});

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ baselineMs: baseline, limit, rows }, null, 2));
} else {
  const words = normal.split(/\s+/).filter(Boolean).length;
  console.log(
    `Feedback check: normal text (${words} words, ${normal.length} characters) ${baseline.toFixed(2)} ms`,
  );
  console.log(
    `${'input'.padEnd(34)}${'characters'.padStart(11)}${'ms'.padStart(9)}${'× normal'.padStart(10)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(34)}${String(r.characters).padStart(11)}${r.ms.toFixed(2).padStart(9)}${r.ratio.toFixed(1).padStart(10)}`,
    );
  }
}
const over = rows.filter((r) => r.ratio > limit);
if (over.length > 0) {
  console.error(`Over ${limit}× the normal text: ${over.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
