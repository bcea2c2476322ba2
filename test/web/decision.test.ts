import { describe, expect, it } from 'vitest';
import { decisionAdvice, recommendationText, recommendedOutcome } from '../../web/src/lib/decision.ts';

const tally = (t: Partial<Record<'strong_no' | 'no' | 'yes' | 'strong_yes', number>>) => ({
  strong_no: 0,
  no: 0,
  yes: 0,
  strong_yes: 0,
  ...t,
});
const beforeOffer = ['offer', 'not_progressing', 'withdrawn'] as const;

describe('the recommended decision (the primary button on the application page)', () => {
  it('is an offer when the yeses outweigh the noes, not progressing when the noes do', () => {
    expect(recommendedOutcome(tally({ yes: 2, no: 1 }), beforeOffer)).toBe('offer');
    expect(recommendedOutcome(tally({ yes: 1, no: 2 }), beforeOffer)).toBe('not_progressing');
    // A strong no outweighs a yes.
    expect(recommendedOutcome(tally({ yes: 1, strong_no: 1 }), beforeOffer)).toBe('not_progressing');
    expect(recommendedOutcome(tally({ strong_yes: 1, no: 1 }), beforeOffer)).toBe('offer');
  });

  it('suggests nothing on a tie, with no scorecards in, or when that decision is not open', () => {
    expect(recommendedOutcome(tally({ yes: 1, no: 1 }), beforeOffer)).toBeNull();
    expect(recommendedOutcome(tally({}), beforeOffer)).toBeNull();
    expect(recommendedOutcome(undefined, beforeOffer)).toBeNull();
    expect(recommendedOutcome(tally({ yes: 3 }), ['not_progressing', 'withdrawn'])).toBeNull();
  });

  it('does not put an offer first while criteria are below the required level', () => {
    expect(recommendedOutcome(tally({ yes: 2 }), beforeOffer, 3)).toBeNull();
    expect(decisionAdvice(tally({ yes: 2 }), 3, null)).toBe(
      'The recommendations lean to an offer (Yes 2), but 3 criteria are below the level the role requires: talk them through before deciding.',
    );
    // Noes with gaps still point to not progressing.
    expect(recommendedOutcome(tally({ no: 2 }), beforeOffer, 1)).toBe('not_progressing');
    expect(decisionAdvice(tally({ yes: 1 }), 0, 'Make an offer')).toBe(
      'The scorecards point to: make an offer (Yes 1).',
    );
  });

  it('after an offer, hired is the next step whatever the scorecards said', () => {
    expect(recommendedOutcome(tally({ no: 2 }), ['hired', 'offer_declined', 'withdrawn'])).toBe('hired');
  });

  it('writes the tally strongest yes first, leaving out kinds with none', () => {
    expect(recommendationText(tally({ no: 1, yes: 1, strong_yes: 2 }))).toBe('Strong yes 2 · Yes 1 · No 1');
    expect(recommendationText(tally({}))).toBeNull();
  });
});
