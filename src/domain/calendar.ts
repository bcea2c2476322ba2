// The working-day calendar behind the decision clock (DESIGN.md): pure rules, no I/O, the clock passed in.
//
// Everything is worked out on local calendar dates ('YYYY-MM-DD' in the venue's time zone) and turned into
// instants only at the end, so nothing depends on the machine's time zone and clock changes (BST ↔ GMT)
// never shift a date. Bank holidays come from date-holidays, corrected to the GOV.UK list (calendar-data.ts).
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import { extraBankHolidays, govukNames } from './calendar-data.ts';

export const nations = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof nations)[number];

export interface WorkingCalendar {
  nation: Nation;
  /** IANA time zone of the venue, e.g. 'Europe/London'. */
  timezone: string;
  /** Organisation closure days, as local 'YYYY-MM-DD'. */
  closures?: readonly string[];
  /** The venue's working hours for candidate emails; the default window when absent. */
  window?: SendingWindow;
}

export interface BankHoliday {
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

/** 'HH:mm' local wall times; `start` is inside the window, `end` is not. */
export interface SendingWindow {
  start: string;
  end: string;
}

export const defaultSendingWindow: SendingWindow = Object.freeze({ start: '09:00', end: '17:30' });

// ---------------------------------------------------------------------------------------------------------
// Local dates as day numbers (days since 1970-01-01): plain arithmetic, no time zone involved.

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function fromDayNumber(day: number): string {
  const text = new Date(day * DAY_MS).toISOString();
  if (text.length !== 24 || text < '1000')
    throw new RangeError(`Date out of range (years 1000–9999): day ${day}`);
  return text.slice(0, 10);
}

function toDayNumber(localDate: string): number {
  const match = LOCAL_DATE.exec(localDate);
  if (match) {
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const day = ms / DAY_MS;
    // The round trip rejects impossible dates (2026-02-30) and years Date.UTC reads as 19xx.
    if (Number.isInteger(day) && Number(match[1]) >= 1000 && fromDayNumber(day) === localDate) return day;
  }
  throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(localDate)}`);
}

/** 1970-01-01 was a Thursday. */
function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}

function minutesOf(hhmm: string): number {
  const match = WALL_TIME.exec(hhmm);
  if (!match) throw new RangeError(`Not a wall time (HH:mm, 00:00–23:59): ${JSON.stringify(hhmm)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function windowMinutes(window: SendingWindow): { start: number; end: number } {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (end <= start)
    throw new RangeError(`Sending window ends before it starts: ${window.start}–${window.end}`);
  return { start, end };
}

function assertInstant(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

// ---------------------------------------------------------------------------------------------------------
// Time zones.

const zones = new Map<string, IANAZone>();

function zoneOf(timezone: string): IANAZone {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = IANAZone.create(timezone);
    if (!zone.isValid) throw new RangeError(`Unknown time zone: ${JSON.stringify(timezone)}`);
    zones.set(timezone, zone);
  }
  return zone;
}

/**
 * The instant at which the local clock in `zone` reads `minutes` past midnight on local day `day`.
 * A time that happens twice (clocks going back) is the earlier one; a time skipped by clocks going forward
 * is read with the offset before the change, so it lands after the gap (as Temporal's 'compatible').
 */
function wallTimeToInstant(day: number, minutes: number, zone: IANAZone): Date {
  const wall = day * DAY_MS + minutes * MINUTE_MS; // the wall time read as if it were UTC
  const offsetBefore = zone.offset(wall - DAY_MS);
  let best: number | undefined;
  for (const offset of new Set([offsetBefore, zone.offset(wall), zone.offset(wall + DAY_MS)])) {
    const candidate = wall - offset * MINUTE_MS;
    if (zone.offset(candidate) === offset && (best === undefined || candidate < best)) best = candidate;
  }
  return new Date(best ?? wall - offsetBefore * MINUTE_MS);
}

// ---------------------------------------------------------------------------------------------------------
// Bank holidays.

// England and Wales share their bank holidays; date-holidays' ENG and WLS data are the same.
const stateCodes: Record<Nation, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

const libraries = new Map<Nation, Holidays>();
const holidayLists = new Map<string, readonly BankHoliday[]>();
const holidayDates = new Map<string, ReadonlySet<string>>();

// date-holidays and its astronomy and time-zone data (≈ 2 MB of JavaScript) are required at the first
// bank-holiday question, not at start: a server answers before anything asks one.
let holidaysClass: typeof Holidays | undefined;
const loadHolidays = () => {
  holidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return holidaysClass;
};

function libraryFor(nation: Nation): Holidays {
  let library = libraries.get(nation);
  if (!library) {
    const code = stateCodes[nation];
    if (!code) throw new RangeError(`Unknown nation: ${JSON.stringify(nation)}`);
    // Observances (Mother's Day, Easter Sunday…) are left out: only days off count.
    library = new (loadHolidays())('GB', code, { types: ['public', 'bank'], languages: 'en' });
    libraries.set(nation, library);
  }
  return library;
}

/** GOV.UK names Scotland's first two January holidays by order: New Year's Day first, then 2nd January. */
function relabelScottishNewYear(list: BankHoliday[]): void {
  const newYear = /^(New Year’s Day|2nd January)( \(substitute day\))?$/;
  const days = list.filter((h) => h.date.slice(5, 7) === '01' && newYear.test(h.name));
  days.sort((a, b) => a.date.localeCompare(b.date));
  const [first, second] = days;
  if (first)
    first.name = first.date.endsWith('-01-01') ? 'New Year’s Day' : 'New Year’s Day (substitute day)';
  if (second) second.name = second.date.endsWith('-01-02') ? '2nd January' : '2nd January (substitute day)';
}

function cachedHolidays(nation: Nation, year: number): readonly BankHoliday[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`Year out of range: ${year}`);
  const key = `${nation}:${year}`;
  let list = holidayLists.get(key);
  if (!list) {
    const prefix = `${year}-`;
    const byDate = new Map<string, BankHoliday>();
    for (const h of libraryFor(nation).getHolidays(year, 'en')) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const date = h.date.slice(0, 10); // "YYYY-MM-DD hh:mm:ss": the local date in the UK
      if (!byDate.has(date)) byDate.set(date, { date, name: govukNames[h.name] ?? h.name });
    }
    for (const extra of extraBankHolidays[nation]) {
      if (extra.date.startsWith(prefix) && !byDate.has(extra.date)) byDate.set(extra.date, { ...extra });
    }
    // As GOV.UK lists them: the days off. A holiday on a weekend is represented by its substitute day.
    const built = [...byDate.values()].filter(
      (h) => h.date.startsWith(prefix) && !isWeekend(toDayNumber(h.date)),
    );
    if (nation === 'scotland') relabelScottishNewYear(built);
    built.sort((a, b) => a.date.localeCompare(b.date));
    list = Object.freeze(built.map((h) => Object.freeze(h)));
    holidayLists.set(key, list);
    holidayDates.set(key, new Set(list.map((h) => h.date)));
  }
  return list;
}

