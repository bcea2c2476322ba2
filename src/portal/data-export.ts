// Everything held about a candidate, as one JSON document: what the candidate downloads from their
// page ("my data") and what an admin exports for them (a request by letter, or before retention).
import type { AppContext } from '../app-context.ts';
import { approvedFeedbackFor } from '../features/feedback/feedback.service.ts';
import { findOrganisationName } from '../features/messages/outbox-context.ts';
import * as repo from './portal.repository.ts';

/** Stages at which a decision has been made (the export shows it). */
export const decidedStages = ['offer', 'hired', 'offer_declined', 'not_progressing', 'withdrawn', 'closed'];
/** Stages at which approved feedback is the candidate's to read. */
export const feedbackStages = ['not_progressing', 'closed'];

export async function candidateDataExport(ctx: AppContext, organisationId: string, candidateId: string) {
  const db = ctx.kysely;
  const candidate = await repo.findCandidate(db, organisationId, candidateId);
  if (!candidate) return undefined;
  const [organisation, applications, interviews, messages, calls, memberships, surveys, requests] =
    await Promise.all([
      findOrganisationName(db, organisationId),
      repo.listApplications(db, organisationId, candidateId),
      repo.listInterviews(db, organisationId, candidateId),
      repo.listMessages(db, organisationId, candidateId),
      repo.listFeedbackCallRequests(db, organisationId, candidateId),
      repo.listNetworkMemberships(db, organisationId, candidateId),
      repo.listSurveyResponses(db, organisationId, candidateId),
      repo.listDataRequests(db, organisationId, candidateId),
    ]);
  const withFeedback = await Promise.all(
    applications.map(async (a) => {
      const feedback = feedbackStages.includes(a.stage)
        ? await approvedFeedbackFor(db, organisationId, a.id)
        : undefined;
      return {
        id: a.id,
        role: a.roleTitle,
        venue: a.venueName,
        appliedAt: a.appliedAt,
        status: a.stage,
        decision: decidedStages.includes(a.stage)
          ? { outcome: a.stage, decidedAt: a.decidedAt, toldAt: a.toldAt }
          : null,
        interviews: interviews
          .filter((i) => i.application_id === a.id)
          .map((i) => ({ kind: i.kind, startsAt: i.starts_at, endsAt: i.ends_at })),
        feedback: feedback ? { text: feedback.text, approvedAt: feedback.approvedAt } : null,
      };
    }),
  );
  return {
    exportedAt: ctx.now().toISOString(),
    organisation: { name: organisation },
    candidate: {
      name: candidate.name,
      email: candidate.email,
      phone: candidate.phone,
      location: candidate.location,
      source: candidate.source,
      createdAt: candidate.createdAt,
    },
    applications: withFeedback,
    messages: messages.map((m) => ({
      applicationId: m.application_id,
      subject: m.subject,
      status: m.status,
      writtenAt: m.created_at,
      sentAt: m.sent_at,
    })),
    feedbackCallRequests: calls.map((c) => ({
      applicationId: c.application_id,
      note: c.note,
      preferredTimes: c.preferred_times,
      requestedAt: c.created_at,
    })),
    talentNetwork: memberships.map((m) => ({
      consentVersion: m.consent_version,
      joinedAt: m.joined_at,
      expiresAt: m.expires_at,
      leftAt: m.left_at,
    })),
    surveyResponses: surveys.map((s) => ({
      applicationId: s.application_id,
      recommend: Number(s.recommend),
      toldWhenPromised: Number(s.told_when_promised),
      feedbackUseful: Number(s.feedback_useful),
      treatedWithRespect: Number(s.treated_with_respect),
      comment: s.comment,
      answeredAt: s.created_at,
    })),
    dataRequests: requests.map((r) => ({
      kind: r.kind,
      status: r.status,
      requestedAt: r.requested_at,
      dueAt: r.due_at,
      closedAt: r.closed_at,
    })),
  };
}

export type CandidateDataExport = NonNullable<Awaited<ReturnType<typeof candidateDataExport>>>;
