// The demo's talent network: people assessed for the group's roles and not taken on (or who
// withdrew after the interview) who joined from their page, as a candidate would. Each keeps a
// profile (skills, certifications, region, travel, availability, interests); some are available
// for casual crew shifts, some have done a training their feedback suggested, and two are marked a
// future fit by their hiring manager with a re-engage date.
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../http/actor.ts';
import type { ProfileFields } from '../network/network.schema.ts';
import {
  joinNetwork,
  networkService,
  recordTrainingDone,
  updateOwnProfile,
} from '../network/network.service.ts';

export interface DemoNetworkCandidate {
  candidateId: string;
  location: string;
  roleTitle: string;
  manager: Actor;
}

const skillSets = [
  ['Dante', 'Yamaha CL'],
  ['ETC Eos', 'Follow-spot'],
  ['QLab', 'DiGiCo SD'],
  ['Q-SYS', 'Crestron'],
  ['grandMA3', 'DMX'],
  ['vMix', 'Blackmagic ATEM', 'NDI'],
  ['Shure Axient', 'RF coordination'],
  ['Disguise', 'LED walls'],
] as const;
const certificationSets = [['IPAF 3a'], ['PASMA'], [], ['Dante Level 2'], ['NRC Level 2'], []] as const;
const roleKindSets = [
  ['Sound'],
  ['Lighting'],
  ['Video'],
  ['Sound', 'Lighting'],
  ['Rigging'],
  ['Video'],
] as const;

/** The trainings a few members have done, against the criterion the feedback pointed to. */
const trainings = [
  {
    criterionKey: 'networking_control',
    title: 'Dante Certification Level 2',
    certificateNumber: 'DC2-48213',
  },
  { criterionKey: 'rigging_power_safety', title: 'IPAF PAL card 3a', certificateNumber: null },
  { criterionKey: 'audio', title: 'Shure wireless systems course', certificateNumber: null },
] as const;

/** Every third member takes casual crew shifts (follow-spot, No.2 on sound for the panto). */
export function demoProfile(index: number, location: string): ProfileFields {
  const casualCrew = index % 3 === 0;
  return {
    region: location,
    travelMiles: [10, 25, 40, 60][index % 4]!,
    permanent: !casualCrew || index % 2 === 0,
    freelance: casualCrew || index % 4 === 1,
    casualCrew,
    noticeWeeks: casualCrew ? 0 : [1, 4, 2][index % 3]!,
    skills: [...skillSets[index % skillSets.length]!],
    certifications: [...certificationSets[index % certificationSets.length]!],
    roleKinds: [...roleKindSets[index % roleKindSets.length]!],
    venues: [],
  };
}

/** Joins the given candidates to the network; answers how many joined, are casual and did training. */
export async function seedDemoNetwork(
  ctx: AppContext,
  organisationId: string,
  people: readonly DemoNetworkCandidate[],
): Promise<{ members: number; casualCrew: number; trainingDone: number; futureFit: number }> {
  const counts = { members: 0, casualCrew: 0, trainingDone: 0, futureFit: 0 };
  const now = ctx.now();
  for (const [index, person] of people.entries()) {
    const profile = demoProfile(index, person.location);
    await ctx.kysely.transaction().execute(async (tx) => {
      await joinNetwork(tx, organisationId, person.candidateId, 'candidate_page', now, {
        interests: profile,
      });
      await updateOwnProfile(tx, organisationId, person.candidateId, profile, now);
      const training = index % 4 === 1 ? trainings[counts.trainingDone % trainings.length] : undefined;
      if (training) {
        await recordTrainingDone(
          tx,
          organisationId,
          person.candidateId,
          {
            ...training,
            completedOn: DateTime.fromJSDate(now, { zone: 'Europe/London' })
              .minus({ weeks: 2 + index })
              .toISODate(),
          },
          now,
        );
        counts.trainingDone++;
      }
    });
    counts.members++;
    if (profile.casualCrew) counts.casualCrew++;
  }
  const network = networkService(ctx);
  for (const person of people.slice(1, 3)) {
    await network.markFutureFit(
      organisationId,
      person.candidateId,
      {
        forRole: person.roleTitle,
        after: 'a season running radio mics and Dante on a touring show',
        reengageOn: DateTime.fromJSDate(now, { zone: 'Europe/London' }).plus({ months: 6 }).toISODate()!,
      },
      person.manager,
    );
    counts.futureFit++;
  }
  return counts;
}
