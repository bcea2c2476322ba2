// Default template: the candidate-experience survey.
export const subject = 'How did we do? Two minutes on your experience with {{ organisation.name }}';

export const body = `Dear {{ candidate.firstName }},

Whatever the outcome, we want everyone who applies to us to have a fair, clear and respectful experience. Would you tell us how we did with your application for **{{ role.title }}**?

[Rate your experience]({{ survey.url }})

It takes about two minutes, it's optional, and your answers help us improve the way we hire.

See your feedback and options: [your personal page]({{ portalUrl }})

Thank you,
The {{ organisation.name }} hiring team
`;
