// Default template: the notice to a member's old address once a new one is confirmed.
export const subject = 'Your Followspot email address was changed';

export const body = `Hello {{ recipient.firstName }},

The email address of your Followspot account with {{ organisation.name }} was changed to {{ emailChange.newEmail }} on {{ emailChange.changedAt }}. You now sign in with the new address; this one gets no more Followspot email.

If you didn't make this change, tell an admin of {{ organisation.name }} straight away: they can put your old address back and end your sessions.

Followspot for {{ organisation.name }}
`;
