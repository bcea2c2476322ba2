// Words for the outbox and its templates: status labels, when a message goes, the calendar invite.
import { type TemplateKey, templateKeys, templates } from '../../../src/mail/catalogue.ts';
import type { Message, MessageStatus } from '../api/types';
import { formatDateTime, formatShortDateTime, formatSlot } from './dates';

export { messageStatusColours, messageStatusHints, messageStatusShortLabels } from './message-status';
export { type TemplateKey, templateKeys, templates };

export function templateName(key: string): string {
  return (templates as Record<string, { name: string } | undefined>)[key]?.name ?? key;
}

export function isTemplateKey(value: string): value is TemplateKey {
  return (templateKeys as readonly string[]).includes(value);
}

export const audienceLabels: Record<'candidate' | 'member' | 'email', string> = {
  candidate: 'To candidates',
  member: 'To your team',
  email: 'To people you invite',
};

/** The recipient, as "Sam Rigby <sam@example.com>" or just the address. */
export function recipientText(m: Pick<Message, 'recipient'>): string {
  return m.recipient.name ? `${m.recipient.name} <${m.recipient.email}>` : m.recipient.email;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** When the message went, goes or stopped, in a few words: "Sent 26 November 2026, 14:30". */
export function messageWhen(m: Message, now = new Date()): string {
  switch (m.status) {
    case 'sent':
      return `Sent ${formatShortDateTime(m.sentAt)}`;
    case 'cancelled':
      return `Cancelled ${formatShortDateTime(m.cancelledAt ?? m.updatedAt)}`;
    case 'held':
      return `Held since ${formatShortDateTime(m.createdAt)}`;
    case 'queued':
      return new Date(m.sendAfter).getTime() > now.getTime()
        ? `Sends after ${formatShortDateTime(m.sendAfter)}`
        : 'Due to send now';
    case 'sending':
      return `Sending since ${formatShortDateTime(m.updatedAt)}`;
    case 'failed':
      return `Failed ${formatShortDateTime(m.updatedAt)} after ${plural(m.attempts, 'attempt')}`;
  }
}

/** The venue calendar that limits when a candidate email leaves, in words. */
export function sendingWindowText(window: Message['sendingWindow']): string | null {
  if (!window) return null;
  const nations: Record<string, string> = {
    'england-and-wales': 'England and Wales',
    scotland: 'Scotland',
    'northern-ireland': 'Northern Ireland',
  };
  return `Leaves only in the venue's working hours: 09:00–17:30 on working days (${nations[window.nation] ?? window.nation} bank holidays, ${window.timezone} time)`;
}

export function cancellable(status: MessageStatus): boolean {
  return status === 'held' || status === 'queued';
}

// ------------------------------------------------------------------------------------------------
// The calendar invitation sent with an email, read back from its iCalendar text.

export interface CalendarInviteSummary {
  title: string | null;
  start: Date | null;
  end: Date | null;
  location: string | null;
  organiser: string | null;
}

function icsDate(value: string | undefined): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, y, mo, d, h, mi, s, z] = match;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  return z ? new Date(Date.UTC(...parts)) : new Date(...parts);
}

function icsText(value: string | undefined): string | null {
  if (value === undefined) return null;
  return value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
}

export function parseCalendarInvite(ics: string): CalendarInviteSummary {
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const fields = new Map<string, { params: string; value: string }>();
  for (const line of lines) {
    const match = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (match && !fields.has(match[1]!))
      fields.set(match[1]!, { params: match[2] ?? '', value: match[3] ?? '' });
  }
  const organiser = fields.get('ORGANIZER');
  const organiserName = organiser ? /CN="?([^";:]+)"?/.exec(organiser.params)?.[1] : undefined;
  const organiserEmail = organiser?.value.replace(/^mailto:/i, '');
  return {
    title: icsText(fields.get('SUMMARY')?.value),
    start: icsDate(fields.get('DTSTART')?.value),
    end: icsDate(fields.get('DTEND')?.value),
    location: icsText(fields.get('LOCATION')?.value),
    organiser: organiser
      ? organiserName
        ? `${organiserName} <${organiserEmail}>`
        : (organiserEmail ?? null)
      : null,
  };
}

export function calendarInviteText(summary: CalendarInviteSummary): string {
  const when = summary.start
    ? summary.end
      ? formatSlot(summary.start.toISOString(), summary.end.toISOString())
      : formatDateTime(summary.start)
    : null;
  return [summary.title, when, summary.location].filter(Boolean).join(' · ');
}
