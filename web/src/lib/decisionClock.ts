// Words for the decision clock. The server owns the rule (bank holidays, closure days, time zones);
// the browser only counts weekdays for "2 working days overdue" and for offering dates, and the server
// checks any date it is sent.

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function utcNoon(localDate: string): Date {
  return new Date(`${localDate}T12:00:00Z`);
}

/** '2026-12-03' → 'Thursday 3 December 2026' */
export function formatLocalDate(localDate: string): string {
  return longDate.format(utcNoon(localDate)).replace(',', '');
}

/** '2026-12-03' → '3 Dec' */
export function formatShortLocalDate(localDate: string): string {
  return shortDate.format(utcNoon(localDate)).replace('Sept', 'Sep');
}

function isWeekday(date: Date): boolean {
  const day = date.getUTCDay();
  return day !== 0 && day !== 6;
}

function toLocalDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today in the browser, as 'YYYY-MM-DD'. */
export function todayLocal(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Weekdays strictly after `from` up to and including `to` (local dates). */
function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  const day = utcNoon(from);
  const end = utcNoon(to).getTime();
  for (day.setUTCDate(day.getUTCDate() + 1); day.getTime() <= end; day.setUTCDate(day.getUTCDate() + 1)) {
    if (isWeekday(day)) n += 1;
  }
  return n;
}

const workingDays = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

export interface DueState {
  overdue: boolean;
  /** 'due Thursday 3 December 2026' or '2 working days overdue' */
  label: string;
  /** 'due today', '2 working days left', 'less than a working day overdue' */
  timeLeft: string;
}

export function dueState(dueDate: string, dueAt: string | null, now = new Date()): DueState {
  const today = todayLocal(now);
  const overdue = dueAt ? new Date(dueAt).getTime() < now.getTime() : dueDate < today;
  if (overdue) {
    const n = weekdaysBetween(dueDate, today);
    const late = n === 0 ? 'less than a working day overdue' : `${workingDays(n)} overdue`;
    return { overdue, label: late, timeLeft: late };
  }
  if (dueDate === today) {
    return { overdue, label: `due today, ${formatLocalDate(dueDate)}`, timeLeft: 'due by the end of today' };
  }
  const label = `due ${formatLocalDate(dueDate)}`;
  const n = weekdaysBetween(today, dueDate);
  return { overdue, label, timeLeft: `${workingDays(n)} left` };
}

/** The next `count` weekdays after the later of today and the current due date, for a holding update. */
export function holdingDateOptions(currentDueDate: string | null, count = 20, now = new Date()): string[] {
  const today = todayLocal(now);
  const start = currentDueDate && currentDueDate > today ? currentDueDate : today;
  const day = utcNoon(start);
  const dates: string[] = [];
  while (dates.length < count) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWeekday(day)) dates.push(toLocalDate(day));
  }
  return dates;
}
