// Families of phrasing the fourth and fifth blind sets showed the check lacked, each as a general
// rule with its innocent near-miss: a colleague's view without the panel's names, note-taking, scorn,
// generic advice, career-stage comparisons, "married up" for joining things, a "thin" knowledge gap;
// then stamina and career stage, a previous name, festivals not kept, sarcasm; then (the sixth)
// euphemisms for health, transition and pregnancy, a nationality, talking down, gaps in other words.

import { describe, expect, it } from 'vitest';
import { checkFeedback } from './check.ts';

const opening =
  'Thank you for interviewing for the AV Technician role. You traced the hum to a ground loop quickly and calmly, which was excellent.';
const gap =
  'You were less sure about RF co-ordination: you could not say how far apart the frequencies should be.';
const next = 'The Shure wireless workshop would build that, and we would welcome another application.';

// A sentence under test, set in an otherwise complete letter (a strength, a gap and a next step).
const inLetter = (sentence: string) => `${opening} ${sentence} ${gap} ${next}`;
const kinds = (text: string) => checkFeedback(text).findings.map((f) => f.kind);
const quotes = (text: string, kind: string) =>
  checkFeedback(text)
    .findings.filter((f) => f.kind === kind)
    .map((f) => text.slice(f.start, f.end));
const protectedQuote = (sentence: string) => quotes(inLetter(sentence), 'protected-characteristic');

describe('a colleague named as the source of a view, without the panel’s names', () => {
  it.each([
    ['Priya felt you were unsure on wireless.', 'Priya'],
    ["Sam didn't think you would cope on a live show.", 'Sam'],
    ['According to Marcus, your RF plan needed work.', 'Marcus'],
    ["In Ola's view your patching was rushed.", 'Ola'],
    ['Jo was not convinced by the rigging answer.', 'Jo'],
  ])('%s', (sentence, name) => {
    expect(quotes(inLetter(sentence), 'interviewer-name')).toEqual([name]);
  });

  it.each([
    'Lighting felt rushed at the end of the practical.',
    'In March, you ran the follow spot on a touring show.',
    'We felt you explained the delay to the client honestly.',
    'Everyone felt your cable runs were tidy.',
  ])('not: %s', (sentence) => {
    expect(kinds(inLetter(sentence))).not.toContain('interviewer-name');
  });

  it('is not the candidate’s own name', () => {
    const text = `${opening} Aoife, we felt you were calm. ${gap} ${next}`;
    expect(checkFeedback(text, { candidateName: 'Aoife Byrne' }).findings.map((f) => f.kind)).not.toContain(
      'interviewer-name',
    );
  });
});

describe('note-taking written into the letter', () => {
  it.each([
    'As noted, candidate seemed nervous and kept checking phone.',
    'Candidate was late and unsure of the desk.',
    'The candidate seemed flustered by the fault.',
  ])('%s', (sentence) => {
    expect(kinds(inLetter(sentence))).toContain('private-note-leak');
  });

  it('not a sentence about the candidate who was appointed', () => {
    const text = `${opening} The candidate we appointed had run Dante networks for two years. ${gap} ${next}`;
    expect(kinds(text)).not.toContain('private-note-leak');
  });
});

describe('scorn and generic advice', () => {
  it.each([
    'Frankly your lighting knowledge was embarrassing.',
    'We were shocked at how little you knew about RF.',
    "Read the guide, it's basic stuff really.",
    'Work on your attitude.',
    'You were far too cocky in the interview.',
  ])('scorn fails the check: %s', (sentence) => {
    const result = checkFeedback(inLetter(sentence));
    expect(result.pass).toBe(false);
    expect(result.findings.map((f) => f.kind)).toContain('tone');
  });

  it('"basic" as a level is not scorn', () => {
    const text = `${opening} ${gap} A basic rigging course such as the ABTT Bronze would build that, and we would welcome another application.`;
    expect(kinds(text)).not.toContain('tone');
  });

  it.each([
    'Work on your skills and gain more experience.',
    'Keep working on things and apply again.',
    "With a bit more experience you'll get there.",
    "You were fine overall but didn't really stand out.",
  ])('vague: %s', (sentence) => {
    expect(kinds(`${opening} ${sentence}`)).toContain('vague');
  });

  it('advice that names the skill is not vague', () => {
    expect(kinds(`${opening} ${gap} Keep working on RF co-ordination with the Shure planner.`)).not.toContain(
      'vague',
    );
  });
});

describe('career stage, joining things, thin knowledge', () => {
  it('"someone fresher out of college" compares career stage', () => {
    const text = `${opening} We went with someone a good bit fresher out of college. ${gap} ${next}`;
    expect(kinds(text)).toContain('protected-characteristic');
  });

  it('"married up the timecode" is joining two systems, not a marriage', () => {
    const text = `${opening} You married up the timecode between the lighting desk and playback. ${gap} ${next}`;
    expect(kinds(text)).not.toContain('protected-characteristic');
  });

  it('"your knowledge of LED processing was thin" is a development area', () => {
    const text = `${opening} Your knowledge of LED wall processing was thin. Brompton's online training would be a good place to start.`;
    expect(kinds(text)).not.toContain('missing-development-area');
  });
});

