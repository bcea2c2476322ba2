// Default template: an interviewer's scorecard is missing.
export const subject = 'Scorecard needed: {{ candidate.name }} for {{ role.title }}';

export const body = `Hi {{ recipient.firstName }},

You interviewed **{{ candidate.name }}** for {{ role.title }} at {{ venue.name }} on {{ interview.date }}, and your scorecard isn't in yet.

The decision clock is running and {{ candidate.firstName }} is waiting to hear from us. It only takes a few minutes while the interview is fresh in your mind.

[Fill in the scorecard]({{ scorecard.url }})

Thank you,
Followspot for {{ organisation.name }}
`;
