// Calendar invitations (for example a feedback call) sent with an email, as iCalendar METHOD:REQUEST.
import { createEvent } from 'ics';
import { singleLine } from './escape.ts';

export interface CalendarInvite {
  /** Stable across updates of the same event, e.g. `feedback-call:<application id>`. */
  uid: string;
  title: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  start: Date;
  end: Date;
  organiser: { name: string; email: string };
  attendee: { name: string; email: string };
}

const toUtc = (d: Date) => d.getTime();

/** The iCalendar text of an invitation; names are one line, and ics escapes the text fields. */
export function buildCalendarInvite(invite: CalendarInvite): string {
  if (!(invite.end.getTime() > invite.start.getTime())) {
    throw new RangeError('A calendar invitation must end after it starts');
  }
  const { error, value } = createEvent({
    uid: singleLine(invite.uid, 200),
    method: 'REQUEST',
    productId: 'followspot',
    title: singleLine(invite.title, 200),
    ...(invite.description !== undefined && { description: invite.description }),
    ...(invite.location !== undefined && { location: singleLine(invite.location, 200) }),
    ...(invite.url !== undefined && { url: invite.url }),
    start: toUtc(invite.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: toUtc(invite.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: 'CONFIRMED',
    organizer: {
      name: singleLine(invite.organiser.name, 120).replace(/"/g, "'"),
      email: invite.organiser.email,
    },
    attendees: [
      {
        name: singleLine(invite.attendee.name, 120).replace(/"/g, "'"),
        email: invite.attendee.email,
        rsvp: true,
        partstat: 'NEEDS-ACTION',
        role: 'REQ-PARTICIPANT',
      },
    ],
  });
  if (error || !value) throw error ?? new Error('The calendar invitation could not be made');
  return value;
}
