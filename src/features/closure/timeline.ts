// A candidate's timeline: every touchpoint, from sources that each read one kind of record. The
// portal actions are one of the `timelineSources` below.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isStage, stageLabels } from '../../domain/lifecycle.ts';
import type { TimelineEvent } from './closure.schema.ts';

export type TimelineSource = (
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
) => Promise<TimelineEvent[]>;

const iso = (value: string) => new Date(value).toISOString();
const label = (stage: unknown) =>
  typeof stage === 'string' && isStage(stage) ? stageLabels[stage].toLowerCase() : String(stage);

const applications: TimelineSource = async (db, organisationId, candidateId) => {
  const rows = await db
    .selectFrom('application')
    .innerJoin('role', 'role.id', 'application.role_id')
    .select([
      'application.id',
      'application.created_at',
      'application.told_at',
      'application.told_via',
      'role.title',
    ])
    .where('application.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .execute();
  return rows.flatMap((r): TimelineEvent[] => [
    {
      at: iso(r.created_at),
      kind: 'application_created',
      applicationId: r.id,
      summary: `Applied for ${r.title}`,
      status: null,
    },
    ...(r.told_at
      ? [
          {
            at: iso(r.told_at),
            kind: 'told' as const,
            applicationId: r.id,
            summary: `Told the outcome (${(r.told_via ?? 'unknown').replaceAll('_', ' ')})`,
            status: null,
          },
        ]
      : []),
  ]);
};

const interviews: TimelineSource = async (db, organisationId, candidateId, now) => {
  const rows = await db
    .selectFrom('interview')
    .innerJoin('application', 'application.id', 'interview.application_id')
    .select(['interview.application_id', 'interview.created_at', 'interview.starts_at', 'interview.ends_at'])
    .where('interview.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .execute();
  return rows.flatMap((r): TimelineEvent[] => [
    {
      at: iso(r.created_at),
      kind: 'interview_scheduled',
      applicationId: r.application_id,
      summary: `Interview arranged for ${iso(r.starts_at)}`,
      status: null,
    },
    ...(Date.parse(r.ends_at) <= now.getTime()
      ? [
          {
            at: iso(r.ends_at),
            kind: 'interview_held' as const,
            applicationId: r.application_id,
            summary: 'Interview held',
            status: null,
          },
        ]
      : []),
  ]);
};

/** Only that a scorecard was submitted and by whom: never ratings or private notes. */
const scorecards: TimelineSource = async (db, organisationId, candidateId) => {
  const rows = await db
    .selectFrom('scorecard')
    .innerJoin('application', 'application.id', 'scorecard.application_id')
    .innerJoin('user', 'user.id', 'scorecard.interviewer_id')
    .select(['scorecard.application_id', 'scorecard.submitted_at', 'user.name'])
    .where('scorecard.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .where('scorecard.status', '=', 'submitted')
    .where('scorecard.submitted_at', 'is not', null)
    .execute();
  return rows.map((r) => ({
    at: iso(r.submitted_at!),
    kind: 'scorecard_submitted' as const,
    applicationId: r.application_id,
    summary: `Scorecard submitted by ${r.name}`,
    status: null,
  }));
};

/** Stage changes and decisions, from the audit trail. */
const auditTrail: TimelineSource = async (db, organisationId, candidateId) => {
  const rows = await db
    .selectFrom('audit_event')
    .innerJoin('application', (join) =>
      join
        .onRef('application.id', '=', 'audit_event.subject_id')
        .on('audit_event.subject_type', '=', 'application'),
    )
    .select(['audit_event.subject_id', 'audit_event.action', 'audit_event.detail', 'audit_event.created_at'])
    .where('audit_event.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .where('audit_event.action', 'in', [
      'application.stage_changed',
      'application.decision',
      'application.closed',
    ])
    .execute();
  return rows.map((r) => {
    const detail = (r.detail ? JSON.parse(r.detail) : {}) as { from?: string; to?: string; outcome?: string };
    const decision = r.action === 'application.decision';
    return {
      at: iso(r.created_at),
      kind: decision ? ('decision' as const) : ('stage_changed' as const),
      applicationId: r.subject_id,
      summary: decision
        ? `Decision: ${label(detail.outcome)}`
        : r.action === 'application.closed'
          ? 'Closed'
          : `Stage: ${label(detail.from)} → ${label(detail.to)}`,
      status: null,
    };
  });
};

const holdingUpdates: TimelineSource = async (db, organisationId, candidateId) => {
  const rows = await db
    .selectFrom('decision_slip')
    .innerJoin('application', 'application.id', 'decision_slip.application_id')
    .select(['decision_slip.application_id', 'decision_slip.created_at', 'decision_slip.to_due_date'])
    .where('decision_slip.organisation_id', '=', organisationId)
    .where('application.candidate_id', '=', candidateId)
    .execute();
  return rows.map((r) => ({
    at: iso(r.created_at),
    kind: 'holding_update' as const,
    applicationId: r.application_id,
    summary: `Holding update: decision by ${r.to_due_date}`,
    status: null,
  }));
};

const messages: TimelineSource = async (db, organisationId, candidateId) => {
  const rows = await db
    .selectFrom('message')
    .select(['application_id', 'created_at', 'subject', 'status', 'sent_at'])
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  return rows.map((r) => ({
    at: iso(r.created_at),
    kind: 'message' as const,
    applicationId: r.application_id,
    summary: `Email: ${r.subject}`,
    status: r.status,
  }));
};

/**
 * What the candidate did on their own page: feedback calls, the talent network, data requests.
 * Survey answers are left out: they are reported without names.
 */
const portalActions: TimelineSource = async (db, organisationId, candidateId) => {
  const [calls, memberships, requests] = await Promise.all([
    db
      .selectFrom('feedback_call_request')
      .select(['application_id', 'created_at', 'note', 'preferred_times'])
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', '=', candidateId)
      .execute(),
    db
      .selectFrom('talent_network_member')
      .select(['joined_at', 'left_at'])
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', '=', candidateId)
      .execute(),
    db
      .selectFrom('data_request')
      .select(['kind', 'requested_at', 'due_at'])
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', '=', candidateId)
      .execute(),
  ]);
  const event = (at: string, applicationId: string | null, summary: string): TimelineEvent => ({
    at: iso(at),
    kind: 'portal_action',
    applicationId,
    summary,
    status: null,
  });
  return [
    // In the candidate's own words: their question and when suits them.
    ...calls.map((c) =>
      event(
        c.created_at,
        c.application_id,
        [
          'Asked for a feedback call',
          c.note ? `: “${c.note}”` : '',
          c.preferred_times ? ` (good times: ${c.preferred_times})` : '',
        ].join(''),
      ),
    ),
    ...memberships.flatMap((m) => [
      event(m.joined_at, null, 'Joined the talent network'),
      ...(m.left_at ? [event(m.left_at, null, 'Left the talent network')] : []),
    ]),
    ...requests.map((r) =>
      event(r.requested_at, null, `Asked for ${r.kind} of their data (due by ${r.due_at.slice(0, 10)})`),
    ),
  ];
};

/** Every source of touchpoints. */
export const timelineSources: TimelineSource[] = [
  applications,
  interviews,
  scorecards,
  auditTrail,
  holdingUpdates,
  messages,
  portalActions,
];

export async function buildTimeline(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<TimelineEvent[]> {
  const all = (await Promise.all(timelineSources.map((s) => s(db, organisationId, candidateId, now)))).flat();
  // Stable: equal instants keep the sources' order (an application before its interviews…).
  return all
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}
