import { Input, Stack, Text } from '@mantine/core';
import { forwardRef, useId } from 'react';
import { type FieldMark, markRuns } from './fields';

const severityLabel = { error: 'Must fix', warning: 'Worth a look' } as const;

/**
 * A text field with the check's findings marked in place: the marks are drawn on a copy laid exactly
 * under a transparent textarea (same font, padding and wrapping), which sizes the field too. Each
 * finding's message is written under the field, so screen readers get it as the description.
 */
export const MarkedField = forwardRef<
  HTMLTextAreaElement,
  {
    label: string;
    description?: string;
    value: string;
    onChange: (value: string) => void;
    marks: readonly FieldMark[];
    /** Marks are from an older version of the text: drawn faded until the check catches up. */
    stale: boolean;
    placeholder?: string;
    testId?: string;
    minRows?: number;
  }
>(function MarkedField(
  { label, description, value, onChange, marks, stale, placeholder, testId, minRows = 2 },
  ref,
) {
  const id = useId();
  const notesId = `${id}-notes`;
  const descriptionId = `${id}-description`;
  const runs = stale
    ? [{ start: 0, end: value.length, severity: null, message: null }]
    : markRuns(value, marks);
  const shown = stale ? [] : marks;
  const describedBy = [description ? descriptionId : '', shown.length ? notesId : '']
    .filter(Boolean)
    .join(' ');
  return (
    <Input.Wrapper label={label} description={description} id={id} descriptionProps={{ id: descriptionId }}>
      <div className="marked-field" data-invalid={shown.some((m) => m.severity === 'error') || undefined}>
        <div
          className="marked-field-backdrop"
          aria-hidden="true"
          style={{ minHeight: `${minRows * 1.55}em` }}
        >
          {runs.map((run) =>
            run.severity === null ? (
              <span key={run.start}>{value.slice(run.start, run.end)}</span>
            ) : (
              <mark key={run.start} className={`marked-field-${run.severity}`}>
                {value.slice(run.start, run.end)}
              </mark>
            ),
          )}
          {/* A trailing line break would otherwise not take up a line. */}
          {'\u200b'}
        </div>
        <textarea
          ref={ref}
          id={id}
          className="marked-field-input"
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.currentTarget.value)}
          spellCheck
          aria-describedby={describedBy || undefined}
          aria-invalid={shown.some((m) => m.severity === 'error') || undefined}
          data-testid={testId}
        />
      </div>
      {shown.length ? (
        <Stack gap={2} mt={4} id={notesId} data-testid={testId ? `${testId}-notes` : undefined}>
          {shown.map((mark) => (
            <Text key={`${mark.finding.kind}-${mark.finding.start}-${mark.start}`} size="xs">
              <Text span size="xs" fw={600} c={mark.severity === 'error' ? 'red.9' : undefined}>
                {severityLabel[mark.severity]}:
              </Text>{' '}
              {mark.finding.message}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Input.Wrapper>
  );
});
