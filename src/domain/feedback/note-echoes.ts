// A private note said again in other words: "you kept checking your phone during the practical" for
// the note "Kept checking phone during practical", "you seemed nervous, possibly hungover" for
// "Seemed nervous, possibly hungover". The copy rule (leaks.ts) needs six words in a row; this one
// reads each clause of a note and looks for its words, in any order and inflection, in one sentence.
// Only a clause about the person counts: no praise or gap in it (those are what feedback is made
// of), and a word that is not about the work (a framework term, training or a product name), so
// "Strong SD12 mix" said back as "your SD12 mix was strong" is the feedback doing its job.

import { noteStopwords } from './leaks.ts';
import { competencyPattern, developmentPattern, praisePattern, trainingPattern } from './lexicon.ts';
import { type Span, splitSentences, wordTokens } from './text.ts';

// Beyond the copy rule's stopwords: hedges and note-taking words that say nothing about the person.
const stopwords: ReadonlySet<string> = new Set([
  ...noteStopwords,
  ...'him very quite really bit lot also just maybe possibly probably perhaps seemed seems seem felt feel think thought candidate during about though some any more most much well'.split(
    ' ',
  ),
]);

/** A crude stem, enough to meet "checking"/"checked"/"checks" and "phones"/"phone". */
export function stem(word: string): string {
  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 's', 'ly']) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

const praiseOnce = new RegExp(praisePattern.source, 'iu');
const developmentOnce = new RegExp(developmentPattern.source, 'iu');
const aboutTheWork = (word: string) => competencyPattern.test(word) || trainingPattern.test(word);

/**
 * The content words (stemmed) of each clause of a note that is about the person: at least two, one of
 * them not about the work and not a name (a product or place: a digit or a capital after the first
 * letter, or a capital inside the clause — QLab, SD12, the Playhouse).
 */
function clausesOf(note: string): string[][] {
  const clauses: string[][] = [];
  // Each sentence of the note, and each of its comma-separated pieces: "Seemed nervous, possibly
  // hungover" is one thought; "Good focus speed, weak on Eos" is two.
  const sentences = note.split(/[.;:!?\n()]|\s[-–—]\s/);
  for (const part of new Set([...sentences, ...sentences.flatMap((s) => s.split(','))])) {
    // A note on how the work went ("calm under pressure", "needs more RF") is what feedback is
    // made of; only a remark about the person is private.
    if (praiseOnce.test(part) || developmentOnce.test(part)) continue;
    const stems: string[] = [];
    let aboutThePerson = false;
    for (const token of wordTokens(part)) {
      if (token.norm.length < 3 || stopwords.has(token.norm)) continue;
      const s = stem(token.norm);
      if (stems.includes(s)) continue;
      stems.push(s);
      const raw = part.slice(token.start, token.end);
      const named =
        /\d/.test(raw) || /\p{Lu}/u.test(raw.slice(1)) || (token.start > 0 && /^\p{Lu}/u.test(raw));
      if (!named && !aboutTheWork(token.norm)) aboutThePerson = true;
    }
    if (stems.length >= 2 && aboutThePerson) clauses.push(stems);
  }
  return clauses;
}

/**
 * Spans where one sentence holds every content word of a note's clause about the person, in any
 * order or inflection: from the first of those words to the last.
 */
export function privateNoteEchoes(text: string, notes: readonly string[]): Span[] {
  const clauses = notes.flatMap(clausesOf);
  if (clauses.length === 0) return [];
  const spans: Span[] = [];
  for (const sentence of splitSentences(text)) {
    // Where each stem first starts and last ends in the sentence.
    const at = new Map<string, Span>();
    for (const token of wordTokens(sentence.text)) {
      const s = stem(token.norm);
      const start = sentence.start + token.start;
      const end = sentence.start + token.end;
      const seen = at.get(s);
      if (seen) seen.end = end;
      else at.set(s, { start, end });
    }
    for (const stems of clauses) {
      const found = stems.map((s) => at.get(s));
      if (found.some((f) => f === undefined)) continue;
      spans.push({
        start: Math.min(...found.map((f) => f!.start)),
        end: Math.max(...found.map((f) => f!.end)),
      });
    }
  }
  return spans;
}
