// Default template: the hiring manager's daily digest.
export const subject =
  'Your hiring day: {{ digest.counts.dueToday }} due today, {{ digest.counts.overdue }} overdue';

export const body = `Hi {{ recipient.firstName }},

Here's where your candidates stand on {{ digest.date }}.

- **Awaiting your decision:** {{ digest.counts.awaitingDecision }}
- **Decisions due today:** {{ digest.counts.dueToday }}
- **Overdue:** {{ digest.counts.overdue }}
- **Scorecards missing:** {{ digest.counts.scorecardsMissing }}

{% if digest.items.size > 0 -%}
## Needs your attention
{% for item in digest.items -%}
- **{{ item.candidate }}**, {{ item.role }}: {{ item.status }}, due {{ item.dueOn }} ([open]({{ item.url }}))
{% endfor %}
{%- else -%}
Nothing needs your attention today.
{%- endif %}

[Open Followspot]({{ digest.url }})

Followspot for {{ organisation.name }}
`;
