// All of the privacy feature's Kysely code: anonymising one candidate (personal fields replaced, free
// text removed, outcomes, dates, scores and survey figures kept), the retention settings, and what
// retention finds due. Every function takes the organisation id.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The name an anonymised candidate is shown under. */
export const erasedName = 'Erased candidate';
/** A unique address that can never receive mail (the .invalid top-level domain is reserved). */
export const erasedEmail = (candidateId: string) => `erased-${candidateId.toLowerCase()}@erased.invalid`;

const erasedFeedbackCheck = (raw: string): string => {
  try {
    const check = JSON.parse(raw) as { pass?: boolean; score?: number };
    return JSON.stringify({ pass: check.pass ?? true, score: check.score ?? 0, findings: [] });
  } catch {
    return JSON.stringify({ pass: true, score: 0, findings: [] });
  }
};

const erasedStructured = (raw: string): string => {
  let score: number | null = null;
  let edited = false;
  try {
    const doc = JSON.parse(raw) as { score?: number | null; edited?: boolean };
    score = doc.score ?? null;
    edited = doc.edited ?? false;
  } catch {
    // Unreadable: nothing worth keeping.
  }
  return JSON.stringify({
    strengths: [],
    developmentAreas: [],
    encouragement: { kind: 'future_role', futureRole: null, trainingName: null, text: '' },
    score,
    edited,
  });
};

export interface CandidateIdentity {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  anonymisedAt: string | null;
  legalHoldAt: string | null;
  legalHoldReason: string | null;
}

