// Default template: confirms a candidate's new email address, sent to that address only.
export const subject = 'Please confirm your new email address for {{ organisation.name }}';

export const body = `Hello,

Someone asked {{ organisation.name }} to use this address, instead of the one we have, for their applications and our talent network.

[Yes, use this email address]({{ emailChange.confirmUrl }})

Until you open the link we keep using the address we had. The link works once and expires on {{ emailChange.expiresOn }}. If this wasn't you, ignore this email: nothing changes.

The {{ organisation.name }} hiring team
`;
