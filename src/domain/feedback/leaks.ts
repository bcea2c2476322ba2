// Leaks: words copied from an interviewer's private notes, and interviewers named in the text.

import { commonWordNames } from './lexicon.ts';
import { escapeRegExp, phrasePattern, type Span, type Token, wordTokens } from './text.ts';

/** A copied run counts from this many consecutive words… */
export const leakMinWords = 6;
/** …or from this many characters (of the words joined by single spaces), whichever comes first. */
export const leakMinChars = 40;

const stopwords: ReadonlySet<string> = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its me my no not of on or our she so than that the their them then there they this to too us was we were what when which who will with would you your yours'.split(
    ' ',
  ),
);

function runLength(tokens: readonly Token[], from: number, to: number): number {
  let chars = 0;
  for (let k = from; k <= to; k++) chars += tokens[k]!.norm.length;
  return chars + (to - from);
}

/**
 * Spans of the text that repeat a private note: runs of the same words in the same order (case,
 * punctuation and spacing ignored) of at least `leakMinWords` words or `leakMinChars` characters,
 * with at least two words that are not stopwords.
 */
export function privateNoteOverlaps(text: string, notes: readonly string[]): Span[] {
  const textTokens = wordTokens(text);
  const spans: Span[] = [];
  if (textTokens.length === 0) return spans;
  for (const note of notes) {
    const noteTokens = wordTokens(note);
    if (noteTokens.length === 0) continue;
    // Longest common run ending at (i, j), one row at a time.
    let previous = new Uint32Array(noteTokens.length + 1);
    let current = new Uint32Array(noteTokens.length + 1);
    for (let i = 1; i <= textTokens.length; i++) {
      for (let j = 1; j <= noteTokens.length; j++) {
        current[j] = textTokens[i - 1]!.norm === noteTokens[j - 1]!.norm ? previous[j - 1]! + 1 : 0;
      }
      // A run is maximal where the next pair of words does not extend it.
      for (let j = 1; j <= noteTokens.length; j++) {
        const length = current[j]!;
        if (length === 0) continue;
        const extends_ =
          i < textTokens.length && j < noteTokens.length && textTokens[i]!.norm === noteTokens[j]!.norm;
        if (extends_) continue;
        const first = i - length;
        const last = i - 1;
        let content = 0;
        for (let k = first; k <= last; k++) if (!stopwords.has(textTokens[k]!.norm)) content++;
        if (content < 2) continue;
        if (length >= leakMinWords || runLength(textTokens, first, last) >= leakMinChars) {
          spans.push({ start: textTokens[first]!.start, end: textTokens[last]!.end });
        }
      }
      [previous, current] = [current, previous];
      current.fill(0);
    }
  }
  return mergeSpans(spans);
}

export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

const valediction =
  /^[ \t]*(?:(?:with\s+)?(?:best|kind|warm|warmest|many)\s+(?:wishes|regards|thanks)|regards|best|thanks(?:\s+again)?|thank\s+you(?:\s+again)?|yours(?:\s+sincerely|\s+faithfully)?|(?:yours\s+)?sincerely|all\s+the\s+best|cheers|take\s+care|speak\s+soon)[ \t]*[,.!]?[ \t]*$/gim;

/**
 * Where the sign-off starts ("Best wishes,\nPriya Shah"), or the text's length when there is none:
 * the signature names who is writing, which is not a leak even when they also interviewed.
 */
export function signOffStart(text: string): number {
  for (const m of text.matchAll(valediction)) {
    const rest = text.slice(m.index + m[0].length);
    const linesAfter = rest.split('\n').filter((l) => l.trim() !== '');
    if (linesAfter.length <= 4 && text.length - m.index <= 400) return m.index;
  }
  // No valediction: a last line that is only a name ("Sam", "Jo Rigby") is still a signature.
  const trimmed = text.trimEnd();
  const lastBreak = trimmed.lastIndexOf('\n');
  if (lastBreak > 0) {
    const lastLine = trimmed.slice(lastBreak + 1).trim();
    if (/^\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}$/u.test(lastLine)) return lastBreak + 1;
  }
  return text.length;
}

