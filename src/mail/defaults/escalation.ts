// Default template: a decision is overdue; sent to the organisation's admins.
export const subject = 'Overdue decision: {{ candidate.name }} for {{ role.title }}';

export const body = `Hi {{ recipient.firstName }},

The decision for **{{ candidate.name }}** ({{ role.title }}, {{ venue.name }}) was due on **{{ decision.dueOn }}** and is now {{ decision.overdueBy }} late. The hiring manager is {{ manager.name }}.

{{ candidate.firstName }} hasn't been told the outcome yet. Please check in with {{ manager.name }} today, or make sure {{ candidate.firstName }} gets a holding update with a new date.

[Open the application]({{ decision.url }})

Followspot for {{ organisation.name }}
`;
