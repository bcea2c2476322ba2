// Vague feedback: phrases that give a decision without a reason the candidate can act on.

import type { CorpusExample } from './types.ts';

export const vague: CorpusExample[] = [
  {
    id: 'vague-01-classic-brush-off',
    text: `Dear Sophie,

Thank you for your interest but we've decided to go with someone else. We'll keep your CV on file.

Kind regards,
The Technical Team`,
    labels: {
      pass: false,
      kinds: ['vague', 'missing-strength', 'missing-development-area', 'missing-action', 'length'],
    },
    note: 'The FAQ’s example of a brief rejection that wastes the relationship.',
  },
  {
    id: 'vague-02-right-fit-after-specifics',
    text: `Dear Liam,

Thank you for interviewing for the AV Technician role. Your fault-finding on the practical was methodical and you found the faulty DI quickly. Your cable management was also tidy.

You were less confident on the lighting desk and weren't sure how to patch the LED pars. ABTT Bronze would be a good place to start.

Ultimately, though, we felt you weren't quite the right fit for the team on this occasion.

Best wishes,
Karen`,
    context: { interviewerNames: ['Karen Webb'], candidateName: 'Liam Kerr' },
    labels: { pass: false, kinds: ['vague'] },
    note: 'Specific feedback undone by "not quite the right fit" as the stated reason.',
  },
  {
    id: 'vague-03-different-direction',
    text: `Hi Priyanka,

Many thanks for coming in to see us at the Maltings. After a lot of discussion the panel have decided to go in a different direction with this role.

You clearly know your way around a Yamaha CL console and your monitor mixes were solid. We'd have liked to see more confidence with RF coordination, and Shure's wireless workshop would help there.

All the best,
Dom`,
    context: { interviewerNames: ['Dominic Fry'], candidateName: 'Priyanka Sen' },
    labels: { pass: false, kinds: ['vague'] },
    note: 'Reason hidden behind "a different direction".',
  },
  {
    id: 'vague-04-others-stronger',
    text: `Dear Ben,

Thank you for your application for the Senior Sound Technician role and for attending the interview last week. Your knowledge of line array tuning was impressive and your Smaart measurements were very well explained.

Unfortunately other candidates were stronger on the day, so we won't be taking your application further.

We wish you the best of luck with your job search.

Regards,
Neil`,
    context: { interviewerNames: ['Neil Barker'], candidateName: 'Ben Ashworth' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area', 'missing-action'] },
    note: 'Comparison with nothing specific; no development area; no next step.',
  },
  {
    id: 'vague-05-not-what-we-are-looking-for',
    text: `Dear Mr Evans,

Thank you for attending an interview for the position of Audio Visual Technician. Having carefully considered all candidates, we feel that your experience is not quite what we are looking for at this time.

We appreciate the time and effort you put into your application and wish you every success in your future career.

Yours sincerely,
HR Department`,
    labels: {
      pass: false,
      kinds: ['vague', 'missing-strength', 'missing-development-area', 'missing-action'],
    },
    note: 'A formal HR rejection with nothing the candidate can use.',
  },
  {
    id: 'vague-05b-tick-boxes',
    text: `Hi Rory,

Thanks for taking the time to come in for the LX Technician role. Your rigging and focusing of the profiles was neat and safe, and you knew the Eos well.

On the day you just didn't quite tick all the boxes for us, so we won't be progressing your application.

Cheers,
Mel`,
    context: { interviewerNames: ['Mel Dawson'], candidateName: 'Rory Quinn' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area', 'missing-action', 'length'] },
    note: 'Which boxes? Strength only; no development area.',
  },
  {
    id: 'vague-06-lacked-experience',
    text: `Dear Hollie,

Thank you for interviewing for the AV Technician role at the Guildhall. You were friendly and professional throughout, and your explanation of how you'd set up a hybrid meeting room was clear.

However, we felt you lacked the experience we need for this role, so we won't be offering it to you. We'd encourage you to apply again in future.

Best wishes,
Stuart`,
    context: { interviewerNames: ['Stuart Neville'], candidateName: 'Hollie Moss' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area'] },
    note: '"Lacked the experience" without saying which. The explained hybrid set-up is a thin but real strength; "apply again" is a (weak) next step.',
  },
  {
    id: 'vague-07-strong-field',
    text: `Hi Adam,

Thanks for interviewing with us. We had a very strong field for this role and have gone with another candidate.

We really enjoyed meeting you and we'll be sure to keep you in mind for anything else that comes up.

All the best,
Tash`,
    labels: {
      pass: false,
      kinds: ['vague', 'missing-strength', 'missing-development-area', 'missing-action', 'length'],
    },
    note: 'All courtesy, no content.',
  },
  {
    id: 'vague-08-didnt-stand-out',
    text: `Dear Oscar,

Thank you for interviewing for Technician (Sound and Video). You set up the vision mixer for the practical well and your camera framing was good.

Your answers on Dante networking didn't quite stand out compared with others, and overall you just didn't stand out enough for us to offer you the role. We'd suggest Dante Level 1 as a start.

Best,
Kate`,
    context: { interviewerNames: ['Kate Summers'], candidateName: 'Oscar Reed' },
    labels: { pass: false, kinds: ['vague'] },
    note: 'The first "didn’t stand out" names Dante (specific enough), the second is the vague one.',
  },
  {
    id: 'vague-09-gut-feeling',
    text: `Dear Ruby,

Thank you for coming to meet the team. You talked us through your time at the Roundhouse clearly, and your approach to the changeover exercise was organised: you'd labelled every multicore and the stage box patch was quick.

We thought long and hard, but in the end it came down to a gut feeling and the chemistry just didn't click with the panel. Dante Level 2 and more time on a digital console would strengthen any future application.

Kind regards,
Philip`,
    context: { interviewerNames: ['Philip Ward'], candidateName: 'Ruby Lane' },
    labels: { pass: false, kinds: ['vague'] },
    note: 'A gut feeling is not a reason; the development area is implied by the next step ("more time on a digital console").',
  },
  {
    id: 'vague-10-better-fit',
    text: `Dear Hassan,

Thank you for interviewing for the AV Technician role at the Exhibition Centre. Your PA work was excellent — you flew the array safely and time-aligned the delays on the balcony by ear and then confirmed them with a measurement.

In the end we appointed someone who was a better fit for the team, so we won't be offering you the role. If you want to strengthen a future application, the CTS would round out your video knowledge.

Regards,
Gemma`,
    context: { interviewerNames: ['Gemma Hurst'], candidateName: 'Hassan Malik' },
    labels: { pass: false, kinds: ['vague'] },
    note: '"A better fit" as the reason; the CTS suggestion implies video is the development area.',
  },
  {
    id: 'vague-11-not-enough-experience-unsuitable',
    text: `Dear Sarah,

Thank you for attending an interview for the AV Technician role. We're sorry to let you know your application has been unsuccessful.

You did not have enough experience for the role and the panel felt your profile was unsuitable for a busy venue like ours.

Regards,
Recruitment`,
    labels: {
      pass: false,
      kinds: ['vague', 'missing-strength', 'missing-development-area', 'missing-action', 'length'],
    },
    note: 'Unspecified experience, "unsuitable", nothing else.',
  },
  {
    id: 'vague-12-something-missing',
    text: `Hi Toby,

Thanks for coming in for the Lighting Technician interview. You focused the rig for the practical quickly and your Eos programming was neat. Your knowledge of DMX was good too.

Something was missing for us, and on balance we decided not to offer you the role. Please do keep an eye on our vacancies page and apply again.

Thanks,
Emma`,
    context: { interviewerNames: ['Emma Doyle'], candidateName: 'Toby Marsh' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area'] },
    note: '"Something was missing" with no development area.',
  },
];
