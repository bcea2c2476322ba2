// Pure helpers for the feedback editor: highlight runs over the text, and putting a training next
// step on the right line of the Markdown (document.ts: "- **Criterion:** … A good next step: …").
import type { FeedbackFindingResponse } from '../../api/feedback';

export type Severity = FeedbackFindingResponse['severity'];

export interface Run {
  start: number;
  end: number;
  /** The finding shown for this run (errors before warnings, then the narrowest), or null. */
  finding: number | null;
  severity: Severity | null;
}

/** Splits `text` into runs, each either plain or covered by a finding (overlaps resolved per character). */
export function highlightRuns(text: string, findings: readonly FeedbackFindingResponse[]): Run[] {
  const owner = new Int32Array(text.length).fill(-1);
  const rank = (i: number) => {
    const f = findings[i]!;
    return (f.severity === 'error' ? 0 : 1e6) + (f.end - f.start);
  };
  findings.forEach((f, i) => {
    const start = Math.max(0, Math.min(f.start, text.length));
    const end = Math.max(start, Math.min(f.end, text.length));
    for (let c = start; c < end; c++) {
      const current = owner[c]!;
      if (current === -1 || rank(i) < rank(current)) owner[c] = i;
    }
  });
  const runs: Run[] = [];
  let start = 0;
  for (let c = 1; c <= text.length; c++) {
    if (c === text.length || owner[c] !== owner[start]) {
      const i = owner[start]!;
      runs.push({
        start,
        end: c,
        finding: i === -1 ? null : i,
        severity: i === -1 ? null : findings[i]!.severity,
      });
      start = c;
    }
  }
  return runs;
}

export const nextStepLead = 'A good next step:';

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Puts "A good next step: <phrase>" on the development point for `criterion`: replacing the next step
 * already there, or added at the end of the point. Without such a point, inserted at the cursor.
 * Returns the new text and the range of the inserted sentence.
 */
export function insertNextStep(
  text: string,
  criterion: string,
  phrase: string,
  cursor: number,
): { text: string; start: number; end: number } {
  const sentence = `${nextStepLead} ${phrase.trim()}${/[.!?]$/.test(phrase.trim()) ? '' : '.'}`;
  const headingAt = text.search(/^\s*#{1,6}\s*Where to develop next/im);
  if (headingAt >= 0) {
    const point = new RegExp(`^\\s*[-*+]\\s+\\*\\*${escapeRegExp(criterion.trim())}:?\\*\\*:?.*$`, 'im');
    const after = text.slice(headingAt);
    const m = point.exec(after);
    if (m) {
      const lineStart = headingAt + m.index;
      const lineEnd = lineStart + m[0].length;
      const line = m[0];
      const lead = line.toLowerCase().indexOf(nextStepLead.toLowerCase());
      if (lead >= 0) {
        const start = lineStart + lead;
        return {
          text: text.slice(0, start) + sentence + text.slice(lineEnd),
          start,
          end: start + sentence.length,
        };
      }
      const spacer = line.endsWith(' ') ? '' : ' ';
      const start = lineEnd + spacer.length;
      return {
        text: `${text.slice(0, lineEnd)}${spacer}${sentence}${text.slice(lineEnd)}`,
        start,
        end: start + sentence.length,
      };
    }
  }
  const at = Math.max(0, Math.min(cursor, text.length));
  const spacer = at > 0 && !/\s$/.test(text.slice(0, at)) ? ' ' : '';
  const start = at + spacer.length;
  return {
    text: `${text.slice(0, at)}${spacer}${sentence}${text.slice(at)}`,
    start,
    end: start + sentence.length,
  };
}

/** The range of line `n` (1-based) in `text`, for selecting the line a save error names. */
export function lineRange(text: string, n: number): { start: number; end: number } | null {
  const lines = text.split('\n');
  if (n < 1 || n > lines.length) return null;
  let start = 0;
  for (let i = 0; i < n - 1; i++) start += lines[i]!.length + 1;
  return { start, end: start + lines[n - 1]!.length };
}
