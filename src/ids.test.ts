import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('is 26 characters of Crockford base32', () => {
    expect(newId()).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });
  it('sorts by creation time', () => {
    const earlier = newId(1_700_000_000_000);
    const later = newId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
  it('increases strictly within one millisecond and when the clock steps back', () => {
    const ids = [
      newId(1_800_000_000_000),
      ...Array.from({ length: 999 }, () => newId(1_800_000_000_000)),
      newId(1_799_999_999_000),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
