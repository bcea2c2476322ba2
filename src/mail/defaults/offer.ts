// Default template: an offer of the role.
export const subject = 'Offer: {{ role.title }} at {{ venue.name }}';

export const body = `Dear {{ candidate.firstName }},

Thank you for the time and care you put into your interviews for **{{ role.title }}** at {{ venue.name }}. I'm delighted to tell you that we would like to offer you the role.

- **Start date:** {{ offer.startDate }}
- **Salary:** {{ offer.salary }}
- **Please let us know by:** {{ offer.respondBy }}

{{ offer.details }}

If you have any questions about the offer, or would like to talk anything through, just reply to this email and it will come straight to me.

We're really looking forward to working with you.

See your feedback and options: [your personal page]({{ portalUrl }})

Best wishes,
{{ manager.name }}
{{ organisation.name }}
`;