function isBankHoliday(nation: Nation, localDate: string): boolean {
  const year = Number(localDate.slice(0, 4));
  cachedHolidays(nation, year);
  return holidayDates.get(`${nation}:${year}`)?.has(localDate) ?? false;
}

/**
 * The bank holidays of a nation in a year, sorted, as GOV.UK lists them: weekdays only, a holiday falling on
 * a weekend being replaced by its substitute day ("Christmas Day (substitute day)").
 */
export function bankHolidays(nation: Nation, year: number): BankHoliday[] {
  return cachedHolidays(nation, year).map((h) => ({ ...h }));
}

// ---------------------------------------------------------------------------------------------------------
// Working days.

/** A test for working day numbers, with the closures read once. */
function workingDayTest(cal: WorkingCalendar): (day: number) => boolean {
  const closures = new Set(cal.closures ?? []);
  return (day) => {
    if (isWeekend(day)) return false;
    const date = fromDayNumber(day);
    return !closures.has(date) && !isBankHoliday(cal.nation, date);
  };
}

/** Monday to Friday, not a bank holiday of the calendar's nation, not an organisation closure. */
export function isWorkingDay(cal: WorkingCalendar, localDate: string): boolean {
  return workingDayTest(cal)(toDayNumber(localDate));
}

/** The local date ('YYYY-MM-DD') of an instant in a time zone. */
export function localDateOf(instant: Date, timezone: string): string {
  const ms = assertInstant(instant);
  const date = DateTime.fromMillis(ms, { zone: zoneOf(timezone) }).toISODate();
  if (!date) throw new RangeError(`No local date for ${instant.toISOString()} in ${timezone}`);
  return date;
}

/** The Nth working day after `localDate` (which itself is not counted); n = 0 gives `localDate` back. */
export function addWorkingDays(cal: WorkingCalendar, localDate: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`Working days must be a whole number ≥ 0: ${n}`);
  const isWorking = workingDayTest(cal);
  let day = toDayNumber(localDate);
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorking(day)) left -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days after `from`'s local date, up to and including `to`'s local date (0 when `to` is on the
 * same local day or not after `from`). The inverse of addWorkingDays.
 */
