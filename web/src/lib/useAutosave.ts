import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface SaveState {
  status: SaveStatus;
  savedAt: Date | null;
  error: unknown;
}

export interface SaveOptions {
  /** Set when the page is being left: the request must outlive it. */
  keepalive: boolean;
}

/**
 * Saves a value as it changes: after a pause in typing, at once on `flush()` (blur, submit), and on
 * the way out (unmount, tab hidden, page closed) with a keepalive request, so quick exits lose nothing.
 * Saves never overlap: a change made while one is in flight is saved right after it, in order.
 */
export function useAutosave<T>(
  save: (value: T, options: SaveOptions) => Promise<unknown>,
  {
    delay = 800,
    retryAfter = 5000,
    retryable = () => true,
  }: {
    delay?: number;
    retryAfter?: number;
    /** Whether a failed save is tried again by itself (a lost connection, yes; a refusal, no). */
    retryable?: (error: unknown) => boolean;
  } = {},
) {
  const [state, setState] = useState<SaveState>({ status: 'idle', savedAt: null, error: null });
  const latest = useRef<{ value: T } | null>(null);
  const dirty = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const retryableRef = useRef(retryable);
  retryableRef.current = retryable;

  const run = useCallback(
    async (options: { keepalive?: boolean; wait?: boolean } = {}): Promise<boolean> => {
      window.clearTimeout(timer.current);
      timer.current = undefined;
      if (options.wait !== false) {
        while (inFlight.current) await inFlight.current;
      }
      if (!dirty.current || latest.current === null) return true;
      const { value } = latest.current;
      dirty.current = false;
      setState((s) => ({ ...s, status: 'saving' }));
      const attempt = (async () => {
        try {
          await saveRef.current(value, { keepalive: options.keepalive ?? false });
          setState({ status: dirty.current ? 'pending' : 'saved', savedAt: new Date(), error: null });
          return true;
        } catch (error) {
          // Keep the edit: the next change, a retry or "Try again" sends it again.
          dirty.current = true;
          setState((s) => ({ ...s, status: 'error', error }));
          if (!options.keepalive && retryableRef.current(error)) {
            window.clearTimeout(timer.current);
            timer.current = window.setTimeout(() => void run(), retryAfter);
          }
          return false;
        }
      })();
      inFlight.current = attempt;
      const ok = await attempt;
      if (inFlight.current === attempt) inFlight.current = null;
      return ok;
    },
    [retryAfter],
  );

  const change = useCallback(
    (value: T) => {
      latest.current = { value };
      dirty.current = true;
      setState((s) => (s.status === 'error' ? s : { ...s, status: 'pending' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void run(), delay);
    },
    [delay, run],
  );

  // On the way out: leaving the page in the app, hiding the tab (a phone switching apps), closing it.
  useEffect(() => {
    // Hidden is not gone: stay behind any save in flight so saves land in order.
    const onHidden = () => {
      if (document.visibilityState === 'hidden' && dirty.current) void run({ keepalive: true });
    };
    // Closing: there is no later, so send now.
    const onPageHide = () => {
      if (dirty.current) void run({ keepalive: true, wait: false });
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      window.clearTimeout(timer.current);
      if (dirty.current) void run({ keepalive: true });
    };
  }, [run]);

  return {
    state,
    change,
    /** Saves now (waiting for any save in flight); false when the save failed. */
    flush: useCallback(() => run(), [run]),
    hasUnsaved: () => dirty.current,
  };
}
