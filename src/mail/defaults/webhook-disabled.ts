// Default template: a webhook endpoint was turned off after failing for too long.
export const subject = 'Webhook turned off: {{ webhook.url }}';

export const body = `Hi {{ recipient.firstName }},

Followspot has turned off the webhook endpoint **{{ webhook.url }}** because every delivery to it has failed since {{ webhook.failingSince }}.

The last error was: {{ webhook.lastError }}

Events are no longer sent to it. When the receiver works again, turn the endpoint back on in Settings → Webhooks and use "Send again" on the deliveries that failed.

[Open the webhook settings]({{ webhook.settingsUrl }})

Thank you,
Followspot for {{ organisation.name }}
`;
