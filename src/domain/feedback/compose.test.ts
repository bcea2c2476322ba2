import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssessedCriterion,
  assessApplication,
  type Recommendation,
  type SubmittedScorecard,
} from '../aggregation.ts';
import { avTechnicianFramework } from '../frameworks/av-technician.ts';
import { defaultRequirements, type RoleLevelKey, roleLevelKeys } from '../frameworks/requirements.ts';
import type { Level } from '../frameworks/types.ts';
import { checkFeedback } from './check.ts';
import {
  type ComposeInput,
  composeFeedback,
  draftLength,
  encouragementThresholds,
  FeedbackCompositionError,
  trainingSuggestionsFor,
  trainingTitle,
} from './compose.ts';
import {
  addPoint,
  canWriteOut,
  FeedbackFormatError,
  maxDevelopmentAreas,
  maxStrengths,
  offeredSpare,
  parseFeedbackMarkdown,
  removePoint,
  renderFeedbackMarkdown,
  templateVariablesOf,
  uncoveredGaps,
  writeOut,
} from './document.ts';
import { interviewerMentions, privateNoteOverlaps } from './leaks.ts';
import { commonWordNames } from './lexicon.ts';
import { agreeWithYou, evidenceSentences, rephraseEvidence } from './rephrase.ts';
import { wordTokens } from './text.ts';

const framework = avTechnicianFramework;
const keys = framework.criteria.map((c) => c.key);

function criteriaFor(level: RoleLevelKey): AssessedCriterion[] {
  const requirements = defaultRequirements(keys, level);
  return framework.criteria.map((c, i) => ({
    key: c.key,
    name: c.name,
    weight: requirements[i]!.weight,
    requiredLevel: requirements[i]!.requiredLevel,
  }));
}

interface Card {
  interviewer: string;
  ratings: Partial<Record<string, Level>>;
  evidence?: Partial<Record<string, string | null>>;
  recommendation?: Recommendation;
}

function inputFor(cards: Card[], options: { level?: RoleLevelKey; venue?: string } = {}): ComposeInput {
  const level = options.level ?? 'technician';
  const scorecards: SubmittedScorecard[] = cards.map((card, i) => ({
    scorecardId: `card-${i}`,
    interviewId: 'interview-1',
    interviewerId: `user-${i}`,
    interviewerName: card.interviewer,
    frameworkVersionId: framework.id,
    recommendation: card.recommendation ?? 'no',
    submittedAt: `2026-11-2${i}T10:00:00.000Z`,
    ratings: Object.entries(card.ratings).map(([criterionKey, rating]) => ({
      criterionKey,
      rating: rating!,
      evidence: card.evidence?.[criterionKey] ?? null,
    })),
  }));
  return {
    assessment: assessApplication({
      applicationId: 'application-1',
      criteria: criteriaFor(level),
      scorecards,
      expectedScorecards: scorecards.length,
    }),
    criteria: framework.criteria,
    role: { title: 'AV Technician — Main House', level },
    venueName: options.venue ?? 'Main House',
  };
}

const allAt = (rating: Level, overrides: Partial<Record<string, Level>> = {}) =>
  Object.fromEntries(keys.map((k) => [k, overrides[k] ?? rating])) as Record<string, Level>;

const evidence: Record<string, string> = {
  signal_flow:
    'Candidate traced the fault to the crossed tie line in under ten minutes. He split the chain at the stage box and checked for signal at each point. He then re-labelled the tie lines.',
  audio: 'Rang out the wedges with two narrow cuts; knew gain structure well.',
  video: 'Not sure about EDID; needed prompting to check the projector input.',
  lighting: 'Programmed a simple Eos cue stack and recorded a preset.',
  networking_control:
    'He could not explain how Dante picks a clock leader and missed the sample-rate mismatch.',
  rigging_power_safety: 'Checked the safety bonds and knew LOLER inspection intervals.',
  communication: 'Calm and clear with the client in the role-play; summarised the brief back.',
  show_operation: 'Followed the cue sheet and called standbys on time.',
  planning_documentation: 'Patch sheet was tidy but missing the spare channels.',
};

const context = {
  candidateName: 'Sam Okafor',
  interviewerNames: ['Priya Shah', 'Tom Briggs'],
  privateNotes: [
    'Not sure he would cope with a Saturday changeover on his own. Wants more money than the band.',
  ],
};

