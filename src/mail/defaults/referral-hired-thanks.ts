// Default template: thanks when a colleague the candidate recommended joins the team.
export const subject = 'Thank you: {{ referral.name }} is joining us';

export const body = `Dear {{ candidate.firstName }},

{{ referral.name }}, whom you recommended, is joining our team. Thank you: a recommendation from someone who knows the work is the best introduction we get.

If you know someone else who would enjoy working with us, your personal page has your link to share.

See your page: [your personal page]({{ portalUrl }})

With thanks,
The {{ organisation.name }} hiring team
`;
