import { useMediaQuery } from '@mantine/hooks';

/** Wider than a phone (Mantine's `sm`, 48em): tables instead of stacked cards. */
export function useIsDesktop(): boolean {
  return useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false }) ?? true;
}