describe('rephrasing evidence for the candidate', () => {
  const cases: [string, string[]][] = [
    [
      'Candidate traced the fault to the crossed tie line.',
      ['You traced the fault to the crossed tie line.'],
    ],
    ['The candidate’s patching was tidy.', ['Your patching was tidy.']],
    [
      'He was calm on comms and called standbys early.',
      ['You were calm on comms and called standbys early.'],
    ],
    ['She knows Dante Controller well.', ['You know Dante Controller well.']],
    [
      'They labelled every cable and checked their patch.',
      ['You labelled every cable and checked your patch.'],
    ],
    ["He's worked with QLab before.", ["You've worked with QLab before."]],
    [
      'I asked her to ring out the wedges; she used narrow cuts.',
      ['We asked you to ring out the wedges; you used narrow cuts.'],
    ],
    ['Traced the fault quickly.', ['You traced the fault quickly.']],
    ['Calm on comms.', ['You were calm on comms.']],
    ['Strong rigging knowledge.', ['You showed strong rigging knowledge.']],
    ['Needs more practice with multicast.', ['You need more practice with multicast.']],
    [
      'He always checks polarity and focuses the lanterns carefully.',
      ['You always check polarity and focus the lanterns carefully.'],
    ],
    ["Sam's labelling was the tidiest we have seen.", ['Your labelling was the tidiest we have seen.']],
    [
      'Okafor set up the projector and sorted the EDID handshake.',
      ['You set up the projector and sorted the EDID handshake.'],
    ],
    // Technical specifics are kept, including a capital I that is part of a name.
    ['Knew the CTS-I commissioning tests.', ['You knew the CTS-I commissioning tests.']],
    // Trimmed to two sentences.
    [
      'Found the muted bus. Fixed it. Confirmed at the output.',
      ['You found the muted bus.', 'You fixed it.'],
    ],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(rephraseEvidence(input, context)).toEqual(expected);
  });

  it('drops sentences that name an interviewer, repeat a private note or would fail the check', () => {
    expect(
      rephraseEvidence('Tom asked him to re-patch the stage box and he did it cleanly.', context),
    ).toEqual([]);
    expect(rephraseEvidence('Briggs thought the patch was neat.', context)).toEqual([]);
    expect(
      rephraseEvidence(
        'Not sure he would cope with a Saturday changeover on his own. Good cable management.',
        context,
      ),
    ).toEqual(['You showed good cable management.']);
    expect(rephraseEvidence('Young lad, lots of energy. Knew LOLER.', context)).toEqual(['You knew LOLER.']);
    expect(rephraseEvidence('He was clueless about multicast.', context)).toEqual([]);
    expect(rephraseEvidence('Not the right fit for the crew.', context)).toEqual([]);
    expect(rephraseEvidence('Would hire. Knows QLab inside out.', context)).toEqual([
      'You know QLab inside out.',
    ]);
  });

  it('splits notes and bullets into sentences, keeping abbreviations', () => {
    expect(evidenceSentences('- traced fault, e.g. the muted bus. Good on EQ\n- tidy patch')).toEqual([
      'traced fault, e.g. the muted bus.',
      'Good on EQ',
      'tidy patch',
    ]);
  });

  it('makes present-tense verbs agree with "you"', () => {
    expect(
      [
        'knows',
        'tries',
        'watches',
        'fixes',
        'uses',
        'focuses',
        'is',
        'has',
        "doesn't",
        'always',
        'traced',
      ].map(agreeWithYou),
    ).toEqual(['know', 'try', 'watch', 'fix', 'use', 'focus', 'are', 'have', "don't", 'always', 'traced']);
  });
});

