import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { insertAssessmentRole } from '../../../test/support/factories/assessment.ts';
import { makeNetworkMember, markTrainingDone } from '../../../test/support/factories/network.ts';
import { makeOrganisation } from '../../../test/support/factories/organisations.ts';
import { type MemberToMatch, rankMembers } from '../../domain/network-matching.ts';
import { resolveRequirements } from '../frameworks/requirements.service.ts';
import * as repo from './network.repository.ts';
import { profilesOf } from './network-fit.repository.ts';
import { matchRole } from './network-opportunities.ts';

type Level = 1 | 2 | 3 | 4;

describeEachDatabase('talent network matching narrowed in SQL', (get) => {
  it('returns exactly the first places of ranking every member, ties by name included', async () => {
    const { ctx } = get();
    const organisationId = (await makeOrganisation(ctx)).id;
    const role = await insertAssessmentRole(ctx, { organisationId });
    const ids: string[] = [];
    // Many equal members (the same ratings, or none) so the limit falls inside ties.
    const patterns: (Record<string, Level> | undefined)[] = [
      { lighting: 4, audio: 3 },
      { lighting: 2, audio: 2, signal_flow: 3 },
      { lighting: 2, audio: 2, signal_flow: 3 },
      undefined,
    ];
    const names = ['zoe Hart', 'Ánna Bell', 'alex Reid', 'Bob Marsh', 'Émile Roux', 'carl Dane'];
    for (let i = 0; i < 24; i++) {
      const ratings = patterns[i % patterns.length];
      const member = await makeNetworkMember(ctx, {
        organisationId,
        name: `${names[i % names.length]} ${i % 3}`,
        ...(ratings && { ratings }),
        profile: {
          region: i % 2 === 0 ? 'Leeds' : 'York',
          travelMiles: i % 5 === 0 ? 120 : 20,
          permanent: i % 3 !== 0,
          freelance: i % 2 === 0,
          skills: i % 4 === 0 ? ['Dante'] : [],
        },
      });
      ids.push(member.candidateId);
    }
    await markTrainingDone(ctx, {
      organisationId,
      candidateId: ids[1]!,
      criterionKey: 'lighting',
      title: 'Avolites course',
    });

    const requirements = await resolveRequirements(ctx.kysely, organisationId, role.id);
    const network = await repo.findRoleForNetwork(ctx.kysely, organisationId, role.id);
    const details = await repo.memberDetails(ctx.kysely, organisationId, ids);
    const members: MemberToMatch[] = (await profilesOf(ctx.kysely, organisationId, ids)).map((p) => {
      const m = repo.toNetworkMember(p, details, ctx.now());
      return {
        candidateId: p.candidate_id,
        name: p.name,
        levels: repo.allLevels(details, p.candidate_id),
        assessedAt: m.assessed[0]?.assessedOn ?? null,
        skills: [...m.skills, ...m.certifications],
        permanent: m.availability.permanent,
        freelance: m.availability.freelance,
        casualCrew: m.availability.casualCrew,
        region: m.region,
        travelMiles: m.travelMiles,
        training: m.trainingDone.map((t) => ({ ...t })),
      };
    });
    for (const options of [
      { limit: 5, skills: [], kind: 'permanent' as const },
      { limit: 7, skills: ['dante', 'Rigging'], kind: 'casual' as const },
    ]) {
      const full = rankMembers(
        {
          criteria: (requirements?.criteria ?? []).map((c) => ({
            key: c.criterionKey,
            name: c.name,
            weight: c.weight,
            requiredLevel: c.requiredLevel,
          })),
          skills: options.skills,
          places: [network!.venueRegion, network!.venueCity ?? ''],
          kind: options.kind,
        },
        members,
        ctx.now(),
      ).slice(0, options.limit);
      // As served, and with the narrowest first pass and no margin, so the tie at the limit is read again.
      for (const tuning of [undefined, { firstPassExtra: 1, rankingMargin: 0 }]) {
        const narrowed = await matchRole(ctx, organisationId, role.id, options, tuning);
        expect(narrowed.map(({ alreadyOffered: _, ...m }) => m)).toEqual(full);
      }
    }
  });

  it('filters by a rare skill from the tag index and by a common one per member, alike', async () => {
    const { ctx } = get();
    const organisationId = (await makeOrganisation(ctx)).id;
    const member = await makeNetworkMember(ctx, { organisationId, profile: { skills: ['Rigging L3'] } });
    await makeNetworkMember(ctx, { organisationId, profile: { skills: ['Dante'] } });
    const query = { limit: 50, skill: 'Rigging L3', futureFitDue: false };
    expect(await repo.countTagged(ctx.kysely, organisationId, ['skill'], 'rigging l3')).toBe(1);
    for (const rare of [true, false]) {
      const rows = await repo
        .listProfilesQuery(ctx.kysely, organisationId, query, ctx.now(), { skill: rare, interest: false })
        .execute();
      expect(rows.map((r) => r.candidate_id)).toEqual([member.candidateId]);
    }
  });
});
