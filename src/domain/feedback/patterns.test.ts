import { describe, expect, it } from 'vitest';
import { checkFeedback } from './check.ts';
import { feedbackCorpus, feedbackIndependent } from './corpus/index.ts';
import * as lexicon from './lexicon.ts';
import type { PatternRule } from './patterns.ts';
import { protectedRules } from './protected.ts';
import { builtPatterns } from './text.ts';
import { toneRules, vagueRules } from './vague-and-tone.ts';

/**
 * The bodies of a pattern's lookbehinds. A JavaScript lookbehind is tried at every position, and one
 * that can grow (`\s+`, `*`, `{n,}`) re-reads its run each time: quadratic on a long run of spaces.
 */
function lookbehinds(source: string): string[] {
  const bodies: string[] = [];
  for (let i = source.indexOf('(?<'); i !== -1; i = source.indexOf('(?<', i + 1)) {
    if (source[i - 1] === '\\' || !'=!'.includes(source[i + 3] ?? '')) continue;
    let depth = 0;
    for (let j = i; j < source.length; j++) {
      if (source[j] === '\\') {
        j++;
        continue;
      }
      if (source[j] === '(') depth++;
      if (source[j] === ')' && --depth === 0) {
        bodies.push(source.slice(i + 4, j));
        break;
      }
    }
  }
  return bodies;
}

/** True when the body has an unbounded quantifier (`+`, `*` or `{n,}`) outside a character class. */
function canGrow(body: string): boolean {
  let inClass = false;
  for (let j = 0; j < body.length; j++) {
    const c = body[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (!inClass && (c === '+' || c === '*')) return true;
    else if (!inClass && c === '{' && /^\{\d+,\}/.test(body.slice(j))) return true;
  }
  return false;
}

const ruleSets: Record<string, readonly PatternRule[]> = {
  protected: protectedRules,
  vague: vagueRules,
  tone: toneRules,
};

describe('the check stays linear in the length of the text', () => {
  it('finds lookbehinds and tells the growing ones', () => {
    expect(lookbehinds('(?<![\\p{L}])(?:a|b)(?<=x\\s+y)\\(?<=no)')).toEqual(['[\\p{L}]', 'x\\s+y']);
    expect(canGrow('x\\s+y')).toBe(true);
    expect(canGrow('(?:a|b)\\s{2,}')).toBe(true);
    expect(canGrow('[\\p{L}+]')).toBe(false);
    expect(canGrow('talent |referral ')).toBe(false);
    expect(canGrow('\\+\\*\\s{1,8}')).toBe(false);
  });

  it('no rule or lexicon pattern has a lookbehind that can grow', () => {
    const growing: string[] = [];
    for (const [set, rules] of Object.entries(ruleSets)) {
      rules.forEach((rule, i) => {
        for (const field of ['pattern', 'unlessAfter', 'unlessBefore', 'onlyBefore'] as const) {
          const pattern = rule[field];
          if (pattern && lookbehinds(pattern.source).some(canGrow)) growing.push(`${set}[${i}].${field}`);
        }
      });
    }
    for (const [name, value] of Object.entries(lexicon)) {
      if (value instanceof RegExp && lookbehinds(value.source).some(canGrow)) growing.push(`lexicon.${name}`);
    }
    expect(growing).toEqual([]);
  });

  it('nor does any pattern built while the check reads the corpus (names, leaks, colleagues)', () => {
    for (const example of [...feedbackCorpus, ...feedbackIndependent])
      checkFeedback(example.text, example.context ?? {});
    const built = builtPatterns();
    expect(built.length).toBeGreaterThan(10);
    expect(built.filter((p) => lookbehinds(p.source).some(canGrow)).map((p) => p.source)).toEqual([]);
  });
});
