// Default template: an invitation to join the talent network (the candidate's choice).
export const subject = 'Stay in touch with {{ organisation.name }}';

export const body = `Dear {{ candidate.firstName }},

Thank you again for your interest in **{{ role.title }}**. We were impressed by what you would bring to a technical team, and we'd like to keep in touch.

Our talent network is how people hear first about new roles across our venues. If you join, we'll keep your details and interview notes for {{ network.consentMonths }} months, contact you only about roles that suit you, and ask you before that time is up whether you'd like to stay.

[Join the talent network]({{ network.joinUrl }})

Joining is entirely your choice, and you can leave at any time using the link at the bottom of any of our emails.

See your feedback and options: [your personal page]({{ portalUrl }})

Best wishes,
{{ manager.name }}
{{ organisation.name }}
`;
