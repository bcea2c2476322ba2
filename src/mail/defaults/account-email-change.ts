// Default template: the link that confirms a member's new email address, sent to the new address.
export const subject = 'Confirm your new Followspot email address';

export const body = `Hello {{ recipient.firstName }},

You asked to use {{ emailChange.newEmail }} for your Followspot account with {{ organisation.name }}.

[Confirm this address]({{ emailChange.link }})

The link works once and expires in {{ emailChange.expiresIn }}. Until you confirm, you sign in with your old address.

If you didn't ask for this, ignore this email: nothing changes.

Followspot for {{ organisation.name }}
`;
