// Default template: a fresh personal link, sent when a candidate asks for one.
export const subject = 'Your link to {{ organisation.name }}';

export const body = `Dear {{ candidate.firstName }},

You asked for a fresh link to your page with {{ organisation.name }}. There you can see the outcome of your applications, read your feedback, join our talent network, and download or delete your data.

[Open your page]({{ portalUrl }})

The link is personal to you: please don't share it. It works for 90 days.

If you didn't ask for this, you can ignore this email.

The {{ organisation.name }} hiring team
`;
