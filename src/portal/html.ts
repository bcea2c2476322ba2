// A tiny escaping template helper for the portal's server-rendered pages: every interpolated value
// is HTML-escaped unless it is already `SafeHtml` (made by `html` itself or `trusted`). Arrays are
// joined, each item escaped the same way; null, undefined and false render nothing.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeText(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => entities[c] ?? c);
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v) => render(v)).join('');
  return escapeText(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** HTML produced elsewhere by a trusted renderer (markdown-it with raw HTML off). */
export function trusted(value: string): SafeHtml {
  return new SafeHtml(value);
}
