// English grammar for second-person feedback, from the `compromise` NLP library: what part of speech
// a word is, a verb's form after "you", and the agreement errors a rephrased or hand-edited text can
// hold ("you was", "you seems", "…but was unsure", a sentence with no subject). Pure; words are
// looked up once each (memoised), so the check stays linear on hostile text.

import { createRequire } from 'node:module';
import type compromise from 'compromise';
import type { Span } from './text.ts';

interface Compromise {
  nlp: typeof compromise;
  lexicon: Record<string, unknown>;
}
let loaded: Compromise | undefined;

/**
 * compromise, loaded at the first word that needs its tagger (≈ 0.3 s of CPU): a text that never asks
 * starts without it. Its one-file CommonJS build (the same version and API as its ES entry) loads in
 * about half the CPU of the ES entry's 436 modules.
 */
function compromiseModel(): Compromise {
  if (!loaded) {
    const nlp = createRequire(import.meta.url)('compromise') as typeof compromise;
    const model = (nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }).model();
    loaded = { nlp, lexicon: model.one.lexicon };
  }
  return loaded;
}
/** compromise's document for a text, loading the library at the first call. */
export const nlp = (text: string) => compromiseModel().nlp(text);

/** What a word is when it follows a third-person subject ("he ___"). */
export type WordRole =
  | 'third-person-verb' // "knows", "seems", "focuses", "is", "has"
  | 'past-verb' // "traced", "found", "was"
  | 'base-verb' // "set", "split", "book": past after a subject ("he set"), else an instruction
  | 'modal' // "could", "would", "did" (an auxiliary: no agreement change)
  | 'adjective' // "calm", "unsure", "methodical"
  | 'other';

/** Words ending in s that compromise may take for verbs. */
const notVerbs = new Set(
  'lens series species means news comms specs stats mics cans always perhaps'.split(' '),
);

const roles = new Map<string, WordRole>();
const roleCacheLimit = 20_000;

const irregularYou: Readonly<Record<string, string>> = {
  is: 'are',
  was: 'were',
  has: 'have',
  does: 'do',
  "isn't": "aren't",
  "wasn't": "weren't",
  "hasn't": "haven't",
  "doesn't": "don't",
  am: 'are',
};

/** The role of a word after "he" (lower-case), from compromise's tagger. */
export function wordRole(word: string): WordRole {
  const lower = word.toLowerCase().replace(/’/g, "'");
  const known = roles.get(lower);
  if (known) return known;
  const role = lookUp(lower);
  if (roles.size >= roleCacheLimit) roles.clear();
  roles.set(lower, role);
  return role;
}

function tagsOf(sentence: string, index: number): string[] {
  const json = nlp(sentence).terms().json() as { terms: { tags: string[] }[] }[];
  return json[index]?.terms[0]?.tags ?? [];
}

