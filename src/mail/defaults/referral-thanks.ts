// Default template: thanks for referring a colleague.
export const subject = 'Thank you for recommending {{ referral.name }}';

export const body = `Dear {{ candidate.firstName }},

Thank you for recommending {{ referral.name }} to us. Good technicians tend to know other good technicians, and a personal recommendation means a great deal to us.

We'll get in touch with {{ referral.name }} directly about roles that suit them.

See your feedback and options: [your personal page]({{ portalUrl }})

With thanks,
The {{ organisation.name }} hiring team
`;
