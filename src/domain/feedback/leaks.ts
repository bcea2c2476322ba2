// Leaks: words copied from an interviewer's private notes, and interviewers named in the text.

import { commonWordNames } from './lexicon.ts';
import { cachedRegExp, escapeRegExp, phrasePattern, type Span, type Token, wordTokens } from './text.ts';

/** A copied run counts from this many consecutive words… */
export const leakMinWords = 6;
/** …or from this many characters (of the words joined by single spaces), whichever comes first. */
export const leakMinChars = 40;

/** Words too common to count as copied (note-echoes.ts reads notes with them too). */
export const noteStopwords: ReadonlySet<string> = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its me my no not of on or our she so than that the their them then there they this to too us was we were what when which who will with would you your yours'.split(
    ' ',
  ),
);

function runLength(tokens: readonly Token[], from: number, to: number): number {
  let chars = 0;
  for (let k = from; k <= to; k++) chars += tokens[k]!.norm.length;
  return chars + (to - from);
}

/** Words a copier may add or drop between two copied runs ("…the Playhouse also mentioned…"). */
export const leakMaxGap = 2;
/** Runs shorter than this are never chained: "the desk", "you could" are everyday phrases, not copies. */
const leakMinPiece = 3;

interface Run {
  /** Token indexes in the text, inclusive. */
  first: number;
  last: number;
  /** Token indexes in the note, inclusive. */
  noteFirst: number;
  noteLast: number;
  /** Words matched (gaps excluded). */
  matched: number;
  /** Words in the last run of the chain. */
  lastPiece: number;
}

/**
 * Spans of the text that repeat a private note: runs of the same words in the same order (case,
 * punctuation and spacing ignored) of at least `leakMinWords` words or `leakMinChars` characters,
 * with at least two words that are not stopwords. Runs of three or more words that follow each other
 * in both texts with at most `leakMaxGap` words added or dropped between them count as one run, so
 * a note copied with a word slipped in is still a copy.
 */
