import { describe, expect, it } from 'vitest';
import { checkFeedback } from '../../src/domain/feedback/check.ts';
import {
  renderFeedbackMarkdownWithSegments,
  type StructuredFeedback,
} from '../../src/domain/feedback/document.ts';
import {
  fieldKey,
  markRuns,
  marksByField,
  rawValue,
  renderedOffsets,
} from '../../web/src/components/feedback/fields.ts';

const structured: StructuredFeedback = {
  strengths: [
    {
      criterionKey: 'audio',
      criterion: 'Audio',
      evidence: '  You rang out the wedges.\nFrankly,  you were arrogant. ',
      cautious: false,
    },
  ],
  developmentAreas: [
    {
      criterionKey: 'video',
      criterion: 'Video',
      reason: 'below_required',
      level: 2,
      evidence: 'You were not sure about EDID.',
      training: 'Video switching courses — Extron — for EDID management.',
      suggestions: [],
      cautious: false,
    },
  ],
  encouragement: {
    kind: 'talent_network',
    futureRole: null,
    trainingName: null,
    text: 'Keep in touch.\n\n\nWe would   welcome an application.',
  },
  score: null,
  edited: true,
};

describe('the structured feedback editor’s fields', () => {
  it('maps each character of the rendered text back into what was typed', () => {
    const raw = '  a  b\n\n c ';
    const map = renderedOffsets(raw, true);
    // Rendered as the email renders the closing paragraph: runs collapsed, a blank line kept, ends trimmed.
    expect(
      map
        .slice(0, -1)
        .map((i) => raw[i])
        .join(''),
    ).toBe('a b\n\nc');
    expect(raw.slice(map[0], map.at(-1))).toBe('a  b\n\n c');
    // A point is one line: the blank line is one space there.
    expect(renderedOffsets(raw).length - 1).toBe('a b c'.length);
  });

  it('marks a finding in the field it falls in, at the words typed, whatever the spacing', () => {
    const { text, segments } = renderFeedbackMarkdownWithSegments(structured);
    const { findings } = checkFeedback(text);
    const marks = marksByField(findings, segments, (key) => rawValue(structured, key));
    const strength = marks.get(fieldKey('strength', 0)) ?? [];
    const raw = structured.strengths[0]!.evidence;
    expect(strength.map((m) => raw.slice(m.start, m.end))).toContain('you were arrogant');
    expect(
      markRuns(raw, strength)
        .filter((r) => r.severity === 'error')
        .map((r) => raw.slice(r.start, r.end)),
    ).toEqual(['you were arrogant']);
    // Whole-text findings (length) are listed, not marked in a field.
    expect([...marks.values()].flat().some((m) => m.finding.kind === 'length')).toBe(false);
  });
});
