// A year of finished hiring for the demo, so the reputation dashboard has trends to draw: two roles
// a month at the demo's venues, a dozen interviewed candidates each, told after 1–9 working days
// (some after the deadline, a few after a holding update), survey answers from about half, people
// joining the talent network, members applying again and referrals. The API cannot backdate, so
// these rows are written directly, in batches, every row of a table with the same columns (SQLite
// has no DEFAULT in a multi-row VALUES) (a few hundred rows: fast enough for the tests that
// seed the demo). Everything is deterministic: the same demo every time.
import type { Insertable, Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';

export interface HistoryInput {
  organisationId: string;
  venueIds: string[];
  managerIds: string[];
  now: Date;
}

const first = [
  'Amara',
  'Bryn',
  'Cerys',
  'Darius',
  'Effie',
  'Finn',
  'Greer',
  'Hamza',
  'Iona',
  'Jack',
  'Kezia',
  'Lorcan',
];
const last = [
  'Adeyemi',
  'Boyd',
  'Carron',
  'Doherty',
  'Ellis',
  'Fitzgerald',
  'Gill',
  'Hassan',
  'Irvine',
  'Jones',
];
const titles = [
  'Lighting Technician',
  'Sound Technician',
  'Stage Technician',
  'Video Technician',
  'AV Technician',
];
const comments = [
  'Clear answer and useful feedback on my rigging.',
  'Quick decision, and the feedback told me what to practise.',
  'Waited longer than promised but was kept updated.',
  'Friendly panel and a fair practical.',
  'Thanks to Morgan Reilly for the call afterwards.',
];

const perRole = 12;
const rolesPerMonth = 2;

/** A weekday `n` weekdays after `day` (negative: before), at `hour` London time. */
function weekdays(day: DateTime, n: number, hour = 10): DateTime {
  let d = day;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d = d.plus({ days: step });
    if (d.weekday <= 5) left -= 1;
  }
  return d.set({ hour, minute: 0, second: 0, millisecond: 0 });
}

async function insertAll<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 200) as never)
      .execute();
  }
}

