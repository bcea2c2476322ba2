// How an email's status reads, apart from the templates so badges stay light on every page.
import type { MessageStatus } from '../api/types';

/** Short labels, for chips and badges. */
export const messageStatusShortLabels: Record<MessageStatus, string> = {
  held: 'Held',
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const messageStatusColours: Record<MessageStatus, string> = {
  held: 'yellow',
  queued: 'blue',
  sending: 'cyan',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

/** What a status means, in a sentence. */
export const messageStatusHints: Record<MessageStatus, string> = {
  held: 'Not sent: email sending is not set up yet. It goes out once an admin sets it up.',
  queued: 'Waiting for its time to go out.',
  sending: 'Being handed to the mail server right now.',
  sent: 'Accepted by the mail server for delivery.',
  failed: 'The mail server refused it, or could not be reached after several tries.',
  cancelled: 'Stopped before it was sent: it will never go out.',
};
