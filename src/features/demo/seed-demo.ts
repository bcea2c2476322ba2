import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import { progress } from '../../cli/progress.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { buildServer } from '../../server.ts';
import { apiKeyService } from '../api-keys/api-keys.service.ts';
import { insertUserWithPassword } from '../members/users.repository.ts';
import { findOrganisationBySlug, insertMember } from '../organisations/organisations.repository.ts';
import { rebuildOrganisation } from '../reputation/rollup.repository.ts';
import { scorecardService } from '../scorecards/scorecards.service.ts';
import { foundOrganisation, hashPassword } from '../setup/setup.service.ts';
import { venueCreateSchema } from '../venues/venues.schema.ts';
import { venueService } from '../venues/venues.service.ts';
import {
  type DemoCandidate,
  demoCandidates,
  demoMembers,
  demoOrganisation,
  demoPassword,
  demoRoles,
  demoSlug,
  demoVenues,
} from './demo-data.ts';
import { demoEvidence, demoRating, demoRecommendation } from './demo-evidence.ts';
import { backdateOpenApplication, seedDemoHistory } from './demo-history.ts';
import { type DemoNetworkCandidate, seedDemoNetwork } from './demo-network.ts';

export interface DemoSummary {
  created: boolean;
  organisation: { name: string; slug: string };
  members: { name: string; email: string; role: string }[];
  password: string;
  counts: {
    venues: number;
    roles: number;
    candidates: number;
    interviews: number;
    scorecards: number;
    networkMembers: number;
  };
  /** Applications of the year of finished hiring behind the reputation dashboard. */
  history: { applications: number; interviews: number };
}

/** A weekday `days` working days from today (negative for the past), at a London hour. */
function workingDay(now: Date, days: number, hour: number): DateTime {
  let day = DateTime.fromJSDate(now, { zone: 'Europe/London' }).startOf('day');
  let left = Math.abs(days);
  const step = days < 0 ? -1 : 1;
  while (left > 0) {
    day = day.plus({ days: step });
    if (day.weekday <= 5) left--;
  }
  if (day.weekday > 5) day = day.plus({ days: 8 - day.weekday });
  return day.set({ hour, minute: 0 });
}

