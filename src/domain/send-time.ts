// When an email will leave, in words the sender can trust: "tomorrow at 09:00, the venue's sending
// window". Pure: the instant from the outbox, the clock, and the venue's time zone.
import { DateTime, IANAZone } from 'luxon';

/** An email due within this much of now is described as leaving straight away. */
const immediateMs = 60_000;

export interface SendTimeWindow {
  /** IANA time zone of the venue whose sending window applies, e.g. 'Europe/London'. */
  timezone: string;
}

/**
 * "today at 14:00", "tomorrow at 09:00" or "on Monday 30 November at 09:00" (the year added when it
 * is not this year), in the given IANA time zone; calendar days, not 24-hour periods.
 */
export function describeDayAndTime(at: Date, now: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const days = Math.round(local.startOf('day').diff(today, 'days').days);
  const day =
    days === 0
      ? 'today'
      : days === 1
        ? 'tomorrow'
        : `on ${local.toFormat(local.year === today.year ? 'cccc d LLLL' : 'cccc d LLLL yyyy')}`;
  return `${day} at ${local.toFormat('HH:mm')}`;
}

/**
 * "straight away", or when the email leaves in the venue's local time (see describeDayAndTime),
 * followed by ", the venue's sending window" when the window set the time.
 * `window` null: an exact or immediate send (shown in `fallbackZone`).
 */
export function describeSendTime(
  sendAfter: Date,
  now: Date,
  window: SendTimeWindow | null,
  fallbackZone = 'Europe/London',
): string {
  if (sendAfter.getTime() - now.getTime() <= immediateMs) return 'straight away';
  const zone = IANAZone.isValidZone(window?.timezone ?? '') ? window!.timezone : fallbackZone;
  return `${describeDayAndTime(sendAfter, now, zone)}${window ? ", the venue's sending window" : ''}`;
}
