import { describe, expect, it } from 'vitest';
import { calendarDate, calendarDaysBetween, daysSince } from '../../web/src/lib/dates.ts';

describe('daysSince counts calendar days in the venue zone', () => {
  it('calls last night "yesterday" the next morning, though fewer than 24 hours have passed', () => {
    const now = new Date('2026-11-26T08:00:00Z');
    expect(daysSince('2026-11-25T23:00:00Z', now, 'Europe/London')).toBe('yesterday');
  });

  it('calls this morning "today" in the evening', () => {
    const now = new Date('2026-11-26T22:00:00Z');
    expect(daysSince('2026-11-26T00:30:00Z', now, 'Europe/London')).toBe('today');
  });

  it('counts two calendar days though only 26 hours passed', () => {
    const now = new Date('2026-11-27T01:00:00Z');
    expect(daysSince('2026-11-25T23:00:00Z', now, 'Europe/London')).toBe('2 days ago');
  });

  it('uses the zone, not UTC: 23:30 UTC on 30 June is 1 July in London (summer time)', () => {
    expect(calendarDate('2026-06-30T23:30:00Z', 'Europe/London')).toBe('2026-07-01');
    expect(calendarDate('2026-06-30T23:30:00Z', 'UTC')).toBe('2026-06-30');
    const now = new Date('2026-07-01T09:00:00Z');
    expect(daysSince('2026-06-30T23:30:00Z', now, 'Europe/London')).toBe('today');
    expect(daysSince('2026-06-30T23:30:00Z', now, 'UTC')).toBe('yesterday');
  });

  it('is not thrown by the clocks changing (25-hour day in October)', () => {
    expect(calendarDaysBetween('2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', 'Europe/London')).toBe(2);
  });

  it('says "today" for a moment in the future', () => {
    expect(daysSince('2026-11-27T10:00:00Z', new Date('2026-11-26T10:00:00Z'), 'UTC')).toBe('today');
  });
});

describe('times are shown in the venue zone', () => {
  it('formats a UTC instant as London summer time once the zone is set, and the day with it', async () => {
    const { formatShortDateTime, setDisplayTimeZone } = await import('../../web/src/lib/dates.ts');
    setDisplayTimeZone('Europe/London');
    expect(formatShortDateTime('2026-06-30T23:30:00.000Z')).toBe('1 July 2026, 00:30');
    setDisplayTimeZone('UTC');
    expect(formatShortDateTime('2026-06-30T23:30:00.000Z')).toBe('30 June 2026, 23:30');
    expect(daysSince('2026-06-30T23:30:00Z', new Date('2026-07-01T09:00:00Z'))).toBe('yesterday');
    setDisplayTimeZone('Not/AZone');
    expect(formatShortDateTime('2026-06-30T23:30:00.000Z')).toBe('30 June 2026, 23:30');
  });
});
