import type { AppContext } from '../../../src/app-context.ts';
import type { CandidateCreateInput } from '../../../src/features/candidates/candidates.schema.ts';
import { candidateCreateSchema } from '../../../src/features/candidates/candidates.schema.ts';
import { candidateService } from '../../../src/features/candidates/candidates.service.ts';
import { makeOrganisation } from './organisations.ts';

let counter = 0;

/** A candidate with a unique email; creates the organisation when none is given. */
export async function makeCandidate(
  ctx: AppContext,
  options: { organisationId?: string } & Partial<CandidateCreateInput> = {},
) {
  const { organisationId: given, ...fields } = options;
  const organisationId = given ?? (await makeOrganisation(ctx)).id;
  const input = candidateCreateSchema.parse({
    name: 'Sam Candidate',
    email: `candidate-${Date.now().toString(36)}${(counter++).toString(36)}@example.test`,
    ...fields,
  });
  return candidateService(ctx).create(organisationId, input);
}
