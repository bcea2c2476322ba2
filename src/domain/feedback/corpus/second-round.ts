// The second round: written as a held-out set after the check was tuned on the first round, measured
// untuned (pass/fail accuracy 0.66, protected-characteristic recall 0.55, vague recall 0), then used
// to fix the gaps it found. It is now part of the development corpus; holdout.ts is the new held-out set.

import type { CorpusExample } from './types.ts';

export const secondRound: CorpusExample[] = [
  {
    id: 'round2-good-01-festival-informal',
    text: `Hey Dan,

Cheers for coming down to the site on Saturday. We're not going to offer you the stage tech job for this summer, but I wanted to give you proper feedback because you did a lot right.

Your changeovers on the second stage were slick. You had the drum riser rolled, the monitor wedges re-patched and the line check done with ten minutes to spare, and you kept talking to the band's tech throughout.

What let you down was power. When the backline tripped the 32A feed you reset it without finding out why, and it went again ten minutes later. On a festival that can take a stage down. Have a look at the PLASA temporary power course, and if you can, spend a weekend with a festival power crew — it'll make a big difference.

Give us a shout next year.

Sam`,
    context: { interviewerNames: ['Sam Fenwick', 'Jo Rigby'], candidateName: 'Dan Mercer' },
    labels: { pass: true, kinds: [] },
    note: 'Informal festival production manager; power as the development area.',
  },
  {
    id: 'round2-good-02-formal-hr-but-specific',
    text: `Dear Ms Okonkwo,

Thank you for attending an interview for the post of Audio Visual Technician at the University's conference centre. I regret to inform you that your application has not been successful on this occasion.

The panel asked me to pass on the following feedback. Your answers on video distribution were the strongest of the day: you described how you would route the lecture theatre cameras to the lecture capture system and the overflow room, and you anticipated the HDCP problem with the Blu-ray player. Your approach to supporting academic staff was also patient and clear.

The panel would have liked to see more experience of audio conferencing. You were not able to describe how echo cancellation is set up for a hybrid seminar room. The Q-SYS Level 1 and Level 2 online courses cover this in detail, and the panel would encourage you to apply for future vacancies once you have completed them.

Yours sincerely,
Human Resources`,
    context: { interviewerNames: ['Ian Cross', 'Mary Ellis'], candidateName: 'Chioma Okonkwo' },
    labels: { pass: true, kinds: [] },
    note: 'Formal university HR letter that still carries specific feedback.',
  },
  {
    id: 'round2-good-03-english-touring-opera',
    text: `Dear Beatrice,

Thank you for interviewing for the Stage Technician role. Your English Touring Opera experience showed: your get-in was well organised, you knew how the flats would pack into the truck before we asked, and your flying of the cloths was smooth.

The area to develop is lighting. You weren't confident re-rigging and focusing the booms after the set change, and you weren't sure how to address the new LED units. ABTT Bronze and a few sessions with our LX team would help, and we'd welcome an application next season.

Best wishes,
Ruth`,
    context: { interviewerNames: ['Ruth Penrose'], candidateName: 'Beatrice Cole' },
    labels: { pass: true, kinds: [] },
    note: 'A company called English Touring Opera: "your English" here is not about language.',
  },
  {
    id: 'round2-good-04-concert-hall-scotland',
    text: `Dear Callum,

Thanks for interviewing for the Technician (Sound) post at the City Halls. We've offered the post to another candidate.

Your recording set-up for the orchestra was excellent. You placed the spaced pair and spot mics sensibly, checked phase between them and had a clean multitrack running on the first attempt.

Where you fell short was the PA side of the job. You were not confident explaining how you would set the delays for the gallery speakers, and you didn't mention measuring the system at all. Learning a measurement tool such as Smaart or REW, and tuning a small system with it, would be the best way forward.

We'd be glad to hear from you again.

Kind regards,
Eilidh`,
    context: { interviewerNames: ['Eilidh Ross', 'Kenny Bain'], candidateName: 'Callum Reid' },
    labels: { pass: true, kinds: [] },
    note: 'Recording strength, PA tuning development; next step phrased as "learning a measurement tool".',
  },
  {
    id: 'round2-good-05-comms-relay',
    text: `Dear Fran,

Thank you for your interview for the Technician (Sound and Comms) role. Your knowledge of our show relay and paging was excellent: you rebuilt the paging zones on the Q-SYS after we muddled them and tested each one with the stage door.

The development area for you is radio mics. In the practical you didn't check the battery levels before the walk test and one pack died mid-scene. Building a pre-show checklist, and going through Sennheiser's online wireless training, would help.

We'd welcome an application from you in future.

Best,
Howard`,
    context: { interviewerNames: ['Howard Lines'], candidateName: 'Fran Okoro' },
    labels: { pass: true, kinds: [] },
    note: 'Comms and paging strength; radio mic preparation to develop.',
  },
  {
    id: 'round2-good-06-fit-technical',
    text: `Dear Anil,

Thank you for interviewing for the LX Technician role. Your fault-finding was excellent: you noticed the new lamps didn't fit the old fixtures' holders and found the right spares in the store without being asked, and you re-patched the dimmers accurately.

You were less confident with the moving lights: you weren't sure how to update their personality files on the desk. The ETC Eos online training would cover this. We'd like you to apply again when we next recruit.

Best wishes,
Gillian`,
    context: { interviewerNames: ['Gillian Shore'], candidateName: 'Anil Joshi' },
    labels: { pass: true, kinds: [] },
    note: '"Didn\'t fit" about lamps.',
  },
  {
    id: 'round2-good-07-close-call',
    text: `Dear Megan,

Thank you for interviewing for Senior AV Technician. It was a close call, but we have decided not to proceed with your application.

Your Crestron programming was the highlight: you fixed the broken join in the touch panel code in a few minutes and talked us through your logic. Your documentation of the boardroom system was also thorough.

The deciding factor was networking at scale. You were unsure how you'd separate AV and corporate traffic on the venue network. CompTIA Network+ would give you that grounding, and we'd encourage you to apply again.

Best regards,
Tony`,
    context: { interviewerNames: ['Tony Blake', 'Rita Shah'], candidateName: 'Megan Lloyd' },
    labels: { pass: true, kinds: [] },
    note: '"A close call" is a decision statement beside specific feedback.',
  },
  {
    id: 'round2-good-08-native-4k',
    text: `Dear Rosa,

Thanks for interviewing for the Video Technician role. You knew the LED processor well: you set the wall to its native pixel pitch, fixed the colour shift on the bottom row of tiles and ran the test patterns to confirm.

The gap was camera work: your framing on the PTZ cameras was loose and you didn't recall presets in time for the panel changes. Time spent operating PTZ cameras at your current venue would build this. Please do apply again.

Best,
Leon`,
    context: { interviewerNames: ['Leon Fisher'], candidateName: 'Rosa Martin' },
    labels: { pass: true, kinds: [] },
    note: 'Technical "native".',
  },

  // ── vague ──
  {
    id: 'round2-vague-01-right-person',
    text: `Dear Kieran,

Thank you for interviewing for the AV Technician role. Your PA set-up in the practical was safe and tidy, and your radio mic checks were thorough.

After careful consideration, we didn't feel you were the right person for the job at this time. We would encourage you to keep developing and to apply for future roles with us.

Kind regards,
Sandra`,
    context: { interviewerNames: ['Sandra Lyle'], candidateName: 'Kieran Webb' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area'] },
    note: '"Not the right person" is the "fit" cliché in other words.',
  },
  {
    id: 'round2-vague-02-more-closely-matches',
    text: `Dear Shona,

Thank you for interviewing for the Lighting Technician role. Your rigging was safe and your focusing was accurate.

We have decided to progress with candidates whose experience more closely matches the requirements of the role. We'll keep your details on file should anything else come up.

Best regards,
Recruitment Team`,
    labels: { pass: false, kinds: ['vague', 'missing-development-area', 'missing-action', 'length'] },
    note: 'A comparison that names nothing.',
  },
  {
    id: 'round2-vague-03-overall-not-there',
    text: `Hi Jamal,

Thanks for coming in. You handled the lighting desk confidently and your cue stack was well structured.

Overall you weren't quite where we need you to be for this role. Keep building your experience and do apply again.

Cheers,
Paula`,
    context: { interviewerNames: ['Paula Green'], candidateName: 'Jamal Idris' },
    labels: { pass: false, kinds: ['vague', 'missing-development-area', 'length'] },
    note: '"Not quite where we need you to be": which criterion?',
  },

  // ── protected ──
  {
    id: 'round2-protected-01-stage-of-life',
    text: `Dear Malcolm,

Thank you for interviewing for the AV Technician role. Your knowledge of analogue and digital consoles was excellent and your fault-finding on the practical was quick.

We're looking for someone who will grow with us over the next decade, and we felt you're at a different stage of life. You were also less confident with Dante; Dante Level 1 and 2 would help.

Kind regards,
Jenny`,
    context: { interviewerNames: ['Jenny Hart'], candidateName: 'Malcolm Gray' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: '"A different stage of life" and "grow with us over the next decade" are age proxies.',
  },
  {
    id: 'round2-protected-02-only-woman',
    text: `Dear Lauren,

Thank you for interviewing for the Rigging Technician role. Your knowledge of LOLER was excellent and your bridle calculations were accurate.

You'd have been the only woman on the rigging crew, and we weren't sure that would be comfortable for you. You also don't yet hold an IPAF card; IPAF 3a and 3b would be the next step.

Best,
Rob`,
    context: { interviewerNames: ['Rob Dale'], candidateName: 'Lauren West' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: 'Sex stated directly.',
  },
  {
    id: 'round2-protected-03-blokey',
    text: `Hi Erin,

Thanks for coming in. Your cable management and your patching on the stage box were quick and tidy.

The crew here is quite blokey and the banter can be rough, so we weren't sure you'd enjoy it. Your knowledge of the lighting desk was also limited; ABTT Bronze would be a good start.

Cheers,
Mick`,
    context: { interviewerNames: ['Mick Harlow'], candidateName: 'Erin Doyle' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: '"Blokey" crew: sex, in slang.',
  },
  {
    id: 'round2-protected-04-expecting',
    text: `Dear Priya,

Thank you for interviewing for the Senior Lighting Technician role. Your programming on the grandMA was excellent and your plot for the practical was clear.

As you mentioned you're expecting in the spring, we felt the timing wasn't right for a role that leads the summer season. You were also less sure on DMX networking; the MA Lighting online training would help.

Kind regards,
Graham`,
    context: { interviewerNames: ['Graham Lowe'], candidateName: 'Priya Mehta' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: '"Expecting" without "a baby": pregnancy.',
  },
  {
    id: 'round2-protected-05-your-partner',
    text: `Dear Connor,

Thank you for interviewing for the Events AV Technician role. Your vision mixing was clean and your client manner was excellent.

The role has a lot of late finishes, so you'd need to talk it through with your partner before taking it on. You were also less sure on audio: the lectern mic fed back during the practical. A conference audio course would help.

Best wishes,
Helen`,
    context: { interviewerNames: ['Helen Ward'], candidateName: 'Connor Price' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: 'Relationship status is not the venue’s business.',
  },
  {
    id: 'round2-protected-06-age-number',
    text: `Dear Bernard,

Thank you for interviewing for the Stage Technician role. Your knowledge of the counterweight system was excellent and your safety checks were thorough.

At 61, we were unsure how you would manage the physical side of the weekly get-outs. Your sound knowledge was also limited; ABTT Bronze covers the basics.

Kind regards,
Kate`,
    context: { interviewerNames: ['Kate Dunn'], candidateName: 'Bernard Hale' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'The candidate’s age as a number.',
  },
  {
    id: 'round2-protected-07-maturity',
    text: `Dear Oliver,

Thank you for interviewing for the Trainee Technician role. Your enthusiasm was clear and you asked good questions about our sound system.

We felt you need a bit more maturity before taking on a trainee role, and your understanding of signal flow was limited: you weren't sure where the signal went after the console. The ABTT Bronze Award would help.

Best wishes,
Sue`,
    context: { interviewerNames: ['Sue Harper'], candidateName: 'Oliver Dean' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: '"Maturity" about a person is an age proxy.',
  },
  {
    id: 'round2-protected-08-mobility',
    text: `Dear Rhian,

Thank you for interviewing for the AV Technician role. Your Q-SYS knowledge was excellent and your documentation was clear.

Given your mobility, we weren't sure how you would manage the ladder work in the ballroom. You were also less confident with the lighting desk; ABTT Bronze would help there.

Best regards,
Glyn`,
    context: { interviewerNames: ['Glyn Evans'], candidateName: 'Rhian Price' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Mobility is a disability reference.',
  },
  {
    id: 'round2-protected-09-heavy-accent',
    text: `Dear Tomasz,

Thanks for interviewing for the Technician role. Your fault-finding on the practical was excellent, and you found the faulty DI in two minutes.

Your heavy accent made some of your answers hard to follow, and client communication matters here. You were also unsure on video: you couldn't explain EDID. The Extron online courses would help.

Best,
Carol`,
    context: { interviewerNames: ['Carol Pike'], candidateName: 'Tomasz Kowal' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: 'Accent.',
  },
  {
    id: 'round2-protected-10-headscarf',
    text: `Dear Amina,

Thank you for interviewing for the Stage Technician role. Your knowledge of the flying system was excellent and your paperwork was thorough.

We did wonder whether your headscarf would be safe around the fly floor and the moving scenery. You were less confident on the sound side of the role; ABTT Bronze would help.

Best wishes,
Nigel`,
    context: { interviewerNames: ['Nigel Burn'], candidateName: 'Amina Yusuf' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Religious dress.',
  },
  {
    id: 'round2-protected-11-dad',
    text: `Dear Lewis,

Thank you for interviewing for Touring Sound Technician. Your monitor mixing was excellent and you sorted the IEM mixes for the band quickly.

As a dad of three, we weren't sure you'd want to be away for six weeks at a time. You were also less confident on the FOH side of the system, particularly delays. Smaart training would help.

Cheers,
Pete`,
    context: { interviewerNames: ['Pete Vance'], candidateName: 'Lewis Hart' },
    labels: { pass: false, kinds: ['protected-characteristic'] },
    note: 'Parenthood as a reason.',
  },

  // ── leaks ──
  {
    id: 'round2-leak-01-edited-copy',
    text: `Dear Aaron,

Thank you for interviewing for the AV Technician role. Your vision mixing was clean and your camera framing was accurate.

We felt you were unable to explain the Dante clocking without a lot of help from the panel, and you could not say which unit was the leader. Dante Level 2 would help with this.

Best wishes,
Gwen`,
    context: {
      privateNotes: [
        'Could not explain Dante clocking without a lot of help from Gwen. Likes the idea of the role more than the role.',
      ],
      interviewerNames: ['Gwen Parry', 'Tariq Shah'],
      candidateName: 'Aaron Fox',
    },
    labels: { pass: false, kinds: ['private-note-leak'] },
    note: 'The note lightly edited: "explain the Dante clocking without a lot of help from" is still copied.',
  },
  {
    id: 'round2-leak-02-nickname',
    text: `Dear Kofi,

Thank you for interviewing for the Stage Technician role. Your flying was excellent and your safety checks were thorough.

Gaz thought you were less confident with the sound side: you weren't sure how to set up the foldback for the band. ABTT Bronze would help.

Best,
Mel`,
    context: { interviewerNames: ['Gary Newton', 'Mel Dawson'], candidateName: 'Kofi Mensah' },
    labels: { pass: false, kinds: ['interviewer-name', 'length'] },
    note: 'An interviewer named by nickname: hard to catch from the names alone.',
  },
  {
    id: 'round2-leak-03-doctor',
    text: `Dear Ms Lyons,

Thank you for interviewing for the AV Technician role at the museum. Your knowledge of the projection and show control systems in the galleries was excellent.

Dr Okafor noted that you were less confident with audio description and hearing loop maintenance. The manufacturer's online course on induction loops would help. We would welcome an application in future.

Yours sincerely,
Gail Turner`,
    context: { interviewerNames: ['Chidi Okafor', 'Gail Turner'], candidateName: 'Sarah Lyons' },
    labels: { pass: false, kinds: ['interviewer-name'] },
    note: 'Title and surname.',
  },

  // ── tone and gaps ──
  {
    id: 'round2-tone-01-all-over-the-place',
    text: `Dear Jason,

Thank you for interviewing for Sound Technician. Your RF scan and frequency plan were good.

Your fault-finding was all over the place: you swapped three cables and the DI at once, and still didn't find the muted channel. Planted-fault practice with a senior technician at your current venue would help.

Regards,
Kev`,
    context: { interviewerNames: ['Kev Mills'], candidateName: 'Jason Ray' },
    labels: { pass: true, kinds: ['tone', 'length'] },
    note: '"All over the place" is a judgement, but the evidence follows (warning).',
  },
  {
    id: 'round2-tone-02-disinterested',
    text: `Dear Leah,

Thank you for interviewing for the AV Technician role. Your LED wall knowledge was excellent.

You seemed disinterested and couldn't be bothered during the client role-play. You also weren't sure how to set up the lectern mic. A short course on conference audio would help.

Regards,
Martin`,
    context: { interviewerNames: ['Martin Hale'], candidateName: 'Leah Cross' },
    labels: { pass: false, kinds: ['tone', 'length'] },
    note: 'A judgement of motivation with no description of what was seen.',
  },
  {
    id: 'round2-gap-01-tried-hard',
    text: `Dear Mia,

Thank you for interviewing for the LX Technician role. You tried hard and it was lovely to meet you.

You weren't confident with the desk: you couldn't build a cue or patch the moving heads, and you weren't sure how DMX addressing works. The ETC online Eos course and ABTT Bronze would both help, and we'd welcome an application next year.

Best wishes,
Amy`,
    context: { interviewerNames: ['Amy Lowe'], candidateName: 'Mia Black' },
    labels: { pass: false, kinds: ['missing-strength'] },
    note: '"Tried hard" is not a strength the candidate can build on.',
  },
  {
    id: 'round2-gap-02-no-action',
    text: `Dear Patrick,

Thank you for interviewing for the Video Technician role. Your vision mixing was sharp and your shading of the three cameras was consistent under the stage lighting.

Where you were less sure was the streaming side: you didn't know how to set a backup stream and the encoder settings you chose were too high for our upload.

We've offered the role to another candidate.

Best regards,
Sian`,
    context: { interviewerNames: ['Sian Evans'], candidateName: 'Patrick Byrne' },
    labels: { pass: true, kinds: ['missing-action'] },
    note: 'Specific strength and development area, no next step (warning).',
  },
];
