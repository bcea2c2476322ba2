import { formatDate, formatShortDateTime } from './dates.ts';

const isoInstant = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;
const isoDate = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * A timeline summary for people: no label repeated from its kind ("Stage: Stage: …" becomes
 * "Stage: …"), and machine times ("2026-11-30T11:00:00.000Z") as dates and times in the venue's zone.
 */
export function timelineSummary(label: string, summary: string): string {
  const prefix = `${label.toLowerCase()}:`;
  let text = summary.trim();
  if (text.toLowerCase().startsWith(prefix)) text = text.slice(prefix.length).trimStart();
  text = text.replace(isoInstant, (m) => formatShortDateTime(m));
  text = text.replace(isoDate, (m) => formatDate(`${m}T12:00:00Z`));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label to show before a summary, or none when the summary already says it ("Interview held"). */
export function timelineLabel(label: string, text: string): string | null {
  const first = label.toLowerCase().split(' ')[0] ?? '';
  return text.toLowerCase().startsWith(first) ? null : label;
}
