// Rephrasing interviewers' evidence for the candidate (pure, deterministic). Evidence is written by
// the panel about the candidate ("Candidate traced the fault…", "He labelled every cable"); feedback
// speaks to the candidate ("You traced the fault…"). The rules:
//
// 1. Split into sentences (note-style lines and bullets too), at most `maxSentences` kept.
// 2. Second person: "the candidate", "candidate", "applicant", the candidate's own name, he / she →
//    "you"; "they" / "their" / "them" too, unless someone else (the client, the presenter) came
//    first in the sentence; his → "your"; "her" → "your" before a noun, else "you". Verbs are then
//    made to agree by compromise (grammar.ts): "you was" → "you were", "…but was unsure" → "…but were
//    unsure", "you seems" → "you seem". A note (or a clause after a semicolon) without a subject gets
//    one by what compromise says its first word is: "Traced the fault" → "You traced the fault",
//    "Calm on comms" → "You were calm on comms", "Needs practice" → "You need practice". The
//    interviewer's "I / me / my" become the panel's "we / us / our".
// 3. Sentences are dropped, never repaired, when they name an interviewer, repeat a private note
//    (the check's own definition: a run of 6 words or 40 characters), touch a protected
//    characteristic, judge the person (tone), say something vague, give a hiring verdict
//    ("would hire", "strong no") or talk about pay.
// 4. Each sentence is cut to `maxWords` at a clause boundary; technical words are never changed.

import { otherPeople, repairSecondPerson, verbForYou, withSubject as withSubjectOf } from './grammar.ts';
import { interviewerMentions, privateNoteOverlaps } from './leaks.ts';
import { commonWordNames, competencyPattern } from './lexicon.ts';
import { matchRule } from './patterns.ts';
import { protectedRules } from './protected.ts';
import { phrasePattern, phraseSpans, plain } from './text.ts';
import { toneRules, vagueRules } from './vague-and-tone.ts';

export interface RephraseContext {
  candidateName?: string | undefined;
  interviewerNames?: readonly string[] | undefined;
  privateNotes?: readonly string[] | undefined;
}

export interface RephraseOptions {
  /** Sentences kept (default 2). */
  maxSentences?: number;
  /** Words per sentence before it is cut at a clause boundary (default 40). */
  maxWords?: number;
}

const abbreviation =
  /(?:\b(?:e\.g|i\.e|etc|approx|vs|mr|mrs|ms|dr|mx|no|st|ch|min|mins|sec|secs|incl|esp)|\d)$/i;

/** Sentences of a piece of evidence: line by line (bullets stripped), split at . ! ? before a capital. */
export function evidenceSentences(evidence: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of plain(evidence).split(/\r?\n/)) {
    const line = rawLine
      .replace(/^\s*(?:[-*•>]+|\d+[.)])\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (line === '') continue;
    let start = 0;
    for (const m of line.matchAll(/[.!?]+(?=\s+["'(\p{Lu}\d])/gu)) {
      const before = line.slice(start, m.index);
      if (m[0] === '.' && abbreviation.test(before)) continue;
      sentences.push(line.slice(start, m.index + m[0].length).trim());
      start = m.index + m[0].length;
    }
    sentences.push(line.slice(start).trim());
  }
  return sentences.filter((s) => /\p{L}/u.test(s));
}

// ── Verb agreement ──────────────────────────────────────────────────────────────────────────────

/** The form of a present-tense verb after "you" (compromise conjugates it): "knows" → "know", "is" → "are". */
export function agreeWithYou(word: string): string {
  return verbForYou(word);
}

// ── Subjects and pronouns ───────────────────────────────────────────────────────────────────────

export const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const isCapitalised = (s: string) => /^\p{Lu}/u.test(s);

interface Token {
  text: string;
  /** Letters, digits and apostrophes: a word; anything else is kept as it is. */
  word: boolean;
}

function tokenise(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\p{L}\p{N}]+/gu)) {
    tokens.push({ text: m[0], word: /^[\p{L}\p{N}]/u.test(m[0]) });
  }
  return tokens;
}

/** Index of the next word token after i, or -1. */
function nextWord(tokens: Token[], i: number): number {
  for (let j = i + 1; j < tokens.length; j++) {
    if (tokens[j]!.word) return j;
    if (/[.!?;:,()]/.test(tokens[j]!.text)) return -1;
  }
  return -1;
}

/** Words after which "her" is an object ("asked her to") rather than a possessive ("her patching"). */
const afterObjectHer = new Set(
  'to a an the and or but if that how what why when where about for with at in on by from as again back through up down out over into once twice is was so then too first this these those it nothing something anything any some more which who whether off'.split(
    ' ',
  ),
);

