// Default template: a new role for someone in the talent network.
export const subject = 'A new role you might like: {{ opportunity.title }}';

export const body = `Dear {{ candidate.firstName }},

You're in the {{ organisation.name }} talent network, so you're hearing about this role before we advertise it widely.

**{{ opportunity.title }}** at {{ opportunity.venue }}

{{ opportunity.summary }}

Applications close on {{ opportunity.closingDate }}.

[See the role and apply]({{ opportunity.url }})

If now isn't the right time, there's no need to reply: we'll keep you posted about future roles.

See your feedback and options: [your personal page]({{ portalUrl }})

Best wishes,
The {{ organisation.name }} hiring team
`;
