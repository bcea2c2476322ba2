// Specific, useful feedback that should pass: a strength and a development area, each tied to what
// the panel saw, and a next step.

import type { CorpusExample } from './types.ts';

const panel = { interviewerNames: ['Priya Shah', 'Tom Briggs'], candidateName: 'Sam Okafor' };

export const good: CorpusExample[] = [
  {
    id: 'good-01-composer-template',
    text: `Dear Sam,

Thank you for interviewing for **AV Technician — Main House** at the Lyric. I'm sorry to tell you that we won't be offering you the role this time. I know that isn't the news you were hoping for, so I want to give you honest, specific feedback that you can use.

## What went well
- **Signal flow and fault-finding:** You traced the planted fault to the crossed tie line in under ten minutes, splitting the chain at the stage box before touching the console.
- **Client and stakeholder communication:** Your explanation of the confidence monitor set-up to our events team was clear and free of jargon.

## Where to develop next
- **Networking and control:** You could not yet explain how Dante elects a clock leader, and the sample-rate mismatch on the second console went unnoticed. A good next step: Dante Certification Level 2 (Audinate, online with a hands-on test).

We'd be glad to see you apply again once you have it, and we'd like to keep in touch through our talent network.

If you'd like to talk any of this through, reply to this email and I'll arrange a short call.

With best wishes,
Priya Shah
The Lyric Theatre`,
    context: {
      ...panel,
      privateNotes: [
        'Good on the tie line. Clocking a real gap — would need babysitting on the Dante rig for months.',
      ],
    },
    labels: { pass: true, kinds: [] },
    note: 'The default not-progressing template filled in by the composer; signed by an interviewer, which is not a leak.',
  },
  {
    id: 'good-02-concert-hall-prose',
    text: `Hi Ellie,

Thanks for coming to the Assembly Rooms last Thursday. We've decided not to offer you the Sound Technician post, and I wanted to tell you why in some detail.

Your radio mic work was the best we saw. You scanned the room before building the frequency plan, left sensible gaps between the IEM and handheld channels, and talked us through intermod products without being asked. Your monitor mix for the string quartet was also tidy and quick.

Where you were less sure was networked audio. When the Dante feed from the stage rack dropped, you reseated cables rather than checking the clock status in Dante Controller, and it took a prompt to get you there. Our rig is almost entirely Dante now, so that weighed heavily.

Audinate's Dante Level 1 and 2 certifications are free online and would close this gap quickly. If you have them by the spring, please apply again: we expect to recruit for the summer season.

Kind regards,
Martin`,
    context: { interviewerNames: ['Martin Hale', 'Gareth Lloyd'], candidateName: 'Ellie Marsh' },
    labels: { pass: true, kinds: [] },
    note: 'Prose, concert hall, RF strength and Dante development with training and when to reapply.',
  },
  {
    id: 'good-03-conference-centre-video',
    text: `Dear Marcus,

Thank you for your time at the ExCel practical on Monday. I'm sorry to say we won't be taking your application further for the AV Technician (Video) role.

You were the strongest vision mixer on the shortlist: your cuts on the mock panel session were clean, you anticipated speakers and kept the confidence monitors updated without prompting. You also briefed our client liaison calmly when the lectern laptop failed.

The area to develop is EDID and HDCP fault-finding. When the second projector showed a blank screen, you swapped the HDMI cable and the scaler input but didn't check what resolution the source had negotiated, and the fault was still there after fifteen minutes. I'd suggest the Extron or Crestron online courses on EDID management, and practising at home with a laptop, a cheap HDMI switch and an EDID emulator.

We'd welcome another application from you once you've had the chance to build that up.

Best regards,
Hannah Fielding
Technical Operations Manager`,
    context: { interviewerNames: ['Kwame Mensah', 'Aoife Byrne'], candidateName: 'Marcus Bell' },
    labels: { pass: true, kinds: [] },
    note: 'Conference centre; the signer is the manager, not an interviewer.',
  },
  {
    id: 'good-04-hotel-av',
    text: `Dear Chloe,

Thank you for interviewing with us for the Banqueting AV Technician role at the Grand. We have offered the role to another candidate, and I wanted to give you some useful feedback.

Your cable management during the ballroom set-up was excellent: runs were taped, labelled and kept off the fire exits, and you walked the room with our duty manager before the guests arrived. Your client communication was also a real strength; the mock bride's father left the role-play reassured.

What held you back was the Q-SYS system that runs our function rooms. You weren't able to recall a snapshot or find why the ceiling speakers in Salon B were muted, and you told us you'd only used it once. The free Q-SYS Level 1 course online covers exactly this, and takes about a day.

We'd be happy to hear from you again once you've done it.

Best wishes,
Daniel`,
    context: { interviewerNames: ['Daniel Cho'], candidateName: 'Chloe Adams' },
    labels: { pass: true, kinds: [] },
    note: 'Hotel; a wedding role-play mentioned as a scenario (not the candidate’s marriage). "Offered the role to another candidate" beside real feedback.',
  },
  {
    id: 'good-05-arena-rigging',
    text: `Hello Dev,

Thank you for spending the day with the rigging team at the arena. We won't be offering you the Rigging Technician role on this occasion, but there was a lot to like.

Your knowledge of LOLER was solid. You explained the thorough-examination intervals for our chain hoists correctly, spotted the out-of-date tag on one of the round slings and quarantined it without being asked. Your knots and your bridle maths on the whiteboard were both accurate.

The gap for this role is working at height certification. Most of our work is from MEWPs and you don't yet hold an IPAF PAL card, so we would have had to keep you on the deck for your first months. IPAF 3a and 3b can be done in a day with most UK training centres, and PASMA would be useful too.

When you have your IPAF card, please get in touch — we recruit again before the autumn tour season.

Cheers,
Rhys Morgan
Head Rigger`,
    context: { interviewerNames: ['Rhys Morgan', 'Sian Evans'], candidateName: 'Dev Patel' },
    labels: { pass: true, kinds: [] },
    note: 'Arena rigging; the head rigger interviewed and signs off.',
  },
  {
    id: 'good-06-lighting-theatre',
    text: `Dear Jamie,

Thank you for coming in to the Crucible for the LX Technician interview. I'm sorry we can't offer you the role.

Your Eos programming was genuinely impressive. You built the cue stack for the practical quickly, used palettes and presets sensibly, and when we changed the timing of cue 14 you updated it without breaking the tracking. You were also methodical during the focus session on the profiles.

The part of the practical you found harder was DMX fault-finding. When half the LED battens on universe 2 flickered, you checked the desk output and the fixtures' addresses but didn't think of the missing terminator or the splitter, and we had to point you towards the end of the line. Spending an afternoon with a DMX tester on a small rig would build this up, and the ETC and PLASA online sessions on DMX and RDM are a good grounding.

We'd encourage you to apply again when we next recruit.

Best wishes,
Laura`,
    context: { interviewerNames: ['Laura Quinn', 'Steve Platt'], candidateName: 'Jamie Walsh' },
    labels: { pass: true, kinds: [] },
    note: 'Theatre lighting; strengths in programming and focus, development in DMX fault-finding.',
  },
  {
    id: 'good-07-sound-no2',
    text: `Hi Kerry,

Thanks for coming to the Palace for the Sound No.2 role on the tour. We've decided not to offer it to you, and I'd like to explain.

Your mic changes in the quick-change exercise were fast and careful: you checked every pack, taped the elements cleanly and called the channel numbers back to the No.1 on comms. You clearly know your way round a musical's radio mic plot.

Where you were less confident was the desk itself. When the No.1 'went sick' in the scenario, you weren't sure how to recall the next scene on the DiGiCo or how the automation handled the band mutes, and the cue went late. On a tour the No.2 has to cover the mix.

I'd recommend asking your current venue if you can shadow the No.1 for a few shows and do the DiGiCo online training. With that under your belt, I'd be very happy to see your name again.

Thanks,
Becca`,
    context: { interviewerNames: ['Becca Holt', 'Nadia Khan'], candidateName: 'Kerry Doyle' },
    labels: { pass: true, kinds: [] },
    note: 'The No.1 "went sick" is part of a scenario, not a health remark about the candidate. A known false-positive risk for the health rules.',
  },
  {
    id: 'good-08-streaming-network',
    text: `Dear Tariq,

Thank you for interviewing for the Streaming and AV Technician role at the Conference Centre. We have decided to offer the role to another candidate.

Your encoder set-up was a clear strength: you chose a sensible bitrate for the venue's upstream, set up a backup stream key and had the program feed live in under twenty minutes. You also checked the audio sync on the confidence monitor, which most candidates forgot.

What held you back was IP networking. When the stream dropped because the encoder had picked up the wrong VLAN, you restarted the encoder twice rather than checking the IP address it had been given, and you weren't confident explaining multicast when we asked about our NDI cameras. CompTIA Network+ is a good, vendor-neutral way to build this up, and NDI's own free training covers the video side.

We'd welcome a further application from you in future.

Best regards,
Olivia`,
    context: { interviewerNames: ['Olivia Grant', 'Ben Carter'], candidateName: 'Tariq Hussain' },
    labels: { pass: true, kinds: [] },
    note: 'Conference streaming; networking development with CompTIA Network+.',
  },
  {
    id: 'good-09-electrics-documentation',
    text: `Dear Ruth,

Thank you for interviewing for the Stage Electrics Technician role. I'm afraid we won't be offering you the position.

Your documentation was excellent. Your sample PAT log was complete and easy to audit, and the patch sheet you drew for the practical matched the rig exactly. Your risk assessment for the haze in the studio theatre was thorough and you had already thought about the smoke detectors.

The area to develop is in-service inspection and testing itself. You weren't sure what the insulation resistance reading on the extension lead meant or whether it should pass, and you skipped the polarity check on the IEC lead. The City & Guilds 2377-77 course would give you the full grounding, and ABTT Bronze covers the stage electrics side.

We'd be glad to see you apply again when you have it.

Best wishes,
Joe Mallory
Chief Electrician`,
    context: { interviewerNames: ['Nina Ross', 'Paul Gibb'], candidateName: 'Ruth Tanner' },
    labels: { pass: true, kinds: [] },
    note: 'Stage electrics; documentation strength, PAT knowledge to develop with City & Guilds 2377.',
  },
  {
    id: 'good-10-trainee',
    text: `Dear Leo,

Thank you for coming to the Playhouse for the Trainee Technician interview. We won't be offering you a place this year, and I want to give you feedback you can use.

You worked safely throughout the practical. You asked before lifting the flight case, wore your gloves for the cable coil and checked the ladder was footed before climbing. You also asked good questions about how our show relay system works.

The area to develop is signal flow. When we asked you to get a microphone from the stage to the speakers in the bar, you weren't sure which way the tie lines ran or where the signal went after the console, and needed prompting at each step. The ABTT Bronze Award covers this well, and volunteering at a local amateur theatre would give you plenty of practice patching a real system.

Please do apply for our next trainee intake: we open applications in March.

Warm regards,
Carys`,
    context: { interviewerNames: ['Carys Hughes', 'Ade Bello'], candidateName: 'Leo Grant' },
    labels: { pass: true, kinds: [] },
    note: 'Trainee role; strength in safe working, development in signal flow; ABTT Bronze and volunteering.',
  },
  {
    id: 'good-11-brief-but-complete',
    text: `Dear Amir, thank you for the interview. Your fault-finding was the most methodical we saw: you split the chain at the stage box and found the muted bus in four minutes. The gap was RF: your frequency plan put two radio mics on intermod products. Shure's online wireless workshop covers this; please reapply once you've done it.`,
    context: { interviewerNames: ['Gareth Lloyd'], candidateName: 'Amir Nasser' },
    labels: { pass: true, kinds: ['length'] },
    note: 'Brief (under 60 words) but specific: passes with a length warning.',
  },
  {
    id: 'good-12-deciding-criterion',
    text: `Dear Fiona,

Thank you for interviewing for the Senior AV Technician role at Caird Hall. We've decided not to offer you the role.

The deciding criterion was networked audio and control, which this senior role leads on. You built the Q-SYS design for the practical well and your gain structure was spot on, but when we asked you to design a redundant Dante network for the main hall you weren't sure how to separate primary and secondary, or how to set up QoS on the switches.

Dante Certification Level 3 deals with exactly this, and if you can lead a network upgrade at your current venue it would give you the experience we need. Do please apply again — we'd like to keep in touch.

Best wishes,
Morag`,
    context: { interviewerNames: ['Morag Campbell', 'Euan Ross'], candidateName: 'Fiona Stewart' },
    labels: { pass: true, kinds: [] },
    note: 'Names the deciding criterion rather than comparing with other candidates.',
  },
  {
    id: 'good-13-senior-risk-assessment',
    text: `Dear Callum,

Thank you for your interview for Senior Technician at the Civic. We won't be offering you the role.

Your safety paperwork was first-rate. The risk assessment and method statement you brought for a flown PA were thorough, referenced LOLER properly and had a clear rescue plan. You were also the only candidate who asked to see our hoist inspection records.

Where you were less assured was communicating with visiting companies. In the role-play with the touring production manager, you agreed to a power requirement our distro can't supply, then had to walk it back. Our senior technicians are the venue's voice at the advance, so that counted. I'd suggest running the advance calls yourself at your current venue, with a checklist of your power, rigging and access limits in front of you.

We'd be pleased to hear from you again in a year or so.

Kind regards,
Jo Pickering`,
    context: { interviewerNames: ['Jo Pickering', 'Ravi Menon'], candidateName: 'Callum Fraser' },
    labels: { pass: true, kinds: [] },
    note: 'Senior role; signed by an interviewer whose first name ("Jo") is short.',
  },
  {
    id: 'good-14-thanks-and-cv',
    text: `Dear Holly,

Thank you for your time on Tuesday. Unfortunately you were unsuccessful on this occasion.

Your projection set-up was quick and your keystone and edge-blending on the two projectors were precise. You also explained the throw ratio calculation clearly.

We felt your audio knowledge needs to develop further for this mixed AV role: you weren't sure how to set up a mix-minus for the remote presenter, and the feedback on the lectern mic went unnoticed until we pointed it out. An online course on conference audio, such as Shure's or Audinate's free modules, and practising mix-minus on a small digital desk would help.

We'll keep your CV on file and let you know if a projection-focused role comes up.

Best wishes,
Sanjay`,
    context: { interviewerNames: ['Sanjay Rao'], candidateName: 'Holly Price' },
    labels: { pass: true, kinds: [] },
    note: 'Courtesy phrases ("thank you for your time", "keep your CV on file") are fine beside specific feedback; "feedback" here is audio feedback.',
  },
  {
    id: 'good-15-bullets-no-headings',
    text: `Hi Nathan,

Thanks again for coming in. Here's the panel's feedback on the AV Technician interview:

- Your PA system check was systematic: you walked each zone, checked polarity with a test tone and caught the reversed sub.
- Your client communication in the role-play was friendly and clear.
- You struggled with the lighting part of the practical: you couldn't patch the moving heads on the desk and weren't sure of the DMX addressing.
- We'd recommend ABTT Bronze for the lighting fundamentals, and spending a few sessions with the LX team at your local theatre.

We're not offering you the role this time, but we'd welcome an application for our next vacancy.

Best,
Alice`,
    context: { interviewerNames: ['Alice Turner', 'Femi Adeyemi'], candidateName: 'Nathan Cole' },
    labels: { pass: true, kinds: [] },
    note: 'Bullet points without headings.',
  },
  {
    id: 'good-16-no-next-step',
    text: `Dear Zara,

Thank you for interviewing for the AV Technician role at the Corn Exchange. We've decided not to offer you the role.

Your work on the LED wall was a real strength: you found the failed receiving card from the processor's diagnostics and swapped it in minutes, and your mapping of the new tiles was accurate.

The area that held you back was audio. On the practical you set the gain on the presenter's headset far too low and compensated on the fader, so the room was noisy all through the mock session, and you weren't sure how to ring out the lectern mic.

Thank you again for your time, and good luck.

Best wishes,
Owen`,
    context: { interviewerNames: ['Owen Price'], candidateName: 'Zara Ali' },
    labels: { pass: true, kinds: ['missing-action'] },
    note: 'Specific strength and development area but no next step: passes with a missing-action warning.',
  },
  {
    id: 'good-17-comms-and-show-calling',
    text: `Dear Imogen,

Thank you for interviewing for Technical Stage Manager (Events). We won't be offering you the role, but I hope this feedback helps.

Your show calling was calm and precise. In the mock awards ceremony you gave clear standbys, called the VT and the walk-up music on time, and recovered well when the host skipped a category.

The area to develop is technical knowledge of the video side. When the graphics operator reported no signal at the vision mixer, you weren't able to suggest where to look, and on this role the stage manager is often the one fielding that call. A short course on video for events — the Blackmagic training on ATEM switchers is free — and time shadowing a vision engineer would help a lot.

We'd welcome an application from you next season.

With best wishes,
Grace Obi`,
    context: { interviewerNames: ['Martha Lewis', 'Sunil Gupta'], candidateName: 'Imogen Hart' },
    labels: { pass: true, kinds: [] },
    note: 'Events stage management; signer named Grace (a common word) who is not on the panel.',
  },
  {
    id: 'good-18-apprentice-hotel',
    text: `Dear Kai,

Thank you for applying for the AV apprenticeship at the Midland Hotel. We've decided not to offer you a place on this intake.

You were quick to learn the set-up for our breakout rooms. Once shown, you rigged the projector, screen and lectern mic in the second room on your own and checked the lapel batteries without being reminded.

The area to work on is reliability with paperwork. You missed two items on the room checklist, including the fire exit check, and the handover note to the evening team was incomplete. Building a habit of using a checklist on every set-up, even small ones, would make a real difference — and the ST1297 apprenticeship standard is a good guide to what we'd expect.

We'd be glad to see you apply for the next intake in September.

Best regards,
Lindsay`,
    context: { interviewerNames: ['Lindsay Park'], candidateName: 'Kai Thompson' },
    labels: { pass: true, kinds: [] },
    note: 'Apprenticeship at a hotel; documentation and handover as the development area.',
  },
];
