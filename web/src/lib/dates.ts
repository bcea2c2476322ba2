// Dates in UK English: "26 November 2026", times on the 24-hour clock, in the browser's time zone.

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long' });
const shortWeekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });

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
  const sameDay = start.toDateString() === end.toDateString();
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

/** "3 days ago", "today" — for how long something has waited. */
export function daysSince(value: string, now = new Date()): string {
  const days = Math.floor((now.getTime() - new Date(value).getTime()) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}