// Families the fifth blind set showed the check lacked (measured blind first: protected 86.7%).
describe('the fifth blind set’s families, each with its innocent near-miss', () => {
  it.each([
    'We were not sure the energy levels would be there for someone further on in their career.',
    'We went with a fresher pair of hands.',
    'Your cards are still in your previous male name.',
    'A name like yours on the crew list might raise questions with clients.',
    'We were not sure how Jummah would work around Friday changeovers.',
    'Since you don’t celebrate Christmas, the panto season worried us.',
    'In the end we went with a man for the rigging team.',
    'We chose a lad who could lift the truss.',
  ])('flags: %s', (sentence) => {
    expect(protectedQuote(sentence)).not.toEqual([]);
  });

  it.each([
    'When the plot called for a male-to-female turnaround you already had one in your kit.',
    'You swapped the female XLR without being asked.',
    'You let the pregnant pause before the blackout cue land instead of rushing it.',
    'You moved further on in the cue list without losing your place.',
    'You rigged the church hall gig on your own.',
    'We went with a different console for the tour.',
    'Your name on the rota was clear and easy to find.',
    'You lent a hand with the get-out without being asked.',
    'Your faith in the backup desk was well placed: it took over in a second.',
  ])('not: %s', (sentence) => {
    expect(protectedQuote(sentence)).toEqual([]);
  });

  it.each([
    'Your cable runs were tidy, which is something, I suppose.',
    'You would be better off sticking to pub gigs for a while.',
    'Come back when you actually understand a transfer function.',
  ])('tone: %s', (sentence) => {
    expect(kinds(inLetter(sentence))).toContain('tone');
  });

  it('not tone: an invitation to come back', () => {
    expect(
      kinds(`${opening} ${gap} ${next} Come back when you have done the course and we will talk again.`),
    ).not.toContain('tone');
  });
});

describe('the sixth blind set’s families, each with its innocent near-miss', () => {
  it.each([
    ['We wanted someone born after the millennium for this post.', 'someone born after the millennium'],
    ['We were not sure you would be fighting fit for eighteen-hour shifts.', 'fighting fit'],
    ["From what you said about your 'bad days', we worried about the shifts.", "your 'bad days'"],
    ['With you being wired a bit differently, the get-in may be too much.', 'wired a bit differently'],
    ['Needing the quiet room worried us for a get-in.', 'Needing the quiet room'],
    ['We went for someone who was not mid-transition.', 'mid-transition'],
    [
      'With the change of name and identity, a live desk might be a distraction.',
      'change of name and identity',
    ],
    ['With your happy news due over the summer, we went another way.', 'your happy news due'],
    ['As a Polish national you might not stay long.', 'As a Polish national'],
    [
      'Your involvement with the Pride events made us wonder about our regulars.',
      'involvement with the Pride',
    ],
  ])('%s', (sentence, phrase) => {
    expect(protectedQuote(sentence)).toEqual([phrase]);
  });

  it.each([
    'You ran the stage audio for the Pride weekend we produce each summer.',
    'You streamed the Eid event we hosted last year with three cameras.',
    'You toured with the Welsh National Opera and knew their rig.',
    'Your good news about the IPAF card came through just in time.',
    'You rigged the dimmers for a show born in the nineties and still touring.',
    'You kept the quiet room feed separate from the foyer speakers.',
  ])('not: %s', (sentence) => {
    expect(protectedQuote(sentence)).toEqual([]);
  });

  it.each([
    'Thanks for the masterclass in how not to patch a grandMA3.',
    'Bless you, you did try so hard.',
    'Your cable management was neat, well done you!',
    'Not everyone can keep up with rigging at this stage.',
    'Honestly, the Crestron part of the interview was a car crash.',
    'It was painful to sit through.',
    "Next time don't pretend to know things you don't.",
    'That was one of the worst answers I have heard.',
  ])('tone: %s', (sentence) => {
    expect(kinds(inLetter(sentence))).toContain('tone');
  });

  it.each([
    'The crash barrier was fitted before doors.',
    'You did try the backup desk first, which was right.',
    'You kept the sound desk well clear of the car park feed.',
  ])('not tone: %s', (sentence) => {
    expect(kinds(inLetter(sentence))).not.toContain('tone');
  });

  it.each([
    'You executed the cue list on the Eos really cleanly. Where you lost a bit of ground was the desk itself: you were hunting for the matrix routing.',
    'You rebuilt the vMix playlist in four minutes, which was impressive. Where we felt you could grow is in control: your rooms so far were standalone.',
    'Your mixing on the Midas was brilliant. Your answers on budgets and rotas were less developed.',
    "On your PA walk you found the blind spot behind the delays. The thing we'd want more of is RF: your plan had two intermod clashes.",
  ])('a strength and a development area in other words: %s', (body) => {
    const found = kinds(`Thank you for coming in. ${body} ${next}`);
    expect(found).not.toContain('missing-strength');
    expect(found).not.toContain('missing-development-area');
  });

  it('"the main area we would like you to develop" names a gap, not a strength', () => {
    const text =
      'Thank you for coming in. The main area we would like you to develop is timecode: you could not explain genlock. Working through SMPTE timecode basics with a sync generator would help.';
    expect(kinds(text)).toContain('missing-strength');
  });
});
