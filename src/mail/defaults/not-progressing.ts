// Default template: not progressing, with the checked feedback.
export const subject = 'Your application for {{ role.title }}';

export const body = `Dear {{ candidate.firstName }},

Thank you for interviewing for **{{ role.title }}** at {{ venue.name }}. I'm sorry to tell you that we won't be offering you the role this time. I know that isn't the news you were hoping for, so I want to give you honest, specific feedback that you can use.

## What went well
{% for strength in feedback.strengths -%}
- **{{ strength.criterion }}:** {{ strength.evidence }}
{% endfor %}
## Where to develop next
{% for area in feedback.developmentAreas -%}
- **{{ area.criterion }}:** {{ area.evidence }} A good next step: {{ area.training }}
{% endfor %}
{{ feedback.encouragement }}

If you'd like to talk any of this through, reply to this email and I'll arrange a short call.

**Stay in touch:** join our talent network and hear about roles that suit you directly. When one opens at our venues, we can email you about it and say why we thought of you. It's your choice: you pick the kinds of work you'd like on [your personal page]({{ portalUrl }}#h-network), and you can leave at any time.

See your feedback and options: [your personal page]({{ portalUrl }})

With best wishes,
{{ manager.name }}
{{ organisation.name }}
`;