export async function findCandidateIdentity(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<CandidateIdentity | undefined> {
  const row = await db
    .selectFrom('candidate')
    .select(['id', 'name', 'email', 'phone', 'anonymised_at', 'legal_hold_at', 'legal_hold_reason'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      anonymisedAt: row.anonymised_at,
      legalHoldAt: row.legal_hold_at,
      legalHoldReason: row.legal_hold_reason,
    }
  );
}

/**
 * Claims the candidate for anonymisation: only one caller (of any number of workers) gets true, and
 * never while a legal hold is on. Personal fields are replaced in the same statement.
 */
export async function claimCandidate(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('candidate')
    .set({
      anonymised_at: now.toISOString(),
      name: erasedName,
      email: erasedEmail(candidateId),
      phone: null,
      location: null,
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .where('anonymised_at', 'is', null)
    .where('legal_hold_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

const count = (
  result:
    | { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]
    | { numUpdatedRows?: bigint; numDeletedRows?: bigint },
) =>
  (Array.isArray(result) ? result : [result]).reduce(
    (n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n),
    0,
  );

/** Escapes LIKE's wildcards so a name is matched as written. */
function likeEscaped(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Removes the candidate's free text and the texts that mention them, after claimCandidate in the
 * same transaction. `mentions` are the strings (name, email, phone) whose presence in a notification,
 * message, audit detail, webhook payload or job makes that text theirs.
 */
export async function scrubCandidate(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  mentions: readonly string[],
  now: Date,
): Promise<Record<string, number>> {
  const at = now.toISOString();
  const applicationIds = (
    await db
      .selectFrom('application')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', '=', candidateId)
      .execute()
  ).map((r) => r.id);
  const apps = applicationIds.length > 0 ? applicationIds : ['-'];
  const ids = [candidateId, ...applicationIds];
  const patterns = mentions.filter((m) => m.trim().length >= 3).map(likeEscaped);
  const mentionsAny = <T extends string>(columns: readonly T[]) =>
    sql<boolean>`(${sql.join(
      [...columns.flatMap((c) => patterns.map((p) => sql`${sql.ref(c)} like ${p} escape '\\'`)), sql`1 = 0`],
      sql` or `,
    )})`;
  const idsAny = <T extends string>(column: T) =>
    sql<boolean>`(${sql.join(
      ids.map((id) => sql`${sql.ref(column)} like ${likeEscaped(id)} escape '\\'`),
      sql` or `,
    )})`;

  const removed: Record<string, number> = {};

  removed.applicationNotes = count(
    await db
      .updateTable('application')
      .set({ told_note: null })
      .where('organisation_id', '=', organisationId)
      .where('candidate_id', '=', candidateId)
      .where('told_note', 'is not', null)
      .executeTakeFirst(),
  );
  await db
    .updateTable('interview')
    .set({ location: null })
    .where('organisation_id', '=', organisationId)
    .where('application_id', 'in', apps)
    .execute();

  // Scorecards: ratings and recommendations stay; notes and evidence go.
  removed.scorecardNotes = count(
    await db
      .updateTable('scorecard')
      .set({ private_notes: null })
      .where('organisation_id', '=', organisationId)
      .where('application_id', 'in', apps)
      .executeTakeFirst(),
  );
  removed.evidence = count(
    await db
      .updateTable('scorecard_rating')
      .set({ evidence: null })
      .where(
        'scorecard_id',
        'in',
        db
          .selectFrom('scorecard')
          .select('id')
          .where('organisation_id', '=', organisationId)
          .where('application_id', 'in', apps),
      )
      .where('evidence', 'is not', null)
      .executeTakeFirst(),
  );

  // Feedback: the score and whether it passed stay; every word goes.
  for (const table of ['feedback', 'feedback_version'] as const) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'structured', 'check_result'])
      .where('organisation_id', '=', organisationId)
      .where('application_id', 'in', apps)
      .execute();
    for (const row of rows) {
      await db
        .updateTable(table)
        .set({
          structured: erasedStructured(row.structured),
          text: '',
          check_result: erasedFeedbackCheck(row.check_result),
          override_reason: null,
        })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', row.id)
        .execute();
    }
    removed[table] = rows.length;
  }

  await db
    .updateTable('closure_queue_item')
    .set({ screening: null, without_scorecards_note: null, check_result: null, problem: null })
    .where('organisation_id', '=', organisationId)
    .where('application_id', 'in', apps)
    .execute();
  await db
    .updateTable('decision_slip')
    .set({ reason: null })
    .where('organisation_id', '=', organisationId)
    .where('application_id', 'in', apps)
    .execute();
  await db
    .updateTable('feedback_call_request')
    .set({ note: null, preferred_times: null })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  // Survey figures stay (the dashboard counts them); the comment's words go, leaving an empty
  // comment so that the count of comments left does not change.
  removed.surveyComments = count(
    await db
      .updateTable('survey_response')
      .set({ comment: '' })
      .where('organisation_id', '=', organisationId)
      .where('application_id', 'in', apps)
      .where('comment', 'is not', null)
      .where('comment', '<>', '')
      .executeTakeFirst(),
  );

  // Emails: to the candidate, about their applications, or mentioning them. Unsent ones never go.
  const messagesOf = () =>
    db
      .updateTable('message')
      .where('organisation_id', '=', organisationId)
      .where((eb) =>
        eb.or([
          eb('candidate_id', '=', candidateId),
          eb('application_id', 'in', apps),
          mentionsAny(['subject', 'text', 'html', 'variables', 'to_email']),
        ]),
      );
  await messagesOf()
    .set({ status: 'cancelled', cancelled_at: at, lease_owner: null, lease_expires_at: null })
    .where('status', 'in', ['held', 'queued', 'failed'])
    .execute();
  removed.messages = count(
    await messagesOf()
      .set({
        subject: '(removed)',
        html: '',
        text: '',
        variables: '{}',
        ics: null,
        sealed_links: null,
        last_error: null,
        smtp_response: null,
        updated_at: at,
      })
      .executeTakeFirst(),
  );
  await db
    .updateTable('message')
    .set({ to_email: erasedEmail(candidateId), to_name: null })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();

  removed.notifications = count(
    await db
      .updateTable('notification')
      .set({ title: 'About an erased candidate', body: '' })
      .where('organisation_id', '=', organisationId)
      .where((eb) => eb.or([idsAny('link_path'), mentionsAny(['title', 'body'])]))
      .executeTakeFirst(),
  );

  // Talent network: consent records stay as proof (version, time, source); the profile is closed.
  await db
    .updateTable('network_profile')
    .set({
      status: 'left',
      left_at: sql`coalesce(left_at, ${at})`,
      region: null,
      travel_miles: null,
      notice_weeks: null,
      updated_at: at,
    })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  await db
    .updateTable('talent_network_member')
    .set({ left_at: at })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .where('left_at', 'is', null)
    .execute();
  for (const table of [
    'network_tag',
    'network_fit',
    'network_unsubscribe_token',
    'candidate_link',
    'candidate_email_change',
  ] as const) {
    removed[table] = count(
      await db
        .deleteFrom(table)
        .where('organisation_id', '=', organisationId)
        .where('candidate_id', '=', candidateId)
        .executeTakeFirst(),
    );
  }
  await db
    .updateTable('network_history')
    .set({ summary: '' })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  await db
    .updateTable('network_future_fit')
    .set({ for_role: '', after: '' })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  await db
    .updateTable('network_training')
    .set({ certificate_number: null })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  await db
    .updateTable('network_opportunity')
    .set({ note: null })
    .where('organisation_id', '=', organisationId)
    .where('candidate_id', '=', candidateId)
    .execute();
  await db
    .updateTable('referral_link')
    .set({ revoked_at: at, show_first_name: 0 })
    .where('organisation_id', '=', organisationId)
    .where('referrer_candidate_id', '=', candidateId)
    .where('revoked_at', 'is', null)
    .execute();
  // The work they recommend is their own words; revoked links keep only dates and counts.
  await db
    .updateTable('referral_link')
    .set({ kind_of_work: null })
    .where('organisation_id', '=', organisationId)
    .where('referrer_candidate_id', '=', candidateId)
    .execute();

  // Audit: who did what and when stays; details about them go.
  removed.auditDetails = count(
    await db
      .updateTable('audit_event')
      .set({ detail: null })
      .where('organisation_id', '=', organisationId)
      .where('detail', 'is not', null)
      .where((eb) => eb.or([eb('subject_id', 'in', ids), mentionsAny(['detail'])]))
      .executeTakeFirst(),
  );

  // Webhook events sent about them: the payload and what was sent and answered go.
  const events = db
    .selectFrom('webhook_event')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([idsAny('payload'), mentionsAny(['payload'])]));
  await db
    .updateTable('webhook_delivery')
    .set({ request_body: null, request_headers: null, response_body: null, last_error: null })
    .where('organisation_id', '=', organisationId)
    .where('event_id', 'in', events)
    .execute();
  await db
    .updateTable('webhook_event')
    .set({ payload: '{}' })
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([idsAny('payload'), mentionsAny(['payload'])]))
    .execute();

  // Background jobs (an import's rows, an export's result) that held them.
  await db
    .updateTable('job')
    .set({ input: '{}', result: null, error: null })
    .where('organisation_id', '=', organisationId)
    .where(mentionsAny(['input', 'result', 'error']))
    .execute();

  // API answers kept for a retry (24 hours at most) that held them: forgotten now.
  await db
    .deleteFrom('idempotency_key')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([idsAny('response_body'), mentionsAny(['response_body'])]))
    .execute();
  // Bounces of their emails: that an email bounced stays, the provider's diagnostic (their address) goes.
  await db
    .updateTable('message_bounce')
    .set({ detail: null })
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb(
          'message_id',
          'in',
          eb
            .selectFrom('message')
            .select('message.id')
            .where('message.organisation_id', '=', organisationId)
            .where((m) =>
              m.or([m('message.candidate_id', '=', candidateId), m('message.application_id', 'in', apps)]),
            ),
        ),
        mentionsAny(['detail']),
      ]),
    )
    .execute();

  return removed;
}

