import type { FeedbackCheckContext, FeedbackFindingKind } from '../check.ts';

/** One labelled piece of candidate feedback: what the check should say about it, and why. */
export interface CorpusExample {
  id: string;
  text: string;
  /** The private notes, interviewer names and candidate name the check is given. */
  context?: FeedbackCheckContext;
  labels: {
    /** Whether the text should pass (no error findings). */
    pass: boolean;
    /** Every kind of finding, error or warning, the check should report; the rest should be absent. */
    kinds: FeedbackFindingKind[];
  };
  note: string;
}
