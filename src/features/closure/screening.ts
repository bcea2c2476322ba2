// Screening messages for closure: the role's criteria as screening reads them, the ready-made reasons
// the web app offers, and a composed, checked message for one application.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FeedbackCheck } from '../../domain/feedback/check.ts';
import {
  readyReasons,
  type ScreeningChoice,
  ScreeningChoiceError,
  type ScreeningCriterion,
  type ScreeningVariables,
  screeningText,
  screeningVariables,
} from '../../domain/screening.ts';
import { invalidField, notFound } from '../../errors.ts';
import { type FeedbackContextRow, findFeedbackContext } from '../feedback/feedback.repository.ts';
import { resolveRequirements } from '../frameworks/requirements.service.ts';
import type { ScreeningReasons } from './closure.schema.ts';

/** The criteria of the role's framework version with what the role needs of each. */
export async function screeningCriteriaOf(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<ScreeningCriterion[]> {
  const requirements = await resolveRequirements(db, organisationId, roleId);
  if (!requirements) throw notFound('Role');
  const byKey = new Map(requirements.criteria.map((c) => [c.criterionKey, c]));
  return requirements.version.criteria.flatMap((c) => {
    const needs = byKey.get(c.key);
    return needs
      ? [
          {
            key: c.key,
            name: c.name,
            definition: c.definition,
            training: c.training,
            weight: needs.weight,
            requiredLevel: needs.requiredLevel,
          },
        ]
      : [];
  });
}

export async function screeningReasonsOf(
  db: Kysely<Database>,
  organisationId: string,
  roleId: string,
): Promise<ScreeningReasons> {
  const criteria = await screeningCriteriaOf(db, organisationId, roleId);
  return { roleId, reasons: readyReasons(criteria) };
}

export interface ComposedScreening {
  variables: ScreeningVariables;
  check: FeedbackCheck;
}

/**
 * The screening message for an application from the manager's choice, checked against the
 * application's interviewers' names and private notes like feedback; a bad criterion is a 400.
 */
export async function composeScreening(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  criteria: readonly ScreeningCriterion[],
  choice: { reasons: readonly ScreeningChoice[]; note?: string | undefined },
  interviewed: boolean,
  /** The application's check context when the caller read many at once (findFeedbackContexts). */
  known?: FeedbackContextRow,
): Promise<ComposedScreening> {
  let variables: ScreeningVariables;
  try {
    variables = screeningVariables(criteria, choice, interviewed);
  } catch (err) {
    if (err instanceof ScreeningChoiceError) throw invalidField(err.field, err.message);
    throw err;
  }
  const context = known ?? (await findFeedbackContext(db, organisationId, applicationId));
  if (!context) throw notFound('Application');
  // The check uses compromise (slow to import): loaded at the first screening message, not at start.
  const { checkFeedback } = await import('../../domain/feedback/check.ts');
  return { variables, check: checkFeedback(screeningText(variables), context, 'screening') };
}

/** The error findings, one line each, for a refusal the manager can act on. */
export function describeErrors(check: FeedbackCheck): string {
  return check.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.kind}: ${f.message}`)
    .join('; ');
}
