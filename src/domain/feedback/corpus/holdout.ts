// Held-out examples (third round): written after the check was tuned on the first two rounds and
// never used to tune it. bench/feedback-corpus.ts reports them separately, as the honest estimate of
// how the check does on new text, misses included. Do not tune the check against these: when they
// have taught what they can, move them into the development corpus and write a new held-out round.

import type { CorpusExample } from './types.ts';

export const holdout: CorpusExample[] = [
  {
    id: 'holdout-good-01-arena-video',
    text: `Hi Jess,

Thanks for coming to the arena for the Video Technician trial shift. We're not offering you the role this time, but here's what the team saw.

Your LED work was excellent. You found the dead module on the upstage screen from the processor's map, swapped it during the changeover and had the wall re-calibrated before doors. The camera racks were also tidy and well labelled.

The area to develop is comms discipline on a busy show. Twice you spoke over the director's count into a camera move, which on a live IMAG feed can cost a shot. Ask to sit next to the director at your current venue for a few shows and listen to how the calls are structured.

Give us a shout when we advertise again.

Lee`,
    context: { interviewerNames: ['Lee Archer', 'Sophie Bates'], candidateName: 'Jess Harper' },
    labels: { pass: true, kinds: [] },
    note: 'Informal arena feedback signed with a bare first name.',
  },
  {
    id: 'holdout-good-02-theatre-brass',
    text: `Dear Aled,

Thank you for interviewing for the Sound Technician role at the Grand. Your mic'ing of the brass section for the practical was excellent: you chose the right mics, kept them off the bells and had a clean balance within a few minutes.

Where you were less assured was system EQ. You reached for the graphic on the main hang to fix what was really a gain-before-feedback problem on the lectern, and it left the PA sounding thin for the rest of the session. Learning to measure the system first — the Smaart Operation course is the usual route — would make a real difference.

We'd be glad to see you apply again.

Best wishes,
Ffion`,
    context: { interviewerNames: ['Ffion Rees', 'Huw Jenkins'], candidateName: 'Aled Morgan' },
    labels: { pass: true, kinds: [] },
    note: 'Theatre sound; "feedback" here is audio feedback.',
  },
  {
    id: 'holdout-good-03-hotel-client',
    text: `Dear Sophia,

Thank you for interviewing for the AV Technician role at the Balmoral. You were excellent with the client in the role-play: you listened, confirmed the running order back to the organiser and set clear expectations about what could change on the day.

The area to develop is lighting. You weren't sure how to build a simple colour state for the ballroom uplighters on the desk, and you didn't know how to check the DMX address on the units. ABTT Bronze gives a good grounding, and a few evenings with our banqueting team would help too.

Kind regards,
Hamish`,
    context: { interviewerNames: ['Hamish Reid'], candidateName: 'Sophia Lang' },
    labels: { pass: true, kinds: [] },
    note: 'Hotel banqueting; client communication strength.',
  },
  {
    id: 'holdout-good-04-old-school-desk',
    text: `Dear Nathan,

Thank you for interviewing for the Sound Technician post at the Playhouse. You handled our old-school analogue desk very well: your gain structure was clean and you routed the foldback through the auxes without a prompt.

The development area is digital consoles and networking. You weren't sure how to load a show file on the new desk or how it connects to the Dante stage boxes. The manufacturer's online training and Dante Level 1 would be a good next step, and we'd welcome an application next season.

Best wishes,
Maggie`,
    context: { interviewerNames: ['Maggie Stone'], candidateName: 'Nathan Lee' },
    labels: { pass: true, kinds: [] },
    note: '"Old-school" describes a desk.',
  },
  {
    id: 'holdout-good-05-black-box',
    text: `Dear Imran,

Thanks for interviewing for the Studio Technician role. Your rig for the Black Box studio was excellent: your plan fitted the grid, your cable runs were neat and your focus was accurate.

You were less sure of sound: you couldn't explain how to set up a delay speaker for the back row. A short course on sound system basics, or ABTT Bronze, would help, and we'd welcome an application next time.

Best,
Gail`,
    context: { interviewerNames: ['Gail Turner'], candidateName: 'Imran Shah' },
    labels: { pass: true, kinds: [] },
    note: 'A studio called the Black Box.',
  },
  {
    id: 'holdout-good-06-dante-family',
    text: `Dear Owen,

Thank you for interviewing for AV Technician. Your understanding of networked audio was excellent: you knew the Dante family of products well and set up the AVIO adaptors for the lectern mics without help.

Where you were less confident was video: you couldn't work out why the laptop showed on the confidence monitor but not on the projector. The Extron online course on EDID and HDCP would help, and we'd welcome your application in future.

Best regards,
Kim`,
    context: { interviewerNames: ['Kim Lowry'], candidateName: 'Owen Bell' },
    labels: { pass: true, kinds: [] },
    note: '"Family" of products.',
  },
  {
    id: 'holdout-good-07-wheelchair-positions',
    text: `Dear Rosie,

Thank you for interviewing for the Front of House Technician role. Your access knowledge was excellent: you spotted that the wheelchair positions in the stalls had no sightline to the caption screen and suggested moving it, and you tested the infrared system for the hearing-impaired patrons.

The area to develop is show relay: you weren't sure how to route the relay to the dressing rooms. A few shifts with our sound team would help, and we'd welcome an application next time.

Best wishes,
Neil`,
    context: { interviewerNames: ['Neil Barker'], candidateName: 'Rosie Flint' },
    labels: { pass: true, kinds: [] },
    note: 'Access provision for audiences.',
  },

  // ── should fail ──
  {
    id: 'holdout-vague-01-pipped',
    text: `Dear Harry,

Thank you for interviewing for the Lighting Technician role. Your Eos programming was quick and accurate, and your focus on the profiles was neat.

Unfortunately you were pipped at the post by a candidate with more relevant experience. We hope you'll apply again in future.

Best wishes,
Tina`,
    context: { interviewerNames: ['Tina Marsh'], candidateName: 'Harry Cole' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area', 'length'] },
    note: '"A candidate with more relevant experience": which experience?',
  },
  {
    id: 'holdout-vague-02-show-us-enough',
    text: `Dear Natalie,

Thanks for interviewing for the AV Technician role. Your cable management was neat and your PA set-up was safe.

We just felt that on the day you didn't quite show us enough to take you forward. Thanks again for your time.

Regards,
Jim`,
    context: { interviewerNames: ['Jim Pratt'], candidateName: 'Natalie Moss' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area', 'missing-action', 'length'] },
    note: '"Didn’t show us enough": of what?',
  },
  {
    id: 'holdout-protected-01-younger-crew',
    text: `Dear Keith,

Thank you for interviewing for the Stage Technician role. Your knowledge of the flying system was excellent and your safety checks were thorough.

We felt you might struggle to keep up with the pace of our younger crew on the get-outs. You were also less sure on sound; ABTT Bronze would help.

Best,
Liz`,
    context: { interviewerNames: ['Liz Carter'], candidateName: 'Keith Long' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Age by comparison with a "younger crew".',
  },
  {
    id: 'holdout-protected-02-faith-based',
    text: `Dear Daniel,

Thank you for interviewing for the Technician role. Your rigging was safe and your LOLER knowledge was excellent.

Some of the panel felt your faith-based objections to working on the burlesque show would be a problem. You were also less confident on video; the Extron online courses would help.

Kind regards,
Karen`,
    context: { interviewerNames: ['Karen Webb'], candidateName: 'Daniel Asante' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Religion or belief.',
  },
  {
    id: 'holdout-protected-03-single-mum',
    text: `Dear Leanne,

Thank you for interviewing for Events AV Technician. Your breakout room set-ups were quick and your client manner was excellent.

Given that you're a single mum, we weren't sure the late finishes would work for you. You were less confident with the vision mixer; the Blackmagic ATEM training would help.

Best wishes,
Paul`,
    context: { interviewerNames: ['Paul Gibb'], candidateName: 'Leanne Shaw' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Family status (a proxy for sex).',
  },
  {
    id: 'holdout-protected-04-role-model-lads',
    text: `Dear Matt,

Thank you for interviewing for the Senior Technician role. Your risk assessments were excellent and your rigging knowledge was thorough.

You'd have been a great role model for the younger lads on the crew, but your client communication wasn't at the level a senior role needs: you agreed to a power supply we can't provide. Leading advance calls at your current venue would help.

Best,
Rob`,
    context: { interviewerNames: ['Rob Dale'], candidateName: 'Matt Hinds' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: '"Younger lads": age and sex.',
  },
  {
    id: 'holdout-protected-05-interpreter',
    text: `Dear Ciaran,

Thank you for interviewing for the Lighting Technician role. Your programming on the Eos was excellent and your paperwork was thorough.

We felt that communicating through a BSL interpreter would slow down the calls on a busy show. You were also less confident with DMX fault-finding; a DMX tester and the ETC online session would help.

Best wishes,
Dawn`,
    context: { interviewerNames: ['Dawn Pike'], candidateName: 'Ciaran Boyle' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: 'Deafness, by way of the candidate’s interpreter.',
  },
  {
    id: 'holdout-protected-06-ivf',
    text: `Dear Hayley,

Thank you for interviewing for the Senior Sound Technician role. Your system design was excellent and your tuning was precise.

You mentioned you're going through IVF, and we felt the timing wasn't right for a role that leads the summer season. You were less confident on RF coordination; Shure's wireless training would help.

Best regards,
Alan`,
    context: { interviewerNames: ['Alan Rudd'], candidateName: 'Hayley Dunn' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Fertility treatment: pregnancy and sex.',
  },
  {
    id: 'holdout-protected-07-sabbath',
    text: `Dear Natan,

Thank you for interviewing for AV Technician. Your Q-SYS work was excellent: you found the muted zone in seconds.

As our conferences run on Saturdays, your observance of the Sabbath would be difficult for the rota. You were less confident on lighting; ABTT Bronze would help.

Best,
Clare`,
    context: { interviewerNames: ['Clare Dean'], candidateName: 'Natan Levi' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Religious observance.',
  },
  {
    id: 'holdout-leak-01-paraphrased-reference',
    text: `Dear Shannon,

Thank you for interviewing for the AV Technician role. Your vision mixing was clean and your camera shading was accurate.

Your last employer told us you were often late for calls, which concerned the panel. You were also less sure of audio; a conference audio course would help.

Best,
Marie`,
    context: {
      privateNotes: ['Ref from Conference House: often late for calls, had a written warning.'],
      interviewerNames: ['Marie Hooper'],
      candidateName: 'Shannon Kerr',
    },
    labels: { pass: false, kinds: ['private-note-leak', 'length'] },
    note: 'The note’s content (a reference) leaked in other words; the word-run rule sees only "often late for calls".',
  },
  {
    id: 'holdout-leak-02-first-name-role',
    text: `Dear Tom,

Thank you for interviewing for the Sound Technician role. Our head of sound, Gareth, was impressed with your RF coordination and your clean frequency plan.

You were less confident with Dante clocking: you weren't sure which device should be leader. Dante Level 2 would help, and we'd welcome another application.

Best wishes,
Siobhan`,
    context: { interviewerNames: ['Gareth Lloyd', 'Siobhan Kelly'], candidateName: 'Tom Price' },
    labels: { pass: false, kinds: ['interviewer-name', 'length'] },
    note: 'First name with a role.',
  },
  {
    id: 'holdout-tone-01-waffly',
    text: `Dear Bradley,

Thank you for interviewing for the AV Technician role. Your projection set-up was quick and your edge-blend was precise.

Frankly your answers on networking were waffly and you rambled when we asked about VLANs. CompTIA Network+ would give you the grounding, and we'd welcome another application.

Best,
Joanne`,
    context: { interviewerNames: ['Joanne Hart'], candidateName: 'Bradley King' },
    labels: { pass: true, kinds: ['tone', 'length'] },
    note: '"Waffly", "rambled": judgements with little evidence (warning).',
  },
  {
    id: 'holdout-tone-02-nightmare',
    text: `Dear Jordan,

Thank you for interviewing for the Stage Technician role. Your flying was safe and your cue timing was accurate.

To be blunt, you were a nightmare to work with during the practical. You were also less sure on the lighting side; ABTT Bronze would help.

Best,
Vic`,
    context: { interviewerNames: ['Vic Naylor'], candidateName: 'Jordan Webb' },
    labels: { pass: false, kinds: ['tone', 'length'] },
    note: 'A judgement of the person with no description of what happened.',
  },
  {
    id: 'holdout-gap-01-personable',
    text: `Dear Chantelle,

Thank you for interviewing with us. You were very personable and it was a pleasure to meet you.

You weren't confident with the sound desk: you couldn't set up a monitor mix and the lectern mic fed back twice. A short course on live sound, or ABTT Bronze, would help, and we'd welcome an application next year.

Best wishes,
Gordon`,
    context: { interviewerNames: ['Gordon Ray'], candidateName: 'Chantelle Hart' },
    labels: { pass: false, kinds: ['missing-strength'] },
    note: '"Personable" is not a criterion.',
  },
  {
    id: 'holdout-gap-02-keep-doing',
    text: `Dear Finn,

Thank you for interviewing for the LX Technician role. Your programming was fast and your focus was spot on, and your paperwork was the best we saw.

Keep doing what you're doing — we're sure the right role will come along. Please do apply again when we next recruit.

Best,
Ann`,
    context: { interviewerNames: ['Ann Ridley'], candidateName: 'Finn Ward' },
    labels: { pass: false, kinds: ['missing-development-area', 'length'] },
    note: 'No development area at all.',
  },
];
