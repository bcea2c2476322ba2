// Making untrusted values (candidate names, feedback, anything a person typed) inert in every place an
// email shows them: HTML, Markdown, headers and iCalendar text.

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}

// Every ASCII punctuation character that means something somewhere in CommonMark or markdown-it's
// default rules (emphasis, links, images, code, headings, lists, quotes, tables, strikethrough,
// entities, autolinks, setext underlines, thematic breaks). CommonMark lets any ASCII punctuation
// be backslash-escaped, so escaping one that is harmless is only ever a no-op.
const markdownSignificant = /[\\`*_{}[\]()#+\-.!|<>~&=:"'^$%@/?;,]/g;

/**
 * Escapes a value so that Markdown shows it as the same text: `*bold* [x](http://evil)` stays those
 * characters, never emphasis or a link. Line breaks are kept (as soft breaks inside the paragraph);
 * leading indentation is dropped so a value cannot open a code block.
 */
export function escapeMarkdown(value: string): string {
  return normaliseNewlines(value)
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, '').replace(markdownSignificant, (c) => `\\${c}`))
    .join('\n');
}

export function normaliseNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

// C0 controls (CR and LF included), DEL, C1 controls, and the Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
const hasControlCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * One line of plain text for a header (Subject, a display name) or a single-line field: control
 * characters, CR and LF become a space, runs of spaces collapse, and the result is cut to `max`.
 * A header can therefore never be split into two.
 */
export function singleLine(value: string, max = 998): string {
  const line = value.replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** A plain-text value for a Liquid output in a subject: one line, no control characters. */
export function plainValue(value: unknown): string {
  return singleLine(stringify(value), 2000);
}

/** How Liquid output values become text: arrays joined with commas, nothing for null and objects. */
export function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(stringify).join(', ');
  if (typeof value === 'object') return '';
  return String(value);
}

// A deliberately strict address check: one @, no spaces, quotes, angle brackets, commas or control
// characters anywhere. Anything else is a bad address that is failed, never sent.
const emailPattern =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isDeliverableAddress(value: string): boolean {
  return value.length <= 254 && emailPattern.test(value);
}

/** A `#rrggbb` colour, or undefined. */
export function safeColour(value: string | null | undefined): string | undefined {
  return value && /^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : undefined;
}

/** An http(s) URL without whitespace or control characters, or undefined. */
export function safeUrl(value: string | null | undefined): string | undefined {
  if (!value || /[\s<>"'`\\]/.test(value) || hasControlCharacter.test(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
