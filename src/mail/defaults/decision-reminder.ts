// Default template: a decision is due soon.
export const subject = 'Decision due {{ decision.dueOn }}: {{ candidate.name }} for {{ role.title }}';

export const body = `Hi {{ recipient.firstName }},

The decision for **{{ candidate.name }}** ({{ role.title }}, {{ venue.name }}) is due by **{{ decision.dueOn }}**: {{ decision.timeLeft }} from now.

If you can't decide in time, send {{ candidate.firstName }} a holding update with a new date, so they're never left without news.

[Open the application]({{ decision.url }})

Thank you,
Followspot for {{ organisation.name }}
`;
