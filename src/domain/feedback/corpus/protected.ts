// Feedback that touches a protected characteristic (Equality Act 2010), directly or by proxy. Most
// are otherwise good feedback, as they would be in real life: one slip in a helpful email.

import type { CorpusExample } from './types.ts';

const fail = { pass: false, kinds: ['protected-characteristic' as const] };

export const protectedExamples: CorpusExample[] = [
  // ── Age ──
  {
    id: 'protected-age-01-overqualified',
    text: `Dear Graham,

Thank you for interviewing for the AV Technician role at the Forum. Your fault-finding was the most methodical we saw: you traced the hum to a ground loop on the projector feed in minutes and fixed it with an isolator.

To be honest, we felt you were overqualified for a technician post and might not stay long. Your Dante knowledge was a little dated — Dante Level 2 would bring it up to date — and we'd be glad to see you apply for a senior role in future.

Best wishes,
Helen`,
    context: { interviewerNames: ['Helen Shaw'], candidateName: 'Graham Wells' },
    labels: fail,
    note: '"Overqualified" is a classic proxy for age.',
  },
  {
    id: 'protected-age-02-young-team',
    text: `Hi Pete,

Thanks for coming in. You really know your way round an SQ desk and your monitor mixes for the band were quick and accurate.

We're a young team and we felt someone earlier in their career would suit the crew better. On the technical side, you weren't sure how to set up the Dante virtual soundcard for the playback rig; Dante Level 1 online would help.

Cheers,
Jess`,
    context: { interviewerNames: ['Jess Marlow'], candidateName: 'Pete Rowe' },
    labels: fail,
    note: '"Young team" and "earlier in their career" point at age.',
  },
  {
    id: 'protected-age-03-energy',
    text: `Dear Alan,

Thank you for interviewing for the Events Technician role. Your knowledge of the Crestron system in our suites was excellent and you recalled the room presets without help.

We were looking for someone with a bit more energy for the long conference days and the quick turnarounds. Your cable runs in the practical were untidy, with no strain relief on the stage box; a few shifts with an events crew would build good habits there.

Regards,
Sadie`,
    context: { interviewerNames: ['Sadie Holt'], candidateName: 'Alan Burrows' },
    labels: fail,
    note: '"More energy" about a person is an age proxy.',
  },
  {
    id: 'protected-age-04-digital-native',
    text: `Dear Maureen,

Thank you for coming in for the Streaming Technician role. Your camera work on the PTZ practice was smooth and you framed each speaker well.

The role suits a digital native who picks up new software without training, and you were slower with OBS and the stream encoder than we'd hoped. CompTIA Network+ and some time with OBS at home would help you build confidence.

Kind regards,
Rob`,
    context: { interviewerNames: ['Rob Tennant'], candidateName: 'Maureen Kelly' },
    labels: fail,
    note: '"Digital native" is an age proxy.',
  },
  {
    id: 'protected-age-05-recent-graduate',
    text: `Dear Keith,

Thank you for interviewing for the Technician role. Your rigging knowledge was sound: you explained LOLER inspections clearly and your knots were textbook.

We were really looking for a recent graduate we can train up in our own way, and your lighting programming also wasn't at the level we need — you couldn't build a basic chase on the desk. The ETC Eos online course would be a good next step.

Best wishes,
Fran`,
    context: { interviewerNames: ['Fran Cole'], candidateName: 'Keith Barlow' },
    labels: fail,
    note: '"Recent graduate" as a requirement is an age proxy.',
  },
  {
    id: 'protected-age-06-long-in-the-tooth',
    text: `Hi Clive,

Thanks for your time on Friday. You clearly know analogue sound inside out, and your repair of the faulty multicore on the bench was neat and quick.

I'll be frank: the panel felt you were a bit long in the tooth for a role that's mostly Dante and Q-SYS now, and you weren't confident with either. Q-SYS Level 1 and Dante Level 1 are both free online and would be the place to start.

All the best,
Mike`,
    context: { interviewerNames: ['Mike Stanton'], candidateName: 'Clive Pearson' },
    labels: fail,
    note: '"Long in the tooth" refers to age directly.',
  },
  {
    id: 'protected-age-07-too-experienced',
    text: `Dear Linda,

Thank you for interviewing for the Assistant AV Technician role. Your vision mixing was the best on the day and your understanding of EDID was excellent.

We felt you were too experienced for an assistant role and would get bored with the set-ups. If you'd like to apply for a senior post, we'd suggest building your Dante knowledge first — you weren't sure how multicast flows worked — and Dante Level 2 would cover it.

Best regards,
Umar`,
    context: { interviewerNames: ['Umar Farooq'], candidateName: 'Linda Hayes' },
    labels: fail,
    note: '"Too experienced" is the same proxy as overqualified.',
  },
  {
    id: 'protected-age-08-at-your-age',
    text: `Dear Derek,

Thank you for interviewing for the Stage Technician role. Your flying knowledge was strong: you talked us through the counterweight loading sequence correctly and spotted the out-of-balance bar.

We did wonder whether climbing the fly floor ladders every night would be sensible at your age. On the practical side your knowledge of the lighting desk was limited; ABTT Bronze would give you the grounding.

Kind regards,
Yasmin`,
    context: { interviewerNames: ['Yasmin Bhatt'], candidateName: 'Derek Shaw' },
    labels: fail,
    note: 'Direct reference to age.',
  },
  {
    id: 'protected-age-09-energetic-young-blood',
    text: `Hi Kath,

Thanks for coming in. Your documentation was great and your patch sheets were easy to follow.

We're after someone energetic to bring some young blood into the department, and you weren't confident with the radio mic rack when we asked you to run a scan. Shure's online wireless training would help.

Thanks,
Dan`,
    context: { interviewerNames: ['Dan Whitfield'], candidateName: 'Kath Morris' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: '"Energetic" and "young blood" are age proxies.',
  },

  // ── Disability and health ──
  {
    id: 'protected-disability-01-sick-days',
    text: `Dear Craig,

Thank you for your interview for the Sound Technician role. Your mixing on the band practical was excellent and your gain structure was clean from start to finish.

Your reference mentioned a number of sick days last year, which was a concern for a role with a demanding rota. On the technical side you weren't sure how to configure the Dante redundancy on the stage racks; Dante Level 2 would cover this.

Kind regards,
Beth`,
    context: { interviewerNames: ['Beth Lacey'], candidateName: 'Craig Duffy' },
    labels: fail,
    note: 'Sickness absence is a disability proxy.',
  },
  {
    id: 'protected-disability-02-health-condition',
    text: `Dear Anna,

Thank you for coming in for the Rigger role. Your knowledge of LOLER and your paperwork were excellent.

When you mentioned your back condition we did worry about you on the get-ins, and your working-at-height experience is limited — you don't yet hold an IPAF card. IPAF 3a and 3b would be a good next step.

Kind regards,
Lewis`,
    context: { interviewerNames: ['Lewis Tate'], candidateName: 'Anna Novak' },
    labels: fail,
    note: 'A health condition the candidate disclosed must not appear in feedback.',
  },
  {
    id: 'protected-disability-03-dyslexia',
    text: `Dear Jordan,

Thank you for interviewing for the AV Technician role. Your practical was excellent: you had the projector, switcher and lectern working in twenty minutes and your signal flow diagram was accurate.

Your written cable schedule had a lot of errors, which we assume is down to your dyslexia, and we weren't confident about your documentation for that reason. We'd suggest a template-based approach to your paperwork and a short course on technical documentation.

Best wishes,
Cara`,
    context: { interviewerNames: ['Cara Flynn'], candidateName: 'Jordan Hale' },
    labels: fail,
    note: 'Disability named directly.',
  },
  {
    id: 'protected-disability-04-colour-blind',
    text: `Hi Martin,

Thanks for coming in for the LX Technician role. Your rigging was safe and neat, and you knew your way round the dimmer racks.

As you're colour blind, we felt the colour work on the LED wash fixtures would be a struggle, and you weren't confident programming colour palettes on the Eos either. The ETC online programming course would help with the desk side.

Best,
Gwen`,
    context: { interviewerNames: ['Gwen Parry'], candidateName: 'Martin Shaw' },
    labels: fail,
    note: 'Colour blindness is a disability; the feedback decides on it.',
  },
  {
    id: 'protected-disability-05-physically-able',
    text: `Dear Lucy,

Thank you for interviewing for the Stage Technician role at the Opera House. Your knowledge of the flying system was impressive and your safety checks were thorough.

We weren't sure you'd be physically strong enough to handle the flight cases on the get-ins, and you weren't confident with the sound side of the role when we asked you to set up the stage monitors. ABTT Bronze would give you that grounding.

Kind regards,
Hamish`,
    context: { interviewerNames: ['Hamish Reid'], candidateName: 'Lucy Carr' },
    labels: fail,
    note: '"Physically strong enough" is a proxy for sex and for disability.',
  },
  {
    id: 'protected-disability-06-mental-health',
    text: `Dear Owen,

Thank you for your interview for AV Technician. Your client communication in the role-play was excellent, and your vision mixing was clean.

You mentioned you'd had some mental health struggles in your last job, and we felt the pressure of live events might be too much. You also weren't sure how to set up the Q-SYS paging; Q-SYS Level 1 would cover that.

Best regards,
Priti`,
    context: { interviewerNames: ['Priti Desai'], candidateName: 'Owen Blake' },
    labels: fail,
    note: 'Mental health is a disability matter and must not feature.',
  },
  {
    id: 'protected-disability-07-hearing',
    text: `Hi Sean,

Thanks for coming in for the Sound No.2 role. Your radio mic management was meticulous and your mic placements were spot on.

With your hearing aid we weren't sure about you mixing on the nights when the No.1 is off, and your Dante knowledge was limited. Dante Level 1 online is a good first step.

Cheers,
Tamsin`,
    context: { interviewerNames: ['Tamsin Yates'], candidateName: 'Sean Byrne' },
    labels: fail,
    note: 'A hearing aid is a disability reference.',
  },

  // ── Gender reassignment ──
  {
    id: 'protected-gender-reassignment-01',
    text: `Dear Alex,

Thank you for interviewing for the Lighting Technician role. Your Eos programming was quick and your focus was accurate.

We know you've been going through your transition and weren't sure the long hours would suit you right now. You were less confident on DMX fault-finding: you didn't check the terminator when the battens flickered. A session with a DMX tester would help.

Best,
Ian`,
    context: { interviewerNames: ['Ian Fletcher'], candidateName: 'Alex Morgan' },
    labels: fail,
    note: 'Refers to a gender transition. (A career "transition from theatre to events" must not be flagged: see borderline.)',
  },
  {
    id: 'protected-gender-reassignment-02-pronouns',
    text: `Dear Robin,

Thank you for interviewing for AV Technician at the Arts Centre. Your signal flow diagram was the clearest we saw and your fault-finding on the practical was methodical.

Some of the crew weren't sure about your pronouns and we felt that might make the team dynamic awkward. On the technical side, you weren't sure how to set up the LED processor for the new wall; the Brompton online training would be a good start.

Kind regards,
Sue`,
    context: { interviewerNames: ['Sue Harper'], candidateName: 'Robin Ellis' },
    labels: fail,
    note: 'Pronouns and the crew’s reaction relate to gender identity.',
  },

  // ── Marriage and civil partnership ──
  {
    id: 'protected-marriage-01-newly-married',
    text: `Dear Gemma,

Thank you for your interview for Touring AV Technician. Your projection set-up was quick and your edge-blending was precise.

As you've recently got married, we weren't sure touring for weeks at a time would suit you. We'd also like to see more confidence with the media server: you weren't sure how to map the content to the three projectors. The disguise online training is a good next step.

Best regards,
Nick`,
    context: { interviewerNames: ['Nick Amos'], candidateName: 'Gemma Holt' },
    labels: fail,
    note: 'Marital status used as a reason.',
  },
  {
    id: 'protected-marriage-02-husband',
    text: `Hi Danielle,

Thanks for coming in. Your risk assessment for the outdoor stage was thorough and your power distribution plan was well thought through.

Your husband works for a rival hire company, which the panel felt could be awkward. You also weren't sure how to terminate a powerlock connector properly, so we'd suggest the PLASA power distribution course.

Thanks,
Gary`,
    context: { interviewerNames: ['Gary Lunn'], candidateName: 'Danielle Fox' },
    labels: fail,
    note: 'Spouse as a reason.',
  },

  // ── Pregnancy and maternity; family ──
  {
    id: 'protected-pregnancy-01-maternity',
    text: `Dear Rachel,

Thank you for interviewing for Senior Sound Technician. Your system design for the main hall was thorough and your tuning with Smaart was excellent.

We did discuss the timing, with you due to start maternity leave in the summer, and felt we needed someone who could lead the autumn season. You were also less confident with the Dante redundancy design; Dante Level 3 would build that up.

Kind regards,
Mark`,
    context: { interviewerNames: ['Mark Ellison'], candidateName: 'Rachel Dunn' },
    labels: fail,
    note: 'Maternity used as a reason: direct pregnancy and maternity discrimination.',
  },
  {
    id: 'protected-pregnancy-02-childcare',
    text: `Dear Kelly,

Thanks for coming in for the Events AV Technician role. Your client manner was excellent and your breakout room set-ups were quick and tidy.

The role involves a lot of late finishes, and with your childcare arrangements we weren't sure it would work. We'd also like to see more confidence with video switching — you weren't sure how to set up the Barco E2 — and the Barco online training would help.

Best wishes,
Jon`,
    context: { interviewerNames: ['Jon Kemp'], candidateName: 'Kelly Moore' },
    labels: fail,
    note: 'Childcare is a proxy for sex and family status.',
  },
  {
    id: 'protected-pregnancy-03-family-plans',
    text: `Hi Natasha,

Thank you for interviewing with us. Your knowledge of DMX and RDM was excellent, and you fixed the addressing fault on the practical quickly.

You mentioned you were thinking about starting a family soon, and we need someone who can commit to the full season. Your programming on the Avolites was also slower than we need; the Avolites academy online course would help.

Kind regards,
Ross`,
    context: { interviewerNames: ['Ross Palmer'], candidateName: 'Natasha Green' },
    labels: fail,
    note: 'Family plans are a pregnancy proxy.',
  },
  {
    id: 'protected-pregnancy-04-your-children',
    text: `Dear Tom,

Thank you for your interview for AV Technician. Your Q-SYS knowledge was excellent: you found the muted zone in the UCI in seconds and explained the snapshot logic clearly.

With your children so young, we weren't sure how you'd manage the weekend get-outs. You were also less confident on lighting, particularly patching the movers on the desk; ABTT Bronze would help with the basics.

Best wishes,
Elaine`,
    context: { interviewerNames: ['Elaine Ford'], candidateName: 'Tom Hardy' },
    labels: fail,
    note: 'Caring responsibilities are not a criterion for anyone.',
  },

  // ── Race, nationality, language ──
  {
    id: 'protected-race-01-native-english',
    text: `Dear Piotr,

Thank you for interviewing for the AV Technician role. Your fault-finding was excellent: you isolated the faulty HDMI extender in minutes.

For client-facing work at our conference centre we need a native English speaker, and some of your explanations in the role-play were hard to follow. You were also less sure on audio, particularly ringing out the lectern mic; a short conference audio course would help.

Best regards,
Claire`,
    context: { interviewerNames: ['Claire Moss'], candidateName: 'Piotr Nowak' },
    labels: fail,
    note: '"Native English speaker" is a race (national origin) proxy.',
  },
  {
    id: 'protected-race-02-accent',
    text: `Hi Chidi,

Thanks for coming in. Your show calling on the practical was accurate and you gave every standby on time.

The panel felt your accent could make talkback hard for the crew during a busy show. Your lighting knowledge was also limited — you weren't sure how to merge two DMX universes — and ABTT Bronze would be a good grounding.

All the best,
Andy`,
    context: { interviewerNames: ['Andy Coates'], candidateName: 'Chidi Okeke' },
    labels: fail,
    note: 'An accent is a proxy for national or ethnic origin.',
  },
  {
    id: 'protected-race-03-cultural-fit',
    text: `Dear Amara,

Thank you for interviewing with us. Your vision mixing was fast and your understanding of SDI routing was excellent.

We did feel you weren't the right cultural fit for our crew, who have worked together for many years. You also weren't sure how to set up the intercom for the camera operators; the Riedel or Clear-Com online courses would help.

Kind regards,
Steve`,
    context: { interviewerNames: ['Steve Grady'], candidateName: 'Amara Diallo' },
    labels: fail,
    note: '"Cultural fit" is a proxy that often hides race bias (and is vague).',
  },
  {
    id: 'protected-race-04-where-from',
    text: `Dear Mei,

Thanks for your interview for AV Technician. Your network knowledge was excellent: you configured the VLANs for Dante and the control system without help.

We did wonder, given where you're originally from, whether you'd want to settle in Inverness long-term. On the practical side, your audio mixing was less confident than your networking; a few shifts mixing conferences would help.

Best wishes,
Kirsty`,
    context: { interviewerNames: ['Kirsty Munro'], candidateName: 'Mei Chen' },
    labels: fail,
    note: 'National origin as a reason.',
  },
  {
    id: 'protected-race-05-visa',
    text: `Dear Samir,

Thank you for interviewing for Senior AV Technician. Your Crestron programming was excellent and your documentation was thorough.

We were concerned about your visa status and whether you'd be able to stay for the full contract. We'd also like to see more leadership in client communication: in the role-play you let the client change the brief without flagging the cost. Running client advance calls at your current venue would build that.

Regards,
Peter`,
    context: { interviewerNames: ['Peter Walsh'], candidateName: 'Samir Haddad' },
    labels: fail,
    note: 'Right-to-work is checked by law before an offer, not discussed as a reason in feedback.',
  },
  {
    id: 'protected-race-06-fit-in-with-the-lads',
    text: `Hi Kofi,

Thanks for coming in for the Stage Technician role. Your knowledge of the flying system was good and your safety checks were thorough.

We weren't sure you'd fit in with the crew, and you were less confident on the sound side when we asked you to set up the foldback. ABTT Bronze would give you a good grounding in stage sound.

Cheers,
Gaz`,
    context: { interviewerNames: ['Gary Newton'], candidateName: 'Kofi Asante' },
    labels: fail,
    note: '"Fit in with the crew" is a cultural-fit proxy.',
  },

  // ── Religion or belief ──
  {
    id: 'protected-religion-01-prayer',
    text: `Dear Yusuf,

Thank you for interviewing for AV Technician. Your fault-finding on the practical was the fastest we saw, and your cable management was tidy.

We did worry about you needing time for Friday prayers during conference set-ups. You were also less confident with the lighting desk — you couldn't recall a preset on the Chamsys — and the Chamsys online training would help.

Kind regards,
Jane`,
    context: { interviewerNames: ['Jane Wilde'], candidateName: 'Yusuf Rahman' },
    labels: fail,
    note: 'Religious observance as a concern.',
  },
  {
    id: 'protected-religion-02-holy-days',
    text: `Dear Eli,

Thank you for your interview for the Sound Technician role. Your RF coordination was excellent: you built a clean plan for twenty channels and explained the intermod gaps.

Our Friday and Saturday shows would clash with your Sabbath, which the panel felt was a problem. Your Dante routing was also a little hesitant; Dante Level 2 would help.

Best,
Colin`,
    context: { interviewerNames: ['Colin Hart'], candidateName: 'Eli Cohen' },
    labels: fail,
    note: 'Religious observance; availability must be discussed neutrally and with every candidate, not in feedback.',
  },
  {
    id: 'protected-religion-03-church',
    text: `Dear Grace,

Thank you for your interview for Events Technician. Your set-up of the breakout rooms was quick and your client communication excellent.

You mentioned you go to church on Sunday mornings, and many of our weddings and conferences run through the weekend. On the technical side you weren't confident with the Q-SYS paging; Q-SYS Level 1 would cover it.

Kind regards,
Rob`,
    context: { interviewerNames: ['Rob Fairley'], candidateName: 'Grace Adeyemi' },
    labels: fail,
    note: 'Religious practice. The candidate’s first name (Grace) must not confuse anything.',
  },

  // ── Sex ──
  {
    id: 'protected-sex-01-girl',
    text: `Hi Jade,

Thanks for coming in for the Stage Technician role. Your knowledge of the flying system was excellent and your paperwork was spotless.

The crew felt a girl might struggle with the heavier scenery on the get-ins, and you weren't confident with the sound side of the role when we asked about foldback. ABTT Bronze would be a good next step.

Cheers,
Ken`,
    context: { interviewerNames: ['Ken Barrow'], candidateName: 'Jade Foster' },
    labels: fail,
    note: 'Sex stated directly.',
  },
  {
    id: 'protected-sex-02-nice-guy',
    text: `Dear Ryan,

Thanks for coming in for the AV Technician role at the Exchange. You're a nice guy and the team liked you, and your PA set-up in the practical was quick and safe.

Your knowledge of video was limited — you weren't sure how EDID affected the projector resolution — and the Extron online courses would help with that.

Best,
Cath`,
    context: { interviewerNames: ['Cath Bryant'], candidateName: 'Ryan Cole' },
    labels: fail,
    note: '"Guy" as a descriptor of the candidate. Mild, but gendered description has no place in feedback.',
  },
  {
    id: 'protected-sex-03-as-a-woman',
    text: `Dear Hannah,

Thank you for interviewing for Rigging Technician. Your knowledge of LOLER and your bridle calculations were excellent.

As a woman in a mostly male crew, you'd need to be comfortable speaking up on the deck, and we weren't sure you were. You also don't yet hold an IPAF card; IPAF 3a and 3b would be a good next step.

Kind regards,
Stuart`,
    context: { interviewerNames: ['Stuart Lowe'], candidateName: 'Hannah Price' },
    labels: fail,
    note: 'Sex used as a frame for the judgement.',
  },
  {
    id: 'protected-sex-04-lads-and-emotional',
    text: `Dear Megan,

Thank you for your interview for AV Technician. Your vision mixing was clean and your camera shading was accurate.

The lads on the crew can be blunt and we felt you might be a bit emotional under that kind of pressure. Your audio was less confident — you missed the feedback on the lectern mic — and a short conference audio course would help.

Best wishes,
Phil`,
    context: { interviewerNames: ['Phil Harding'], candidateName: 'Megan Price' },
    labels: fail,
    note: '"Lads" and "emotional" are gendered; the stereotype is a sex proxy.',
  },

  // ── Sexual orientation ──
  {
    id: 'protected-orientation-01-partner',
    text: `Dear Chris,

Thank you for interviewing for the AV Technician role. Your Dante networking was excellent and your patching was quick and accurate.

Some of the older crew are quite traditional and we weren't sure how they'd take to you bringing your boyfriend to the company socials. Your lighting knowledge was limited, so ABTT Bronze would help.

Best,
Dave`,
    context: { interviewerNames: ['Dave Simms'], candidateName: 'Chris Lane' },
    labels: { pass: false, kinds: ['protected-characteristic', 'length'] },
    note: 'Sexual orientation (and "older crew" is age-related language too).',
  },
  {
    id: 'protected-orientation-02-gay',
    text: `Hi Sam,

Thanks for coming in. Your RF work was excellent and you handled the frequency scan confidently.

One of the panel felt that being openly gay might make things awkward with some of the touring crews we host. You were less confident with the desk: you couldn't find the scene recall on the CL5. Yamaha's online training would help.

Thanks,
Ray`,
    context: { interviewerNames: ['Ray Dunn'], candidateName: 'Sam Powell' },
    labels: fail,
    note: 'Sexual orientation stated directly.',
  },
];
