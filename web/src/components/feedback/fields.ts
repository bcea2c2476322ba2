// Pure helpers for the structured feedback editor: each field is one part of the candidate's text
// (document.ts renders them with `oneLine`), so a finding's offsets into the text map back into the
// field the manager is typing in.
import type { FeedbackFinding } from '../../../../src/domain/feedback/check.ts';
import type { FeedbackSegment, StructuredFeedback } from '../../../../src/domain/feedback/document.ts';

type FeedbackFindingResponse = FeedbackFinding;

export type Severity = FeedbackFindingResponse['severity'];

/** Which field: a strength, a development area's evidence or next step, or the closing paragraph. */
export type FieldKey = `${FeedbackSegment['part']}:${number}`;

export const fieldKey = (part: FeedbackSegment['part'], index: number): FieldKey => `${part}:${index}`;

/** A finding's range inside one field's raw value. */
export interface FieldMark {
  start: number;
  end: number;
  severity: Severity;
  finding: FeedbackFindingResponse;
}

/**
 * For each character of the text as rendered (whitespace runs collapsed, ends trimmed; with
 * `paragraphs`, a run holding a blank line becomes "\n\n"), its offset in `raw`; one more entry for
 * the end. So `raw.slice(map[a], map[b])` is what the rendered `[a, b)` came from.
 */
export function renderedOffsets(raw: string, paragraphs = false): number[] {
  const map: number[] = [];
  let i = 0;
  while (i < raw.length && /\s/.test(raw[i]!)) i++;
  while (i < raw.length) {
    if (!/\s/.test(raw[i]!)) {
      map.push(i);
      i++;
      continue;
    }
    const runStart = i;
    let newlines = 0;
    while (i < raw.length && /\s/.test(raw[i]!)) {
      if (raw[i] === '\n') newlines++;
      i++;
    }
    if (i === raw.length) break; // trailing whitespace is trimmed
    if (paragraphs && newlines >= 2) map.push(runStart, runStart + 1);
    else map.push(runStart);
  }
  // The end: just after the last character kept.
  map.push(map.length ? map[map.length - 1]! + 1 : 0);
  return map;
}

/** Kinds that are about the text as a whole (their range is all of it): listed, not marked in a field. */
const wholeText = new Set<FeedbackFindingResponse['kind']>([
  'missing-strength',
  'missing-development-area',
  'missing-action',
  'length',
]);

/**
 * The findings marked in each field, clipped to the field and mapped into its raw value. A finding
 * across two fields is marked in both; whole-text findings in none.
 */
export function marksByField(
  findings: readonly FeedbackFindingResponse[],
  segments: readonly FeedbackSegment[],
  rawOf: (key: FieldKey) => string,
): Map<FieldKey, FieldMark[]> {
  const marks = new Map<FieldKey, FieldMark[]>();
  const offsets = new Map<FieldKey, number[]>();
  for (const finding of findings) {
    if (wholeText.has(finding.kind)) continue;
    for (const segment of segments) {
      const start = Math.max(finding.start, segment.start);
      const end = Math.min(finding.end, segment.end);
      if (start >= end) continue;
      const key = fieldKey(segment.part, segment.index);
      let map = offsets.get(key);
      if (!map) {
        map = renderedOffsets(rawOf(key), segment.part === 'encouragement');
        offsets.set(key, map);
      }
      const at = (n: number) => map[Math.min(n - segment.start, map.length - 1)]!;
      const list = marks.get(key) ?? [];
      list.push({ start: at(start), end: at(end - 1) + 1, severity: finding.severity, finding });
      marks.set(key, list);
    }
  }
  return marks;
}

export interface Run {
  start: number;
  end: number;
  severity: Severity | null;
  message: string | null;
}

/** Splits `value` into runs, plain or marked (errors over warnings where marks overlap). */
export function markRuns(value: string, marks: readonly FieldMark[]): Run[] {
  const owner = new Array<FieldMark | null>(value.length).fill(null);
  for (const mark of marks) {
    for (let c = Math.max(0, mark.start); c < Math.min(mark.end, value.length); c++) {
      const current = owner[c];
      if (!current || (current.severity === 'warning' && mark.severity === 'error')) owner[c] = mark;
    }
  }
  const runs: Run[] = [];
  let start = 0;
  for (let c = 1; c <= value.length; c++) {
    if (c === value.length || owner[c] !== owner[start]) {
      const mark = owner[start] ?? null;
      runs.push({ start, end: c, severity: mark?.severity ?? null, message: mark?.finding.message ?? null });
      start = c;
    }
  }
  return runs;
}

/** The raw value of one field (before `oneLine`), as the manager typed it. */
export function rawValue(structured: StructuredFeedback, key: FieldKey): string {
  const [part, at] = key.split(':') as [FeedbackSegment['part'], string];
  const index = Number(at);
  switch (part) {
    case 'strength':
      return structured.strengths[index]?.evidence ?? '';
    case 'development':
      return structured.developmentAreas[index]?.evidence ?? '';
    case 'training':
      return structured.developmentAreas[index]?.training ?? '';
    case 'encouragement':
      return structured.encouragement.text;
  }
}

/** The structure with one field's raw value replaced. */
export function withValue(structured: StructuredFeedback, key: FieldKey, value: string): StructuredFeedback {
  const [part, at] = key.split(':') as [FeedbackSegment['part'], string];
  const index = Number(at);
  // Points are one line each in the email: a line break typed in one becomes a space there.
  switch (part) {
    case 'strength':
      return {
        ...structured,
        strengths: structured.strengths.map((s, i) => (i === index ? { ...s, evidence: value } : s)),
      };
    case 'development':
      return {
        ...structured,
        developmentAreas: structured.developmentAreas.map((d, i) =>
          i === index ? { ...d, evidence: value } : d,
        ),
      };
    case 'training':
      return {
        ...structured,
        developmentAreas: structured.developmentAreas.map((d, i) =>
          i === index ? { ...d, training: value } : d,
        ),
      };
    case 'encouragement':
      return { ...structured, encouragement: { ...structured.encouragement, text: value } };
  }
}
