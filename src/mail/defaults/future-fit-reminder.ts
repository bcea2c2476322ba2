// Default template: the day a manager asked to get back in touch with a future-fit candidate.
export const subject = 'Time to get back in touch: {{ futureFit.candidate }}';

export const body = `Hi {{ recipient.firstName }},

You marked **{{ futureFit.candidate }}** as a future fit for {{ futureFit.forRole }} after {{ futureFit.after }}, and asked to be reminded today.

They're in the re-engage queue on the Network page. If they're still in the talent network, you can match them to an open role and send it to them.

[Open the re-engage queue]({{ futureFit.url }})

Thank you,
Followspot for {{ organisation.name }}
`;
