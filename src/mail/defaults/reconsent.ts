// Default template: asking again before the talent-network consent expires.
export const subject = 'Would you like to stay in the {{ organisation.name }} talent network?';

export const body = `Dear {{ candidate.firstName }},

You joined the {{ organisation.name }} talent network, and your agreement for us to keep your details runs out on **{{ consent.expiresOn }}**.

If you'd like to keep hearing about roles with us, please confirm:

[Yes, keep me in the network]({{ consent.renewUrl }})

If we don't hear from you, we'll delete your personal details on {{ consent.expiresOn }}. There's nothing else you need to do, and you're always welcome to apply for future roles.

See your feedback and options: [your personal page]({{ portalUrl }})

Best wishes,
The {{ organisation.name }} hiring team
`;
