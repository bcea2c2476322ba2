// Borderline feedback that must pass: technical and everyday uses of words the check watches for
// ("native resolution", "male XLR", "guy wires", "race condition", "accent lighting", "fit"), and
// sparse feedback that is specific.

import type { CorpusExample } from './types.ts';

export const borderline: CorpusExample[] = [
  {
    id: 'borderline-01-native-resolution',
    text: `Dear Tess,

Thank you for interviewing for the Video Technician role. Your LED wall set-up was excellent: you set the processor to the wall's native resolution, matched the frame rate to the cameras and caught the scaling artefact on the IMAG feed before we did.

You were less confident on audio: the lectern mic fed back twice during the mock keynote because the gain was set on the fader rather than the preamp. Practising gain structure on a small digital desk, and a short conference audio course, would make a real difference. We'd welcome another application.

Best wishes,
Duncan`,
    context: { interviewerNames: ['Duncan Fraser'], candidateName: 'Tess Mills' },
    labels: { pass: true, kinds: [] },
    note: '"Native resolution" is a video term, not a language proxy.',
  },
  {
    id: 'borderline-02-xlr-gender',
    text: `Dear Josh,

Thank you for coming in for Sound Technician. You were quick and methodical on the practical: when the stage box feed was dead you found the male-to-male XLR adaptor someone had left in the tie line, swapped it for a proper female-to-male lead and confirmed the signal at the desk. You also kept a gender changer in your kit, which was good thinking.

The area to develop is RF: your frequency plan put two handhelds too close together and they interfered during the walk test. Shure's online wireless workshop covers frequency planning well. We'd be glad to see you apply again.

Best,
Fran`,
    context: { interviewerNames: ['Fran Cole'], candidateName: 'Josh Bright' },
    labels: { pass: true, kinds: [] },
    note: 'Connector genders (male, female, gender changer) are not about people.',
  },
  {
    id: 'borderline-03-guy-wires',
    text: `Dear Priya,

Thank you for interviewing for Outdoor Events Technician. Your rigging of the ground-support towers was safe and thorough: you checked every guy wire tension, set the ballast correctly and walked the site with the wind plan in hand.

Where you were less sure was power distribution. You weren't certain how to balance the load across the three phases of the generator, and you didn't check the RCD before powering the FOH position. A PLASA course on temporary power and the City & Guilds 2377 would help, and we'd welcome your application next season.

Best wishes,
Stephen`,
    context: { interviewerNames: ['Stephen Ball'], candidateName: 'Priya Nair' },
    labels: { pass: true, kinds: [] },
    note: 'Guy wires are rigging. The candidate shares a first name with interviewers in other examples; not here.',
  },
  {
    id: 'borderline-04-race-condition',
    text: `Dear Omar,

Thank you for interviewing for the Control Systems Technician role. Your Q-SYS work was a real strength: you spotted the race condition in the Lua script, where two snapshots fired at once, and fixed it with a simple state check.

The area to develop is the audio side of Q-SYS design: your AEC settings for the boardroom let the far end hear themselves. Q-SYS Level 2 covers acoustic echo cancellation in depth, and practising on the Q-SYS Designer emulator at home would help. Please do apply again.

Best regards,
Lauren`,
    context: { interviewerNames: ['Lauren Fitch'], candidateName: 'Omar Aziz' },
    labels: { pass: true, kinds: [] },
    note: '"Race condition" is a programming term.',
  },
  {
    id: 'borderline-05-accent-lighting',
    text: `Dear Ravi,

Thank you for interviewing for the Hotel AV Technician role. Your ballroom set-up was excellent: the accent lighting on the centrepieces was well focused and your uplighters were evenly coloured. You also set up the wedding party's playlist on the Q-SYS playback without help.

You were less confident with projection: you weren't sure how to correct the keystone on the ceiling projector without losing resolution. The Epson and Panasonic online training on projector set-up is free and would help. We'd welcome another application.

Warm regards,
Hilary`,
    context: { interviewerNames: ['Hilary Stone'], candidateName: 'Ravi Kumar' },
    labels: { pass: true, kinds: [] },
    note: '"Accent lighting" and a wedding set-up at a hotel are work, not the candidate.',
  },
  {
    id: 'borderline-06-energy-efficient',
    text: `Dear Beth,

Thank you for interviewing for the Lighting Technician role. Your proposal to replace the tungsten pars in the studio with energy-efficient LED fixtures was well costed, and you explained the energy savings and the DMX changes it would need clearly.

Where you were less confident was programming: you weren't sure how to build effects on the Eos and your cue timings needed prompting. ETC's online Eos training would be a good next step, and we'd be glad to see you apply again.

Best wishes,
Gordon`,
    context: { interviewerNames: ['Gordon Ray'], candidateName: 'Beth Lacey' },
    labels: { pass: true, kinds: [] },
    note: '"Energy" about fixtures, not about the person.',
  },
  {
    id: 'borderline-07-health-and-safety',
    text: `Dear Kieran,

Thank you for interviewing for Sound Technician. Your health and safety knowledge was excellent: you knew the Noise at Work Regulations, explained how we protect the crew against hearing loss at the monitor position, and your risk assessment for the rock gig was thorough.

The area to develop is system tuning. You set the delays on the balcony speakers by ear but didn't measure them, and the time alignment was out by several milliseconds. A Smaart training course and practice with a measurement mic would help. Please do apply again.

Kind regards,
Abi`,
    context: { interviewerNames: ['Abi Turner'], candidateName: 'Kieran Doyle' },
    labels: { pass: true, kinds: [] },
    note: '"Health and safety" and "hearing loss" as a noise-at-work hazard are not about the candidate’s health.',
  },
  {
    id: 'borderline-08-fit-direction-stronger',
    text: `Dear Will,

Thank you for your interview for Stage Technician. You took direction well from the stage manager during the changeover, and your scenery moves were safe and quick.

The development area is rigging. On the practical you tried to fit the wrong connectors to the hoist control and didn't check the chain bag was seated; a stronger RF plan would also have helped when the radio mics dropped. The NRC Level 2 assessment and a refresher on hoist checks would be good next steps.

Best wishes,
Pam`,
    context: { interviewerNames: ['Pam Wright'], candidateName: 'Will Stokes' },
    labels: { pass: true, kinds: [] },
    note: 'Ordinary uses of "fit", "direction" and "stronger".',
  },
  {
    id: 'borderline-09-baby-pins',
    text: `Dear Carl,

Thank you for interviewing for the Stage LX role. Your rigging of the booms was neat and safe: you used the baby pins and the correct spigots for the side light, and your safety bonds were on every fixture.

The area to develop is programming. You weren't confident with palettes on the desk and the cue stack you built had no blocking cues. The ETC Eos online training would be a good next step; we'd welcome another application.

Best,
Lorna`,
    context: { interviewerNames: ['Lorna Price'], candidateName: 'Carl Dean' },
    labels: { pass: true, kinds: [] },
    note: 'Baby pins are lighting hardware.',
  },
  {
    id: 'borderline-10-disabled-igmp',
    text: `Dear Faye,

Thank you for interviewing for the AV Network Technician role. Your fault-finding was excellent: you worked out that someone had disabled IGMP snooping on the core switch, which was flooding the Dante multicast to every port, and you fixed it calmly.

The area to develop is documentation: your network diagram didn't show the VLANs or the switch ports, so the next technician would struggle. Writing up your home lab as if handing it over, and CompTIA Network+, would both help. Please do apply again.

Best,
Rajesh`,
    context: { interviewerNames: ['Rajesh Iyer'], candidateName: 'Faye Holt' },
    labels: { pass: true, kinds: [] },
    note: '"Disabled" as a network setting.',
  },
  {
    id: 'borderline-11-young-peoples-theatre',
    text: `Dear Anton,

Thank you for interviewing for the Technician (Learning and Participation) role. Your work on the sound for our young people's theatre production was a real strength: your radio mic changes were smooth and your cue list in QLab was clear enough for a volunteer to run.

You were less confident on lighting: you weren't sure how to patch the LED pars on the desk. The ABTT Bronze Award would give you the grounding, and we'd welcome an application when we next recruit.

Warm regards,
Nicola`,
    context: { interviewerNames: ['Nicola Hirst'], candidateName: 'Anton Novak' },
    labels: { pass: true, kinds: [] },
    note: '"Young people\'s theatre" describes the audience, not the candidate.',
  },
  {
    id: 'borderline-12-hearing-loop-captions',
    text: `Dear Bryony,

Thank you for interviewing for the Front of House AV Technician role. Your knowledge of access technology was excellent: you tested the hearing loop in the stalls, set up the captioning screen for our deaf audiences and knew how to feed it from the show relay.

You were less confident with radio mics: you weren't sure how to check for interference before the show. Shure's online wireless workshop would be a good next step. We'd be pleased to see you apply again.

Best wishes,
Tom`,
    context: { interviewerNames: ['Tom Lacey'], candidateName: 'Bryony Hale' },
    labels: { pass: true, kinds: [] },
    note: 'Access technology for audiences, not the candidate’s hearing. Signed "Tom": first name only, in the sign-off.',
  },
  {
    id: 'borderline-13-religiously-labelled',
    text: `Dear Mo,

Thank you for interviewing for AV Technician. Your cable management was the best we saw: you religiously labelled every cable at both ends and your patch sheet matched the rig exactly.

The area to develop is video: you weren't sure how to troubleshoot the HDCP error on the Blu-ray feed. The Extron online HDCP course is a good start, and we'd welcome an application next time.

Cheers,
Alison`,
    context: { interviewerNames: ['Alison Kerr'], candidateName: 'Mo Farah' },
    labels: { pass: true, kinds: [] },
    note: '"Religiously" as an intensifier.',
  },
  {
    id: 'borderline-14-panto-and-weekends',
    text: `Dear Esme,

Thank you for interviewing for the Seasonal Stage Technician role for our Christmas panto. Your flying was excellent: you ran the cloth cues in the practical on time and checked the locks every time.

The area to develop is sound effects playback: you weren't sure how to build the QLab cue list for the pyro and the slosh scene. The free QLab tutorials online and a few hours practising cue building would help. The role includes two shows a day over the holidays and weekend get-outs; we'd welcome an application next year.

Best wishes,
Simon`,
    context: { interviewerNames: ['Simon Hay'], candidateName: 'Esme Brown' },
    labels: { pass: true, kinds: [] },
    note: 'Christmas panto, holidays and weekend rota stated neutrally as facts of the role.',
  },
  {
    id: 'borderline-15-young-show-old-console',
    text: `Dear Luca,

Thank you for interviewing for Sound Technician. The run is still young and the mix changes every week, so we valued how quickly you picked up the show file: you found the scene for the new number and the DCA assignments without help. Your repair of the old analogue console's channel strip was also neat.

You were less confident with the newer Dante stage racks and weren't sure how to update their firmware. Dante Level 1 and Level 2 would help. We'd welcome an application next season.

Best,
Kirsten`,
    context: { interviewerNames: ['Kirsten Lowe'], candidateName: 'Luca Romano' },
    labels: { pass: true, kinds: [] },
    note: '"Young" and "old" describing a show and a console, not the candidate.',
  },
  {
    id: 'borderline-16-black-levels',
    text: `Dear Tyrone,

Thank you for interviewing for the Camera and Vision Technician role. Your camera shading was excellent: you matched the white balance and black levels of the three cameras under the stage lighting quickly and accurately.

The area to develop is the vision mixer's routing. You weren't sure how to set up an aux output for the record feed. Blackmagic's free ATEM training would help, and we'd welcome an application next time.

Best regards,
Fiona`,
    context: { interviewerNames: ['Fiona Reid'], candidateName: 'Tyrone Clarke' },
    labels: { pass: true, kinds: [] },
    note: 'White balance and black levels are camera settings.',
  },
  {
    id: 'borderline-17-mature-approach',
    text: `Dear Holly,

Thank you for interviewing for the Senior Technician role. Your approach to safety was mature and thorough: you stopped the practical to re-secure a truss clamp, explained why, and your method statement was the best we saw.

The area to develop is client communication. In the role-play you accepted a late change to the projection brief without checking the cost or the schedule. Leading the advance calls at your current venue would build that. We'd welcome an application in future.

Kind regards,
Victor`,
    context: { interviewerNames: ['Victor Lund'], candidateName: 'Holly Green' },
    labels: { pass: true, kinds: [] },
    note: '"Mature" describing an approach, not a person’s age.',
  },
  {
    id: 'borderline-18-sightlines-and-blinders',
    text: `Dear Reece,

Thank you for interviewing for Lighting Technician. Your focus of the audience blinders was accurate and you checked the sightlines from the back of the circle so that no one was dazzled.

You were less confident with DMX: you weren't sure how to set the address on the new LED battens. An afternoon with a DMX tester and the ETC online DMX session would help. Please apply again.

Best,
Jill`,
    context: { interviewerNames: ['Jill Hooper'], candidateName: 'Reece Hall' },
    labels: { pass: true, kinds: [] },
    note: 'Blinders and sightlines are lighting and theatre terms.',
  },
  {
    id: 'borderline-19-sparse-specific',
    text: `Sana, thank you for interviewing. Your Dante fault-finding was excellent: you found the clock mismatch in minutes. The area to develop is rigging: you weren't sure of the clamp's safe working load. ABTT Bronze covers this, and we'd welcome you applying again.`,
    context: { interviewerNames: ['Omar Aziz'], candidateName: 'Sana Mir' },
    labels: { pass: true, kinds: ['length'] },
    note: 'Sparse but specific: strength, development area and next step in 43 words. Passes with a length warning.',
  },
  {
    id: 'borderline-20-career-transition',
    text: `Dear Alex,

Thank you for interviewing for the Conference AV Technician role. Your transition from theatre into corporate events showed: your show calling for the mock keynote was calm and your cue sheet was clear.

Where you were less sure was video switching: you weren't able to route the remote presenter to the confidence monitor. The Barco E2 online training would help, and we'd welcome a future application.

Best wishes,
Sara`,
    context: { interviewerNames: ['Sara Moon'], candidateName: 'Alex Morgan' },
    labels: { pass: true, kinds: [] },
    note: 'A career transition is not a gender transition.',
  },
  {
    id: 'borderline-21-paired-practical',
    text: `Dear Jess,

Thank you for interviewing for Stage Technician. During the paired practical you and your partner on the task rigged the truss safely, and you checked every clamp and safety bond before it flew.

The area to develop is power: you weren't sure how to check the RCD on the distro before use. ABTT Bronze covers stage electrics, and we'd welcome an application next time.

Best wishes,
Mandy`,
    context: { interviewerNames: ['Mandy Cole'], candidateName: 'Jess Parry' },
    labels: { pass: true, kinds: [] },
    note: '"Your partner on the task" is the other candidate in a paired practical.',
  },
];
