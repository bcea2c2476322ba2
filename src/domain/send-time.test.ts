import { describe, expect, it } from 'vitest';
import { describeDayAndTime, describeSendTime } from './send-time.ts';

const london = { timezone: 'Europe/London' };

describe('describeSendTime', () => {
  it('names the day and the local time of the sending window', () => {
    // Tuesday 1 December 2026, 20:00 in London: the window opens tomorrow at 09:00.
    const evening = new Date('2026-12-01T20:00:00Z');
    expect(describeSendTime(new Date('2026-12-02T09:00:00Z'), evening, london)).toBe(
      "tomorrow at 09:00, the venue's sending window",
    );
    // Friday evening: Monday.
    expect(describeSendTime(new Date('2026-12-07T09:00:00Z'), new Date('2026-12-04T18:00:00Z'), london)).toBe(
      "on Monday 7 December at 09:00, the venue's sending window",
    );
    // Early in the morning: today.
    expect(describeSendTime(new Date('2026-12-02T09:00:00Z'), new Date('2026-12-02T06:30:00Z'), london)).toBe(
      "today at 09:00, the venue's sending window",
    );
    // Across a year end, the year is named.
    expect(describeSendTime(new Date('2027-01-04T09:00:00Z'), new Date('2026-12-31T18:00:00Z'), london)).toBe(
      "on Monday 4 January 2027 at 09:00, the venue's sending window",
    );
  });

  it('uses the venue local time (summer time) and says straight away when it is due now', () => {
    // 08:00 UTC in June is 09:00 in London; 23:30 UTC on 1 June is already 2 June there.
    expect(describeSendTime(new Date('2026-06-02T08:00:00Z'), new Date('2026-06-01T23:30:00Z'), london)).toBe(
      "today at 09:00, the venue's sending window",
    );
    const now = new Date('2026-12-02T10:00:00Z');
    expect(describeSendTime(now, now, london)).toBe('straight away');
    expect(describeSendTime(new Date('2026-12-02T10:00:30Z'), now, null)).toBe('straight away');
    // An exact time without a window.
    expect(describeSendTime(new Date('2026-12-02T15:00:00Z'), now, null)).toBe('today at 15:00');
  });
});

describe('describeDayAndTime', () => {
  it('counts calendar days in the zone, not 24-hour periods', () => {
    const now = new Date('2026-11-25T18:00:00Z');
    expect(describeDayAndTime(new Date('2026-11-26T09:00:00Z'), now, 'Europe/London')).toBe(
      'tomorrow at 09:00',
    );
    expect(describeDayAndTime(new Date('2026-11-25T19:00:00Z'), now, 'Europe/London')).toBe('today at 19:00');
    // 23:30 in London on the 25th to 00:30 on the 26th is one hour, and tomorrow.
    expect(
      describeDayAndTime(new Date('2026-11-26T00:30:00Z'), new Date('2026-11-25T23:30:00Z'), 'Europe/London'),
    ).toBe('tomorrow at 00:30');
    expect(describeDayAndTime(new Date('2026-11-30T09:00:00Z'), now, 'Europe/London')).toBe(
      'on Monday 30 November at 09:00',
    );
  });
});
