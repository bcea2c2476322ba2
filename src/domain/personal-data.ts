// A named detector of personal data in free text a candidate wrote (survey comments): e-mail
// addresses, phone numbers, UK postcodes, web addresses and what reads as a person's full name
// (two or more capitalised words in a row, not at a sentence start). A comment with any finding is
// withheld from reports rather than edited: a report never shows what could identify someone.

export type PersonalDataKind = 'email' | 'phone' | 'postcode' | 'url' | 'name';

const patterns: readonly [PersonalDataKind, RegExp][] = [
  ['email', /[^\s@]+@[^\s@]+\.[^\s@]+/],
  ['phone', /(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/],
  ['postcode', /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i],
  ['url', /\bhttps?:\/\/|\bwww\./i],
  // "Sam Taylor" mid-sentence; "I" and sentence starts do not count.
  ['name', /(?<![.!?]\s|^)(?<!\bI\s)\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\b/],
];

/** The kinds of personal data found in the text (empty: safe to show without a name). */
export function findPersonalData(text: string): PersonalDataKind[] {
  return patterns.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}
