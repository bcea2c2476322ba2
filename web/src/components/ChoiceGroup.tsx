import { Text } from '@mantine/core';
import { type CSSProperties, type ReactNode, useId } from 'react';

export interface Choice<T extends string | number> {
  value: T;
  label: ReactNode;
  /** Marks the option (a coloured number, for example) before its label. */
  mark?: ReactNode;
}

/**
 * A radio group drawn as cards, on native radio inputs: one tab stop, arrow keys move and choose,
 * Space chooses, and a tap anywhere on a card picks it. `aria-label` names the group.
 */
export function ChoiceGroup<T extends string | number>({
  name,
  label,
  choices,
  value,
  onChange,
  error,
  describedBy,
  columns = { base: 4 },
  digitShortcuts = false,
  testId,
}: {
  name: string;
  label: string;
  choices: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string | undefined;
  describedBy?: string | undefined;
  columns?: { base: number; sm?: number };
  /** Keys 1–9 choose the matching option (ratings 1–4). */
  digitShortcuts?: boolean;
  testId?: string;
}) {
  const errorId = useId();
  const described = [describedBy, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  const style = {
    '--choice-columns': columns.base,
    '--choice-columns-sm': columns.sm ?? columns.base,
  } as CSSProperties;
  return (
    <div>
      <div
        role="radiogroup"
        aria-label={label}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        aria-required
        className="choice-group"
        data-error={error ? true : undefined}
        data-testid={testId}
        style={style}
        onKeyDown={
          digitShortcuts
            ? (event) => {
                if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
                const choice = choices[Number(event.key) - 1];
                if (!choice) return;
                event.preventDefault();
                onChange(choice.value);
                document.getElementById(`${name}-${choice.value}`)?.focus();
              }
            : undefined
        }
      >
        {choices.map((choice) => {
          const id = `${name}-${choice.value}`;
          const checked = value === choice.value;
          return (
            <label
              key={String(choice.value)}
              htmlFor={id}
              className="choice"
              data-checked={checked || undefined}
            >
              <input
                type="radio"
                id={id}
                name={name}
                value={String(choice.value)}
                checked={checked}
                onChange={() => onChange(choice.value)}
                className="choice-input"
              />
              {choice.mark}
              <span className="choice-label">{choice.label}</span>
            </label>
          );
        })}
      </div>
      {error ? (
        <Text size="sm" c="red.8" mt={4} id={errorId} fw={500}>
          {error}
        </Text>
      ) : null}
    </div>
  );
}