/**
 * Creates the demo organisation through the same API integrators use (an API key that is revoked
 * at the end), so the demo holds only what the product itself would let anyone create.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { showProgress?: boolean } = {},
): Promise<DemoSummary> {
  const summary: DemoSummary = {
    created: false,
    organisation: demoOrganisation,
    members: demoMembers.map((m) => ({ name: m.name, email: m.email, role: m.role })),
    password: demoPassword,
    counts: {
      venues: demoVenues.length,
      roles: demoRoles.length,
      candidates: 0,
      interviews: 0,
      scorecards: 0,
      networkMembers: 0,
    },
    history: { applications: 0, interviews: 0 },
  };
  if (await findOrganisationBySlug(ctx.kysely, demoSlug)) return summary;

  const passwordHash = await hashPassword(ctx, demoPassword);
  const userIds = new Map<string, string>();
  const [firstVenue, ...otherVenues] = demoVenues;
  const founded = await ctx.kysely.transaction().execute(async (tx) => {
    const [admin, ...others] = demoMembers;
    const result = await foundOrganisation(ctx, tx, {
      organisation: demoOrganisation,
      venue: {
        name: firstVenue.name,
        region: firstVenue.region,
        timezone: firstVenue.timezone,
        city: firstVenue.city,
        postcode: firstVenue.postcode,
      },
      admin: { name: admin.name, email: admin.email, passwordHash },
    });
    userIds.set(admin.key, result.admin.id);
    for (const member of others) {
      const id = newId();
      await insertUserWithPassword(
        tx,
        ctx.db.dialect,
        { id, name: member.name, email: member.email, passwordHash },
        ctx.now(),
      );
      await insertMember(
        tx,
        { id: newId(), organisationId: result.organisation.id, userId: id, role: member.role },
        ctx.now(),
      );
      userIds.set(member.key, id);
    }
    return result;
  });

  const keys = apiKeyService(ctx);
  const { apiKey, token } = await keys.create(founded.organisation.id, 'Demo data', 'system');
  const app = await buildServer(ctx, { logger: false, rateLimits: false });
  const call = async <T>(method: 'POST' | 'PATCH', url: string, payload: unknown): Promise<T> => {
    const res = await app.inject({
      method,
      url,
      payload: payload as object,
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.statusCode >= 300)
      throw new Error(`Demo data: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json() as T;
  };

  try {
    const people = demoCandidates();
    const bar = options.showProgress ? progress('Creating demo candidates', people.length) : undefined;
    const venueIds = new Map<string, string>([[firstVenue.key, founded.venue.id]]);
    // Venues are admin settings, not open to API keys: create them as the founding admin would.
    for (const { key, ...fields } of otherVenues) {
      venueIds.set(
        key,
        (await venueService(ctx).create(founded.organisation.id, venueCreateSchema.parse(fields))).id,
      );
    }
    const roleIds = new Map<string, string>();
    for (const role of demoRoles) {
      const created = await call<{ id: string }>('POST', '/api/v1/roles', {
        title: role.title,
        venueId: venueIds.get(role.venue),
        level: role.level,
        hiringManagerId: userIds.get(role.manager),
        description: role.description,
      });
      roleIds.set(role.key, created.id);
    }
    const now = ctx.now();
    const networkCandidates: DemoNetworkCandidate[] = [];
    for (const [index, person] of people.entries()) {
      summary.counts.interviews += await addCandidate(person, index);
      summary.counts.candidates++;
      bar?.tick();
    }
    bar?.finish();
    summary.counts.networkMembers = (
      await seedDemoNetwork(ctx, founded.organisation.id, networkCandidates)
    ).members;

    function actorOf(key: string): Actor {
      const member = demoMembers.find((m) => m.key === key)!;
      return {
        kind: 'member',
        organisationId: founded.organisation.id,
        userId: userIds.get(key)!,
        role: member.role,
        name: member.name,
        email: member.email,
      };
    }

    summary.history = await seedDemoHistory(ctx.kysely, {
      organisationId: founded.organisation.id,
      venueIds: [...venueIds.values()],
      managerIds: demoMembers.filter((m) => m.role === 'manager').map((m) => userIds.get(m.key)!),
      now,
    });
    // The history is written as rows, past the services: its rollup is counted once, here.
    await rebuildOrganisation(ctx.kysely, founded.organisation.id);
    // The year of history brings its own members (hires from the network are counted from them).
    const members = await ctx.kysely
      .selectFrom('network_profile')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', founded.organisation.id)
      .executeTakeFirstOrThrow();
    summary.counts.networkMembers = Number(members.n);

    async function scoreInterview(
      interviewId: string,
      interviewerKeys: readonly string[],
      stage: string,
      index: number,
    ): Promise<number> {
      const scorecards = scorecardService(ctx);
      for (const [interviewerIndex, key] of interviewerKeys.entries()) {
        const member = demoMembers.find((m) => m.key === key)!;
        const actor: Actor = {
          kind: 'member',
          organisationId: founded.organisation.id,
          userId: userIds.get(key)!,
          role: member.role,
          name: member.name,
          email: member.email,
        };
        const { scorecard } = await scorecards.open(founded.organisation.id, interviewId, actor);
        const ratings = scorecard.ratings.map((r, criterionIndex) => {
          const rating = demoRating(stage, index, criterionIndex, interviewerIndex);
          return { criterionKey: r.criterionKey, rating, evidence: demoEvidence(r.criterionKey, rating) };
        });
        const mean = ratings.reduce((sum, r) => sum + r.rating, 0) / Math.max(1, ratings.length);
        await scorecards.saveDraft(
          founded.organisation.id,
          scorecard.id,
          {
            ratings,
            recommendation: demoRecommendation(mean),
            privateNotes: 'Demo private note: for the hiring team only, never shown to the candidate.',
          },
          actor,
        );
        await scorecards.submit(founded.organisation.id, scorecard.id, actor);
      }
      return interviewerKeys.length;
    }

    async function addCandidate(person: DemoCandidate, index: number): Promise<number> {
      const { role: roleKey, stage, ...fields } = person;
      const role = demoRoles.find((r) => r.key === roleKey)!;
      const candidate = await call<{ id: string }>('POST', '/api/v1/candidates', fields);
      const application = await call<{ id: string }>('POST', '/api/v1/applications', {
        candidateId: candidate.id,
        roleId: roleIds.get(roleKey),
      });
      const move = (to: string) => call('PATCH', `/api/v1/applications/${application.id}`, { stage: to });
      const backdate = (appliedAt: DateTime, stageChanges: DateTime[]) =>
        backdateOpenApplication(ctx.kysely, founded.organisation.id, application.id, {
          appliedAt,
          stageChanges,
        });
      if (stage === 'applied' || (stage === 'withdrawn' && index % 2 === 0)) {
        if (stage === 'withdrawn') await move('withdrawn');
        else await backdate(workingDay(now, -(index % 5), 9 + (index % 8)), []);
        return 0;
      }
      // Interviewing people are half booked for the coming days; everyone further on was interviewed.
      const upcoming = stage === 'interviewing' && index % 2 === 0;
      const daysAgo = 1 + (index % 6);
      const rounds = stage === 'interviewing' || index % 3 !== 0 ? 1 : 2;
      const interviewIds: string[] = [];
      const starts: DateTime[] = [];
      let lastEnd: DateTime | undefined;
      for (let round = 0; round < rounds; round++) {
        const start = upcoming
          ? workingDay(now, 1 + (index % 7), 10 + (index % 5))
          : workingDay(now, -(daysAgo + (rounds - 1 - round) * 3), 10 + (index % 5));
        const interview = await call<{ id: string; endsAt: string }>('POST', '/api/v1/interviews', {
          applicationId: application.id,
          kind: round === 0 ? (index % 4 === 0 ? 'video' : 'in_person') : 'practical',
          startsAt: start.toISO(),
          endsAt: start.plus({ minutes: round === 0 ? 45 : 90 }).toISO(),
          location:
            round === 0 && index % 4 === 0
              ? 'Video call (link sent by email)'
              : `${demoVenues.find((v) => v.key === role.venue)!.name}, technical office`,
          interviewerIds: role.interviewers.map((k) => userIds.get(k)),
        });
        if (interview.endsAt < now.toISOString()) interviewIds.push(interview.id);
        starts.push(start);
        lastEnd = DateTime.fromISO(interview.endsAt);
      }
      // Applied a few working days before the first interview, booked the next working day.
      const firstStart = starts[0]!;
      const appliedAt = workingDay(
        firstStart < DateTime.fromJSDate(now) ? firstStart.toJSDate() : now,
        -(3 + (index % 4)),
        9 + (index % 8),
      );
      const bookedAt = workingDay(appliedAt.toJSDate(), 1, 11);
      // Everyone past the interview has the interviewers' scorecards in; some still interviewing do too.
      if (stage !== 'interviewing' && stage !== 'withdrawn') {
        for (const interviewId of interviewIds) {
          summary.counts.scorecards += await scoreInterview(interviewId, role.interviewers, stage, index);
        }
      }
      switch (stage) {
        case 'interviewing':
          await backdate(appliedAt, [bookedAt]);
          break;
        case 'withdrawn':
          await move('withdrawn');
          // Some who withdrew after the interview (took another job) stay in touch.
          networkCandidates.push({
            candidateId: candidate.id,
            location: person.location,
            roleTitle: role.title,
            manager: actorOf(role.manager),
          });
          break;
        case 'awaiting_decision':
          await move('awaiting_decision');
          // Moved when the last interview ended, as the decision clock's sweep does.
          await backdate(appliedAt, [bookedAt, lastEnd!]);
          break;
        case 'not_progressing':
          await move('awaiting_decision');
          await move('not_progressing');
          // People not taken on this time joined the talent network from their page.
          networkCandidates.push({
            candidateId: candidate.id,
            location: person.location,
            roleTitle: role.title,
            manager: actorOf(role.manager),
          });
          break;
        case 'offer':
          await move('awaiting_decision');
          await move('offer');
          break;
        case 'hired':
          await move('awaiting_decision');
          await move('offer');
          await move('hired');
          break;
      }
      return rounds;
    }
  } finally {
    await app.close();
    await keys.revoke(founded.organisation.id, apiKey.id, 'system');
  }
  summary.created = true;
  return summary;
}