export async function seedDemoHistory(
  db: Kysely<Database>,
  input: HistoryInput,
): Promise<{ applications: number; interviews: number }> {
  const { organisationId } = input;
  const today = DateTime.fromJSDate(input.now, { zone: 'Europe/London' }).startOf('day');
  const iso = (d: DateTime) => d.toUTC().toISO()!;
  const roles: Insertable<Database['role']>[] = [];
  const candidates: Insertable<Database['candidate']>[] = [];
  const applications: Insertable<Database['application']>[] = [];
  const interviews: Insertable<Database['interview']>[] = [];
  const slips: Insertable<Database['decision_slip']>[] = [];
  const requests: Insertable<Database['survey_request']>[] = [];
  const responses: Insertable<Database['survey_response']>[] = [];
  const profiles: Insertable<Database['network_profile']>[] = [];
  const consents: Insertable<Database['network_consent']>[] = [];
  const members: { candidateId: string; joined: DateTime }[] = [];

  let n = 0;
  for (let month = 12; month >= 1; month -= 1) {
    for (let r = 0; r < rolesPerMonth; r += 1) {
      const opened = today.minus({ months: month, days: 10 + r * 7 });
      const roleId = newId(opened.toMillis());
      const k = month * rolesPerMonth + r;
      roles.push({
        id: roleId,
        organisation_id: organisationId,
        venue_id: input.venueIds[k % input.venueIds.length]!,
        title: `${titles[k % titles.length]} (${opened.toFormat('LLL yyyy')})`,
        level: 'technician',
        status: 'filled',
        hiring_manager_id: input.managerIds[k % input.managerIds.length] ?? null,
        description: 'A past role of the demo venue group.',
        created_at: iso(opened),
        updated_at: iso(opened),
      });
      // Interviews end on one day; the deadline is 5 working days later.
      const interviewDay = weekdays(opened, 15, 16);
      const due = weekdays(interviewDay, 5).endOf('day');
      for (let i = 0; i < perRole; i += 1, n += 1) {
        // Most hear within 1–4 working days; one in six would miss the deadline: half of those
        // moved it with a slip and were told within the new date, the others were told late.
        const late = n % 6 === 0;
        const slipped = n % 12 === 0;
        const wait = late ? (slipped ? 6 : 7 + (n % 3)) : 1 + ((n * 5) % 4);
        const told = weekdays(interviewDay, wait, 11);
        if (told >= today) continue;
        const candidateId = newId(opened.plus({ days: 1 }).toMillis());
        const applicationId = newId(opened.plus({ days: 1, minutes: i }).toMillis());
        const hired = i === 0;
        const created = opened.plus({ days: 1 + (i % 5) });
        candidates.push({
          id: candidateId,
          organisation_id: organisationId,
          name: `${first[n % first.length]} ${last[(n * 3) % last.length]}`,
          email: `history-${n}@candidates.example`,
          phone: null,
          location: null,
          source: n % 4 === 0 ? 'referral' : 'website',
          created_at: iso(created),
          updated_at: iso(created),
        });
        applications.push({
          id: applicationId,
          organisation_id: organisationId,
          candidate_id: candidateId,
          role_id: roleId,
          stage: hired ? 'hired' : 'not_progressing',
          stage_changed_at: iso(told),
          created_at: iso(created),
          updated_at: iso(told),
          last_interview_ended_at: iso(interviewDay),
          decision_due_date: (slipped ? weekdays(due, 3) : due).toISODate()!,
          decision_due_at: iso(slipped ? weekdays(due, 3).endOf('day') : due),
          decision_slips: slipped ? 1 : 0,
          decided_at: iso(told.minus({ hours: 2 })),
          told_at: iso(told),
          told_via: 'email',
          outcome: hired ? 'hired' : 'not_progressing',
        });
        interviews.push({
          id: newId(interviewDay.toMillis()),
          organisation_id: organisationId,
          application_id: applicationId,
          kind: i % 3 === 0 ? 'practical' : 'in_person',
          starts_at: iso(interviewDay.minus({ minutes: 45 })),
          ends_at: iso(interviewDay),
          location: 'Technical office',
          created_at: iso(created),
          updated_at: iso(created),
        });
        if (slipped) {
          slips.push({
            id: newId(due.toMillis()),
            organisation_id: organisationId,
            application_id: applicationId,
            number: 1,
            from_due_date: due.toISODate()!,
            to_due_date: weekdays(due, 3).toISODate()!,
            automatic: 0,
            reason: 'Waiting for the second panel member',
            message_id: null,
            created_by: null,
            created_at: iso(due.minus({ hours: 6 })),
          });
        }
        const asked = weekdays(told, 2, 9);
        if (asked >= today) continue;
        requests.push({
          application_id: applicationId,
          organisation_id: organisationId,
          status: 'sent',
          created_at: iso(asked),
        });
        if (n % 2 === 0 || n % 5 === 0) {
          const recommend = late ? 3 + (n % 5) : 7 + (n % 4);
          responses.push({
            id: newId(asked.plus({ hours: 3 }).toMillis()),
            organisation_id: organisationId,
            application_id: applicationId,
            recommend: Math.min(10, recommend),
            told_when_promised: late ? 2 + (n % 2) : 4 + (n % 2),
            feedback_useful: 3 + (n % 3),
            treated_with_respect: 4 + (n % 2),
            comment: n % 6 === 0 ? comments[(n / 6) % comments.length]! : null,
            created_at: iso(asked.plus({ hours: 3 })),
          });
        }
        if (!hired && n % 3 === 0) {
          const joined = told.plus({ days: 3 });
          if (joined < today) {
            members.push({ candidateId, joined });
            profiles.push({
              id: newId(joined.toMillis()),
              organisation_id: organisationId,
              candidate_id: candidateId,
              status: 'member',
              joined_at: iso(joined),
              consent_version: 'network-v1',
              consent_expires_at: iso(joined.plus({ months: 12 })),
              left_at: null,
              region: ['Manchester', 'Leeds', 'Glasgow', 'Belfast', 'Bristol'][n % 5]!,
              travel_miles: 40,
              available_permanent: 1,
              available_freelance: n % 2,
              casual_crew: n % 2,
              notice_weeks: 4,
              last_contact_at: iso(joined),
              unsubscribed_at: null,
              created_at: iso(joined),
              updated_at: iso(joined),
            });
            consents.push({
              id: newId(joined.toMillis()),
              organisation_id: organisationId,
              candidate_id: candidateId,
              kind: 'given',
              text_version: 'network-v1',
              source: 'candidate_page',
              expires_at: iso(joined.plus({ months: 12 })),
              created_at: iso(joined),
            });
          }
        }
      }
    }
  }

  // Network members re-engaged: a few early members apply to a later role; two of them are hired.
  const referrals: Insertable<Database['referral']>[] = [];
  const links: Insertable<Database['referral_link']>[] = [];
  const laterRoles = roles.slice(-6);
  for (const [i, m] of members.slice(0, 6).entries()) {
    const role = laterRoles[i]!;
    const created = DateTime.fromISO(role.created_at).plus({ days: 2 });
    const told = weekdays(created, 17, 11);
    if (told >= today || created <= m.joined) continue;
    const hired = i < 2;
    applications.push({
      id: newId(created.toMillis()),
      organisation_id: organisationId,
      candidate_id: m.candidateId,
      role_id: role.id!,
      stage: hired ? 'hired' : 'not_progressing',
      stage_changed_at: iso(told),
      created_at: iso(created),
      updated_at: iso(told),
      last_interview_ended_at: iso(weekdays(created, 15, 16)),
      decision_due_date: weekdays(created, 20).toISODate()!,
      decision_due_at: iso(weekdays(created, 20).endOf('day')),
      decision_slips: 0,
      decided_at: iso(told.minus({ hours: 2 })),
      told_at: iso(told),
      told_via: 'email',
      outcome: hired ? 'hired' : 'not_progressing',
    });
  }
  // Referrals: three hired people shared their links; five colleagues came forward, one was hired.
  const hires = applications.filter((a) => a.outcome === 'hired').slice(0, 3);
  const applicants = applications.filter((a) => a.outcome === 'not_progressing').slice(-5);
  for (const [i, hire] of hires.entries()) {
    const at = DateTime.fromISO(hire.told_at!).plus({ days: 7 });
    links.push({
      id: newId(at.toMillis()),
      organisation_id: organisationId,
      referrer_candidate_id: hire.candidate_id,
      code_hash: `demo-history-referral-${i}`,
      role_id: null,
      kind_of_work: 'AV and stage crew',
      show_first_name: 1,
      view_count: 4 + i,
      last_viewed_at: iso(at),
      expires_at: iso(at.plus({ months: 12 })),
      revoked_at: null,
      created_at: iso(at),
    });
  }
  for (const [i, a] of applicants.entries()) {
    const link = links[i % links.length];
    if (!link) break;
    referrals.push({
      id: newId(DateTime.fromISO(a.created_at).toMillis()),
      organisation_id: organisationId,
      link_id: link.id,
      referrer_candidate_id: link.referrer_candidate_id,
      candidate_id: a.candidate_id,
      application_id: a.id,
      joined_network_at: null,
      interest_at: a.created_at,
      arrival_thanks_at: a.created_at,
      hired_thanks_at: null,
      created_at: a.created_at,
      updated_at: a.created_at,
    });
  }
  const referredHire = applications.find((a) => a.outcome === 'hired' && !hires.includes(a));
  if (referredHire && links[0]) {
    referrals.push({
      id: newId(DateTime.fromISO(referredHire.created_at).toMillis()),
      organisation_id: organisationId,
      link_id: links[0].id,
      referrer_candidate_id: links[0].referrer_candidate_id,
      candidate_id: referredHire.candidate_id,
      application_id: referredHire.id,
      joined_network_at: null,
      interest_at: referredHire.created_at,
      arrival_thanks_at: referredHire.created_at,
      hired_thanks_at: referredHire.told_at ?? null,
      created_at: referredHire.created_at,
      updated_at: referredHire.created_at,
    });
  }

  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'role', roles);
    await insertAll(tx, 'candidate', candidates);
    await insertAll(tx, 'application', applications);
    await insertAll(tx, 'interview', interviews);
    await insertAll(tx, 'decision_slip', slips);
    await insertAll(tx, 'survey_request', requests);
    await insertAll(tx, 'survey_response', responses);
    await insertAll(tx, 'network_profile', profiles);
    await insertAll(tx, 'network_consent', consents);
    await insertAll(tx, 'referral_link', links);
    await insertAll(tx, 'referral', referrals);
  });
  return { applications: applications.length, interviews: interviews.length };
}

