// Dates in UK English: "26 November 2026", times on the 24-hour clock, in the venue's time zone once
// the app knows it (`setDisplayTimeZone`), the browser's until then.

let displayZone: string | undefined;
const formats = new Map<string, Intl.DateTimeFormat>();

/** Shows every date and time from here on in this zone (the venue's), and counts "yesterday" in it. */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  if (timeZone === displayZone) return;
  try {
    if (timeZone) new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    return; // An unknown zone leaves the browser's.
  }
  displayZone = timeZone;
  formats.clear();
}

export function displayTimeZone(): string | undefined {
  return displayZone;
}

function format(name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formats.get(name);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, ...(displayZone ? { timeZone: displayZone } : {}) });
    formats.set(name, f);
  }
  return f;
}

const dateFormat = {
  format: (d: Date) => format('date', { day: 'numeric', month: 'long', year: 'numeric' }).format(d),
};
const weekdayFormat = { format: (d: Date) => format('weekday', { weekday: 'long' }).format(d) };
const shortWeekdayFormat = { format: (d: Date) => format('shortWeekday', { weekday: 'short' }).format(d) };
const timeFormat = {
  format: (d: Date) => format('time', { hour: '2-digit', minute: '2-digit', hour12: false }).format(d),
};

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** 26 November 2026 */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

/** 14:30 */
export function formatTime(value: string | Date): string {
  return timeFormat.format(toDate(value));
}

/** Thursday 26 November 2026, 14:30 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  return `${weekdayFormat.format(date)} ${dateFormat.format(date)}, ${timeFormat.format(date)}`;
}

/** 26 November 2026, 14:30 — for lists, where the weekday is noise. */
export function formatShortDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  return `${dateFormat.format(date)}, ${timeFormat.format(date)}`;
}

/** Thu 26 November 2026, 14:30–15:30 */
export function formatSlot(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const sameDay = calendarDate(start) === calendarDate(end);
  const day = `${shortWeekdayFormat.format(start)} ${dateFormat.format(start)}`;
  return sameDay
    ? `${day}, ${timeFormat.format(start)}–${timeFormat.format(end)}`
    : `${day}, ${timeFormat.format(start)} – ${formatDateTime(end)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A `datetime-local` input's value ("2026-11-26T14:30") for a date, in local time. */
export function toLocalInput(value: string | Date): string {
  const d = toDate(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2026-11-26T14:30" (local) → "2026-11-26T14:30:00+00:00" with the browser's offset at that moment. */
export function localInputToIso(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}:${pad(date.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Adds minutes to a `datetime-local` value, keeping the format. */
export function addMinutesToLocalInput(value: string, minutes: number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return toLocalInput(new Date(date.getTime() + minutes * 60_000));
}

/** The calendar date ("2026-11-26") of a moment in a time zone (the browser's when none is given). */
export function calendarDate(value: string | Date, timeZone: string | undefined = displayZone): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(toDate(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole calendar days from one moment's date to another's, in a time zone: 23:50 to 00:10 is one day. */
export function calendarDaysBetween(
  from: string | Date,
  to: string | Date,
  timeZone: string | undefined = displayZone,
): number {
  const a = Date.parse(`${calendarDate(from, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${calendarDate(to, timeZone)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/**
 * "3 days ago", "yesterday", "today" — for how long something has waited, by calendar days in the
 * venue's time zone (not 24-hour periods: something from 23:00 last night was "yesterday" at 08:00).
 */
export function daysSince(
  value: string,
  now = new Date(),
  timeZone: string | undefined = displayZone,
): string {
  const days = calendarDaysBetween(value, now, timeZone);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}