/** SQLite keeps old pages in the write-ahead log until a checkpoint: fold it in and empty it. */
export async function checkpointSqlite(db: Kysely<Database>): Promise<void> {
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}

// ------------------------------------------------------------------------------------- settings

export interface RetentionSettings {
  candidateMonths: number;
  messageBodyDays: number;
}

export async function findSettings(
  db: Kysely<Database>,
  organisationId: string,
  defaults: RetentionSettings,
): Promise<RetentionSettings> {
  const row = await db
    .selectFrom('privacy_settings')
    .select(['candidate_months', 'message_body_days'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    candidateMonths: row ? Number(row.candidate_months) : defaults.candidateMonths,
    messageBodyDays: row ? Number(row.message_body_days) : defaults.messageBodyDays,
  };
}

export async function saveSettings(
  db: Kysely<Database>,
  organisationId: string,
  settings: RetentionSettings,
  userId: string | null,
  now: Date,
): Promise<void> {
  const values = {
    candidate_months: settings.candidateMonths,
    message_body_days: settings.messageBodyDays,
    updated_by: userId,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('privacy_settings')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}

/** Every organisation, for the sweep (each has its own retention periods). */
export async function listOrganisationIds(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('organization').select('id').orderBy('id').execute()).map((r) => r.id);
}

// ------------------------------------------------------------------------------------ legal hold

/** Sets or releases a legal hold; false when nothing changed (already so, unknown or anonymised). */
export async function setLegalHold(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
  hold: { reason: string } | null,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('candidate')
    .set(
      hold
        ? { legal_hold_at: now.toISOString(), legal_hold_reason: hold.reason, updated_at: now.toISOString() }
        : { legal_hold_at: null, legal_hold_reason: null, updated_at: now.toISOString() },
    )
    .where('organisation_id', '=', organisationId)
    .where('id', '=', candidateId)
    .where('anonymised_at', 'is', null)
    .where('legal_hold_at', hold ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listLegalHolds(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('candidate')
    .select(['id', 'name', 'legal_hold_at', 'legal_hold_reason'])
    .where('organisation_id', '=', organisationId)
    .where('anonymised_at', 'is', null)
    .where('legal_hold_at', 'is not', null)
    .orderBy('legal_hold_at')
    .execute();
}

// ------------------------------------------------------------------------------------- retention

export interface RetentionCandidate {
  id: string;
  name: string;
  email: string;
  /** The last time one of their applications changed stage (closed), or when they were added. */
  lastClosedAt: string;
  /** When they left the talent network (consent ended or withdrawn); null if never a member. */
  leftNetworkAt: string | null;
}

/**
 * Candidates retention may anonymise: not anonymised, not on legal hold, every application closed,
 * not a current talent-network member, last closed on or before `closedBy` and left the network (if
 * ever in it) on or before `leftBy`. Oldest first.
 */
export async function findRetentionCandidates(
  db: Kysely<Database>,
  organisationId: string,
  bounds: { closedBy: Date; leftBy: Date },
  limit: number,
): Promise<RetentionCandidate[]> {
  const lastClosed = sql<string>`coalesce(max(application.stage_changed_at), candidate.created_at)`;
  const rows = await db
    .selectFrom('candidate')
    .leftJoin('application', (j) =>
      j
        .onRef('application.candidate_id', '=', 'candidate.id')
        .onRef('application.organisation_id', '=', 'candidate.organisation_id'),
    )
    .leftJoin('network_profile', (j) =>
      j
        .onRef('network_profile.candidate_id', '=', 'candidate.id')
        .onRef('network_profile.organisation_id', '=', 'candidate.organisation_id'),
    )
    .select([
      'candidate.id',
      'candidate.name',
      'candidate.email',
      lastClosed.as('last_closed_at'),
      'network_profile.left_at',
    ])
    .where('candidate.organisation_id', '=', organisationId)
    .where('candidate.anonymised_at', 'is', null)
    .where('candidate.legal_hold_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('application as open')
            .select('open.id')
            .whereRef('open.candidate_id', '=', 'candidate.id')
            .where('open.organisation_id', '=', organisationId)
            .where('open.stage', '<>', 'closed'),
        ),
      ),
    )
    .where((eb) =>
      eb.or([eb('network_profile.status', 'is', null), eb('network_profile.status', '<>', 'member')]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('talent_network_member as tnm')
            .select('tnm.id')
            .whereRef('tnm.candidate_id', '=', 'candidate.id')
            .where('tnm.organisation_id', '=', organisationId)
            .where('tnm.left_at', 'is', null)
            .where('tnm.expires_at', '>', bounds.leftBy.toISOString()),
        ),
      ),
    )
    .where((eb) =>
      eb.or([
        eb('network_profile.left_at', 'is', null),
        eb('network_profile.left_at', '<=', bounds.leftBy.toISOString()),
      ]),
    )
    .groupBy([
      'candidate.id',
      'candidate.name',
      'candidate.email',
      'candidate.created_at',
      'network_profile.left_at',
    ])
    .having(lastClosed, '<=', bounds.closedBy.toISOString())
    .orderBy('last_closed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    lastClosedAt: r.last_closed_at,
    leftNetworkAt: r.left_at,
  }));
}