/** Verbs that take a person: "asked them", "told them" — where "them" is the candidate. */
const personVerbs = new Set(
  'asked told gave showed let helped prompted pushed challenged pressed reminded interrupted stopped thanked guided offered'.split(
    ' ',
  ),
);

/** Words a sentence may open with that already make sense to the candidate. */
const neutralStarts = new Set(
  'i we you your our the a an in on at when after during with for overall both once while before throughout from by within across this that these those there it its one two three four five six seven eight nine ten first then later as if although though because since given'.split(
    ' ',
  ),
);

interface Names {
  /** The candidate's name forms (full, then each part), matched where they are capitalised. */
  candidate: string[];
}

function candidateNameForms(candidateName: string | undefined): string[] {
  if (!candidateName?.trim()) return [];
  const full = candidateName.trim().replace(/\s+/g, ' ');
  const parts = full.split(' ').filter((p) => p.length >= 2);
  return [...new Set([full, ...parts])];
}

// Markers for "the candidate" and the candidate's name, so that a name is handled as one word.
const mark = '\uE000';
const youMark = `you${mark}`;
const yourMark = `your${mark}`;

/** The text with each span's match replaced by `by(match)`. */
function replaceSpans(
  text: string,
  spans: readonly { start: number; end: number; text: string }[],
  by: (m: string) => string,
): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + by(span.text);
    at = span.end;
  }
  return out + text.slice(at);
}

/** Replaces multi-word candidate references ("the candidate", "Sam Okafor") with one marker word. */
function markCandidate(sentence: string, names: Names): string {
  let out = sentence.replace(
    /(?<![\p{L}\p{N}])(?:the\s+|this\s+)?(?<!(?:a|an|other|another|each|every|any|strong|good|weak|successful)\s{1,8})(?:candidate|applicant|interviewee)(['’]s)?(?![\p{L}\p{N}])/giu,
    (_m, possessive: string | undefined) => (possessive ? yourMark : youMark),
  );
  // Full name first, then its parts (capitalised only: "grace" is a word, "Grace" may be the candidate).
  // Found with phraseSpans, not a compiled pattern per name: a bulk action brings a new name each time.
  for (const form of names.candidate) {
    if (!form.trim()) continue;
    out = replaceSpans(out, phraseSpans(out, form, 'gi', true), (m) => (isCapitalised(m) ? yourMark : m));
    out = replaceSpans(out, phraseSpans(out, form), (m) => (isCapitalised(m) ? youMark : m));
  }
  return out;
}

/** Sentence-level second person, with agreement. */
function toSecondPerson(sentence: string, names: Names): string {
  const tokens = tokenise(markCandidate(sentence, names));
  const firstWordIndex = tokens.findIndex((t) => t.word);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.word) continue;
    const lower = token.text.toLowerCase().replace(/’/g, "'");
    const capital = isCapitalised(token.text);
    const put = (text: string) => {
      token.text = capital ? upperFirst(text) : text;
    };
    const previous = (() => {
      for (let j = i - 1; j >= 0; j--) if (tokens[j]!.word) return tokens[j]!.text.toLowerCase();
      return '';
    })();

    // A subject that becomes "you"; its verb is made to agree afterwards (repairSecondPerson).
    if (lower === 'he' || lower === 'she' || lower === 'you') {
      put('you');
      continue;
    }
    if (lower === 'they' || lower === 'them' || lower === 'their') {
      // "did not confirm what they needed": after the client, "they" is the client.
      const aboutSomeoneElse = tokens
        .slice(0, i)
        .some((t) => t.word && otherPeople.has(t.text.toLowerCase()));
      if (!aboutSomeoneElse && (lower !== 'them' || personVerbs.has(previous)))
        put(lower === 'their' ? 'your' : 'you');
      continue;
    }
    switch (lower) {
      case "he's":
      case "she's": {
        const j = nextWord(tokens, i);
        const next = j === -1 ? '' : tokens[j]!.text.toLowerCase();
        put(
          /(?:ed|en)$|^(?:been|got|done|had|made|shown|worked|built|run|set)$/.test(next)
            ? "you've"
            : "you're",
        );
        break;
      }
      case "they're":
        put("you're");
        break;
      case "they've":
        put("you've");
        break;
      case "he'd":
      case "she'd":
      case "they'd":
        put("you'd");
        break;
      case "he'll":
      case "she'll":
      case "they'll":
        put("you'll");
        break;
      case 'him':
        put('you');
        break;
      case 'his':
        put('your');
        break;
      case 'hers':
      case 'theirs':
        put('yours');
        break;
      case 'himself':
      case 'herself':
      case 'themselves':
      case 'themself':
        put('yourself');
        break;
      case 'her': {
        const j = nextWord(tokens, i);
        const next = j === -1 ? '' : tokens[j]!.text.toLowerCase();
        put(next === '' || afterObjectHer.has(next) ? 'you' : 'your');
        break;
      }
      case 'i':
        if (token.text === 'I' && !/[-/]$/.test(tokens[i - 1]?.text ?? '')) {
          token.text = capital && i === firstWordIndex ? 'We' : 'we';
          const j = nextWord(tokens, i);
          if (j !== -1 && /^(?:am|was)$/i.test(tokens[j]!.text)) {
            tokens[j]!.text = tokens[j]!.text.toLowerCase() === 'am' ? 'are' : 'were';
          }
        }
        break;
      case "i'm":
        put("we're");
        break;
      case "i've":
        put("we've");
        break;
      case "i'd":
        put("we'd");
        break;
      case "i'll":
        put("we'll");
        break;
      case 'me':
        put('us');
        break;
      case 'my':
        put('our');
        break;
      case 'myself':
        put('ourselves');
        break;
    }
  }
  const out = tokens
    .map((t) => t.text)
    .join('')
    .replaceAll(mark, '');
  return repairSecondPerson(out);
}