describe('composing feedback', () => {
  it('refuses without submitted scorecards, with a clear message', () => {
    const input = inputFor([]);
    expect(() => composeFeedback(input)).toThrow(FeedbackCompositionError);
    expect(() => composeFeedback(input)).toThrow(/No scorecard has been submitted/);
    try {
      composeFeedback(input);
    } catch (err) {
      expect((err as FeedbackCompositionError).problem).toBe('no_scorecards');
    }
  });

  it('builds strengths, development areas with training and encouragement from one interviewer', () => {
    const input = inputFor([
      {
        interviewer: 'Priya Shah',
        ratings: allAt(3, { signal_flow: 4, video: 2, networking_control: 2, planning_documentation: 2 }),
        evidence,
      },
    ]);
    const { structured, text, check } = composeFeedback(input, context);
    expect(check).toEqual({ pass: true, score: 100, findings: [] });
    expect(structured.strengths[0]).toMatchObject({
      criterionKey: 'signal_flow',
      evidence:
        'You traced the fault to the crossed tie line in under ten minutes. You split the chain at the stage box and checked for signal at each point.',
      cautious: false,
    });
    expect(structured.strengths.length).toBeLessThanOrEqual(maxStrengths);
    // Video is the gap for a technician (required 3); networking needs only 2.
    expect(structured.developmentAreas).toHaveLength(1);
    expect(structured.developmentAreas[0]).toMatchObject({
      criterionKey: 'video',
      reason: 'below_required',
      level: 2,
      evidence: 'You were not sure about EDID; you needed prompting to check the projector input.',
    });
    // An EDID gap gets the video-switching course, and an external candidate no on-the-job practice.
    expect(structured.developmentAreas[0]!.suggestions.map((s) => s.id)).toEqual(['extron-courses']);
    expect(structured.developmentAreas[0]!.training).toContain(
      'Video switching and signal distribution courses — Extron — for ',
    );
    expect(structured.encouragement).toMatchObject({
      kind: 'reapply_after_training',
      trainingName: 'Video switching and signal distribution courses',
    });
    expect(structured.encouragement.text).toContain('Main House');
    expect(text.startsWith('## What went well\n- **Signal flow and fault-finding:** You traced')).toBe(true);
    expect(text).toContain('## Where to develop next\n- **Video and projection:** You were not sure');
    expect(text).not.toMatch(/Priya|Shah|Sam|Okafor|\bhe\b|\bhis\b/);
  });

  it('words disagreement cautiously', () => {
    const input = inputFor([
      { interviewer: 'Priya Shah', ratings: allAt(3, { video: 1 }), evidence },
      {
        interviewer: 'Tom Briggs',
        ratings: allAt(3, { video: 3 }),
        evidence: {
          ...evidence,
          video: 'Set up the projector and sorted the EDID handshake without prompting.',
        },
      },
    ]);
    const { structured, check } = composeFeedback(input, context);
    expect(check.pass).toBe(true);
    const video = structured.developmentAreas.find((d) => d.criterionKey === 'video')!;
    expect(video.cautious).toBe(true);
    expect(video.evidence).toMatch(
      /^You showed some of this, but not consistently: you were not sure about EDID/,
    );
  });

  it('a strong candidate gets "to go further" with the next level of training and a senior role', () => {
    const input = inputFor([{ interviewer: 'Priya Shah', ratings: allAt(4, { video: 3 }), evidence }]);
    const { structured, check } = composeFeedback(input, context);
    expect(check.pass).toBe(true);
    expect(structured.strengths).toHaveLength(3);
    expect(structured.developmentAreas).toEqual([
      expect.objectContaining({ criterionKey: 'video', reason: 'go_further', level: 3 }),
    ]);
    expect(structured.developmentAreas[0]!.evidence).toContain('to go further');
    expect(structured.encouragement).toMatchObject({ kind: 'future_role', futureRole: 'senior technician' });
    expect(structured.encouragement.text).toContain('a senior technician role at Main House');

    // Strong everywhere: the level-4 training is the catalogue's most advanced.
    const all4 = composeFeedback(inputFor([{ interviewer: 'Priya Shah', ratings: allAt(4) }]), context);
    expect(all4.check.pass).toBe(true);
    expect(all4.structured.developmentAreas[0]!.reason).toBe('go_further');
    expect(all4.structured.developmentAreas[0]!.evidence).toContain('"Strong"');
  });

  it('a weak candidate gets their best area as a strength, honestly, and a trainee role', () => {
    const input = inputFor([
      {
        interviewer: 'Priya Shah',
        ratings: allAt(1, { audio: 2 }),
        evidence: {
          audio: 'Knew how to set gain but struggled to ring out the wedges.',
          signal_flow: 'Could not describe the signal path and swapped cables at random.',
          rigging_power_safety: 'Did not check the RCD before powering the distro.',
        },
      },
    ]);
    const { structured, check } = composeFeedback(input, context);
    expect(check.pass).toBe(true);
    expect(structured.strengths).toEqual([
      expect.objectContaining({
        criterionKey: 'audio',
        evidence:
          'The panel rated this "Developing": you showed the basics here, and it is the strongest base to build on.',
      }),
    ]);
    // Every other criterion is below the level: each is written up (the last ones merged into one
    // point to keep the draft readable), none dropped silently.
    const named = structured.developmentAreas.flatMap((d) => d.criterion.split('; '));
    expect(named).toHaveLength(input.criteria.length - 1);
    expect(new Set(structured.developmentAreas.map((d) => d.reason))).toEqual(new Set(['below_required']));
    expect(structured.gaps).toHaveLength(input.criteria.length);
    expect(uncoveredGaps(structured)).toEqual([]);
    if (process.env.SHOW_DRAFT) console.log(composeFeedback(input, context).text);
    expect(structured.encouragement).toMatchObject({ kind: 'future_role', futureRole: 'trainee technician' });

    // For a senior role, the level below.
    const senior = composeFeedback(
      inputFor([{ interviewer: 'Priya Shah', ratings: allAt(2) }], { level: 'senior_technician' }),
    );
    expect(senior.check.pass).toBe(true);
    expect(senior.structured.encouragement).toMatchObject({ kind: 'future_role', futureRole: 'technician' });
    expect(senior.structured.encouragement.text).toContain('A technician role at Main House');

    // Already a trainee role: the talent network instead.
    const trainee = composeFeedback(
      inputFor([{ interviewer: 'Priya Shah', ratings: allAt(1) }], { level: 'trainee' }),
    );
    expect(trainee.check.pass).toBe(true);
    expect(trainee.structured.encouragement.kind).toBe('talent_network');
  });

  it('never repeats private notes or names interviewers, even when the evidence does', () => {
    const input = inputFor([
      {
        interviewer: 'Priya Shah',
        ratings: allAt(3, { signal_flow: 4, video: 2 }),
        evidence: {
          ...evidence,
          signal_flow:
            'Tom asked him to re-patch the stage box. Not sure he would cope with a Saturday changeover on his own.',
          video: 'Priya Shah noticed he missed the EDID handshake.',
        },
      },
    ]);
    const { text, check } = composeFeedback(input, context);
    expect(check.pass).toBe(true);
    expect(text).not.toMatch(/Tom|Priya|Shah|Briggs|Saturday changeover/);
  });

  it('is deterministic', () => {
    const input = inputFor([{ interviewer: 'Priya Shah', ratings: allAt(3, { video: 2 }), evidence }]);
    expect(composeFeedback(input, context)).toEqual(composeFeedback(input, context));
  });

  it('suggests the most advanced training for a level the catalogue has nothing for', () => {
    const signalFlow = framework.criteria.find((c) => c.key === 'signal_flow')!;
    expect(trainingSuggestionsFor(signalFlow, 4).map((t) => t.id)[0]).toBe('avixa-cts-i');
    expect(trainingSuggestionsFor(signalFlow, 1).map((t) => t.id)).toEqual([
      'fault-finding-drills',
      'abtt-bronze',
    ]);
    expect(trainingTitle(signalFlow.training[0]!)).toBe(
      'Planted-fault drills with a senior technician, on the job (short weekly sessions)',
    );
    // A catalogue aside on who else runs it is not part of the sentence.
    const rf = framework.criteria
      .find((c) => c.key === 'audio')!
      .training.find((t) => t.id === 'shure-wireless')!;
    expect(trainingTitle(rf)).toBe(
      'Wireless microphone and RF courses from Shure (online and classroom courses)',
    );
  });

  it('documents its thresholds', () => {
    expect(encouragementThresholds).toMatchObject({ nextLevel: 75, close: 50, far: 35 });
  });
});