/**
 * Moves an open application's own dates back to when they would have happened (the API stamps
 * everything "now"): applied and the candidate added at `appliedAt`, each stage change in turn at
 * `stageChanges`, the last being the current stage's "since". Decided applications are left as
 * made, so the decision clock and the dashboard read what the product wrote.
 */
export async function backdateOpenApplication(
  db: Kysely<Database>,
  organisationId: string,
  applicationId: string,
  dates: { appliedAt: DateTime; stageChanges: DateTime[] },
): Promise<void> {
  const iso = (d: DateTime) => d.toUTC().toISO()!;
  const applied = iso(dates.appliedAt);
  const stages = dates.stageChanges.map(iso);
  const app = await db
    .updateTable('application')
    .set({ created_at: applied, stage_changed_at: stages.at(-1) ?? applied })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', applicationId)
    .returning(['candidate_id'])
    .executeTakeFirstOrThrow();
  await db
    .updateTable('candidate')
    .set({ created_at: applied })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', app.candidate_id)
    .execute();
  await db
    .updateTable('audit_event')
    .set({ created_at: applied })
    .where('organisation_id', '=', organisationId)
    .where('subject_id', '=', applicationId)
    .where('action', '=', 'application.created')
    .execute();
  const moves = await db
    .selectFrom('audit_event')
    .select(['id'])
    .where('organisation_id', '=', organisationId)
    .where('subject_id', '=', applicationId)
    .where('action', '=', 'application.stage_changed')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const [i, move] of moves.entries()) {
    const at = stages[Math.min(i, stages.length - 1)];
    if (at) await db.updateTable('audit_event').set({ created_at: at }).where('id', '=', move.id).execute();
  }
}