/** Gives a note without a subject one (grammar.ts): "Traced the fault" → "You traced the fault". */
function withSubject(sentence: string, names: Names): string {
  return withSubjectOf(
    sentence,
    (first) =>
      (neutralStarts.has(first) && !/^a\s+bit\b/i.test(sentence)) ||
      names.candidate.some((n) => n.toLowerCase().startsWith(first)),
  );
}

// ── Filters ─────────────────────────────────────────────────────────────────────────────────────

const verdict =
  /\b(?:hire|hired|hiring|appoint|appointed|shortlist|next\s+round|second\s+round|strong\s+(?:yes|no)|(?:yes|no)\s+from\s+(?:me|us)|would(?:n't|\s+not)?\s+(?:recommend|take)\s+(?:you|him|her|them)|reject|rejected|offer(?:ed)?\s+(?:you|the\s+role|the\s+job))\b/i;
const money = /\b(?:salary|salaries|money|pay\s+rise|wage|wages|£\s?\d|notice\s+period|day\s+rate)\b/i;

/** True when the text names one of the interviewers: as the check does, or by a capitalised surname. */
export function mentionsInterviewer(
  text: string,
  interviewerNames: readonly string[],
  candidateName?: string,
): boolean {
  const names = interviewerNames.map(plain).filter((n) => n.trim().length >= 2);
  const source = plain(text);
  if (interviewerMentions(source, names, candidateName).length > 0) return true;
  for (const name of names) {
    if (phrasePattern(name)?.test(source)) return true;
    // A surname alone ("Briggs said…"), capitalised, unless it is an everyday word.
    const parts = name.trim().split(/\s+/);
    const last = parts.length > 1 ? parts[parts.length - 1]! : undefined;
    if (last && last.length >= 3 && !commonWordNames.has(last.toLowerCase())) {
      const pattern = phrasePattern(last, 'g');
      if (pattern && [...source.matchAll(pattern)].some((m) => isCapitalised(m[0]))) return true;
    }
  }
  return false;
}

/** Why a candidate-facing sentence must not be used; undefined when it may. */
export function sentenceProblem(sentence: string, context: RephraseContext): string | undefined {
  const text = plain(sentence);
  if (mentionsInterviewer(text, context.interviewerNames ?? [], context.candidateName)) return 'interviewer';
  if (privateNoteOverlaps(text, context.privateNotes ?? []).length > 0) return 'private-note';
  for (const rule of protectedRules) if (matchRule(text, rule).length > 0) return 'protected';
  for (const rule of toneRules) if (matchRule(text, rule).length > 0) return 'tone';
  for (const rule of vagueRules) {
    if (rule.when === 'only-content') continue;
    if (rule.when === 'unless-specific' && competencyPattern.test(text)) continue;
    if (matchRule(text, rule).length > 0) return 'vague';
  }
  if (verdict.test(text)) return 'verdict';
  if (money.test(text)) return 'pay';
  if ((text.match(/[\p{L}\p{N}]+/gu) ?? []).length < 3) return 'too-short';
  return undefined;
}

// ── Softening ───────────────────────────────────────────────────────────────────────────────────

/** Blunt wording in evidence, and what keeps the fact without the judgement. */
const softenings: readonly [RegExp, string | ((...m: string[]) => string)][] = [
  [
    /\b((?:swapp|chang|replac|unplugg|re-?patch|pull|mov|tri)(?:ed|ing)\s+(?:[\w-]+\s+){0,3}?)(?:at\s+random|randomly|blindly|aimlessly|haphazardly)\b/gi,
    (_m, head: string) => `${head}without first isolating where the fault was`,
  ],
  [/\b(?:at\s+random|randomly|blindly|aimlessly|haphazardly)\b/gi, 'without a clear method'],
  [/\bwithout\s+(?:a\s+)?(?:clue|thought|thinking)\b/gi, 'without a clear plan'],
  [/\bpanick(?:ed|ing)\b/gi, 'lost some composure'],
  [/\bflapp(?:ed|ing)\b/gi, 'were visibly under pressure'],
  [/\b(?:waffled|rambled)\b/gi, 'gave a long answer'],
  [/\bfloundered\b/gi, 'found it hard to get started'],
  [/\bbluffed\b/gi, 'answered without being sure'],
  [/\bfumbled\b/gi, 'took several attempts with'],
  [/\bsloppy\b/gi, 'untidy'],
  [/\b(?:had|has|have)\s+(?:no|zero)\s+(?:idea|clue)\b/gi, 'were unsure'],
  [
    /\b(was|were|is|are)\s+(?:very\s+|quite\s+|really\s+|pretty\s+)?(?:poor|weak|bad|rubbish|substandard)\b/gi,
    (_m, verb: string) => `${verb} not yet at the level the role needs`,
  ],
];

/**
 * Blunt evidence made constructive, keeping the fact: "You swapped cables at random" → "You swapped
 * cables without first isolating where the fault was". Judgements of the person ("lazy",
 * "arrogant") are not softened: their sentences are dropped.
 */
export function soften(sentence: string): string {
  let out = sentence;
  for (const [pattern, replacement] of softenings) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/** Cuts a sentence to `maxWords` at the last clause boundary before the limit; undefined if it cannot. */
function trimSentence(sentence: string, maxWords: number): string | undefined {
  const words = [...sentence.matchAll(/\S+/g)];
  if (words.length <= maxWords) return sentence;
  const limit = words[maxWords - 1]!;
  const head = sentence.slice(0, limit.index + limit[0].length);
  const cut = Math.max(head.lastIndexOf(','), head.lastIndexOf(';'), head.lastIndexOf(' — '));
  if (cut < 20) return undefined;
  return `${head.slice(0, cut).trimEnd()}.`;
}

function finish(sentence: string): string {
  let s = sentence
    .replace(/[*_`]+/g, '')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  s = upperFirst(s);
  if (!/[.!?]["')]?$/.test(s)) s = `${s.replace(/[,;:\s-]+$/, '')}.`;
  return s;
}

/**
 * Evidence rephrased for the candidate: up to `maxSentences` usable sentences, second person, or an
 * empty list when nothing in it may be used.
 */
export function rephraseEvidence(
  evidence: string,
  context: RephraseContext = {},
  options: RephraseOptions = {},
): string[] {
  const maxSentences = options.maxSentences ?? 2;
  const maxWords = options.maxWords ?? 40;
  const names: Names = { candidate: candidateNameForms(context.candidateName) };
  const kept: string[] = [];
  for (const raw of evidenceSentences(evidence)) {
    if (kept.length >= maxSentences) break;
    // The original is judged too: a name or a note must not survive by being rephrased.
    if (mentionsInterviewer(raw, context.interviewerNames ?? [], context.candidateName)) continue;
    // Each clause of a note gets its subject: "Rang out the wedges; knew gain structure" → "…; you knew…".
    const withSubjects = withSubject(raw, names).replace(
      /(;\s+)([\p{Ll}][^;]*)/gu,
      (m, sep: string, clause: string) => {
        const given = withSubject(clause, names);
        return given === clause ? m : `${sep}${lowerFirstWord(given)}`;
      },
    );
    const rephrased = soften(toSecondPerson(withSubjects, names));
    const trimmed = trimSentence(rephrased, maxWords);
    if (!trimmed) continue;
    const sentence = finish(trimmed);
    if (sentenceProblem(sentence, context)) continue;
    if (kept.some((k) => k.toLowerCase() === sentence.toLowerCase())) continue;
    kept.push(sentence);
  }
  return kept;
}

/** Lower-cases the first word when it is an ordinary word ("You", "The"), never a name or acronym. */
export function lowerFirstWord(sentence: string): string {
  const m = /^(\p{Lu}\p{Ll}*)(\b.*)$/su.exec(sentence);
  if (!m) return sentence;
  const word = m[1]!;
  if (
    /^(?:You|Your|We|Our|The|A|An|In|On|At|When|After|During|With|For|Once|While|Both|This|That|It)$/.test(
      word,
    )
  )
    return word.toLowerCase() + m[2];
  return sentence;
}
