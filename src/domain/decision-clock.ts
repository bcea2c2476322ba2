// The decision clock (DESIGN.md): when a decision is due, when the hiring manager is reminded, when an
// automatic holding update goes out and which new dates a holding update may promise. Pure rules, no I/O:
// the clock and the venue's working calendar are passed in (src/domain/calendar.ts).
import {
  addWorkingDays,
  bankHolidays,
  decisionDue,
  defaultSendingWindow,
  endOfLocalDay,
  isWorkingDay,
  localDateOf,
  type SendingWindow,
  startOfLocalTime,
  type WorkingCalendar,
  workingDaysBetween,
} from './calendar.ts';

export const defaultDecisionWorkingDays = 5;
export const minDecisionWorkingDays = 1;
export const maxDecisionWorkingDays = 30;

const nationNames: Record<WorkingCalendar['nation'], string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/** The deadline rule: the role's working days, else the organisation's, else 5. */
export function decisionWorkingDays(
  role: number | null | undefined,
  organisation: number | null | undefined,
) {
  return role ?? organisation ?? defaultDecisionWorkingDays;
}

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether text is a real local date 'YYYY-MM-DD' (not 2026-02-30). */
export function isLocalDate(text: string): boolean {
  if (!LOCAL_DATE.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

function shiftDate(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last working day before `localDate` (which itself is not counted). */
export function previousWorkingDay(cal: WorkingCalendar, localDate: string): string {
  let day = localDate;
  // A year of closures and holidays in a row is not a calendar: stop rather than loop for ever.
  for (let i = 0; i < 370; i++) {
    day = shiftDate(day, -1);
    if (isWorkingDay(cal, day)) return day;
  }
  throw new RangeError(`No working day in the year before ${localDate}`);
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 'Thursday 17 December 2026' (UK style, as emails and the app show dates). */
export function formatLocalDate(localDate: string): string {
  return longDate.format(new Date(`${localDate}T12:00:00Z`)).replace(',', '');
}

export interface DecisionClockInput {
  calendar: WorkingCalendar;
  /** The end of the application's latest interview; null when it has none. */
  lastInterviewEnd: Date | null;
  workingDays: number;
  /** The date last promised in a holding update, if any. */
  promisedDate?: string | null;
  window?: SendingWindow;
}

export interface DecisionClock {
  lastInterviewEnd: Date | null;
  /** Local date the decision is due by; null without interviews. */
  dueDate: string | null;
  /** The end of dueDate in the venue's time zone. */
  dueAt: Date | null;
  /** From when the manager is reminded and offered a holding update. */
  remindAt: Date | null;
}

/**
 * The clock of one application. Due at the end of the Nth working day after the local day the last
 * interview ended (that day not counted), or at the end of the date last promised to the candidate in a
 * holding update when that is later. The manager is reminded from the start of the sending window on the
 * working day before the due date (so they have that day and the due day), but never before the last
 * interview has ended.
 */
export function computeDecisionClock(input: DecisionClockInput): DecisionClock {
  const { calendar, lastInterviewEnd } = input;
  if (!lastInterviewEnd) return { lastInterviewEnd: null, dueDate: null, dueAt: null, remindAt: null };
  const base = decisionDue(calendar, lastInterviewEnd, input.workingDays).date;
  const promised = input.promisedDate ?? null;
  const dueDate = promised && promised > base ? promised : base;
  const window = input.window ?? defaultSendingWindow;
  const dayBefore = startOfLocalTime(previousWorkingDay(calendar, dueDate), window.start, calendar.timezone);
  const remindAt = dayBefore.getTime() > lastInterviewEnd.getTime() ? dayBefore : lastInterviewEnd;
  return { lastInterviewEnd, dueDate, dueAt: endOfLocalDay(dueDate, calendar.timezone), remindAt };
}

/**
 * When the sweep sends an automatic holding update: at the opening of the sending window on the due
 * date itself. The manager has had the working day since the reminder to decide, and the candidate still
 * hears within the date they were given, in working hours.
 */
export function automaticHoldingUpdateAt(
  cal: WorkingCalendar,
  dueDate: string,
  lastInterviewEnd: Date,
  window: SendingWindow = defaultSendingWindow,
): Date {
  const opens = startOfLocalTime(dueDate, window.start, cal.timezone);
  return opens.getTime() > lastInterviewEnd.getTime() ? opens : lastInterviewEnd;
}

/**
 * The new date of an automatic holding update: half the deadline again, rounded up (N = 5 → 3 working
 * days), counted on from the current due date — or from today when that has already passed. Half, because
 * a holding update buys time to finish a decision that is already under way, not to start over; rounded
 * up, because promising a day too early only to slip again is worse than one day more; at least one.
 */
export function automaticHoldingDate(
  cal: WorkingCalendar,
  dueDate: string,
  now: Date,
  workingDays: number,
): string {
  const today = localDateOf(now, cal.timezone);
  const from = today > dueDate ? today : dueDate;
  return addWorkingDays(cal, from, Math.max(1, Math.ceil(workingDays / 2)));
}

export interface Closure {
  date: string;
  label: string | null;
}

/**
 * Why a holding update may not promise `newDate`, naming the date; undefined when it may. It must be a
 * working day of the venue's calendar, after today and after the current due date.
 */
export function holdingDateProblem(
  cal: WorkingCalendar,
  closures: readonly Closure[],
  newDate: string,
  now: Date,
  currentDueDate: string | null,
): string | undefined {
  if (!isLocalDate(newDate)) return 'must be a date as YYYY-MM-DD, e.g. 2026-12-09';
  const today = localDateOf(now, cal.timezone);
  const shown = formatLocalDate(newDate);
  if (newDate <= today) return `${shown} is not after today (${formatLocalDate(today)}): choose a later date`;
  if (currentDueDate && newDate <= currentDueDate) {
    return `${shown} is not after the current deadline (${formatLocalDate(currentDueDate)}): choose a later date`;
  }
  const weekday = new Date(`${newDate}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return `${shown} is a weekend day, not a working day`;
  const holiday = bankHolidays(cal.nation, Number(newDate.slice(0, 4))).find((h) => h.date === newDate);
  if (holiday) return `${shown} is a bank holiday in ${nationNames[cal.nation]} (${holiday.name})`;
  const closure = closures.find((c) => c.date === newDate);
  if (closure)
    return `${shown} is a closure day of your organisation${closure.label ? ` (${closure.label})` : ''}`;
  if (!isWorkingDay(cal, newDate)) return `${shown} is not a working day`;
  return undefined;
}

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/** 'less than a working day', '1 working day', '2 working days': whole working days left after today. */
export function timeLeftText(cal: WorkingCalendar, now: Date, dueAt: Date): string {
  const n = workingDaysBetween(cal, now, dueAt);
  return n === 0 ? 'less than a working day' : days(n);
}

/** Working days since the deadline, in words. */
export function overdueText(cal: WorkingCalendar, dueAt: Date, now: Date): string {
  const n = workingDaysBetween(cal, dueAt, now);
  return n === 0 ? 'less than a working day' : days(n);
}
