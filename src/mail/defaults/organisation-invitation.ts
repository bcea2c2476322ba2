// Default template: an invitation to join the organisation in Followspot.
export const subject = '{{ inviter.name }} invited you to join {{ organisation.name }} on Followspot';

export const body = `Hello,

{{ inviter.name }} has invited you to join **{{ organisation.name }}** on Followspot as {{ invitation.role }}. Followspot is where the hiring team records interviews, makes decisions and makes sure every candidate hears back on time.

[Accept the invitation]({{ invitation.link }})

The link works once and expires on {{ invitation.expiresOn }}. If you weren't expecting this invitation, you can safely ignore this email.

Followspot for {{ organisation.name }}
`;
