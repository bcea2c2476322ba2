import type { AppContext } from '../../app-context.ts';
import { checkFeedback, type FeedbackCheck, type FeedbackCheckContext } from '../../domain/feedback/check.ts';
import { notFound } from '../../errors.ts';
import * as repo from './feedback.repository.ts';
import type { FeedbackCheckRequest, FeedbackCheckResponse } from './feedback.schema.ts';

// The response schema and the domain's result are the same shape, checked by the compiler: a kind
// added to one and not the other does not build.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const responseMatchesDomain: Same<FeedbackCheckResponse, FeedbackCheck> = true;

export function feedbackService(ctx: AppContext) {
  return {
    /**
     * Checks the text; with an application, against its interviewers' names and their private
     * notes (an application of another organisation is not found).
     */
    async check(organisationId: string, input: FeedbackCheckRequest): Promise<FeedbackCheck> {
      let context: FeedbackCheckContext = {};
      if (input.applicationId !== undefined) {
        const found = await repo.findFeedbackContext(ctx.kysely, organisationId, input.applicationId);
        if (!found) throw notFound('Application');
        context = found;
      }
      return checkFeedback(input.text, context);
    },
  };
}
export type FeedbackService = ReturnType<typeof feedbackService>;
