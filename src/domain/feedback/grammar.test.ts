import { describe, expect, it } from 'vitest';
import { demoEvidenceByCriterion } from '../../features/demo/demo-evidence.ts';
import { avTechnicianFramework } from '../frameworks/av-technician.ts';
import { checkFeedback } from './check.ts';
import notes from './corpus/evidence-notes.json' with { type: 'json' };
import { repairSecondPerson, secondPersonProblems, verbForYou, withSubject } from './grammar.ts';
import { rephraseEvidence } from './rephrase.ts';

const context = { candidateName: notes.candidateName, interviewerNames: ['Grace Young'] };

/** Every piece of evidence the product ships with or is likely to meet. */
const allEvidence: { source: string; text: string }[] = [
  ...avTechnicianFramework.criteria.flatMap((c) =>
    Object.entries(c.descriptors).map(([level, text]) => ({ source: `${c.key}.${level}`, text })),
  ),
  ...Object.entries(demoEvidenceByCriterion).flatMap(([key, tiers]) =>
    Object.entries(tiers).map(([tier, text]) => ({ source: `demo ${key}.${tier}`, text })),
  ),
  ...notes.notes.map((text, i) => ({ source: `note ${i + 1}`, text })),
];

const wholeSentence = (s: string) => [{ start: 0, end: s.length }];

describe('second person from evidence (property over every shipped note)', () => {
  it('covers the framework, the demo data and at least 60 written notes', () => {
    expect(notes.notes.length).toBeGreaterThanOrEqual(60);
    expect(allEvidence.length).toBeGreaterThan(130);
  });

  it('no rephrased sentence has an agreement error or a missing subject', () => {
    const wrong: string[] = [];
    for (const { source, text } of allEvidence) {
      for (const sentence of rephraseEvidence(text, context, { maxSentences: 6, maxWords: 80 })) {
        const problems = secondPersonProblems(sentence, wholeSentence(sentence));
        const agreement = /\byou\s+(?:\w+ly\s+)?(?:was|is|has|seems|does|goes|knows|needs)\b/i.test(sentence);
        if (problems.length > 0 || agreement) wrong.push(`${source}: ${sentence}`);
        // Each clause after a semicolon keeps a subject too.
        for (const clause of sentence.split(/;\s+/).slice(1)) {
          const first = clause.split(/\s+/)[0]!.toLowerCase();
          if (/^(?:could|did|was|needed|knew|had|missed|got|is|has)$/.test(first))
            wrong.push(`${source} (clause): ${sentence}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rephrases the reported notes into correct second person', () => {
    const one = (s: string) => rephraseEvidence(s, context, { maxSentences: 3 });
    expect(one('Set gains sensibly but was unsure how to co-ordinate radio mic frequencies.')).toEqual([
      'You set gains sensibly but were unsure how to co-ordinate radio mic frequencies.',
    ]);
    expect(one('Candidate showed unsure what an IP address was')).toEqual([
      'You were unsure what an IP address was.',
    ]);
    expect(one('Split the chain in half, metered each point and found the faulty patch lead.')).toEqual([
      'You split the chain in half, metered each point and found the faulty patch lead.',
    ]);
    expect(one('Candidate seems unsure about safety bonds.')).toEqual([
      'You seem unsure about safety bonds.',
    ]);
    expect(one('Needs more practice with multicast; could not explain IGMP snooping.')).toEqual([
      'You need more practice with multicast; you could not explain IGMP snooping.',
    ]);
    // "They" after the client is the client, not the candidate.
    expect(one('Polite with the client but did not confirm what they needed.')).toEqual([
      'You were polite with the client but did not confirm what they needed.',
    ]);
    expect(one('No paperwork for the set-up.')).toEqual(['You had no paperwork for the set-up.']);
  });
});

describe('grammar helpers', () => {
  it('conjugates for "you" with compromise', () => {
    expect(
      ['knows', 'focuses', 'tries', 'watches', 'is', 'was', 'has', "doesn't", 'Seems'].map(verbForYou),
    ).toEqual(['know', 'focus', 'try', 'watch', 'are', 'were', 'have', "don't", 'Seem']);
    // Not verbs: left alone.
    expect(['lens', 'series', 'always', 'comms'].map(verbForYou)).toEqual([
      'lens',
      'series',
      'always',
      'comms',
    ]);
  });

  it('repairs agreement and gives notes a subject', () => {
    expect(repairSecondPerson('you was calm and has a good ear')).toBe('you were calm and have a good ear');
    // A course name after "A good next step:" is not a sentence missing its subject.
    const step = 'A good next step: Certified Technology Specialist (CTS) — AVIXA — for AV fundamentals.';
    expect(secondPersonProblems(step, [{ start: 0, end: step.length }])).toEqual([]);
    const bare = 'Certified the rigging plan and checked the bonds twice.';
    expect(secondPersonProblems(bare, [{ start: 0, end: bare.length }])).toHaveLength(1);
    // The same after the check has read a long text (no state carried between calls).
    checkFeedback(`You did well. ${'You found the fault and traced the chain. '.repeat(20)}`);
    expect(repairSecondPerson('You knew the PAT basics but was vague on LOLER.')).toBe(
      'You knew the PAT basics but were vague on LOLER.',
    );
    expect(repairSecondPerson('You found the desk but it was muted.')).toBe(
      'You found the desk but it was muted.',
    );
    const keepNone = () => false;
    expect(withSubject('Calm on comms.', keepNone)).toBe('You were calm on comms.');
    expect(withSubject('Strong rigging knowledge.', keepNone)).toBe('You showed strong rigging knowledge.');
    expect(withSubject('Traced the fault.', keepNone)).toBe('You traced the fault.');
  });
});

describe('the check holds hand-edited text to second person (grammar, a warning)', () => {
  const base = [
    '## What went well',
    '- **Signal flow:** You split the chain in half and found the faulty patch lead in five minutes.',
    '',
    '## Where to develop next',
    '- **Networking:** you could not yet explain how Dante picks its clock leader. A good next step: Dante Certification Level 2 — Audinate — covers clocking.',
    '',
    'We would welcome a new application once you have it.',
  ];
  const kinds = (text: string) =>
    checkFeedback(text)
      .findings.filter((f) => f.kind === 'grammar')
      .map((f) => text.slice(f.start, f.end));

  it('passes correct second person', () => {
    expect(kinds(base.join('\n'))).toEqual([]);
  });

  it.each([
    ['You set gains sensibly but was unsure about RF.', 'but was'],
    ['You was calm on comms throughout the show.', 'You was'],
    ['You seems confident with QLab cue lists.', 'You seems'],
    ['you has a good grasp of gain structure.', 'you has'],
    ['Traced the hum to a ground loop on the DI.', 'Traced'],
  ])('flags "%s"', (sentence, flagged) => {
    const text = [...base.slice(0, 2), `- **Audio:** ${sentence}`, ...base.slice(2)].join('\n');
    expect(kinds(text)).toEqual([flagged]);
    expect(checkFeedback(text).findings.find((f) => f.kind === 'grammar')?.severity).toBe('warning');
  });
});