export function workingDaysBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  if (assertInstant(to) <= assertInstant(from)) return 0;
  const first = toDayNumber(localDateOf(from, cal.timezone));
  const last = toDayNumber(localDateOf(to, cal.timezone));
  const isWorking = workingDayTest(cal);
  let count = 0;
  for (let day = first + 1; day <= last; day += 1) if (isWorking(day)) count += 1;
  return count;
}

/**
 * workingDaysBetween for many pairs of instants in one calendar (the reputation figures count
 * thousands): each instant's local day and each day's test are worked out once and remembered.
 */
export function workingDaysCounter(cal: WorkingCalendar): (from: Date, to: Date) => number {
  const isWorking = workingDayTest(cal);
  const dayOf = new Map<number, number>();
  const working = new Map<number, boolean>();
  const localDay = (ms: number) => {
    let day = dayOf.get(ms);
    if (day === undefined) {
      day = toDayNumber(localDateOf(new Date(ms), cal.timezone));
      dayOf.set(ms, day);
    }
    return day;
  };
  return (from, to) => {
    const a = assertInstant(from);
    const b = assertInstant(to);
    if (b <= a) return 0;
    const last = localDay(b);
    let count = 0;
    for (let day = localDay(a) + 1; day <= last; day += 1) {
      let w = working.get(day);
      if (w === undefined) {
        w = isWorking(day);
        working.set(day, w);
      }
      if (w) count += 1;
    }
    return count;
  };
}

/** The last millisecond of a local day (23:59:59.999 local, whatever the clocks do that day). */
export function endOfLocalDay(localDate: string, timezone: string): Date {
  const next = wallTimeToInstant(toDayNumber(localDate) + 1, 0, zoneOf(timezone));
  return new Date(next.getTime() - 1);
}

/** The instant at which the local clock reads `hhmm` on `localDate`. */
export function startOfLocalTime(localDate: string, hhmm: string, timezone: string): Date {
  return wallTimeToInstant(toDayNumber(localDate), minutesOf(hhmm), zoneOf(timezone));
}

/** Whether an instant is within the sending window (start inclusive, end exclusive) on a working day. */
export function isInSendingWindow(
  cal: WorkingCalendar,
  instant: Date,
  window: SendingWindow = cal.window ?? defaultSendingWindow,
): boolean {
  const ms = assertInstant(instant);
  const { start, end } = windowMinutes(window);
  const zone = zoneOf(cal.timezone);
  const day = toDayNumber(localDateOf(instant, cal.timezone));
  if (!workingDayTest(cal)(day)) return false;
  return (
    wallTimeToInstant(day, start, zone).getTime() <= ms && ms < wallTimeToInstant(day, end, zone).getTime()
  );
}

/** The instant itself when it is inside the sending window on a working day, else the next window start. */
export function nextSendingMoment(
  cal: WorkingCalendar,
  instant: Date,
  window: SendingWindow = cal.window ?? defaultSendingWindow,
): Date {
  const ms = assertInstant(instant);
  const { start, end } = windowMinutes(window);
  const zone = zoneOf(cal.timezone);
  const isWorking = workingDayTest(cal);
  let day = toDayNumber(localDateOf(instant, cal.timezone));
  if (isWorking(day)) {
    const opens = wallTimeToInstant(day, start, zone);
    if (ms < opens.getTime()) return opens;
    if (ms < wallTimeToInstant(day, end, zone).getTime()) return new Date(ms);
  }
  do {
    day += 1;
  } while (!isWorking(day));
  return wallTimeToInstant(day, start, zone);
}

/** The window start on the next working day after the instant's local date. */
export function nextWorkingMorning(
  cal: WorkingCalendar,
  instant: Date,
  window: SendingWindow = cal.window ?? defaultSendingWindow,
): Date {
  const { start } = windowMinutes(window);
  const next = addWorkingDays(cal, localDateOf(instant, cal.timezone), 1);
  return wallTimeToInstant(toDayNumber(next), start, zoneOf(cal.timezone));
}

/** Due at the end of the Nth working day after the local day on which the last interview ended. */
export function decisionDue(
  cal: WorkingCalendar,
  lastInterviewEnd: Date,
  workingDays: number,
): { date: string; at: Date } {
  const date = addWorkingDays(cal, localDateOf(lastInterviewEnd, cal.timezone), workingDays);
  return { date, at: endOfLocalDay(date, cal.timezone) };
}