/** Removes the bodies of emails sent on or before `sentBy` (who, when and which template stay). */
export async function clearMessageBodies(
  db: Kysely<Database>,
  organisationId: string,
  sentBy: Date,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('message')
    .set({
      html: '',
      text: '',
      variables: '{}',
      ics: null,
      sealed_links: null,
      updated_at: now.toISOString(),
    })
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'sent')
    .where('sent_at', '<=', sentBy.toISOString())
    .where((eb) => eb.or([eb('text', '<>', ''), eb('html', '<>', ''), eb('variables', '<>', '{}')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes candidate links, invitations (not accepted) and email changes whose time is up. */
export async function deleteExpiredLinks(
  db: Kysely<Database>,
  organisationId: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const links = await db
    .deleteFrom('candidate_link')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('revoked_at', 'is not', null)]))
    .executeTakeFirst();
  const expired = db
    .selectFrom('invitation')
    .select('id')
    .where('organizationId', '=', organisationId)
    .where('status', '<>', 'accepted')
    .where('expiresAt', '<=', at);
  await db
    .deleteFrom('invitation_link')
    .where('organisation_id', '=', organisationId)
    .where('invitation_id', 'in', expired)
    .execute();
  // A password reset past its hour (used or not) can no longer work.
  const resets = await db
    .deleteFrom('password_reset')
    .where('organisation_id', '=', organisationId)
    .where('expires_at', '<=', at)
    .executeTakeFirst();
  const invitations = await db
    .deleteFrom('invitation')
    .where('organizationId', '=', organisationId)
    .where('status', '<>', 'accepted')
    .where('expiresAt', '<=', at)
    .executeTakeFirst();
  // An email change is kept only while its link works (confirmed ones hold nothing more).
  const changes = await db
    .deleteFrom('candidate_email_change')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('confirmed_at', 'is not', null)]))
    .executeTakeFirst();
  return (
    Number(links.numDeletedRows) +
    Number(invitations.numDeletedRows) +
    Number(changes.numDeletedRows) +
    Number(resets.numDeletedRows)
  );
}

/**
 * Deletes expired staff sign-in sessions and verification codes (they belong to people, not to an
 * organisation, so this one is not scoped by organisation; it only removes what can no longer work).
 */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  const sessions = await sql`delete from "session" where "expiresAt" <= ${at}`.execute(db);
  await sql`delete from "verification" where "expiresAt" <= ${at}`.execute(db);
  return Number(sessions.numAffectedRows ?? 0n);
}

/** Claims a period of the retention sweep: true for the one worker whose insert wrote the key. */
export async function claimSweepRun(db: Kysely<Database>, key: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('sweep_run')
    .values({ key, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Forgets periods claimed before `before` (they are only needed while their period lasts). */
export async function forgetSweepRuns(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('sweep_run').where('created_at', '<', before.toISOString()).execute();
}
