import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingDay, localDateOf, nations, type WorkingCalendar } from './calendar.ts';
import {
  automaticHoldingDate,
  automaticHoldingUpdateAt,
  computeDecisionClock,
  decisionWorkingDays,
  formatLocalDate,
  holdingDateProblem,
  isLocalDate,
  overdueText,
  previousWorkingDay,
  timeLeftText,
} from './decision-clock.ts';

const england: WorkingCalendar = { nation: 'england-and-wales', timezone: 'Europe/London' };
const scotland: WorkingCalendar = { nation: 'scotland', timezone: 'Europe/London' };

describe('decision clock rules', () => {
  it('takes the role’s working days, else the organisation’s, else 5', () => {
    expect(decisionWorkingDays(3, 7)).toBe(3);
    expect(decisionWorkingDays(null, 7)).toBe(7);
    expect(decisionWorkingDays(null, null)).toBe(5);
  });

  it('has no deadline without interviews', () => {
    expect(computeDecisionClock({ calendar: england, lastInterviewEnd: null, workingDays: 5 })).toEqual({
      lastInterviewEnd: null,
      dueDate: null,
      dueAt: null,
      remindAt: null,
    });
  });

  it('is due at the end of the Nth working day and reminds from 09:00 on the working day before', () => {
    // Thursday 3 December 2026, 16:00 GMT: Fri 4 (1), Mon 7 (2), Tue 8 (3), Wed 9 (4), Thu 10 (5).
    const clock = computeDecisionClock({
      calendar: england,
      lastInterviewEnd: new Date('2026-12-03T16:00:00Z'),
      workingDays: 5,
    });
    expect(clock.dueDate).toBe('2026-12-10');
    expect(clock.dueAt?.toISOString()).toBe('2026-12-10T23:59:59.999Z');
    expect(clock.remindAt?.toISOString()).toBe('2026-12-09T09:00:00.000Z');
  });

  it('never reminds before the last interview has ended', () => {
    // N = 1 from Thursday 3 December 16:00: due Friday 4; the working day before is the interview's own day.
    const clock = computeDecisionClock({
      calendar: england,
      lastInterviewEnd: new Date('2026-12-03T16:00:00Z'),
      workingDays: 1,
    });
    expect(clock.dueDate).toBe('2026-12-04');
    expect(clock.remindAt?.toISOString()).toBe('2026-12-03T16:00:00.000Z');
  });

  it('keeps a promised date when it is later, and ignores it when it is earlier', () => {
    const base = {
      calendar: england,
      lastInterviewEnd: new Date('2026-12-03T16:00:00Z'),
      workingDays: 5,
    };
    const later = computeDecisionClock({ ...base, promisedDate: '2026-12-15' });
    expect(later.dueDate).toBe('2026-12-15');
    // The working day before Tuesday 15 is Monday 14.
    expect(later.remindAt?.toISOString()).toBe('2026-12-14T09:00:00.000Z');
    expect(computeDecisionClock({ ...base, promisedDate: '2026-12-08' }).dueDate).toBe('2026-12-10');
  });

  it('counts in the venue’s time zone across British Summer Time', () => {
    // 00:30 BST on Friday 9 July 2027 is 23:30 UTC on the 8th: the local day (not counted) is the 9th.
    const clock = computeDecisionClock({
      calendar: england,
      lastInterviewEnd: new Date('2027-07-08T23:30:00Z'),
      workingDays: 1,
    });
    expect(clock.dueDate).toBe('2027-07-12');
    expect(clock.dueAt?.toISOString()).toBe('2027-07-12T22:59:59.999Z');
  });

  it('finds the previous working day across bank holidays and closures', () => {
    // Scotland, Tuesday 5 January 2027: Monday 4 is the 2nd January substitute, Friday 1 New Year's Day.
    expect(previousWorkingDay(scotland, '2027-01-05')).toBe('2026-12-31');
    expect(previousWorkingDay(england, '2027-01-05')).toBe('2027-01-04');
    expect(previousWorkingDay({ ...england, closures: ['2027-01-04', '2026-12-31'] }, '2027-01-05')).toBe(
      '2026-12-30',
    );
  });

  it('sends an automatic holding update at the opening of the window on the due date', () => {
    expect(
      automaticHoldingUpdateAt(england, '2026-12-10', new Date('2026-12-03T16:00:00Z')).toISOString(),
    ).toBe('2026-12-10T09:00:00.000Z');
    // In summer the window opens at 09:00 BST.
    expect(
      automaticHoldingUpdateAt(england, '2027-07-15', new Date('2027-07-08T14:00:00Z')).toISOString(),
    ).toBe('2027-07-15T08:00:00.000Z');
  });

  it('promises half the deadline again (rounded up) from the due date, or from today once it has passed', () => {
    // Due Thursday 10 December, N = 5 → 3 working days: Fri 11, Mon 14, Tue 15.
    expect(automaticHoldingDate(england, '2026-12-10', new Date('2026-12-10T09:00:00Z'), 5)).toBe(
      '2026-12-15',
    );
    // N = 1 → 1 working day (never 0).
    expect(automaticHoldingDate(england, '2026-12-10', new Date('2026-12-10T09:00:00Z'), 1)).toBe(
      '2026-12-11',
    );
    // Swept late, on Monday 14: counted from today → Tue 15, Wed 16, Thu 17.
    expect(automaticHoldingDate(england, '2026-12-10', new Date('2026-12-14T10:00:00Z'), 5)).toBe(
      '2026-12-17',
    );
  });

  it('explains why a holding update may not promise a date', () => {
    const now = new Date('2026-12-08T10:00:00Z');
    const closures = [{ date: '2026-12-16', label: 'Panto get-in' }];
    const cal = { ...scotland, closures: ['2026-12-16'] };
    const problem = (date: string, due: string | null = '2026-12-10') =>
      holdingDateProblem(cal, closures, date, now, due);
    expect(problem('2026-12-07')).toMatch(
      /Monday 7 December 2026 is not after today \(Tuesday 8 December 2026\)/,
    );
    expect(problem('2026-12-08')).toMatch(/not after today/);
    expect(problem('2026-12-09')).toMatch(/not after the current deadline \(Thursday 10 December 2026\)/);
    expect(problem('2026-12-12')).toBe('Saturday 12 December 2026 is a weekend day, not a working day');
    expect(problem('2026-12-25')).toBe(
      'Friday 25 December 2026 is a bank holiday in Scotland (Christmas Day)',
    );
    expect(problem('2026-12-16')).toBe(
      'Wednesday 16 December 2026 is a closure day of your organisation (Panto get-in)',
    );
    expect(problem('2027-01-04')).toMatch(/bank holiday in Scotland \(2nd January \(substitute day\)\)/);
    expect(problem('2026-02-30')).toMatch(/YYYY-MM-DD/);
    expect(problem('2026-12-15')).toBeUndefined();
    expect(problem('2026-12-09', null)).toBeUndefined();
  });

  it('writes dates and time left the UK way', () => {
    expect(formatLocalDate('2026-12-17')).toBe('Thursday 17 December 2026');
    expect(isLocalDate('2026-12-17')).toBe(true);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('17/12/2026')).toBe(false);
    // Wednesday 9 December 09:00, due end of Thursday 10: one whole working day left after today.
    expect(
      timeLeftText(england, new Date('2026-12-09T09:00:00Z'), new Date('2026-12-10T23:59:59.999Z')),
    ).toBe('1 working day');
    expect(
      timeLeftText(england, new Date('2026-12-10T09:00:00Z'), new Date('2026-12-10T23:59:59.999Z')),
    ).toBe('less than a working day');
    // Due Thursday 10; Monday 14 is two working days later (Fri 11, Mon 14).
    expect(overdueText(england, new Date('2026-12-10T23:59:59.999Z'), new Date('2026-12-14T08:00:00Z'))).toBe(
      '2 working days',
    );
  });

  it('always gives a working due date after the interview day, reminding between the interview and the deadline', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...nations),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 11, 31) }),
        fc.integer({ min: 1, max: 30 }),
        (nation, ms, n) => {
          const calendar: WorkingCalendar = { nation, timezone: 'Europe/London' };
          const end = new Date(ms);
          const clock = computeDecisionClock({ calendar, lastInterviewEnd: end, workingDays: n });
          expect(isWorkingDay(calendar, clock.dueDate!)).toBe(true);
          expect(clock.dueDate! > localDateOf(end, calendar.timezone)).toBe(true);
          expect(localDateOf(clock.dueAt!, calendar.timezone)).toBe(clock.dueDate);
          expect(clock.remindAt!.getTime()).toBeGreaterThanOrEqual(end.getTime());
          expect(clock.remindAt!.getTime()).toBeLessThan(clock.dueAt!.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
