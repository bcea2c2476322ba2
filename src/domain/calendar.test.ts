import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  bankHolidays,
  decisionDue,
  defaultSendingWindow,
  endOfLocalDay,
  isInSendingWindow,
  isWorkingDay,
  localDateOf,
  type Nation,
  nations,
  nextSendingMoment,
  nextWorkingMorning,
  startOfLocalTime,
  type WorkingCalendar,
  workingDaysBetween,
  workingDaysCounter,
} from './calendar.ts';

const LONDON = 'Europe/London';
const england: WorkingCalendar = { nation: 'england-and-wales', timezone: LONDON };
const scotland: WorkingCalendar = { nation: 'scotland', timezone: LONDON };
const northernIreland: WorkingCalendar = { nation: 'northern-ireland', timezone: LONDON };
const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();
const dates = (nation: Nation, year: number): string[] => bankHolidays(nation, year).map((h) => h.date);

// The bank holidays GOV.UK publishes (https://www.gov.uk/bank-holidays), as MMDD per year.
const govuk: Record<Nation, Record<number, string>> = {
  'england-and-wales': {
    2019: '0101 0419 0422 0506 0527 0826 1225 1226',
    2020: '0101 0410 0413 0508 0525 0831 1225 1228',
    2021: '0101 0402 0405 0503 0531 0830 1227 1228',
    2022: '0103 0415 0418 0502 0602 0603 0829 0919 1226 1227',
    2023: '0102 0407 0410 0501 0508 0529 0828 1225 1226',
    2024: '0101 0329 0401 0506 0527 0826 1225 1226',
    2025: '0101 0418 0421 0505 0526 0825 1225 1226',
    2026: '0101 0403 0406 0504 0525 0831 1225 1228',
    2027: '0101 0326 0329 0503 0531 0830 1227 1228',
    2028: '0103 0414 0417 0501 0529 0828 1225 1226',
  },
  scotland: {
    2019: '0101 0102 0419 0506 0527 0805 1202 1225 1226',
    2020: '0101 0102 0410 0508 0525 0803 1130 1225 1228',
    2021: '0101 0104 0402 0503 0531 0802 1130 1227 1228',
    2022: '0103 0104 0415 0502 0602 0603 0801 0919 1130 1226 1227',
    2023: '0102 0103 0407 0501 0508 0529 0807 1130 1225 1226',
    2024: '0101 0102 0329 0506 0527 0805 1202 1225 1226',
    2025: '0101 0102 0418 0505 0526 0804 1201 1225 1226',
    2026: '0101 0102 0403 0504 0525 0615 0803 1130 1225 1228',
    2027: '0101 0104 0326 0503 0531 0802 1130 1227 1228',
    2028: '0103 0104 0414 0501 0529 0807 1130 1225 1226',
  },
  'northern-ireland': {
    2019: '0101 0318 0419 0422 0506 0527 0712 0826 1225 1226',
    2020: '0101 0317 0410 0413 0508 0525 0713 0831 1225 1228',
    2021: '0101 0317 0402 0405 0503 0531 0712 0830 1227 1228',
    2022: '0103 0317 0415 0418 0502 0602 0603 0712 0829 0919 1226 1227',
    2023: '0102 0317 0407 0410 0501 0508 0529 0712 0828 1225 1226',
    2024: '0101 0318 0329 0401 0506 0527 0712 0826 1225 1226',
    2025: '0101 0317 0418 0421 0505 0526 0714 0825 1225 1226',
    2026: '0101 0317 0403 0406 0504 0525 0713 0831 1225 1228',
    2027: '0101 0317 0326 0329 0503 0531 0712 0830 1227 1228',
    2028: '0103 0317 0414 0417 0501 0529 0712 0828 1225 1226',
  },
};

