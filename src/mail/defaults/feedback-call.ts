// Default template: the hiring manager's invitation to the feedback call the candidate asked for.
export const subject = 'Your feedback call about {{ role.title }}: {{ call.when }}';

export const body = `Dear {{ candidate.firstName }},

Thank you for asking to talk through your feedback for **{{ role.title }}** at {{ venue.name }}. I'd be glad to.

**When:** {{ call.when }}
**Where:** {{ call.location }}

{{ call.message }}

A calendar invitation is attached. If the time doesn't suit you, just reply and we'll find another.

See your feedback and options: [your personal page]({{ portalUrl }})

Best wishes,
{{ manager.name }}
{{ organisation.name }}
`;
