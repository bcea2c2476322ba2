// Default template: the link a member asked for on the sign-in page ("Forgot password?").
export const subject = 'Reset your Followspot password';

export const body = `Hello {{ recipient.firstName }},

Someone (we hope you) asked to reset the password of your Followspot account for {{ organisation.name }}.

[Choose a new password]({{ reset.link }})

The link works once and expires in {{ reset.expiresIn }}. Choosing a new password signs you out everywhere else.

If you didn't ask for this, you can ignore this email: your password stays as it is.

Followspot for {{ organisation.name }}
`;