describe('bank holidays', () => {
  it('match the GOV.UK lists for 2019–2028 in every nation', () => {
    for (const nation of nations) {
      for (const [year, days] of Object.entries(govuk[nation])) {
        const expected = days.split(' ').map((md) => `${year}-${md.slice(0, 2)}-${md.slice(2)}`);
        expect(dates(nation, Number(year)), `${nation} ${year}`).toEqual(expected);
      }
    }
  });

  it('lists England and Wales 2026 with GOV.UK names, sorted, substitute included', () => {
    expect(bankHolidays('england-and-wales', 2026)).toEqual([
      { date: '2026-01-01', name: 'New Year’s Day' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('gives Christmas substitute days: 2027 Christmas on a Saturday, 2026 Boxing Day on a Saturday', () => {
    expect(bankHolidays('england-and-wales', 2027).slice(-2)).toEqual([
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    expect(isWorkingDay(england, '2027-12-24')).toBe(true);
    expect(isWorkingDay(england, '2027-12-27')).toBe(false);
    expect(isWorkingDay(england, '2027-12-28')).toBe(false);
    expect(isWorkingDay(england, '2027-12-29')).toBe(true);
    expect(isWorkingDay(england, '2026-12-28')).toBe(false);
    expect(isWorkingDay(england, '2026-12-29')).toBe(true);
    // GOV.UK lists days off: the Saturday and Sunday themselves are not in the list.
    expect(dates('england-and-wales', 2027)).not.toContain('2027-12-25');
  });

  it('leaves out observances (Mother’s Day, Easter Sunday, Father’s Day)', () => {
    for (const nation of nations) {
      const names = bankHolidays(nation, 2026).map((h) => h.name);
      expect(names.some((n) => /Mother|Father|Easter Sunday/.test(n))).toBe(false);
    }
  });

  it('gives Scotland 2 January and St Andrew’s Day, with substitute days', () => {
    expect(bankHolidays('scotland', 2025).filter((h) => /January|Andrew/.test(h.name))).toEqual([
      { date: '2025-01-02', name: '2nd January' },
      { date: '2025-12-01', name: 'St Andrew’s Day (substitute day)' }, // 30 November 2025 is a Sunday
    ]);
    expect(bankHolidays('scotland', 2026).filter((h) => /January|Andrew/.test(h.name))).toEqual([
      { date: '2026-01-02', name: '2nd January' },
      { date: '2026-11-30', name: 'St Andrew’s Day' }, // a Monday
    ]);
    expect(bankHolidays('scotland', 2027).filter((h) => /January|Andrew/.test(h.name))).toEqual([
      { date: '2027-01-04', name: '2nd January (substitute day)' }, // 2 January 2027 is a Saturday
      { date: '2027-11-30', name: 'St Andrew’s Day' }, // a Tuesday
    ]);
    expect(isWorkingDay(scotland, '2025-12-01')).toBe(false);
    expect(isWorkingDay(england, '2025-12-01')).toBe(true);
    expect(isWorkingDay(scotland, '2026-01-02')).toBe(false);
    expect(isWorkingDay(england, '2026-01-02')).toBe(true);
  });

  it('names Scotland’s New Year days as GOV.UK does when both need substitutes (2023)', () => {
    expect(bankHolidays('scotland', 2023).slice(0, 2)).toEqual([
      { date: '2023-01-02', name: 'New Year’s Day (substitute day)' },
      { date: '2023-01-03', name: '2nd January (substitute day)' },
    ]);
  });

  it('has Scotland’s one-off World Cup bank holiday (15 June 2026), which date-holidays lacks', () => {
    expect(bankHolidays('scotland', 2026)).toContainEqual({
      date: '2026-06-15',
      name: 'World Cup bank holiday',
    });
    expect(isWorkingDay(scotland, '2026-06-15')).toBe(false);
    expect(isWorkingDay(england, '2026-06-15')).toBe(true);
  });

  it('gives Northern Ireland St Patrick’s Day and the Battle of the Boyne, with substitute days', () => {
    const ni = (year: number) =>
      bankHolidays('northern-ireland', year).filter((h) => /Patrick|Boyne/.test(h.name));
    expect(ni(2024)[0]).toEqual({ date: '2024-03-18', name: 'St Patrick’s Day (substitute day)' });
    expect(ni(2025)).toEqual([
      { date: '2025-03-17', name: 'St Patrick’s Day' },
      { date: '2025-07-14', name: 'Battle of the Boyne (Orangemen’s Day) (substitute day)' }, // 12 July is a Saturday
    ]);
    expect(ni(2026)).toEqual([
      { date: '2026-03-17', name: 'St Patrick’s Day' },
      { date: '2026-07-13', name: 'Battle of the Boyne (Orangemen’s Day) (substitute day)' }, // 12 July is a Sunday
    ]);
    expect(ni(2027)).toEqual([
      { date: '2027-03-17', name: 'St Patrick’s Day' },
      { date: '2027-07-12', name: 'Battle of the Boyne (Orangemen’s Day)' },
    ]);
    expect(isWorkingDay(northernIreland, '2026-03-17')).toBe(false);
    expect(isWorkingDay(england, '2026-03-17')).toBe(true);
    expect(isWorkingDay(scotland, '2026-07-13')).toBe(true);
  });

  it('makes Easter Monday a holiday in England and Wales and Northern Ireland, not in Scotland', () => {
    for (const easterMonday of ['2025-04-21', '2026-04-06', '2027-03-29']) {
      expect(isWorkingDay(england, easterMonday)).toBe(false);
      expect(isWorkingDay(northernIreland, easterMonday)).toBe(false);
      expect(isWorkingDay(scotland, easterMonday)).toBe(true);
    }
    expect(isWorkingDay(scotland, '2026-04-03')).toBe(false); // Good Friday is everywhere
  });

  it('returns copies: changing a result does not change the calendar', () => {
    const list = bankHolidays('england-and-wales', 2026);
    list.pop();
    const first = list[0];
    if (first) first.date = '2026-01-05';
    expect(bankHolidays('england-and-wales', 2026)).toHaveLength(8);
    expect(dates('england-and-wales', 2026)[0]).toBe('2026-01-01');
    expect(isWorkingDay(england, '2026-01-05')).toBe(true);
  });
});

describe('working days', () => {
  it('are Monday to Friday, not bank holidays, not closures', () => {
    expect(isWorkingDay(england, '2026-11-26')).toBe(true); // Thursday
    expect(isWorkingDay(england, '2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay(england, '2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay({ ...england, closures: ['2026-11-26'] }, '2026-11-26')).toBe(false);
  });

  it('rejects malformed dates and time zones', () => {
    expect(() => isWorkingDay(england, '2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(england, '26-11-2026')).toThrow(RangeError);
    expect(() => localDateOf(at('2026-11-26T12:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN), LONDON)).toThrow(RangeError);
    expect(() => addWorkingDays(england, '2026-11-26', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(england, '2026-11-26', 1.5)).toThrow(RangeError);
  });

  it('adds working days over weekends, bank holidays and closures', () => {
    expect(addWorkingDays(england, '2026-11-26', 0)).toBe('2026-11-26');
    expect(addWorkingDays(england, '2026-11-28', 0)).toBe('2026-11-28'); // n = 0 is the day itself, even a Saturday
    expect(addWorkingDays(england, '2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays(scotland, '2026-11-27', 1)).toBe('2026-12-01'); // St Andrew's Day, Monday 30 November
    expect(addWorkingDays(england, '2026-04-02', 1)).toBe('2026-04-07'); // Good Friday, Easter Monday
    expect(addWorkingDays(scotland, '2026-04-02', 1)).toBe('2026-04-06');
    const closedForChristmas = {
      ...england,
      closures: ['2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31'],
    };
    expect(addWorkingDays(closedForChristmas, '2026-12-23', 1)).toBe('2027-01-04'); // 1 January is a holiday
    expect(addWorkingDays(england, '2026-12-23', 1)).toBe('2026-12-24');
  });

  it('counts working days between instants by local date', () => {
    const friday = at('2026-11-27T10:00:00Z');
    expect(workingDaysBetween(england, friday, at('2026-11-27T16:00:00Z'))).toBe(0); // same day
    expect(workingDaysBetween(england, friday, at('2026-11-26T10:00:00Z'))).toBe(0); // backwards
    expect(workingDaysBetween(england, friday, at('2026-11-29T10:00:00Z'))).toBe(0); // weekend only
    expect(workingDaysBetween(england, friday, at('2026-11-30T00:00:00Z'))).toBe(1);
    expect(workingDaysBetween(scotland, friday, at('2026-11-30T23:00:00Z'))).toBe(0); // St Andrew's Day
    expect(workingDaysBetween(england, at('2026-12-23T12:00:00Z'), at('2027-01-05T12:00:00Z'))).toBe(6);
  });
});

describe('local dates and instants', () => {
  it('takes the local date, not the UTC one, for a late-evening interview', () => {
    // Friday 10 July 2026, 23:30 BST = 22:30 UTC the same day.
    expect(localDateOf(at('2026-07-10T22:30:00Z'), LONDON)).toBe('2026-07-10');
    // Saturday 11 July 2026, 00:30 BST = 23:30 UTC on the Friday: the local date (Saturday) counts.
    expect(localDateOf(at('2026-07-10T23:30:00Z'), LONDON)).toBe('2026-07-11');
    expect(localDateOf(at('2026-07-10T23:30:00Z'), 'UTC')).toBe('2026-07-10');
    // In winter London is on UTC.
    expect(localDateOf(at('2026-11-27T23:30:00Z'), LONDON)).toBe('2026-11-27');
  });

  it('gives the last millisecond of a local day, on clock-change days too', () => {
    expect(iso(endOfLocalDay('2026-07-10', LONDON))).toBe('2026-07-10T22:59:59.999Z');
    expect(iso(endOfLocalDay('2026-11-27', LONDON))).toBe('2026-11-27T23:59:59.999Z');
    expect(iso(endOfLocalDay('2026-03-28', LONDON))).toBe('2026-03-28T23:59:59.999Z');
    expect(iso(endOfLocalDay('2026-03-29', LONDON))).toBe('2026-03-29T22:59:59.999Z'); // a 23-hour day
    expect(iso(endOfLocalDay('2026-10-25', LONDON))).toBe('2026-10-25T23:59:59.999Z'); // a 25-hour day
  });

  it('puts 09:00 local on the Monday after each clock change at 08:00Z in summer and 09:00Z in winter', () => {
    expect(iso(startOfLocalTime('2026-03-30', '09:00', LONDON))).toBe('2026-03-30T08:00:00.000Z');
    expect(iso(startOfLocalTime('2026-10-26', '09:00', LONDON))).toBe('2026-10-26T09:00:00.000Z');
    expect(iso(startOfLocalTime('2027-03-29', '09:00', LONDON))).toBe('2027-03-29T08:00:00.000Z');
    expect(iso(startOfLocalTime('2027-11-01', '09:00', LONDON))).toBe('2027-11-01T09:00:00.000Z');
  });

  it('reads a skipped wall time after the gap and a repeated one as its first occurrence', () => {
    expect(iso(startOfLocalTime('2026-03-29', '01:30', LONDON))).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    expect(iso(startOfLocalTime('2026-10-25', '01:30', LONDON))).toBe('2026-10-25T00:30:00.000Z'); // 01:30 BST
    expect(() => startOfLocalTime('2026-10-25', '24:00', LONDON)).toThrow(RangeError);
    expect(() => startOfLocalTime('2026-10-25', '9:00', LONDON)).toThrow(RangeError);
  });
});

describe('sending window', () => {
  it('defaults to 09:00–17:30', () => {
    expect(defaultSendingWindow).toEqual({ start: '09:00', end: '17:30' });
  });

  it('moves a moment before 09:00 to 09:00 the same working day', () => {
    expect(iso(nextSendingMoment(england, at('2026-11-24T07:15:00Z')))).toBe('2026-11-24T09:00:00.000Z');
    expect(iso(nextSendingMoment(england, at('2026-07-14T07:15:00Z')))).toBe('2026-07-14T08:00:00.000Z'); // BST
  });

  it('keeps a moment inside the window (start inclusive, end exclusive)', () => {
    const inside = at('2026-11-24T12:34:56.789Z');
    expect(iso(nextSendingMoment(england, inside))).toBe(iso(inside));
    expect(isInSendingWindow(england, inside)).toBe(true);
    expect(isInSendingWindow(england, at('2026-11-24T09:00:00Z'))).toBe(true);
    expect(isInSendingWindow(england, at('2026-11-24T17:29:59.999Z'))).toBe(true);
    expect(isInSendingWindow(england, at('2026-11-24T17:30:00Z'))).toBe(false);
    expect(isInSendingWindow(england, at('2026-11-24T08:59:59.999Z'))).toBe(false);
    expect(isInSendingWindow(england, at('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
    expect(isInSendingWindow(england, at('2026-12-25T12:00:00Z'))).toBe(false); // Christmas Day
  });

  it('moves a moment after 17:30 to the next working morning', () => {
    expect(iso(nextSendingMoment(england, at('2026-11-24T17:30:00Z')))).toBe('2026-11-25T09:00:00.000Z');
    expect(iso(nextSendingMoment(england, at('2026-11-24T18:00:00Z')))).toBe('2026-11-25T09:00:00.000Z');
  });

  it('moves a Friday evening to Monday 09:00 (Tuesday in Scotland on St Andrew’s Day)', () => {
    expect(iso(nextSendingMoment(england, at('2026-11-27T19:00:00Z')))).toBe('2026-11-30T09:00:00.000Z');
    expect(iso(nextSendingMoment(scotland, at('2026-11-27T19:00:00Z')))).toBe('2026-12-01T09:00:00.000Z');
    expect(iso(nextSendingMoment(england, at('2026-11-28T12:00:00Z')))).toBe('2026-11-30T09:00:00.000Z');
  });

  it('skips bank holidays: the evening before Easter goes to Tuesday in England, Monday in Scotland', () => {
    const thursdayEvening = at('2026-04-02T17:00:00Z'); // 18:00 BST
    expect(iso(nextSendingMoment(england, thursdayEvening))).toBe('2026-04-07T08:00:00.000Z');
    expect(iso(nextSendingMoment(scotland, thursdayEvening))).toBe('2026-04-06T08:00:00.000Z');
    expect(iso(nextSendingMoment(england, at('2026-12-25T10:00:00Z')))).toBe('2026-12-29T09:00:00.000Z');
  });

  it('crosses the clock changes at the right instant', () => {
    // Friday 27 March 2026 18:00 GMT → Monday 30 March 09:00 BST.
    expect(iso(nextSendingMoment(england, at('2026-03-27T18:00:00Z')))).toBe('2026-03-30T08:00:00.000Z');
    // Friday 23 October 2026 18:00 BST → Monday 26 October 09:00 GMT.
    expect(iso(nextSendingMoment(england, at('2026-10-23T17:00:00Z')))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('takes a custom window and rejects a malformed one', () => {
    const early = { start: '08:00', end: '20:00' };
    expect(iso(nextSendingMoment(england, at('2026-11-24T07:15:00Z'), early))).toBe(
      '2026-11-24T08:00:00.000Z',
    );
    expect(isInSendingWindow(england, at('2026-11-24T19:00:00Z'), early)).toBe(true);
    expect(() =>
      nextSendingMoment(england, at('2026-11-24T07:15:00Z'), { start: '17:00', end: '09:00' }),
    ).toThrow(RangeError);
  });

  it('gives the next working morning after the local date', () => {
    expect(iso(nextWorkingMorning(england, at('2026-11-24T07:00:00Z')))).toBe('2026-11-25T09:00:00.000Z');
    expect(iso(nextWorkingMorning(england, at('2026-11-27T10:00:00Z')))).toBe('2026-11-30T09:00:00.000Z');
    expect(iso(nextWorkingMorning(england, at('2026-12-24T10:00:00Z')))).toBe('2026-12-29T09:00:00.000Z');
    // 00:30 BST on Saturday 11 July 2026 (23:30 UTC Friday): the next working day after Saturday is Monday.
    expect(iso(nextWorkingMorning(england, at('2026-07-10T23:30:00Z')))).toBe('2026-07-13T08:00:00.000Z');
    // 00:30 BST on Friday 10 July (23:30 UTC Thursday): Monday, not Friday.
    expect(iso(nextWorkingMorning(england, at('2026-07-09T23:30:00Z')))).toBe('2026-07-13T08:00:00.000Z');
    expect(
      iso(nextWorkingMorning(england, at('2026-11-24T07:00:00Z'), { start: '10:15', end: '16:00' })),
    ).toBe('2026-11-25T10:15:00.000Z');
  });
});

describe('decision due', () => {
  it('counts from the local day of a late-evening interview', () => {
    // Friday 10 July 2026 23:30 BST (22:30 UTC): Mon 13 … Fri 17 July.
    expect(decisionDue(england, at('2026-07-10T22:30:00Z'), 5)).toEqual({
      date: '2026-07-17',
      at: at('2026-07-17T22:59:59.999Z'),
    });
    // Saturday 00:30 BST (23:30 UTC Friday): counted from Saturday, so day 0 is the Saturday.
    expect(decisionDue(england, at('2026-07-10T23:30:00Z'), 0).date).toBe('2026-07-11');
    expect(decisionDue(england, at('2026-07-10T23:30:00Z'), 5).date).toBe('2026-07-17');
    // Friday 00:30 BST (23:30 UTC Thursday): from Friday, so Fri 17 July, not Thursday 16 as UTC would give.
    expect(decisionDue(england, at('2026-07-09T23:30:00Z'), 5).date).toBe('2026-07-17');
    expect(decisionDue(england, at('2026-07-09T22:30:00Z'), 5).date).toBe('2026-07-16');
  });

  it('runs 5 working days across Christmas', () => {
    // Wednesday 22 December 2027: Thu 23, Fri 24, (25–28 weekend and substitute days), Wed 29, Thu 30, Fri 31.
    expect(decisionDue(england, at('2027-12-22T15:00:00Z'), 5)).toEqual({
      date: '2027-12-31',
      at: at('2027-12-31T23:59:59.999Z'),
    });
    // Tuesday 22 December 2026: Wed 23, Thu 24, (25, 28 Boxing Day substitute), Tue 29, Wed 30, Thu 31.
    expect(decisionDue(england, at('2026-12-22T15:00:00Z'), 5).date).toBe('2026-12-31');
    // Wednesday 23 December 2026: England reaches Mon 4 January; Scotland also keeps 4 January (2nd January
    // substitute), so Tuesday 5 January.
    expect(decisionDue(england, at('2026-12-23T15:00:00Z'), 5).date).toBe('2027-01-04');
    expect(decisionDue(scotland, at('2026-12-23T15:00:00Z'), 5).date).toBe('2027-01-05');
  });

  it('crosses the clock changes without shifting a day', () => {
    // Thursday 22 October 2026 16:00 BST: Fri 23, Mon 26, Tue 27, Wed 28, Thu 29 (GMT by then).
    expect(decisionDue(england, at('2026-10-22T15:00:00Z'), 5)).toEqual({
      date: '2026-10-29',
      at: at('2026-10-29T23:59:59.999Z'),
    });
    // Thursday 26 March 2026 16:00 GMT: Fri 27, Mon 30, Tue 31, Wed 1, Thu 2 April (BST by then).
    expect(decisionDue(england, at('2026-03-26T16:00:00Z'), 5)).toEqual({
      date: '2026-04-02',
      at: at('2026-04-02T22:59:59.999Z'),
    });
  });

  it('honours organisation closures', () => {
    const closed = { ...england, closures: ['2026-12-29', '2026-12-30', '2026-12-31'] };
    // Tuesday 22 December 2026: Wed 23, Thu 24, (holidays, weekends and the closure), Mon 4, Tue 5, Wed 6 January.
    expect(decisionDue(closed, at('2026-12-22T15:00:00Z'), 5).date).toBe('2027-01-06');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties.

const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2019, 0, 1);
const LAST = Date.UTC(2029, 11, 31);
const dayToDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const localDateArb = fc
  .integer({ min: FIRST / DAY_MS, max: LAST / DAY_MS })
  .map((d) => dayToDate(d * DAY_MS));
const instantArb = fc.date({ min: new Date(FIRST), max: new Date(LAST), noInvalidDate: true });
// London first; the others stress the local-date logic with other clock changes (midnight in Santiago, half an
// hour on Lord Howe, negative summer time in Dublin).
const timezoneArb = fc.constantFrom(
  LONDON,
  'Europe/Dublin',
  'America/Santiago',
  'Australia/Lord_Howe',
  'UTC',
);
const calendarArb: fc.Arbitrary<WorkingCalendar> = fc.record({
  nation: fc.constantFrom(...nations),
  timezone: timezoneArb,
  closures: fc.uniqueArray(localDateArb, { maxLength: 40 }),
});
const nArb = fc.integer({ min: 0, max: 400 });

function isWeekendDate(localDate: string): boolean {
  return DateTime.fromISO(localDate, { zone: 'utc' }).weekday >= 6;
}

describe('properties', () => {
  it('adding working days never lands on a weekend, bank holiday or closure', () => {
    fc.assert(
      fc.property(calendarArb, localDateArb, fc.integer({ min: 1, max: 400 }), (cal, start, n) => {
        const end = addWorkingDays(cal, start, n);
        expect(end > start).toBe(true);
        expect(isWeekendDate(end)).toBe(false);
        expect(dates(cal.nation, Number(end.slice(0, 4)))).not.toContain(end);
        expect(cal.closures).not.toContain(end);
        expect(isWorkingDay(cal, end)).toBe(true);
      }),
    );
  });

  it('adding working days is monotonic in n and composes', () => {
    fc.assert(
      fc.property(calendarArb, localDateArb, nArb, nArb, (cal, start, a, b) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        const first = addWorkingDays(cal, start, n);
        const second = addWorkingDays(cal, start, m);
        if (n < m) expect(first < second).toBe(true);
        else expect(first).toBe(second);
        expect(addWorkingDays(cal, first, m - n)).toBe(second);
      }),
    );
  });

  it('counting working days is the inverse of adding them', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, nArb, (cal, instant, n) => {
        const due = addWorkingDays(cal, localDateOf(instant, cal.timezone), n);
        expect(workingDaysBetween(cal, instant, endOfLocalDay(due, cal.timezone))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('a counter gives what workingDaysBetween gives, pair after pair of one calendar', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.array(fc.tuple(instantArb, instantArb), { minLength: 1, maxLength: 20 }),
        (cal, pairs) => {
          const count = workingDaysCounter(cal);
          for (const [a, b] of pairs) {
            expect(count(a, b)).toBe(workingDaysBetween(cal, a, b));
            expect(count(b, a)).toBe(workingDaysBetween(cal, b, a));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('endOfLocalDay is the last millisecond of that local day', () => {
    fc.assert(
      fc.property(timezoneArb, localDateArb, (timezone, localDate) => {
        const end = endOfLocalDay(localDate, timezone);
        expect(localDateOf(end, timezone)).toBe(localDate);
        expect(localDateOf(new Date(end.getTime() + 1), timezone)).not.toBe(localDate);
        expect(DateTime.fromJSDate(end, { zone: timezone }).toFormat('HH:mm:ss.SSS')).toBe('23:59:59.999');
      }),
    );
  });

  it('startOfLocalTime gives an instant showing that wall time (or just after a skipped one)', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(timezoneArb, localDateArb, hhmm, (timezone, localDate, wall) => {
        const instant = startOfLocalTime(localDate, wall, timezone);
        const local = DateTime.fromJSDate(instant, { zone: timezone });
        const shown = local.toFormat('yyyy-MM-dd HH:mm');
        if (shown !== `${localDate} ${wall}`) {
          // Skipped by a clock change: the instant is the moment the clocks jumped past that wall time.
          const before = DateTime.fromMillis(instant.getTime() - 1, { zone: timezone });
          expect(before.toFormat('yyyy-MM-dd HH:mm') < `${localDate} ${wall}`).toBe(true);
          expect(shown > `${localDate} ${wall}`).toBe(true);
        }
      }),
    );
  });

  it('nextSendingMoment is in the window, not before the instant, and the instant itself when allowed', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (cal, instant) => {
        const moment = nextSendingMoment(cal, instant);
        expect(moment.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        expect(isInSendingWindow(cal, moment)).toBe(true);
        if (isInSendingWindow(cal, instant)) expect(moment.getTime()).toBe(instant.getTime());
        else expect(DateTime.fromJSDate(moment, { zone: cal.timezone }).toFormat('HH:mm')).toBe('09:00');
        // No working day is skipped: the moment is on or before the next working morning.
        expect(moment.getTime()).toBeLessThanOrEqual(nextWorkingMorning(cal, instant).getTime());
      }),
    );
  });
});
