// Default template: the decision will take longer; a new date, never silence.
export const subject = 'An update on your application for {{ role.title }}';

export const body = `Dear {{ candidate.firstName }},

I said we would have a decision about **{{ role.title }}** at {{ venue.name }} by now, and I don't want to leave you waiting without news. We need a little longer: {{ update.reason }}

You will hear from us by **{{ update.newDate }}** at the latest, and sooner if we can.

Thank you for your patience. If anything changes on your side in the meantime, just reply to this email.

See your feedback and options: [your personal page]({{ portalUrl }})

Best wishes,
{{ manager.name }}
{{ organisation.name }}
`;
