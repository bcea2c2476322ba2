// Leaks: the interviewers' private notes copied into the text, or one interviewer named as the
// source of a view. With the near misses that must pass: a paraphrase, a signature, a name that is
// also a word, a candidate who shares an interviewer's first name.

import type { CorpusExample } from './types.ts';

const notes = {
  nervous:
    'Very nervous at the start, hands shaking on the practical. Fault-finding fine once settled. Not sure she would cope with a Saturday changeover on her own.',
  salary:
    'Wants £34k, above our band. Dante knowledge patchy, would need a lot of supervision on the main rig.',
  rf: 'Strong on RF but talked over Priya twice. Reference from the Apollo was lukewarm.',
};

export const leaky: CorpusExample[] = [
  {
    id: 'leak-01-copied-note',
    text: `Dear Ellen,

Thank you for interviewing for AV Technician. Your fault-finding on the practical was methodical once you were under way and you found the muted bus quickly.

To be honest, the panel was not sure she would cope with a Saturday changeover on her own, and that counted against you. You were also less confident with Dante routing; Dante Level 1 online would be a good start.

Best wishes,
Rachel`,
    context: {
      privateNotes: [notes.nervous],
      interviewerNames: ['Rachel Green', 'Omar Aziz'],
      candidateName: 'Ellen Brooks',
    },
    labels: { pass: false, kinds: ['private-note-leak'] },
    note: 'A sentence of a private note pasted in, third person and all. Signed by an interviewer (not a leak).',
  },
  {
    id: 'leak-02-paraphrase-passes',
    text: `Dear Ellen,

Thank you for interviewing for AV Technician. Once you had settled into the practical your fault-finding was methodical, and you found the muted bus quickly.

The area to develop is running a changeover on your own: you waited for direction at each step of the set change. Volunteering to lead the changeovers at your current venue would build that confidence, as would Dante Level 1 for the routing questions you weren't sure of.

Best wishes,
Rachel`,
    context: {
      privateNotes: [notes.nervous],
      interviewerNames: ['Rachel Green', 'Omar Aziz'],
      candidateName: 'Ellen Brooks',
    },
    labels: { pass: true, kinds: [] },
    note: 'The same observations rewritten as evidence against criteria: shares only short phrases with the note.',
  },
  {
    id: 'leak-03-salary-note',
    text: `Hi Marcus,

Thanks for interviewing for the Sound Technician role. Your mixing on the band practical was excellent and your gain structure was clean.

Your Dante knowledge was patchy and you would need a lot of supervision on the main rig, so we can't offer you the role this time. Dante Level 2 would close that gap, and we'd be happy to see you apply again.

Cheers,
Nadia`,
    context: {
      privateNotes: [notes.salary],
      interviewerNames: ['Nadia Khan', 'Tom Briggs'],
      candidateName: 'Marcus Lee',
    },
    labels: { pass: false, kinds: ['private-note-leak'] },
    note: 'Seven words in a row from the private note ("would need a lot of supervision on the main rig").',
  },
  {
    id: 'leak-04-first-name',
    text: `Dear Jack,

Thank you for interviewing for Sound Technician at the Apollo. Your RF coordination was excellent: you scanned the room, built a clean plan for sixteen channels and explained your choices.

Priya felt you were less confident on Dante clocking, and you weren't able to say which device was clock leader. Dante Level 2 would cover exactly this; please apply again once you have it.

Best wishes,
Tom Briggs`,
    context: {
      privateNotes: [notes.rf],
      interviewerNames: ['Priya Shah', 'Tom Briggs'],
      candidateName: 'Jack Turner',
    },
    labels: { pass: false, kinds: ['interviewer-name'] },
    note: 'Attributes a view to one interviewer by first name. The signature (also an interviewer) is fine.',
  },
  {
    id: 'leak-05-full-name-in-body',
    text: `Dear Aisha,

Thank you for interviewing for the Lighting Technician role. Gareth Lloyd, our head of lighting, was impressed with your Eos programming: your cue stack was tidy and your timing changes were quick.

You were less sure of DMX fault-finding and didn't check the terminator when the battens flickered. An afternoon with a DMX tester and the ETC online session on DMX would help.

Best regards,
Siobhan`,
    context: { interviewerNames: ['Gareth Lloyd', 'Siobhan Kelly'], candidateName: 'Aisha Begum' },
    labels: { pass: false, kinds: ['interviewer-name'] },
    note: 'Praise attributed to a named interviewer. Still a finding: give the panel’s view.',
  },
  {
    id: 'leak-06-signed-by-interviewer',
    text: `Dear Leon,

Thank you for interviewing for the AV Technician role. Your projection set-up was quick and your edge-blend on the two projectors was precise. You also explained the throw distance calculation clearly.

Where you were less confident was networking: you weren't sure why the Dante devices were on different subnets. CompTIA Network+ or Dante Level 1 would be a good next step, and we'd welcome another application.

Kind regards,
Gareth Lloyd
Head of Technical`,
    context: { interviewerNames: ['Gareth Lloyd', 'Siobhan Kelly'], candidateName: 'Leon Ward' },
    labels: { pass: true, kinds: [] },
    note: 'An interviewer who signs the email is not leaking anything.',
  },
  {
    id: 'leak-07-name-is-a-word',
    text: `Dear Ava,

Thank you for interviewing for the AV Technician role. Your fault-finding was methodical: you will have noticed we planted two faults, and you found both, the second by checking the sample rate.

Where you'll need to develop is rigging. You weren't sure of the safe working load on the clamp, and the ABTT Bronze Award will give you the basics. We will be recruiting again in spring and would welcome an application.

Best wishes,
Will Hart`,
    context: { interviewerNames: ['Will Hart', 'Pat Mooney'], candidateName: 'Ava Singh' },
    labels: { pass: true, kinds: [] },
    note: '"will" and the interviewer "Will Hart": only the full name or a capitalised, non-word first name counts.',
  },
  {
    id: 'leak-08-title-and-surname',
    text: `Dear Mr Baker,

Thank you for attending the interview for Senior AV Technician. Your Q-SYS design was excellent, and your documentation of the control logic was clear.

Ms Shah noted that you were less confident with client communication in the role-play: you agreed to a change of brief without checking the budget. Running client meetings at your current venue would be a good way to develop this.

Yours sincerely,
Daniel Webb`,
    context: { interviewerNames: ['Priya Shah', 'Daniel Webb'], candidateName: 'Ian Baker' },
    labels: { pass: false, kinds: ['interviewer-name'] },
    note: 'A title and surname names the interviewer just as well.',
  },
  {
    id: 'leak-09-shared-first-name',
    text: `Dear Jordan,

Thank you for interviewing for the Events Technician role. Your set-up of the breakout rooms was quick and your cable management was excellent.

The area to develop is video: you weren't sure how to route the presenter's laptop to both the main screen and the confidence monitor. The Extron online courses on video switching would help; please do apply again.

Best wishes,
The Events Technical Team`,
    context: { interviewerNames: ['Jordan Reid', 'Amy Lowe'], candidateName: 'Jordan Fisher' },
    labels: { pass: true, kinds: [] },
    note: 'The candidate and an interviewer are both Jordan: the greeting is the candidate’s name, not a leak.',
  },
  {
    id: 'leak-10-both',
    text: `Dear Femi,

Thank you for your interview. Your RF work was strong and your frequency plan was clean.

Omar thought you talked over Priya twice, and the reference from the Apollo was lukewarm. Dante networking was the other gap; Dante Level 1 would help.

Best,
Rachel`,
    context: {
      privateNotes: [notes.rf],
      interviewerNames: ['Rachel Green', 'Omar Aziz', 'Priya Shah'],
      candidateName: 'Femi Ade',
    },
    labels: { pass: false, kinds: ['private-note-leak', 'interviewer-name', 'length'] },
    note: 'Names two interviewers and repeats the note about the reference.',
  },
  {
    id: 'leak-11-short-overlap-passes',
    text: `Dear Nia,

Thank you for interviewing for Sound Technician. You were strong on RF: your frequency plan for the IEMs was the cleanest we saw, with sensible guard bands.

The area to develop is Dante: you weren't sure how to check which device was the clock leader. Dante Level 2 covers this, and we'd welcome another application once you've done it.

Best wishes,
Rachel`,
    context: { privateNotes: [notes.rf], interviewerNames: ['Rachel Green'], candidateName: 'Nia Roberts' },
    labels: { pass: true, kinds: [] },
    note: 'Shares "strong on RF" with a private note: three words is the panel’s own finding, not a leak.',
  },
];