describe('the Markdown text and the email template', () => {
  const composed = composeFeedback(
    inputFor([{ interviewer: 'Priya Shah', ratings: allAt(3, { signal_flow: 4, video: 2 }), evidence }]),
    context,
  );

  it('parses back into the same structure and renders the same text', () => {
    const parsed = parseFeedbackMarkdown(composed.text, composed.structured);
    expect(renderFeedbackMarkdown(parsed)).toBe(composed.text);
    expect(templateVariablesOf(parsed)).toEqual(templateVariablesOf(composed.structured));
    expect(parsed.developmentAreas[0]!.suggestions).toEqual(
      composed.structured.developmentAreas[0]!.suggestions,
    );
    expect(parsed.edited).toBe(true);
  });

  it('reads an edited text, keeping what it knows about each criterion', () => {
    const edited = composed.text.replace('You traced the fault', 'You calmly traced the fault');
    const parsed = parseFeedbackMarkdown(
      `${edited}\n\nReply to this email if you would like a call.`,
      composed.structured,
    );
    expect(parsed.strengths[0]).toMatchObject({ criterionKey: 'signal_flow' });
    expect(parsed.strengths[0]!.evidence).toContain('You calmly traced the fault');
    expect(parsed.encouragement.text).toMatch(/\n\nReply to this email/);
  });

  it('says what to fix when the text is not in the email’s shape', () => {
    expect(() => parseFeedbackMarkdown('Dear Sam,\n\nGood job.')).toThrow(FeedbackFormatError);
    expect(() => parseFeedbackMarkdown('Dear Sam,\n\nGood job.')).toThrow(
      /start with the "## What went well" heading/,
    );
    const withoutStep = composed.text.replace(/ A good next step:[^\n]*/, '');
    expect(() => parseFeedbackMarkdown(withoutStep)).toThrow(/A good next step:/);
    expect(() => parseFeedbackMarkdown(composed.text.replace('## Where to develop next\n', ''))).toThrow(
      FeedbackFormatError,
    );
    expect(() => parseFeedbackMarkdown(composed.text.replace('## What went well', '## Highlights'))).toThrow(
      /two headings/,
    );
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────────────────

const interviewerPool = [
  'Priya Shah',
  'Tom Briggs',
  'Aisha Khan',
  'Callum Reid',
  'Megan Price',
  'Dev Patel',
  'Ruth Ellis',
  'Owen Hughes',
  'Niamh Doyle',
  'Hamish Fraser',
];
const candidatePool = [
  'Sam Okafor',
  'Chloe Evans',
  'Marcus Bell',
  'Jordan Patchbay',
  'Grace Young',
  'Imran Qureshi',
];
const venuePool = [
  'Main House',
  'The Assembly Rooms',
  'Leeds Grand Theatre',
  'Corn Exchange',
  'Riverside Studios',
];

interface Pronouns {
  he: string;
  him: string;
  his: string;
  was: string;
  s: string;
}
const pronouns: Pronouns[] = [
  { he: 'he', him: 'him', his: 'his', was: 'was', s: 's' },
  { he: 'she', him: 'her', his: 'her', was: 'was', s: 's' },
  { he: 'they', him: 'them', his: 'their', was: 'were', s: '' },
];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

type Sentence = (p: Pronouns, names: { candidate: string; interviewer: string }) => string;
/** Realistic evidence: what interviewers write, good and bad, including what must never reach the candidate. */
const evidencePool: Sentence[] = [
  () => 'Candidate traced the fault to the crossed tie line in under ten minutes.',
  (p) => `${cap(p.he)} split the chain at the stage box and checked for signal at each point.`,
  () => 'Swapped cables at random before finding the muted bus.',
  (p) => `The candidate rang out the wedges with two narrow cuts and explained ${p.his} gain structure.`,
  () => 'Could not explain how Dante picks a clock leader.',
  (p) => `${cap(p.he)} missed the sample-rate mismatch between the stage box and the console.`,
  () => 'Set up the projector and sorted the EDID handshake without prompting.',
  () => 'Not sure about HDCP; needed prompting to check the projector input.',
  () => 'Programmed a simple Eos cue stack and recorded a preset.',
  (p) => `${cap(p.his)} focus of the profiles was tidy and quick.`,
  () => 'Checked the safety bonds and knew LOLER inspection intervals.',
  () => 'Did not check the RCD before powering the distro.',
  () => 'Calm and clear with the client in the role-play; summarised the brief back.',
  (p) => `${cap(p.he)} talked over the client and did not confirm the running order.`,
  () => 'Followed the cue sheet and called standbys on time.',
  (p) => `${cap(p.he)} lost track of the cue sheet during the quick changes.`,
  () => 'Patch sheet was tidy but missing the spare channels.',
  (p) => `${cap(p.he)} know${p.s} Q-SYS Designer well and built a working snapshot.`,
  (p) => `I thought ${p.he} handled the IEM mix well.`,
  (_p, n) => `${n.candidate.split(' ')[0]}'s labelling was the tidiest we have seen.`,
  (p, n) =>
    `${n.interviewer.split(' ')[0]} asked ${p.him} to re-patch the stage box and ${p.he} did it cleanly.`,
  (_p, n) => `${n.interviewer} felt the patch was rushed.`,
  (p, n) => `Mr ${n.interviewer.split(' ').at(-1)} showed ${p.him} the rig first.`,
  (p) => `Young lad, ${p.he} ha${p.s ? 's' : 've'} lots of energy.`,
  (p) => `${cap(p.he)} ${p.was} clueless about multicast.`,
  () => 'Not the right fit for our crew.',
  () => 'Would hire for the trainee role.',
  () => 'Wants more money than the band.',
  (p) => `Not sure ${p.he} would cope with a Saturday changeover on ${p.his} own.`,
  () => 'Very methodical.',
  () => 'Struggled with the three-phase distro questions.',
];
const notePool: Sentence[] = [
  (p) => `Not sure ${p.he} would cope with a Saturday changeover on ${p.his} own.`,
  () => 'Wants more money than the band.',
  () => 'Seemed distracted, maybe something going on at home.',
  () => 'Mentioned a bad back from the last tour.',
  (_p, n) => `Talked over ${n.interviewer.split(' ')[0]} twice when asked about rigging.`,
  () => 'Would be cheaper than the agency crew we use now.',
  () => 'Checked the safety bonds and knew LOLER inspection intervals.',
];

const arbitraryCase = fc
  .record({
    level: fc.constantFrom(...roleLevelKeys),
    panel: fc.uniqueArray(fc.constantFrom(...interviewerPool), { minLength: 1, maxLength: 3 }),
    candidate: fc.constantFrom(...candidatePool),
    pronoun: fc.constantFrom(...pronouns),
    venue: fc.constantFrom(...venuePool),
    cards: fc.array(
      fc.record({
        ratings: fc.array(fc.constantFrom<Level>(1, 2, 3, 4), {
          minLength: keys.length,
          maxLength: keys.length,
        }),
        evidence: fc.array(
          fc.option(fc.array(fc.nat(evidencePool.length - 1), { minLength: 1, maxLength: 3 }), { nil: null }),
          { minLength: keys.length, maxLength: keys.length },
        ),
        notes: fc.array(fc.nat(notePool.length - 1), { maxLength: 2 }),
        recommendation: fc.constantFrom<Recommendation>('strong_no', 'no', 'yes', 'strong_yes'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((g) => {
    const panel = g.panel;
    const cards = g.cards.slice(0, panel.length);
    const names = (i: number) => ({ candidate: g.candidate, interviewer: panel[(i + 1) % panel.length]! });
    const privateNotes = cards.flatMap((card, i) =>
      card.notes.length === 0 ? [] : [card.notes.map((n) => notePool[n]!(g.pronoun, names(i))).join(' ')],
    );
    const input = inputFor(
      cards.map((card, i) => ({
        interviewer: panel[i]!,
        recommendation: card.recommendation,
        ratings: Object.fromEntries(keys.map((k, j) => [k, card.ratings[j]!])),
        evidence: Object.fromEntries(
          keys.map((k, j) => [
            k,
            card.evidence[j] === null
              ? null
              : card.evidence[j]!.map((e) => evidencePool[e]!(g.pronoun, names(i))).join(' '),
          ]),
        ),
      })),
      { level: g.level, venue: g.venue },
    );
    return { input, context: { privateNotes, interviewerNames: panel, candidateName: g.candidate } };
  });

describe('composed feedback, over generated assessments', () => {
  // Hundreds of compositions: minutes on a loaded CI machine.
  it('always passes the check, with the application’s private notes and interviewers as context', {
    timeout: 180_000,
  }, () => {
    fc.assert(
      fc.property(arbitraryCase, ({ input, context }) => {
        const { text, check } = composeFeedback(input, context);
        expect(check).toEqual(checkFeedback(text, context));
        expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(check.pass).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // Hundreds of compositions: minutes on a loaded CI machine.
  it('never contains a private note or an interviewer’s name', { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(arbitraryCase, ({ input, context }) => {
        const { text, structured } = composeFeedback(input, context);
        const json = JSON.stringify(structured);
        expect(privateNoteOverlaps(text, context.privateNotes)).toEqual([]);
        for (const note of context.privateNotes) {
          for (const sentence of note.split(/(?<=\.)\s+/)) {
            expect(text.toLowerCase()).not.toContain(sentence.toLowerCase());
            expect(json.toLowerCase()).not.toContain(sentence.toLowerCase());
          }
        }
        expect(interviewerMentions(text, context.interviewerNames, context.candidateName)).toEqual([]);
        for (const name of context.interviewerNames) {
          expect(text.toLowerCase()).not.toContain(name.toLowerCase());
          for (const part of name.split(' ')) {
            if (commonWordNames.has(part.toLowerCase())) continue;
            expect(text).not.toMatch(new RegExp(`\\b${part}\\b`));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  // Hundreds of compositions: minutes on a loaded CI machine.
  it('has 1–3 strengths, development areas each with a next step, and round-trips through Markdown', {
    timeout: 180_000,
  }, () => {
    fc.assert(
      fc.property(arbitraryCase, ({ input, context }) => {
        const { text, structured } = composeFeedback(input, context);
        expect(structured.strengths.length).toBeGreaterThanOrEqual(1);
        expect(structured.strengths.length).toBeLessThanOrEqual(maxStrengths);
        expect(structured.developmentAreas.length).toBeGreaterThanOrEqual(1);
        expect(structured.developmentAreas.length).toBeLessThanOrEqual(maxDevelopmentAreas);
        for (const area of structured.developmentAreas) expect(area.training).not.toBe('');
        expect(wordTokens(text).length).toBeLessThanOrEqual(draftLength.max);
        expect(renderFeedbackMarkdown(parseFeedbackMarkdown(text, structured))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  // Hundreds of compositions: minutes on a loaded CI machine.
  it('covers every criterion below the required level, and finds a strength above the lowest level', {
    timeout: 180_000,
  }, () => {
    fc.assert(
      fc.property(arbitraryCase, ({ input, context }) => {
        const { structured } = composeFeedback(input, context);
        const { assessment } = input;
        expect(structured.gaps?.map((g) => g.criterionKey)).toEqual(assessment.gaps);
        expect(uncoveredGaps(structured)).toEqual([]);
        // Anyone rated above the lowest level anywhere gets a strength from a criterion above it.
        const best = Math.max(...assessment.criteria.map((c) => c.mean ?? 0));
        if (best > 1) {
          const strength = assessment.criteria.find((c) => c.key === structured.strengths[0]!.criterionKey);
          expect(strength?.mean ?? 0).toBeGreaterThan(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('a readable length', () => {
  const everyNote: Partial<Record<string, string>> = {
    audio: 'Set gains sensibly but was unsure how to co-ordinate radio mic frequencies for six channels.',
    signal_flow: 'Found the muted channel on the desk but needed a prompt to check the stage box input.',
    video: 'Did not know what EDID was and could not get the laptop onto the projector.',
    lighting: 'Patched the moving heads with help; recorded cues but missed the fade times.',
    networking_control: 'Was unsure what an IP address or subnet was and could not find the Dante device.',
    rigging_power_safety: 'Knew the PAT basics but was vague on LOLER inspections and safety bonds.',
    show_operation: 'Froze when the playback cue failed and did not tell the stage manager.',
    communication: 'Was polite with the client but did not confirm what they needed before starting.',
    planning_documentation: 'Had no paperwork for the set-up and could not say what goes on a patch list.',
  };
  const weak = () =>
    inputFor([{ interviewer: 'Priya Shah', ratings: allAt(2, { audio: 3 }), evidence: everyNote }]);

  it('keeps a draft with many gaps within 250 words by merging the last ones into one point', () => {
    const input = weak();
    const { text, structured, check } = composeFeedback(input, context);
    expect(input.assessment.gaps.length).toBeGreaterThanOrEqual(6);
    expect(wordTokens(text).length).toBeLessThanOrEqual(draftLength.max);
    expect(check.pass).toBe(true);
    expect(uncoveredGaps(structured)).toEqual([]);
    // The first areas keep their evidence and why the course fits; the merged point names each criterion and a course.
    const [first] = structured.developmentAreas;
    expect(first!.training).toMatch(/ — for /);
    const merged = structured.developmentAreas.at(-1)!;
    expect(merged.criterionKey).toBeNull();
    expect(merged.criterion.split('; ').length).toBeGreaterThanOrEqual(2);
    // Written as a person would: how far off they are, then a course for each criterion by name.
    expect(merged.evidence).toMatch(
      /^The panel rated you "Developing" in (?:both|all \w+), where this role asks for "Competent"\.$/,
    );
    expect(merged.suggestions.length).toBe(merged.criterion.split('; ').length);
    for (const name of merged.criterion.split('; '))
      expect(merged.training.toLowerCase()).toContain(`for ${name.toLowerCase()}`);
    // A course already named above is pointed back to, not introduced twice.
    const above = new Set(
      structured.developmentAreas.slice(0, -1).flatMap((d) => d.suggestions.map((t) => t.name)),
    );
    for (const t of merged.suggestions)
      if (above.has(t.name)) expect(merged.training).toContain(`the ${t.name} above covers`);
    // An edited text keeps its merged point covered.
    expect(uncoveredGaps(parseFeedbackMarkdown(text, structured))).toEqual([]);
    if (process.env.SHOW_DRAFT) console.log(text);
  });

  it('leaves a draft that already fits alone, and honours a smaller limit', () => {
    const short = inputFor([
      {
        interviewer: 'Priya Shah',
        ratings: allAt(3, { audio: 4, video: 2 }),
        evidence: {
          audio: everyNote.audio!.replace('but was unsure', 'and explained how'),
          video: everyNote.video!,
        },
      },
    ]);
    const full = composeFeedback(short, context);
    expect(wordTokens(full.text).length).toBeLessThanOrEqual(draftLength.max);
    expect(full.structured.developmentAreas.every((d) => d.criterionKey !== null)).toBe(true);

    const long = composeFeedback(weak(), context);
    const tight = composeFeedback({ ...weak(), maxWords: 180 }, context);
    expect(wordTokens(tight.text).length).toBeLessThan(wordTokens(long.text).length);
    expect(wordTokens(tight.text).length).toBeLessThanOrEqual(180);
    expect(uncoveredGaps(tight.structured)).toEqual([]);
  });
});

describe('coverage of the gaps after an edit', () => {
  it('a gap removed by hand is uncovered until the manager leaves it out with a reason', () => {
    const input = inputFor([
      {
        interviewer: 'Priya Shah',
        ratings: allAt(3, { audio: 4, signal_flow: 2, video: 2, lighting: 2 }),
        evidence: {
          audio: 'Rang out the wedges quickly and explained each step.',
          signal_flow: 'Swapped cables before isolating the fault.',
          video: 'Was unsure how EDID affects a switcher.',
          lighting: 'Could not say how to address a DMX fixture.',
        },
      },
    ]);
    const { structured, text } = composeFeedback(input, context);
    expect(structured.developmentAreas.map((d) => d.criterionKey)).toEqual(
      expect.arrayContaining(['signal_flow', 'video', 'lighting']),
    );
    expect(structured.developmentAreas).toHaveLength(3);
    // Remove the lighting point from the text.
    const edited = text
      .split('\n')
      .filter((line) => !line.startsWith('- **Lighting:**'))
      .join('\n');
    const parsed = parseFeedbackMarkdown(edited, structured);
    expect(uncoveredGaps(parsed)).toEqual([{ criterionKey: 'lighting', criterion: 'Lighting' }]);
    expect(
      uncoveredGaps({
        ...parsed,
        leftOut: [{ criterionKey: 'lighting', criterion: 'Lighting', reason: 'ok' }],
      }),
    ).toHaveLength(1);
    expect(
      uncoveredGaps({
        ...parsed,
        leftOut: [
          { criterionKey: 'lighting', criterion: 'Lighting', reason: 'Not used in this sound-only role' },
        ],
      }),
    ).toEqual([]);
    // Feedback stored before gaps were recorded has nothing to cover.
    const { gaps: _gaps, ...older } = parsed;
    expect(uncoveredGaps(older)).toEqual([]);
  });
});

describe('points kept spare for the editor to put back', () => {
  const everyGap = (): ComposeInput =>
    inputFor([
      {
        interviewer: 'Priya Shah',
        ratings: allAt(2, { audio: 4, signal_flow: 4, networking_control: 4 }),
        evidence: {
          audio: 'Rang out the wedges quickly and explained each step.',
          video: 'Was unsure how EDID affects a switcher.',
          lighting: 'Could not say how to address a DMX fixture.',
        },
      },
    ]);

  it('keeps the points merged or cut for length, and writes a merged point out one by one', () => {
    const { structured, text } = composeFeedback(everyGap(), context);
    const merged = structured.developmentAreas.findIndex((d) => d.criterion.includes('; '));
    expect(merged).toBeGreaterThanOrEqual(0);
    const names = structured.developmentAreas[merged]!.criterion.split('; ');
    // Every criterion of the merged point is spare as a point of its own, with its course.
    expect(structured.spare?.developmentAreas.map((d) => d.criterion)).toEqual(names);
    expect(
      structured.spare?.developmentAreas.every((d) => d.training !== '' && d.criterionKey !== null),
    ).toBe(true);
    // They are written already (merged), so none is offered to put back on its own.
    expect(offeredSpare(structured).developmentAreas).toEqual([]);
    expect(canWriteOut(structured, merged)).toBe(true);

    const out = writeOut(structured, merged);
    expect(out.developmentAreas.map((d) => d.criterion)).toEqual([
      ...structured.developmentAreas.slice(0, merged).map((d) => d.criterion),
      ...names,
    ]);
    expect(uncoveredGaps(out)).toEqual([]);
    // The merged point is spare now, and not offered while its criteria are written.
    expect(out.spare?.developmentAreas.map((d) => d.criterion)).toEqual([names.join('; ')]);
    expect(offeredSpare(out).developmentAreas).toEqual([]);
    // Saved as text and read back against what was stored, the spare points are the same.
    const saved = parseFeedbackMarkdown(renderFeedbackMarkdown(out), structured);
    expect(saved.developmentAreas.map((d) => d.criterionKey)).toEqual(
      out.developmentAreas.map((d) => d.criterionKey),
    );
    expect(saved.spare?.developmentAreas.map((d) => d.criterion)).toEqual([names.join('; ')]);
    expect(renderFeedbackMarkdown(saved)).not.toBe(text);
  });

  it('puts a removed point back as it was, in the editor and through a save', () => {
    const { structured, text } = composeFeedback(everyGap(), context);
    const first = structured.developmentAreas[0]!;
    const removed = removePoint(structured, 'development', 0);
    expect(removed.developmentAreas).not.toContainEqual(first);
    expect(offeredSpare(removed).developmentAreas).toEqual([first]);
    // The stored text without it, read back: the point is spare on the server too, and the gap uncovered.
    const saved = parseFeedbackMarkdown(renderFeedbackMarkdown(removed), structured);
    expect(offeredSpare(saved).developmentAreas.map((d) => d.criterion)).toEqual([first.criterion]);
    expect(uncoveredGaps(saved).map((g) => g.criterionKey)).toEqual([first.criterionKey]);
    // Put back (at the end), it reads as composed and covers the gap again; nothing is spare twice.
    const back = addPoint(saved, 'development', first.criterion);
    expect(back.developmentAreas.at(-1)).toMatchObject({
      criterionKey: first.criterionKey,
      evidence: first.evidence,
      training: first.training,
    });
    expect(uncoveredGaps(back)).toEqual([]);
    expect(offeredSpare(back).developmentAreas).toEqual([]);
    expect(renderFeedbackMarkdown(back)).not.toBe(renderFeedbackMarkdown(saved));
    expect(renderFeedbackMarkdown(back).length).toBe(text.length);

    const strength = structured.strengths[0]!;
    const noStrength = removePoint(structured, 'strength', 0);
    // Before the strengths cut for length, which stay on offer.
    expect(offeredSpare(noStrength).strengths).toEqual([strength, ...(structured.spare?.strengths ?? [])]);
    expect(addPoint(noStrength, 'strength', strength.criterion).strengths.at(-1)).toEqual(strength);
  });

  it('adds an empty point for a gap with nothing spare, and keeps to the limits', () => {
    const { structured } = composeFeedback(everyGap(), context);
    const gap = structured.gaps![0]!;
    const bare = { ...structured, developmentAreas: [], spare: undefined };
    const added = addPoint(bare, 'development', gap.criterion, gap);
    expect(added.developmentAreas).toEqual([
      expect.objectContaining({
        criterionKey: gap.criterionKey,
        criterion: gap.criterion,
        evidence: '',
        training: '',
      }),
    ]);
    // Saved without a next step, it is refused with what to write.
    expect(() => parseFeedbackMarkdown(renderFeedbackMarkdown(added), bare)).toThrow(
      new RegExp(`"${gap.criterion}": say what the next step is`),
    );
    // Nothing spare and no gap: unchanged.
    expect(addPoint(bare, 'development', 'Juggling')).toBe(bare);
    // A full list takes no more.
    const spareStrength = {
      criterionKey: null,
      criterion: 'Extra',
      evidence: 'You did well.',
      cautious: false,
    };
    const full = {
      ...structured,
      strengths: Array.from({ length: maxStrengths }, (_, i) => ({ ...spareStrength, criterion: `S${i}` })),
      spare: { strengths: [spareStrength], developmentAreas: [] },
    };
    expect(addPoint(full, 'strength', 'Extra')).toBe(full);
  });
});
