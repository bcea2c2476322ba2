// Text helpers for the feedback check: offsets always refer to the original string (UTF-16 code
// units, as JavaScript indexes strings), so every transformation here keeps the length.

export interface Span {
  start: number;
  end: number;
}

export type Section = 'strength' | 'development' | 'none';

export interface Sentence extends Span {
  text: string;
  /** The heading the sentence sits under ("What went well", "Where to develop next"), if any. */
  section: Section;
}

export interface Token extends Span {
  /** Lower case, apostrophes removed. */
  norm: string;
}

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Words with their offsets, normalised for comparison. */
export function wordTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(wordPattern)) {
    tokens.push({
      start: m.index,
      end: m.index + m[0].length,
      norm: m[0].toLowerCase().replace(/['’]/g, ''),
    });
  }
  return tokens;
}

export function countWords(text: string): number {
  return wordTokens(text).length;
}

/** The same text with typographic quotes, dashes and spaces made plain; the length is unchanged. */
export function plain(text: string): string {
  return text
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[\u00a0\u2007\u202f]/g, ' ');
}

/** Replaces each span by spaces, keeping every other offset where it was. */
export function blankOut(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const span of spans) for (let i = span.start; i < span.end && i < chars.length; i++) chars[i] = ' ';
  return chars.join('');
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiled patterns kept (names and phrases of recent checks); the cache starts again when full. */
const cachedPatterns = 5000;
const patterns = new Map<string, RegExp>();

/**
 * The regular expression for this source and flags, compiled once: a check of a bulk action meets the
 * same names again and again, and compiling Unicode patterns was a fifth of its time. `lastIndex` is
 * reset, so a global pattern's `test` and `exec` start at the beginning as on a new one.
 */
/** The patterns built so far by `cachedRegExp` (for the test that keeps every lookbehind bounded). */
export function builtPatterns(): RegExp[] {
  return [...patterns.values()];
}

export function cachedRegExp(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size >= cachedPatterns) patterns.clear();
    pattern = new RegExp(source, flags);
    patterns.set(key, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

const letterOrDigit = /^[\p{L}\p{N}]$/u;

/** True when the code point ending just before `at` (a surrogate pair read whole) is a letter or digit. */
function letterBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const unit = text.charCodeAt(at - 1);
  const paired = unit >= 0xdc00 && unit <= 0xdfff && at >= 2 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800;
  return letterAt(text, paired ? at - 2 : at - 1);
}

/** True when the code point starting at `at` is a letter or digit. */
function letterAt(text: string, at: number): boolean {
  const point = text.codePointAt(at);
  return point !== undefined && letterOrDigit.test(String.fromCodePoint(point));
}

/**
 * The matches of `phrasePattern(phrase, flags)` in the text, found without compiling its Unicode
 * word-boundary classes: a pattern with them costs milliseconds to compile, and a bulk check meets a
 * new candidate name for every application. The boundaries are tested here instead, retrying from the
 * next character as the regular expression engine does, so the spans are the same.
 */
export function phraseSpans(
  text: string,
  phrase: string,
  flags = 'gi',
  /** The phrase followed by 's or ’s, as phrasePattern's source with `['’]s` after it matches. */
  possessive = false,
): { start: number; end: number; text: string }[] {
  const words = phrase.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return [];
  const source = `${words.join('\\s+')}${possessive ? "['’]s" : ''}`;
  const core = cachedRegExp(source, `${flags.includes('g') ? flags : `${flags}g`}u`);
  const spans: { start: number; end: number; text: string }[] = [];
  let from = 0;
  while (from <= text.length) {
    core.lastIndex = from;
    const m = core.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    // After a possessive nothing is asked (the apostrophe already ends the name).
    if (!letterBefore(text, start) && (possessive || !letterAt(text, end))) {
      spans.push({ start, end, text: m[0] });
      from = end;
    } else {
      from = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
    }
  }
  return spans;
}

/** A regular expression for a phrase: words in order, any run of spaces between them, whole words. */
export function phrasePattern(phrase: string, flags = 'gi'): RegExp | undefined {
  const words = phrase.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return undefined;
  return cachedRegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, `${flags}u`);
}

const strengthHeading =
  /^(?:what\s+(?:went|you\s+did)\s+(?:well|really\s+well)|(?:your\s+|key\s+)?strengths?|highlights|what\s+(?:impressed|stood\s+out\s+to)\s+us|where\s+you\s+(?:were\s+strong|did\s+well))\b/i;
const developmentHeading =
  /^(?:where\s+to\s+(?:develop|improve|grow)(?:\s+next)?|(?:areas?\s+(?:for|to)\s+(?:develop(?:ment)?|improve(?:ment)?|work\s+on))|development(?:\s+areas?)?|(?:what\s+)?to\s+work\s+on|even\s+better\s+if|next\s+steps?|what\s+to\s+do\s+next)\b/i;

/** The first words any heading below can start with: most lines stop at this one test. */
const headingStart =
  /^[\s#>*_-]*(?:what|your|key|strengths?|highlights|where|areas?|development|to\b|even|next)/i;
/** A heading is short: longer lines skip the work below (7 words of ordinary length at most). */
const headingMaxLength = 90;

function headingSection(line: string): Section | undefined {
  if (line.length > headingMaxLength || !headingStart.test(line)) return undefined;
  const bare = line
    .replace(/^[\s#>*_-]+/, '')
    .replace(/[\s*_:.-]+$/, '')
    .trim();
  if (bare === '' || bare.split(/\s+/).length > 7) return undefined;
  if (strengthHeading.test(bare)) return 'strength';
  if (developmentHeading.test(bare)) return 'development';
  return undefined;
}

/**
 * Sentences, split at . ! ? followed by a space and at line ends; a line that is a short heading
 * such as "What went well" or "Where to develop next" sets the section of the lines under it.
 */
const sentenceEnd = /[.!?]+(?=\s|$)/g;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let section: Section = 'none';
  let linesInSection = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const heading = headingSection(line);
    if (heading) {
      section = heading;
      linesInSection = 0;
    } else if (line.trim() === '') {
      // A blank line ends a section's list; a blank line straight after its heading does not.
      if (linesInSection > 0) section = 'none';
    } else {
      linesInSection++;
      let start = lineStart;
      for (const m of line.matchAll(sentenceEnd)) {
        const end = lineStart + m.index + m[0].length;
        pushSentence(sentences, text, start, end, section);
        start = end;
      }
      pushSentence(sentences, text, start, lineEnd, section);
    }
    lineStart = lineEnd + 1;
  }
  return sentences;
}

function pushSentence(into: Sentence[], text: string, start: number, end: number, section: Section): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e === s) return;
  const sentence = text.slice(s, e);
  if (/[\p{L}\p{N}]/u.test(sentence)) into.push({ start: s, end: e, text: sentence, section });
}

/** `\s` for the common characters without a regular expression per character. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

const clauseBreak =
  /\s*(?:;|\s[—–]\s|\s-\s|,?\s+but\s+|,?\s+however,?\s+|,?\s+although\s+|,?\s+though\s+|,?\s+whereas\s+|,?\s+yet\s+|,\s+and\s+(?=you\b|your\b))/gi;

/** The clauses of a sentence, split at "but", "however", "although", semicolons and dashes. */
export function clausesOf(sentence: string): string[] {
  return sentence
    .split(clauseBreak)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/** 1-based line and column of an offset, for messages such as `12:5`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}