/** Everyday short forms of first names, so "Gaz" is recognised as Gary and "Becca" as Rebecca. */
export const nicknames: Readonly<Record<string, readonly string[]>> = {
  abigail: ['abi', 'abby'],
  alexander: ['alex', 'xander'],
  alexandra: ['alex', 'lexi'],
  alison: ['ali'],
  andrew: ['andy'],
  anthony: ['tony', 'ant'],
  barry: ['baz'],
  benjamin: ['ben'],
  catherine: ['cath', 'cathy', 'kate', 'katie'],
  charlotte: ['charlie', 'lottie'],
  christopher: ['chris'],
  daniel: ['dan', 'danny'],
  darren: ['daz'],
  david: ['dave', 'davey'],
  deborah: ['debs', 'debbie'],
  edward: ['eddie', 'ted'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betsy'],
  gareth: ['gaz'],
  gary: ['gaz'],
  gerald: ['gerry'],
  jennifer: ['jen', 'jenny'],
  jonathan: ['jon', 'jonny'],
  joseph: ['joe'],
  katherine: ['kath', 'kathy', 'kate', 'katie'],
  kevin: ['kev'],
  margaret: ['maggie', 'meg'],
  matthew: ['matt'],
  michael: ['mike', 'mick', 'mikey'],
  natasha: ['tash'],
  nicholas: ['nicky'],
  patricia: ['trish'],
  peter: ['pete'],
  philip: ['phil'],
  rebecca: ['becca', 'becky'],
  richard: ['richie'],
  robert: ['robbie'],
  samantha: ['sam', 'sammy'],
  samuel: ['sam', 'sammy'],
  sharon: ['shaz'],
  stephen: ['steve'],
  steven: ['steve'],
  susan: ['suzie'],
  terence: ['tel', 'terry'],
  thomas: ['tom', 'tommy'],
  victoria: ['vicky', 'tori'],
  william: ['billy', 'liam'],
};

/** Verbs that make a capitalised word the holder of a view: "Mark felt", "Jo wasn't convinced". */
const viewVerbs =
  "felt|feels|thought|thinks|said|says|noted|notes|mentioned|commented|reckoned|reckons|believed|believes|wondered|agreed|disagreed|liked|loved|found|was\\s+(?:not\\s+)?(?:convinced|impressed|worried|concerned|unsure|keen|sure)|wasn't|didn't|did\\s+not|wanted|preferred|scored|rated|marked\\s+you|both\\s+felt|also\\s+felt";

function firstName(fullName: string): string | undefined {
  const parts = fullName.trim().split(/\s+/);
  return parts.length > 1 ? parts[0] : undefined;
}

function lastName(fullName: string): string | undefined {
  const parts = fullName.trim().split(/\s+/);
  return parts.length > 1 ? parts[parts.length - 1] : undefined;
}

/**
 * Where an interviewer is named before the sign-off: the full name; a title and surname ("Ms Shah");
 * or the first name alone when it is not an everyday word ("Will", "Pat") and not the candidate's
 * own first name, written with a capital letter.
 */
export function interviewerMentions(
  text: string,
  names: readonly string[],
  candidateName?: string,
): { span: Span; name: string }[] {
  const limit = signOffStart(text);
  const candidateFirst = (candidateName?.trim().split(/\s+/)[0] ?? '').toLowerCase();
  const mentions: { span: Span; name: string }[] = [];
  const taken: Span[] = [];
  const add = (pattern: RegExp | undefined, name: string, capitalised: boolean) => {
    if (!pattern) return;
    for (const m of text.matchAll(pattern)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (span.start >= limit) continue;
      if (capitalised && !/^\p{Lu}/u.test(m[0])) continue;
      if (taken.some((t) => span.start < t.end && t.start < span.end)) continue;
      taken.push(span);
      mentions.push({ span, name });
    }
  };
  const cleaned = [...new Set(names.map((n) => n.trim().replace(/\s+/g, ' ')).filter((n) => n.length >= 2))];
  // Full names first, so "Priya Shah" is one mention rather than "Priya" and then nothing.
  for (const name of cleaned) add(phrasePattern(name), name, false);
  for (const name of cleaned) {
    const last = lastName(name);
    if (last && last.length >= 2) {
      const titled = `(?<![\\p{L}\\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.?\\s+${escapeRegExp(last)}(?![\\p{L}\\p{N}])`;
      add(new RegExp(titled, 'giu'), name, true);
    }
  }
  for (const name of cleaned) {
    const first = firstName(name) ?? (name.includes(' ') ? undefined : name);
    if (!first || first.length < 2) continue;
    for (const form of [first, ...(nicknames[first.toLowerCase()] ?? [])]) {
      const lower = form.toLowerCase();
      if (lower === candidateFirst) continue;
      if (commonWordNames.has(lower)) {
        // "Mark felt…", "Jo wasn't convinced": an everyday word as a name is a name when it holds a view.
        add(
          new RegExp(
            `(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?=\\s+(?:and\\s+\\p{Lu}\\p{Ll}+\\s+)?(?:${viewVerbs})(?![\\p{L}\\p{N}]))`,
            'gu',
          ),
          name,
          true,
        );
        continue;
      }
      add(phrasePattern(form), name, true);
    }
  }
  return mentions.sort((a, b) => a.span.start - b.span.start);
}