export function privateNoteOverlaps(text: string, notes: readonly string[]): Span[] {
  const textTokens = wordTokens(text);
  const spans: Span[] = [];
  if (textTokens.length === 0) return spans;
  const contentIn = (first: number, last: number) => {
    let content = 0;
    for (let k = first; k <= last; k++) if (!noteStopwords.has(textTokens[k]!.norm)) content++;
    return content;
  };
  for (const note of notes) {
    const noteTokens = wordTokens(note);
    if (noteTokens.length === 0) continue;
    const runs: Run[] = [];
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
        if (length < 2) continue;
        const extends_ =
          i < textTokens.length && j < noteTokens.length && textTokens[i]!.norm === noteTokens[j]!.norm;
        if (extends_) continue;
        runs.push({
          first: i - length,
          last: i - 1,
          noteFirst: j - length,
          noteLast: j - 1,
          matched: length,
          lastPiece: length,
        });
      }
      [previous, current] = [current, previous];
      current.fill(0);
    }
    // Chain runs that follow each other in both texts across a small gap (runs are in text order).
    const chained: Run[] = [];
    for (const run of runs.sort((a, b) => a.first - b.first || a.noteFirst - b.noteFirst)) {
      let best: Run | undefined;
      // Only the most recent chains can end just before this run: a bounded look back keeps it linear.
      for (let k = chained.length - 1; k >= Math.max(0, chained.length - 16); k--) {
        const c = chained[k]!;
        const textGap = run.first - c.last - 1;
        const noteGap = run.noteFirst - c.noteLast - 1;
        if (textGap < 0 || noteGap < 0 || noteGap > leakMaxGap) continue;
        if (c.lastPiece < leakMinPiece || run.matched < leakMinPiece) continue;
        if (!best || c.matched > best.matched) best = c;
      }
      if (best) {
        best.last = run.last;
        best.noteLast = run.noteLast;
        best.matched += run.matched;
        best.lastPiece = run.matched;
      } else chained.push({ ...run });
    }
    for (const run of chained) {
      if (contentIn(run.first, run.last) < 2) continue;
      const gapped = run.matched < run.last - run.first + 1;
      // A chain across a gap needs one more content word than a plain run, so that two stock
      // phrases either side of a word ("you could not", "the desk") are not taken for a copy.
      if (gapped && contentIn(run.first, run.last) < 3) continue;
      if (run.matched >= leakMinWords || runLength(textTokens, run.first, run.last) >= leakMinChars) {
        spans.push({ start: textTokens[run.first]!.start, end: textTokens[run.last]!.end });
      }
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
      add(cachedRegExp(titled, 'giu'), name, true);
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
          cachedRegExp(
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

// Capitalised words that start a clause without being a person: never read as a colleague's name.
const notNames = new Set(
  'we you i they he she it this that these those everyone everybody nobody someone somebody both all each one our your their the panel interviewers management overall honestly frankly also and but so then there here what which who when where while if as at in on for with after before during since though although however still thanks thank please unfortunately sadly'.split(
    ' ',
  ),
);

/**
 * A colleague named as the source of a view when the interviewers' names are not known: "Priya felt
 * you…", "According to Marcus, …". The candidate's own names are never one.
 */
export function unnamedColleagueViews(text: string, candidateName?: string): Span[] {
  const limit = signOffStart(text);
  const own = new Set((candidateName ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  const spans: Span[] = [];
  const patterns = [
    // A view about the candidate: "Priya felt you…", "Jo didn't think you'd…", "Sam wasn't convinced".
    cachedRegExp(
      `(?<![\\p{L}\\p{N}'’])(\\p{Lu}\\p{Ll}{1,19})(?=\\s+(?:(?:also\\s+|really\\s+)?(?:felt|feels|thought|thinks|said|says|noted|mentioned|commented|reckoned|reckons|believed|believes|worried|wondered|didn't\\s+think|did\\s+not\\s+think|wasn't\\s+sure|was\\s+not\\s+sure)\\s+(?:that\\s+)?(?:you|your)\\b|(?:was|wasn't|was\\s+not)\\s+(?:convinced|impressed|persuaded)\\b|(?:scored|rated|marked)\\s+you\\b))`,
      'gu',
    ),
    // The lead-in is matched, not looked behind for: a lookbehind with \s+ rescans every run of
    // whitespace at each position (a 20,000-newline text took a second).
    cachedRegExp(`\\baccording\\s+to\\s+(\\p{Lu}\\p{Ll}{1,19})(?=[,.;]|\\s+and\\b|['’]s\\b)`, 'giu'),
    cachedRegExp(`\\bin\\s+(\\p{Lu}\\p{Ll}{1,19})(?=['’]s\\s+(?:view|opinion|words|notes|eyes)\\b)`, 'giu'),
  ];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const word = m[1]!;
      const start = m.index + m[0].length - word.length;
      if (start >= limit || !/^\p{Lu}/u.test(word)) continue;
      if (notNames.has(word.toLowerCase()) || own.has(word.toLowerCase())) continue;
      spans.push({ start, end: start + word.length });
    }
  }
  return mergeSpans(spans);
}

/**
 * Note-taking written into a letter: the candidate in the third person at the start of a clause
 * ("candidate seemed nervous"), "as noted", "NB". Private notes pasted in read like this.
 */
export function noteStyleSpans(text: string): Span[] {
  const pattern = cachedRegExp(
    "(?:^|(?<=[.;:!?]\\s{1,3})|(?<=,\\s{1,3}))(?:(?:the\\s+)?candidate\\s+(?:seemed|seems|appeared|appears|kept|keeps|looked|came\\s+across)|candidate\\s+(?:was|is|struggled|had|has|did|didn't|could(?:n't)?|would(?:n't)?|needs?|lacks?|lacked)|as\\s+(?:noted|per\\s+(?:my|our)\\s+notes)|n\\.?b\\.?:|note\\s+to\\s+self)(?![\\p{L}\\p{N}])",
    'giu',
  );
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
