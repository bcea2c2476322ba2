// Tone (judgements and absolutes without evidence), missing parts (no strength, no development area,
// no next step) and length.

import type { CorpusExample } from './types.ts';

export const toneAndGaps: CorpusExample[] = [
  {
    id: 'tone-01-poor-attitude',
    text: `Dear Kyle,

Thank you for your interview for AV Technician. Your PA set-up was quick and your cable runs were neat.

The panel felt you had a poor attitude when we challenged your answer on Dante clocking, and you weren't able to say which device was leader. Dante Level 1 online would help with the technical side.

Regards,
Bev`,
    context: { interviewerNames: ['Bev Marsh'], candidateName: 'Kyle Jones' },
    labels: { pass: false, kinds: ['tone'] },
    note: '"Poor attitude" judges the person without describing what happened.',
  },
  {
    id: 'tone-02-clearly-lack',
    text: `Dear Shaun,

Thank you for interviewing for the Lighting Technician role. Your rigging was neat and your safety bonds were on every fixture.

However, you clearly lack the programming experience this role needs: you couldn't build a cue with a fade time on the Eos, and you weren't sure what tracking meant. The ETC online Eos course would be a good next step, and we'd be glad to see you apply again once you've done it.

Best,
Julie`,
    context: { interviewerNames: ['Julie Fenwick'], candidateName: 'Shaun Mills' },
    labels: { pass: true, kinds: ['tone'] },
    note: '"You clearly lack" is an absolute (warning); the evidence that follows keeps it specific, so it passes.',
  },
  {
    id: 'tone-03-terrible-with-evidence',
    text: `Dear Ollie,

Thank you for interviewing for the Sound Technician role. Your RF work was the best we saw: you scanned the room, coordinated twenty channels and walked the stage to check for drop-outs.

Your cable management in the practical was terrible, though: the multicore was left across the fire exit and the stage box had no strain relief. A few shifts with our crew or any touring crew would build those habits, and we'd welcome another application.

Cheers,
Dan`,
    context: { interviewerNames: ['Dan Whitfield'], candidateName: 'Ollie Grant' },
    labels: { pass: true, kinds: ['tone'] },
    note: 'A harsh word (warning) followed by the evidence.',
  },
  {
    id: 'tone-04-arrogant',
    text: `Dear Marco,

Thank you for interviewing for the Senior AV Technician role. Your Crestron programming was strong and your system design for the boardroom was well thought out.

You came across as arrogant in the client role-play and talked over the client twice. You were also less sure on Dante redundancy; Dante Level 3 would help there.

Best regards,
Laura`,
    context: { interviewerNames: ['Laura Quinn'], candidateName: 'Marco Silva' },
    labels: { pass: false, kinds: ['tone'] },
    note: 'A character judgement ("arrogant"); the behaviour ("talked over the client twice") is what should be said.',
  },
  {
    id: 'tone-05-you-never',
    text: `Dear Bea,

Thank you for interviewing for the Stage Technician role. Your flying knowledge was excellent and you ran the counterweight cues on time.

During the practical you never checked the lock on the fly rail before leaving it, which is a safety risk on our counterweight system. ABTT Bronze includes flying safety and would be a good next step; we'd welcome an application next season.

Best wishes,
Ed`,
    context: { interviewerNames: ['Ed Carter'], candidateName: 'Bea Hughes' },
    labels: { pass: true, kinds: ['tone'] },
    note: '"You never" is an absolute (warning). It is backed by what was seen.',
  },
  {
    id: 'tone-06-not-intelligent',
    text: `Hi Wes,

Thanks for coming in. Your cable coiling and your stage box patching were tidy.

Honestly you didn't seem very bright when we went through the block diagram, and you didn't understand the signal flow from the stage to the amps. ABTT Bronze would be a good start.

Thanks,
Rhiannon`,
    context: { interviewerNames: ['Rhiannon Pugh'], candidateName: 'Wes Long' },
    labels: { pass: false, kinds: ['tone', 'length'] },
    note: 'Intelligence judgement. Note "didn\'t seem very bright" rather than the listed "not intelligent".',
  },
  {
    id: 'gap-01-praise-only',
    text: `Dear Naomi,

Thank you so much for coming in for the AV Technician role. It was a pleasure to meet you.

Your fault-finding on the practical was excellent: you found the crossed tie line in four minutes. Your vision mixing was smooth, and your explanation of the Dante network to our events team was clear and friendly. You clearly have a great future in the industry.

We've offered the role to another candidate, but we hope our paths cross again.

Best wishes,
Fiona`,
    context: { interviewerNames: ['Fiona Reid'], candidateName: 'Naomi Webb' },
    labels: { pass: false, kinds: ['missing-development-area', 'missing-action'] },
    note: 'All strengths: the candidate cannot tell what to improve.',
  },
  {
    id: 'gap-02-criticism-only',
    text: `Dear Harvey,

Thank you for your interview for Sound Technician.

Your gain structure was inconsistent: the lectern mic was set low at the preamp and pushed up on the fader, which brought up the room noise. You weren't able to explain how the Dante network was clocked, and your RF frequency plan had two channels on an intermod product. Dante Level 2 and Shure's wireless workshop would help with the gaps.

Regards,
Matt`,
    context: { interviewerNames: ['Matt Hale'], candidateName: 'Harvey Bond' },
    labels: { pass: false, kinds: ['missing-strength'] },
    note: 'All development areas: no strength named.',
  },
  {
    id: 'gap-03-generic-development',
    text: `Dear Isla,

Thank you for interviewing for the AV Technician role. Your projection set-up was quick and precise, and your edge-blending on the twin projectors was the best we saw. Your cable management was tidy too.

On the whole we felt you need to keep growing your skills and building your confidence before a role like this. We'd encourage you to keep at it, and to apply again in the future.

Best,
Colin`,
    context: { interviewerNames: ['Colin Hart'], candidateName: 'Isla Ross' },
    labels: { pass: false, kinds: ['missing-development-area'] },
    note: '"Keep growing your skills" names no criterion.',
  },
  {
    id: 'gap-04-too-short',
    text: `Hi Max, thanks for coming in. Good RF work, but Dante needs work. Try Dante Level 1.`,
    context: { interviewerNames: ['Hugh Lamb'], candidateName: 'Max Price' },
    labels: { pass: true, kinds: ['length'] },
    note: 'Has all three parts, just: brief (a warning), not broken; a short text naming a strength, a development area and a next step passes.',
  },
  {
    id: 'gap-05-friendly-not-criterion',
    text: `Dear Georgia,

Thank you for interviewing with us for the Technician role. You were friendly, punctual and easy to talk to, and the team enjoyed meeting you.

The area to develop is lighting: you weren't able to patch the LED battens on the desk, and you weren't sure what a DMX address was. The ABTT Bronze Award would give you the grounding, and we'd welcome an application next year.

Kind regards,
Tony`,
    context: { interviewerNames: ['Tony Mears'], candidateName: 'Georgia Fox' },
    labels: { pass: false, kinds: ['missing-strength'] },
    note: 'Friendly and punctual are pleasant but are not a criterion the candidate can build on.',
  },
  {
    id: 'gap-06-too-long',
    text: `Dear Patrick,

Thank you very much for coming to the Town Hall on Wednesday to interview for the AV Technician role, and for your patience with what turned out to be a long afternoon. I'm sorry to let you know that we won't be offering you the role on this occasion. I've tried to set out the panel's feedback in some detail below, because you put a lot of work into the day and I think there's a lot here you can use.

Starting with the practical. We asked every candidate to find two planted faults in the small conference system we'd built in the Mayor's Parlour. You found the first one, the muted output on the DSP, within about five minutes, and the way you did it was exactly what we look for: you started at the source, confirmed the laptop audio was present at the input meters, then worked forwards until you found where it stopped. You talked us through each step and didn't change more than one thing at a time. The second fault, an EDID problem that made the projector fall back to a low resolution, took you longer, but you got there by checking the resolution the laptop was sending rather than swapping cables, which was the right instinct.

Your cable management was also a strength. Everything you ran was taped down or ramped, you kept the fire exits clear, and when you re-patched the lectern you re-labelled both ends. Our events team noticed that, and it matters in a public building where the public walk through our set-ups.

Your client communication was good, too. In the role-play with the councillor who wanted to change the room layout half an hour before the meeting, you explained what was possible, offered an alternative and didn't promise anything you couldn't deliver.

Now to the areas we think you should develop. The main one is audio for hybrid meetings. When we asked you to set up the microphones so that the remote participants could hear the room and the room could hear them, you weren't sure how to set up a mix-minus, and you didn't think about acoustic echo cancellation at all. Most of our meetings are hybrid now, and the council chamber has a Q-SYS system with AEC built in, so this is central to the role. The free Q-SYS Level 1 course online covers the basics of the system, and Q-SYS Level 2 goes into AEC properly. I'd also suggest practising with a simple set-up at home: a USB microphone, a laptop and a video call with a friend will show you quickly what happens without echo cancellation.

The second area is networking. You weren't confident explaining how the Dante devices in the chamber find each other, or why they all need to be on the same subnet. Dante Level 1 and Level 2 are free and online, and would give you a solid grounding, and CompTIA Network+ would be worth considering later on if you want to move into AV-over-IP more generally.

Finally, a smaller point about documentation. Your notes from the practical were clear, but you didn't record what you'd changed, so the next technician would not have known the DSP output had been unmuted. A habit of writing a short handover note after every fault would help.

I know that's a lot, so please don't read it as a long list of problems: you were a close second, and the panel was genuinely impressed. We'd really like you to apply again, especially once you've had the chance to do the Q-SYS courses, and we'd be happy to keep in touch through our talent network so that you hear about future vacancies first.

If you'd like to talk any of this through, just reply to this email and I'll arrange a call.

With best wishes,
Heather Quinn
Technical Services Manager`,
    context: { interviewerNames: ['Heather Quinn', 'Rob Tennant'], candidateName: 'Patrick Doyle' },
    labels: { pass: true, kinds: ['length'] },
    note: 'Good but over 600 words: a length warning.',
  },
  {
    id: 'grammar-01-you-was',
    text: `Dear Erin,

Thank you for interviewing for the Sound Technician role.

## What went well
- **Audio:** You set gains sensibly on the desk but was unsure how to co-ordinate the radio mic frequencies for six channels.
- **Show operation:** You ran the cues accurately and kept the show moving when the playback failed.

## Where to develop next
- **Audio:** RF co-ordination is the area to develop: you could not yet plan frequencies for six radio mics. A good next step: the Shure wireless workshop, which covers frequency planning.

We would welcome a new application once you have done it.`,
    labels: { pass: true, kinds: ['grammar'] },
    note: 'Edited by hand after rephrasing: "you … but was unsure" does not agree (a warning).',
  },
  {
    id: 'grammar-02-you-seems',
    text: `Dear Tariq,

Thank you for coming in for the Lighting Technician interview. Your focusing was quick and tidy, and you recorded each state with sensible fade times.

You seems less sure of DMX addressing: you could not yet explain why two fixtures responded to the same channel. The ETC Eos Level 1 course online would help, and we would be glad to see you apply again once you have done it.`,
    labels: { pass: true, kinds: ['grammar'] },
    note: '"You seems" does not agree.',
  },
  {
    id: 'grammar-03-no-subject',
    text: `Dear Ffion,

Thank you for interviewing for the AV Technician role.

## What went well
- **Signal flow:** Traced the hum to a ground loop on the DI and lifted it without prompting.

## Where to develop next
- **Networking and control:** you were unsure what a subnet mask does, and you could not find the Dante device on the network. A good next step: Dante Certification Level 1 from Audinate, online.

We would welcome an application once you have done it.`,
    labels: { pass: true, kinds: ['grammar'] },
    note: 'A note pasted in without a subject: the candidate cannot tell who traced the hum.',
  },
];
