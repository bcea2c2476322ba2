// Default template: tells the previous address that a candidate's email was changed (a security
// notice, sent to the old address once the new one confirmed), so a hijacked record is noticed.
export const subject = 'Your email address for {{ organisation.name }} was changed';

export const body = `Hello,

The email address on your record with {{ organisation.name }} was changed to {{ emailChanged.newAddress }} on {{ emailChanged.changedAt }}. From now on we write to that address about your applications and our talent network, not to this one.

If this was you, there is nothing more to do.

If this wasn't you, reply to this email or contact the {{ organisation.name }} hiring team straight away: we will put this address back and check your record. Nobody can read your applications from this email alone.

The {{ organisation.name }} hiring team
`;
