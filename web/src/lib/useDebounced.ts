import { useEffect, useState } from 'react';

/** A search box's text, kept locally and reported after a pause in typing. */
export function useDebouncedSearch(initial: string, onSettle: (value: string) => void, delay = 300) {
  const [value, setValue] = useState(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: settle only when the text changes
  useEffect(() => {
    if (value === initial) return;
    const timer = window.setTimeout(() => onSettle(value), delay);
    return () => window.clearTimeout(timer);
  }, [value]);
  return [value, setValue] as const;
}
