// A private note said again in other words: "you kept checking your phone during the practical" for
// the note "Kept checking phone during practical", "you seemed nervous, possibly hungover" for
// "Seemed nervous, possibly hungover". The copy rule (leaks.ts) needs six words in a row; this one
// reads each clause of a note and looks for its words, in any order and inflection, in one sentence.
// Only a clause about the person counts: no praise or gap in it (those are what feedback is made
// of), and a word that is not about the work (a framework term, training or a product name), so
// "Strong SD12 mix" said back as "your SD12 mix was strong" is the feedback doing its job.

import { competencyPattern, developmentPattern, praisePattern, trainingPattern } from './lexicon.ts';
import type { Span, Token } from './text.ts';
import { wordTokens } from './text.ts';

const stopwords: ReadonlySet<string> = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her him his i if in into is it its me my no not of on or our she so than that the their them then there they this to too us was we were what when which who will with would you your yours very quite really bit lot also just maybe possibly probably perhaps seemed seems seem felt feel think thought candidate during about though some any more most much well'.split(
    ' ',
  ),
);

/** A crude stem, enough to meet "checking"/"checked"/"checks" and "phones"/"phone". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 's', 'ly']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

const praiseOnce = new RegExp(praisePattern.source, 'iu');
const developmentOnce = new RegExp(developmentPattern.source, 'iu');
const aboutTheWork = (word: string) => competencyPattern.test(word) || trainingPattern.test(word);

/** A product or a place named in the note (QLab, SD12, the Playhouse): shared, but not personal. */
const named = (raw: string) =>
  /\d/.test(raw) || /^\p{Lu}/u.test(raw.slice(1)) || /\p{Lu}/u.test(raw.slice(1));

interface Clause {
  stems: string[];
  personal: Set<string>;
}

function clausesOf(note: string): Clause[] {
  const clauses: Clause[] = [];
  // Each sentence of the note, and each of its comma-separated pieces: "Seemed nervous, possibly
  // hungover" is one thought; "Good focus speed, weak on Eos" is two.
  const sentences = note.split(/[.;:!?\n()]|\s[-–—]\s/);
  const parts = [...new Set([...sentences, ...sentences.flatMap((s) => s.split(','))])];
  for (const part of parts) {
    // A note on how the work went ("calm under pressure", "needs more RF") is what feedback is
    // made of; only a remark about the person is private.
    if (praiseOnce.test(part) || developmentOnce.test(part)) continue;
    const stems: string[] = [];
    const personal = new Set<string>();
    for (const m of part.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
      const raw = m[0];
      const norm = raw.toLowerCase().replace(/['’]/g, '');
      if (norm.length < 3 || stopwords.has(norm)) continue;
      const s = stem(norm);
      if (stems.includes(s)) continue;
      stems.push(s);
      const capitalisedMidClause = m.index > 0 && /^\p{Lu}/u.test(raw);
      if (!aboutTheWork(norm) && !named(raw) && !capitalisedMidClause) personal.add(s);
    }
    if (stems.length >= 2 && personal.size > 0) clauses.push({ stems, personal });
  }
  return clauses;
}

/** The sentences of a text as token ranges (a sentence ends at . ! ? or a line break). */
function sentenceRanges(text: string, tokens: readonly Token[]): [number, number][] {
  const ranges: [number, number][] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const between = text.slice(tokens[i]!.end, tokens[i + 1]?.start ?? text.length);
    if (i === tokens.length - 1 || /[.!?\n]/.test(between)) {
      ranges.push([first, i]);
      first = i + 1;
    }
  }
  return ranges;
}

/**
 * Spans where one sentence holds every content word of a note's clause about the person (at least
 * two, one of them not about the work), in any order or inflection.
 */
export function privateNoteEchoes(text: string, notes: readonly string[]): Span[] {
  const clauses = notes.flatMap(clausesOf);
  if (clauses.length === 0) return [];
  const tokens = wordTokens(text);
  const spans: Span[] = [];
  for (const [first, last] of sentenceRanges(text, tokens)) {
    const at = new Map<string, number[]>();
    for (let i = first; i <= last; i++) {
      const s = stem(tokens[i]!.norm);
      const seen = at.get(s);
      if (seen) seen.push(i);
      else at.set(s, [i]);
    }
    for (const clause of clauses) {
      if (!clause.stems.every((s) => at.has(s))) continue;
      // From the first to the last of its words (each list is in text order).
      const firsts = clause.stems.map((s) => at.get(s)![0]!);
      const lasts = clause.stems.map((s) => at.get(s)!.at(-1)!);
      spans.push({ start: tokens[Math.min(...firsts)]!.start, end: tokens[Math.max(...lasts)]!.end });
    }
  }
  return spans;
}
