// Pattern rules with context windows: a phrase counts only when the words around it do not make it
// an ordinary or technical use ("native resolution", "male XLR", "guy wire", "race condition").

import type { Span } from './text.ts';

export interface PatternRule {
  /** Built with `words()`: case-insensitive, global, whole words. */
  pattern: RegExp;
  /** The match does not count when the text just after it matches this (tested from the match's end). */
  unlessAfter?: RegExp;
  /** The match does not count when the text just before it matches this (tested on up to 60 characters, ending at the match). */
  unlessBefore?: RegExp;
  /**
   * The match counts only when the text just before it matches this (tested on up to 60 characters,
   * ending at the match). Context before a match lives here, never in a lookbehind with `+` or `*`,
   * which the engine re-scans at every position: quadratic on a long run of spaces.
   */
  onlyBefore?: RegExp;
}

/** How far before and after a match its context rules look. */
export const contextWindow = 60;

/** A whole-word, case-insensitive, global pattern from regular-expression source. */
export function words(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Spans of the text where the rule matches and its context does not rule it out. */
export function matchRule(text: string, rule: PatternRule): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(rule.pattern)) {
    if (m[0] === '') continue;
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - contextWindow), start);
    if (rule.unlessAfter?.test(text.slice(end, end + contextWindow))) continue;
    if (rule.unlessBefore?.test(before)) continue;
    if (rule.onlyBefore && !rule.onlyBefore.test(before)) continue;
    spans.push({ start, end });
  }
  return spans;
}

/** People: the nouns that make an adjective a description of a person. */
export const personNouns =
  'man|men|woman|women|lad|lads|lass|lasses|guy|guys|girl|girls|boy|boys|bloke|blokes|chap|chaps|gentleman|gentlemen|lady|ladies|person|people|persons|candidate|candidates|applicant|applicants|technician|technicians|tech|techs|engineer|engineers|operator|operators|worker|workers|colleague|colleagues|member|members|hire|hires|recruit|recruits|staff|crew|team|family|student|students|graduate|graduates|employee|employees|individual|individuals|someone|somebody';

/** Just after a festival's name: the event a venue put on or the candidate worked, not a belief. */
export const eventNoun =
  /^[\s-]*(?:weekend|festival|event|events|stage|shows?|gigs?|concerts?|productions?|programme|season|market|parade|celebrations?\s+(?:we|the\s+venue)|lights\s+(?:switch-on|show))\b/i;