function lookUp(lower: string): WordRole {
  if (lower.length > 24 || !/^[a-z][a-z'-]*$/.test(lower) || notVerbs.has(lower)) return 'other';
  if (irregularYou[lower]) return lower.startsWith('was') ? 'past-verb' : 'third-person-verb';
  if (/^(?:could|would|should|might|must|can|will|did|didn't|couldn't|wouldn't|can't|won't|may)$/.test(lower))
    return 'modal';
  const tags = tagsOf(`he ${lower} it`, 1);
  // A past tense first ("fixed", "needed" also read as adjectives after "was").
  if (tags.includes('Verb') && tags.includes('PastTense') && !tags.includes('Copula')) return 'past-verb';
  // An adjective reads as one after "was" ("he was calm"); compromise tags "calm" a verb after "he".
  const asComplement = tagsOf(`he was ${lower}`, 2);
  if (asComplement.includes('Adjective') && !asComplement.includes('Verb')) return 'adjective';
  if (!tags.includes('Verb')) return 'other';
  if (tags.includes('Modal') || tags.includes('Auxiliary')) return 'modal';
  if (tags.includes('PastTense')) return 'past-verb';
  if (tags.includes('PresentTense') && !tags.includes('Infinitive') && /s$/.test(lower)) {
    // Only where compromise knows the verb: "lens" and "comms" are tagged verbs by guesswork.
    const base = nlp(`he ${lower}`)
      .verbs()
      .toInfinitive()
      .text()
      .replace(/^he\s+/i, '')
      .trim();
    const { lexicon } = compromiseModel();
    if (lexicon[lower] !== undefined || lexicon[base] !== undefined) return 'third-person-verb';
    return 'other';
  }
  // Only a word compromise knows: an unknown one ("Okafor") is tagged a verb by guesswork.
  if (
    (tags.includes('Infinitive') || tags.includes('PresentTense')) &&
    compromiseModel().lexicon[lower] !== undefined
  )
    return 'base-verb';
  return 'other';
}

const infinitives = new Map<string, string>();

/** The form of a third-person verb after "you": "knows" → "know", "is" → "are", "was" → "were". */
export function verbForYou(word: string): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  const keepCase = (out: string) => (/^\p{Lu}/u.test(word) ? out[0]!.toUpperCase() + out.slice(1) : out);
  if (irregularYou[lower]) return keepCase(irregularYou[lower]);
  if (wordRole(lower) !== 'third-person-verb') return word;
  let base = infinitives.get(lower);
  if (base === undefined) {
    base = nlp(`he ${lower}`)
      .verbs()
      .toInfinitive()
      .text()
      .replace(/^he\s+/i, '')
      .trim();
    if (!/^[a-z'-]+$/.test(base)) base = lower;
    if (infinitives.size >= roleCacheLimit) infinitives.clear();
    infinitives.set(lower, base);
  }
  return keepCase(base);
}

/** Words that may sit between a subject and its verb ("you quickly traced", "you also knew"). */
const adverb = /^(?:\w+ly|also|always|never|just|still|then|often|usually|sometimes|rarely|even|only)$/i;

/** Openings that are not a missing subject: determiners, pronouns, prepositions, numbers, "there". */
const fineStarts = new Set(
  'i we you your our the a an in on at when after during with for overall both once while before throughout from by within across this that these those there it its one two three four five six seven eight nine ten first then later as if although though because since given based compared thank thanks please well here what dear hi hello best regards cheers yours kind warm warmest good great sorry unfortunately how why where which who no not yes so and but or also each every all some many most several any more less once ask try aim look keep take book consider practise practice start spend read watch join find get talk shadow build use work'.split(
    ' ',
  ),
);

/** Words after an adjective that show it describes the person ("calm on comms", "unsure what"). */
const predicativeNext = new Set(
  'on at with under to in about when during for throughout but if while once from around by or as what how why whether where which and'.split(
    ' ',
  ),
);

export interface GrammarProblem extends Span {
  message: string;
  suggestion: string;
}

const wordPattern = /[\p{L}]+(?:['’][\p{L}]+)*/gu;

/** Words before "you" that make it an object ("the area for you is", "we asked you"), not a subject. */
const beforeObjectYou = new Set(
  'for to with at from of about by than like thank give gave told tell asked ask show showed let help helped see saw saw meet met'.split(
    ' ',
  ),
);

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** Up to `max` words of `body` from `from`, with offsets in the whole text (`offset` is where body starts). */
function wordsOf(body: string, offset: number, from: number, max: number): Word[] {
  const found: Word[] = [];
  // A fresh copy: stopping after `max` words leaves lastIndex mid-text, and `matchAll` elsewhere
  // would start from there (a repaired sentence kept "…but was vague" after a check had run).
  const pattern = new RegExp(wordPattern.source, wordPattern.flags);
  pattern.lastIndex = from;
  for (let m = pattern.exec(body); m !== null && found.length < max; m = pattern.exec(body)) {
    found.push({
      text: m[0],
      lower: m[0].toLowerCase().replace(/’/g, "'"),
      start: offset + m.index,
      end: offset + m.index + m[0].length,
    });
  }
  return found;
}

/**
 * Agreement errors with "you" and sentences without a subject, in second-person text. `sentences`
 * are spans of `text` (the check's own split); a sentence's leading list marker or "**Criterion:**"
 * label is skipped.
 */
export function secondPersonProblems(text: string, sentences: readonly Span[]): GrammarProblem[] {
  const problems: GrammarProblem[] = [];
  for (const sentence of sentences) {
    const body = text.slice(sentence.start, sentence.end);
    // Past a "**Criterion:**" label, the sentence starts after the colon.
    const colon = body.indexOf(':');
    const label =
      colon === -1 || colon > 90
        ? null
        : (/^[\s>*_-]*\*\*[^*\n]{1,80}:\*\*\s*/.exec(body) ?? /^[\s>*_-]*[^:\n]{1,60}:\s+/.exec(body));
    const opening = wordsOf(body, sentence.start, label ? label[0].length : 0, 5);
    const first = opening[0];
    const compound = first !== undefined && text[first.end] === '-';
    // A name in title case ("Certified Technology Specialist — AVIXA"), as after "A good next step:".
    const titleName =
      opening.length >= 2 && /^\p{Lu}/u.test(opening[1]!.text) && !/^(?:I|You)$/.test(opening[1]!.text);
    if (
      first &&
      opening.length >= 4 &&
      !compound &&
      !titleName &&
      /^\p{Lu}/u.test(first.text) &&
      !fineStarts.has(first.lower)
    ) {
      const role = wordRole(first.lower);
      const next = opening[1]?.lower;
      // "Calm on comms", "Unsure what…": an adjective with nothing to describe; "Great work" is fine.
      const bareAdjective = role === 'adjective' && (next === undefined || predicativeNext.has(next));
      if (role === 'past-verb' || role === 'third-person-verb' || bareAdjective) {
        problems.push({
          start: first.start,
          end: first.end,
          message: `"${first.text}…" has no subject: the candidate cannot tell who did it.`,
          suggestion:
            role === 'adjective'
              ? `Start with "You were", e.g. "You were ${first.lower}…".`
              : `Start with "You", e.g. "You ${role === 'third-person-verb' ? verbForYou(first.lower) : first.lower}…".`,
        });
      }
    }
    if (!/\byou\b/i.test(body)) continue;
    const words = wordsOf(body, sentence.start, 0, Number.POSITIVE_INFINITY);
    // "you" + verb, and verbs joined to a "you" clause by "and" / "but" / "or".
    let subjectIsYou = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w.lower === 'you') {
        if (beforeObjectYou.has(words[i - 1]?.lower ?? '')) {
          subjectIsYou = false;
          continue;
        }
        let j = i + 1;
        while (j < words.length && adverb.test(words[j]!.lower)) j++;
        const verb = words[j];
        subjectIsYou = verb !== undefined && wordRole(verb.lower) !== 'other';
        if (verb && isAgreementError(verb.lower, text.slice(w.end, verb.start))) {
          problems.push(agreementProblem(text, w.start, verb));
        }
        continue;
      }
      if (/^(?:and|but|or|then)$/.test(w.lower) && subjectIsYou) {
        let j = i + 1;
        while (j < words.length && adverb.test(words[j]!.lower)) j++;
        const verb = words[j];
        if (verb && isAgreementError(verb.lower, '')) problems.push(agreementProblem(text, w.start, verb));
        continue;
      }
      // A new subject ("the desk was", "it is") ends the "you" clause.
      if (/^(?:he|she|it|they|we|i|this|that|there|who|which)$/.test(w.lower)) subjectIsYou = false;
    }
  }
  return problems;
}

function isAgreementError(verb: string, gap: string): boolean {
  if (/[.;:!?]/.test(gap)) return false;
  return wordRole(verb) === 'third-person-verb' || verb === 'was' || verb === "wasn't";
}

function agreementProblem(text: string, start: number, verb: { text: string; end: number }): GrammarProblem {
  return {
    start,
    end: verb.end,
    message: `"${text.slice(start, verb.end).replace(/\s+/g, ' ')}": after "you" the verb is "${verbForYou(verb.text)}".`,
    suggestion: `Write "${verbForYou(verb.text)}", e.g. "you ${verbForYou(verb.text)}".`,
  };
}

/** People other than the candidate a note may talk about: "they" after one of them is not the candidate. */
export const otherPeople = new Set(
  'client clients presenter presenters manager managers director directors caller crew band audience team panel customer customers artist artists performer performers colleague colleagues people engineer engineers delegates guests staff users speaker speakers organiser organisers producer producers chair host hosts venue'.split(
    ' ',
  ),
);

/**
 * Repairs agreement in a second-person sentence: "you was" → "you were", "you seems" → "you seem",
 * "You set gains but was unsure" → "…but were unsure", "you showed unsure what" → "you were unsure what".
 */
export function repairSecondPerson(sentence: string): string {
  const words = [...sentence.matchAll(new RegExp(wordPattern.source, wordPattern.flags))].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase().replace(/’/g, "'"),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const edits: { start: number; end: number; text: string }[] = [];
  let subjectIsYou = false;
  const fixVerbAfter = (i: number, gapFrom: number) => {
    let j = i + 1;
    while (j < words.length && adverb.test(words[j]!.lower)) j++;
    const verb = words[j];
    if (!verb || /[.;:!?]/.test(sentence.slice(gapFrom, verb.start))) return verb;
    if (wordRole(verb.lower) === 'third-person-verb' || verb.lower === 'was' || verb.lower === "wasn't") {
      edits.push({ start: verb.start, end: verb.end, text: verbForYou(verb.text) });
    } else if (verb.lower === 'showed' || verb.lower === 'seemed') {
      // "showed unsure what…": an adjective with nothing to describe needs "were".
      const adjective = words[j + 1];
      const after = words[j + 2]?.lower;
      if (
        adjective &&
        wordRole(adjective.lower) === 'adjective' &&
        (after === undefined || predicativeNext.has(after))
      )
        edits.push({ start: verb.start, end: verb.end, text: 'were' });
    }
    return verb;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.lower === 'you' && beforeObjectYou.has(words[i - 1]?.lower ?? '')) subjectIsYou = false;
    else if (w.lower === 'you') {
      const verb = fixVerbAfter(i, w.end);
      subjectIsYou = verb !== undefined && wordRole(verb.lower) !== 'other';
    } else if (/^(?:and|but|or|then)$/.test(w.lower) && subjectIsYou) {
      fixVerbAfter(i, w.end);
    } else if (/^(?:he|she|it|they|we|i|this|that|there|who|which)$/.test(w.lower)) subjectIsYou = false;
  }
  let out = sentence;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

/** Degree words before an adjective at the start of a note ("very calm", "a bit hesitant", "not sure"). */
const degreeWords = new Set('very really quite not bit a fairly rather too slightly little so'.split(' '));

/**
 * Gives a note without a subject one, by what its first word is: "Traced the fault" → "You traced
 * the fault", "Needs practice" → "You need practice", "Calm on comms" → "You were calm on comms",
 * "Strong rigging knowledge" → "You showed strong rigging knowledge", "No paperwork" → "You had no
 * paperwork". Openings that already make sense ("The desk…", "In the practical…") are left alone.
 */
export function withSubject(sentence: string, keep: (first: string) => boolean): string {
  const m = /^([\p{L}']+)(.*)$/su.exec(sentence);
  if (!m) return sentence;
  const first = m[1]!;
  const rest = m[2]!;
  const lower = first.toLowerCase();
  if (keep(lower) || /^you/i.test(first)) return sentence;
  // A capitalised technical word or a name ("Dante", "QLab", "EQ") stays the subject.
  if (/^\p{Lu}[\p{Lu}\d]+/u.test(first)) return sentence;
  const lowered = `${lower}${rest}`;
  if (lower === 'no' && /^\s+\p{L}/u.test(rest)) return `You had ${lowered}`;
  const words = lowered.match(/[\p{L}'-]+/gu) ?? [];
  let i = 0;
  while (i < words.length - 1 && degreeWords.has(words[i]!)) i++;
  const head = words[i];
  if (head && wordRole(head) === 'adjective' && (i > 0 || !['a', 'so', 'too'].includes(lower))) {
    const next = words[i + 1];
    if (next === undefined || predicativeNext.has(next) || wordRole(next) === 'adjective')
      return `You were ${lowered}`;
    return `You showed ${lowered}`;
  }
  if (i > 0) return sentence;
  switch (wordRole(lower)) {
    case 'third-person-verb':
      return `You ${verbForYou(lower)}${rest}`;
    case 'past-verb':
    case 'base-verb':
    case 'modal':
      return `You ${lowered}`;
    case 'adjective':
    case 'other':
      return sentence;
  }
}
