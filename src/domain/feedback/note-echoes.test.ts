import { describe, expect, it } from 'vitest';
import { checkFeedback } from './check.ts';
import { privateNoteEchoes, stem } from './note-echoes.ts';

const echoed = (text: string, notes: string[]) =>
  privateNoteEchoes(text, notes).map((s) => text.slice(s.start, s.end));

describe('a private note said again in other words', () => {
  it.each([
    [
      'We did notice you kept checking your phone during the practical, which did not help.',
      ['Kept checking phone during practical'],
      'kept checking your phone during the practical',
    ],
    [
      'Being honest, you seemed nervous and possibly hungover on the day.',
      ['Seemed nervous, possibly hungover. Strong on QLab though.'],
      'nervous and possibly hungover',
    ],
    [
      'We are still waiting on your references from the hire company.',
      ['References from hire company - chase before any offer'],
      'references from the hire company',
    ],
  ])('%s', (text, notes, phrase) => {
    expect(echoed(text, notes)).toEqual([phrase]);
    // In the check it is an error, like a copied note.
    const leak = checkFeedback(text, { privateNotes: notes }).findings.find(
      (f) => f.kind === 'private-note-leak',
    );
    expect(leak?.severity).toBe('error');
  });

  it.each([
    // Notes on how the work went are what feedback is made of.
    ['You stayed calm under pressure when the playback failed.', ['Calm under pressure']],
    ['You need more RF practice before a show this size.', ['Needs more RF.']],
    ['Your SD12 mix was strong and punchy.', ['Strong SD12 mix']],
    // The words of one remark spread over two sentences are not that remark.
    [
      'You checked the gain first. Your phone torch helped in the dark.',
      ['Kept checking phone during practical'],
    ],
    // One shared word is not a clause.
    ['Your phone call to the client was clear.', ['Phone manner odd']],
  ])('not: %s', (text, notes) => {
    expect(echoed(text, notes)).toEqual([]);
  });

  it('meets a word in another inflection', () => {
    expect(stem('checking')).toBe(stem('checked'));
    expect(stem('phones')).toBe(stem('phone'));
  });
});
