import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from './frameworks/types.ts';
import { type MemberToMatch, matchMember, type RoleToMatch, rankMembers } from './network-matching.ts';

const now = new Date('2026-12-02T10:00:00Z');
const criterionKeys = ['lighting', 'rf', 'audio', 'safety'] as const;
const names: Record<string, string> = { lighting: 'Lighting', rf: 'RF', audio: 'Audio', safety: 'Safety' };

const level = fc.constantFrom<Level>(1, 2, 3, 4);
const roleArb: fc.Arbitrary<RoleToMatch> = fc.record({
  criteria: fc.tuple(
    ...criterionKeys.map((k) =>
      fc.record({
        key: fc.constant(k),
        name: fc.constant(names[k]!),
        weight: fc.integer({ min: 0, max: 5 }),
        requiredLevel: level,
      }),
    ),
  ),
  skills: fc.subarray(['Dante', 'grandMA3', 'QLab', 'Rigging']),
  places: fc.subarray(['Manchester', 'Scotland', 'Leeds']),
  kind: fc.constantFrom('permanent' as const, 'casual' as const),
});
const memberArb: fc.Arbitrary<MemberToMatch> = fc.record({
  candidateId: fc.stringMatching(/^[a-z0-9]{8}$/),
  name: fc.constantFrom('Alex Reid', 'Sam Okafor', 'Priya Shah', 'Jo Evans'),
  levels: fc.record({ lighting: level, rf: level, audio: level, safety: level }, { requiredKeys: [] }),
  assessedAt: fc.option(
    fc.integer({ min: 0, max: 1500 }).map((d) => new Date(now.getTime() - d * 86_400_000).toISOString()),
  ),
  skills: fc.subarray(['Dante', 'grandMA3', 'QLab', 'Rigging', 'IPAF']),
  permanent: fc.boolean(),
  freelance: fc.boolean(),
  casualCrew: fc.boolean(),
  region: fc.option(fc.constantFrom('Manchester', 'Scotland', 'Cardiff')),
  travelMiles: fc.option(fc.integer({ min: 0, max: 300 })),
  training: fc.array(
    fc.record({
      criterionKey: fc.constantFrom(...criterionKeys),
      title: fc.constantFrom('Shure wireless course', 'IPAF 3a'),
      completedOn: fc.option(fc.constantFrom('2026-03-14', '2025-10-01')),
    }),
    { maxLength: 2 },
  ),
});

describe('network matching', () => {
  it('scores every member between 0 and 100', () => {
    fc.assert(
      fc.property(roleArb, memberArb, (role, member) => {
        const { score } = matchMember(role, member, now);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('never ranks a member lower for a higher level on a criterion', () => {
    fc.assert(
      fc.property(roleArb, memberArb, fc.constantFrom(...criterionKeys), (role, member, k) => {
        const current = member.levels[k];
        if (current === undefined || current === 4) return;
        const better = { ...member, levels: { ...member.levels, [k]: (current + 1) as Level } };
        expect(matchMember(role, better, now).score).toBeGreaterThanOrEqual(
          matchMember(role, member, now).score,
        );
      }),
    );
  });

  it('never ranks a member lower for training done', () => {
    fc.assert(
      fc.property(roleArb, memberArb, fc.constantFrom(...criterionKeys), (role, member, k) => {
        const trained = {
          ...member,
          training: [...member.training, { criterionKey: k, title: 'A course', completedOn: null }],
        };
        expect(matchMember(role, trained, now).score).toBeGreaterThanOrEqual(
          matchMember(role, member, now).score,
        );
      }),
    );
  });

  it('ranks best first, the same whatever order the members come in', () => {
    fc.assert(
      fc.property(
        roleArb,
        fc.uniqueArray(memberArb, { selector: (m) => m.candidateId, maxLength: 8 }),
        (role, members) => {
          const ranked = rankMembers(role, members, now);
          for (let i = 1; i < ranked.length; i++)
            expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
          expect(rankMembers(role, [...members].reverse(), now)).toEqual(ranked);
        },
      ),
    );
  });

  it('explains each weighted criterion assessed with the level required', () => {
    fc.assert(
      fc.property(roleArb, memberArb, (role, member) => {
        const { explanation } = matchMember(role, member, now);
        for (const c of role.criteria) {
          if (c.weight > 0 && member.levels[c.key] !== undefined)
            expect(explanation).toContain(`${c.name}: `);
          if (c.weight === 0) expect(explanation).not.toContain(`${c.name}: `);
        }
      }),
    );
  });

  it('writes the reasons a manager reads', () => {
    const role: RoleToMatch = {
      criteria: [
        { key: 'lighting', name: 'Lighting', weight: 5, requiredLevel: 3 },
        { key: 'rf', name: 'RF', weight: 3, requiredLevel: 3 },
      ],
      skills: [],
      places: ['Manchester'],
      kind: 'permanent',
    };
    const member: MemberToMatch = {
      candidateId: 'm1',
      name: 'Alex Reid',
      levels: { lighting: 4, rf: 2 },
      assessedAt: '2026-06-01T10:00:00Z',
      skills: [],
      permanent: true,
      freelance: false,
      casualCrew: false,
      region: 'Manchester',
      travelMiles: 30,
      training: [{ criterionKey: 'rf', title: 'Shure wireless course', completedOn: '2026-03-10' }],
    };
    expect(matchMember(role, member, now).explanation).toBe(
      'Lighting: Strong (required Competent); RF: Developing (required Competent), completed Shure wireless course in March; Available for a permanent role; Based in Manchester',
    );
  });
});
