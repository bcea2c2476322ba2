import type { AppContext } from '../../../src/app-context.ts';
import { updateProfileFields } from '../../../src/features/network/network.repository.ts';
import type { ProfileFields } from '../../../src/features/network/network.schema.ts';
import { joinNetwork, recordTrainingDone } from '../../../src/features/network/network.service.ts';
import { refreshFitOfApplication } from '../../../src/features/network/network-fit.repository.ts';
import { newId } from '../../../src/ids.ts';
import { insertTestMemberUser } from './applications.ts';
import { insertAssessmentApplication, insertAssessmentInterview } from './assessment.ts';

type Level = 1 | 2 | 3 | 4;

/** A scorecard row with ratings per criterion key (submitted unless said otherwise). */
export async function insertRatedScorecard(
  ctx: AppContext,
  s: {
    organisationId: string;
    applicationId: string;
    ratings: Record<string, Level>;
    status?: 'submitted' | 'draft';
    privateNotes?: string;
  },
): Promise<string> {
  const interviewer = await insertTestMemberUser(ctx, {
    organisationId: s.organisationId,
    role: 'interviewer',
  });
  const interview = await insertAssessmentInterview(ctx, {
    organisationId: s.organisationId,
    applicationId: s.applicationId,
    interviewerIds: [interviewer.userId],
  });
  const id = newId();
  const at = ctx.now().toISOString();
  const submitted = (s.status ?? 'submitted') === 'submitted';
  await ctx.kysely
    .insertInto('scorecard')
    .values({
      id,
      organisation_id: s.organisationId,
      interview_id: interview.id,
      application_id: s.applicationId,
      interviewer_id: interviewer.userId,
      framework_id: 'builtin-av-technician-v1',
      framework_version_id: 'builtin-av-technician-v1',
      status: submitted ? 'submitted' : 'draft',
      recommendation: 'no',
      private_notes: s.privateNotes ?? null,
      submitted_at: submitted ? at : null,
      amended_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const entries = Object.entries(s.ratings);
  if (entries.length > 0) {
    await ctx.kysely
      .insertInto('scorecard_rating')
      .values(
        entries.map(([criterion_key, rating], position) => ({
          scorecard_id: id,
          criterion_key,
          position,
          rating,
          evidence: `Saw ${criterion_key} at ${rating}`,
        })),
      )
      .execute();
  }
  // As the scorecard service does on submit: the candidate's fit summary for matching.
  if (submitted) await refreshFitOfApplication(ctx.kysely, s.organisationId, s.applicationId);
  return id;
}

/**
 * A candidate assessed for a role (submitted scorecard with these ratings) who joined the talent
 * network from their page, with the profile given.
 */
export async function makeNetworkMember(
  ctx: AppContext,
  options: {
    organisationId: string;
    roleId?: string;
    name?: string;
    ratings?: Record<string, Level>;
    profile?: ProfileFields;
  },
): Promise<{ candidateId: string; applicationId: string; roleId: string }> {
  const application = await insertAssessmentApplication(ctx, {
    organisationId: options.organisationId,
    ...(options.roleId && { roleId: options.roleId }),
    ...(options.name && { candidateName: options.name }),
  });
  if (options.ratings) {
    await insertRatedScorecard(ctx, {
      organisationId: options.organisationId,
      applicationId: application.id,
      ratings: options.ratings,
    });
  }
  await ctx.kysely.transaction().execute(async (tx) => {
    await joinNetwork(tx, options.organisationId, application.candidateId, 'candidate_page', ctx.now());
    if (options.profile) {
      await updateProfileFields(
        tx,
        options.organisationId,
        application.candidateId,
        options.profile,
        ctx.now(),
      );
    }
  });
  return { candidateId: application.candidateId, applicationId: application.id, roleId: application.roleId };
}

/** A member marks a suggested training on this criterion done, from their page. */
export async function markTrainingDone(
  ctx: AppContext,
  s: { organisationId: string; candidateId: string; criterionKey: string; title: string },
): Promise<void> {
  await ctx.kysely
    .transaction()
    .execute((tx) =>
      recordTrainingDone(
        tx,
        s.organisationId,
        s.candidateId,
        { criterionKey: s.criterionKey, title: s.title, certificateNumber: null, completedOn: null },
        ctx.now(),
      ),
    );
}
