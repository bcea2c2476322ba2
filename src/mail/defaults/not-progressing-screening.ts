// Default template: not progressing before an interview was scored, with the reason from the role's
// requirements, what would make a future application strong, and the talent network.
export const subject = 'Your application for {{ role.title }}';

export const body = `Dear {{ candidate.firstName }},

Thank you for {% if screening.interviewed %}interviewing{% else %}applying{% endif %} for **{{ role.title }}** at {{ venue.name }}, and for the time you gave it. I'm sorry to tell you that we won't be taking your application further this time, and I want you to know why.

{% for reason in screening.reasons -%}
- {{ reason.text }}
{% endfor %}
{% if screening.note != "" %}{{ screening.note }}

{% endif %}## What would make a future application strong
{% for step in screening.nextSteps -%}
- **{{ step.criterion }}:** {{ step.step }}
{% endfor %}
We would like to stay in touch. On your personal page you can join our talent network, and we will tell you when a role that suits your experience opens.

See your options: [your personal page]({{ portalUrl }})

With best wishes,
{{ manager.name }}
{{ organisation.name }}
`;
