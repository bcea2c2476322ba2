// The built-in framework "AV Technician (UK venues)", written in Followspot's own words from the
// public standards in reference/field-facts.md: the ST1297 Creative Industries Production Technician
// apprenticeship, the technical theatre National Occupational Standards, the AVIXA CTS exam outline
// and O*NET 27-4011.00. Pure data. Never change the meaning of this version: scorecards written
// against `builtin-av-technician-v1` must keep reading the same text. A revision ships as -v2.

import type { BuiltInFramework, TrainingEntry } from './types.ts';

const links = {
  avixa: 'https://www.avixa.org/',
  dante: 'https://www.getdante.com/',
  ipaf: 'https://www.ipaf.org/',
  pasma: 'https://www.pasma.co.uk/',
  plasa: 'https://www.plasa.org/',
  abtt: 'https://www.abtt.org.uk/',
  cityAndGuilds: 'https://www.cityandguilds.com/',
  comptia: 'https://www.comptia.org/',
  qsys: 'https://www.qsys.com/',
  crestron: 'https://www.crestron.com/',
  shure: 'https://www.shure.com/',
  extron: 'https://www.extron.com/',
  dbAudio: 'https://www.dbaudio.com/',
  etc: 'https://www.etcconnect.com/',
  maLighting: 'https://www.malighting.com/',
  hseFirstAid: 'https://www.hse.gov.uk/firstaid/',
  apm: 'https://www.apm.org.uk/',
  vectorworks: 'https://www.vectorworks.net/',
  customerService: 'https://www.instituteofcustomerservice.com/',
  stageManagement: 'https://www.stagemanagementassociation.co.uk/',
} as const;

const onTheJob = 'Your venue (on the job)';

function abttBronze(builds: string): TrainingEntry {
  return {
    id: 'abtt-bronze',
    name: 'ABTT Bronze Award',
    provider: 'Association of British Theatre Technicians (ABTT)',
    form: '5-day foundation course',
    builds,
    url: links.abtt,
    forLevels: [1, 2],
  };
}

function avixaCts(builds: string, forLevels: TrainingEntry['forLevels'] = [2, 3]): TrainingEntry {
  return {
    id: 'avixa-cts',
    name: 'Certified Technology Specialist (CTS)',
    provider: 'AVIXA',
    form: 'Foundation certification, with online preparation courses',
    builds,
    url: links.avixa,
    forLevels,
  };
}

const danteLevel1: TrainingEntry = {
  id: 'dante-level-1',
  name: 'Dante Certification Level 1',
  provider: 'Audinate',
  form: 'Level 1, online',
  builds:
    'The basics of networked audio: finding devices, making subscriptions, clocking and latency in Dante Controller.',
  url: links.dante,
  forLevels: [1, 2],
};

const danteLevel2: TrainingEntry = {
  id: 'dante-level-2',
  name: 'Dante Certification Level 2',
  provider: 'Audinate',
  form: 'Level 2, online with a hands-on test',
  builds: 'Multicast, redundant networks and fault-finding on Dante systems built on real switches.',
  url: links.dante,
  forLevels: [2, 3],
};

export const avTechnicianFramework: BuiltInFramework = {
  id: 'builtin-av-technician-v1',
  version: 1,
  name: 'AV Technician (UK venues)',
  description:
    'Nine criteria for assessing AV technicians at UK theatres, concert halls, conference centres, hotels and arenas, drawn from the ST1297 apprenticeship standard, the technical theatre National Occupational Standards, the AVIXA CTS exam outline and O*NET 27-4011.00. Every level is written as behaviour an interviewer can see or hear, each criterion comes with interview questions and practical tasks, and each has training matched to the level a candidate is at now.',
  criteria: [
    {
      key: 'signal_flow',
      name: 'Signal flow and fault-finding',
      definition:
        'Follows a signal from source to destination through every device, patch point and conversion, and finds faults by method: splitting the chain, testing one thing at a time and confirming the fix, rather than swapping parts at random.',
      descriptors: {
        notYetShown:
          'Could not describe the path a signal takes through the system in front of them. Swapped cables or devices at random, or changed several things at once, and could not say where the signal stopped.',
        developing:
          'Described the chain from source to output in the right order and found an obvious fault (an unplugged lead, a muted channel) by checking from the source end. Needed prompting once the fault was not where they looked first, and did not confirm the fix end to end.',
        competent:
          'Talked through or sketched the full chain, including patch and conversion points, then traced the fault to its point (for example the patch bay) within ten minutes by splitting the chain and checking for signal at each point. Changed one thing at a time and confirmed the fix at the output.',
        strong:
          'Named the likely causes from the symptoms before touching anything, found the fault quickly and then a second, less obvious one (a sample-rate, EDID or earth-loop problem). Restored the show path first with a workaround, explained the root cause and proposed how to stop it happening again.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            'A patched system (microphone, stage box, console, amplifier and speaker; or laptop, switcher and projector) has one planted fault: a crossed tie line, a muted bus, a wrong input or a failed cable. Ask the candidate to find and fix it while talking aloud. Allow 15 minutes.',
          lookFor:
            'Establishes what works first, splits the chain rather than starting at one end, tests with a known-good source or a meter, changes one thing at a time and confirms at the output. Note how long it took.',
        },
        {
          kind: 'question',
          prompt:
            'Tell me about a fault you found during a live event. What did you notice, what did you check first, and how did you know you had found it?',
          lookFor:
            'A specific event; a method (symptom, likely cause, test) rather than luck; keeping the show running while fixing it; what they changed afterwards.',
        },
        {
          kind: 'question',
          prompt:
            "On this block diagram of a small conference system, the presenter's laptop appears on the confidence monitor but not on the main screen. Where do you look first, and why?",
          lookFor:
            'Reasons from the diagram: the source and the split are working, so the fault is on the main-screen leg — output routing, the cable run, the projector input or an EDID/HDCP handshake on that leg.',
        },
      ],
      training: [
        {
          id: 'fault-finding-drills',
          name: 'Planted-fault drills with a senior technician',
          provider: onTheJob,
          form: 'Short weekly sessions',
          builds:
            'Method and speed in fault-finding: a senior technician plants a fault in a patched system and you find it while explaining each test.',
          url: null,
          forLevels: [1, 2, 3],
        },
        abttBronze(
          'How stage sound, lighting and power systems connect, with hands-on practice in a working venue.',
        ),
        avixaCts(
          'Signal-flow fundamentals and a structured approach to troubleshooting and servicing AV systems.',
        ),
        {
          id: 'avixa-cts-i',
          name: 'CTS-I (installation)',
          provider: 'AVIXA',
          form: 'Installation certification',
          builds:
            'Commissioning and verifying complete systems, including the signal-path tests that expose hidden faults.',
          url: links.avixa,
          forLevels: [3],
        },
      ],
      standards: [
        'AVIXA CTS exam outline: servicing — maintain, troubleshoot and repair',
        'O*NET 27-4011.00: diagnose and resolve problems',
        'ST1297: prepare, set up and operate sound, lighting, power and video systems',
      ],
    },
    {
      key: 'audio',
      name: 'Audio',
      definition:
        'Sets up, checks and mixes sound for speech and music: microphones and DI, consoles, radio microphones and frequency planning, PA and monitors, and networked audio, keeping levels safe and speech intelligible.',
      descriptors: {
        notYetShown:
          'Could not set up a working microphone channel on the console without help, or set gain by pushing the fader until it fed back. Did not mention checking radio microphone batteries or frequencies.',
        developing:
          'Set up and line-checked a small system (a few microphones and playback) from a patch list and got a clean signal, but set gain by ear with little headroom and needed help with feedback, radio microphone drop-outs or monitor mixes.',
        competent:
          'Set gain with headroom and a consistent structure, rang out a vocal microphone with narrow cuts instead of pulling the fader, planned and checked a set of radio frequencies, and ran a clear, balanced speech mix without prompting. Routed an input over Dante or a similar network.',
        strong:
          'Found and fixed an audio problem under time pressure (radio interference, a clocking error, a phase problem), ran a complex mix with scenes or snapshots, tuned a PA for even coverage, and explained the trade-offs to others.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            'At a console with two vocal microphones, a DI and a playback source: patch them, set gains, ring out the wedge, then give a two-minute speech mix at an agreed level.',
          lookFor:
            'Gain before fader with headroom left, feedback removed with narrow cuts, levels checked on a meter, channels labelled, playback level matched to speech.',
        },
        {
          kind: 'question',
          prompt:
            'You have eight radio microphones for a conference next door to a busy arena. How do you choose and check the frequencies, and what do you do when one drops out mid-session?',
          lookFor:
            "Scanning on site, the manufacturer's coordination software, Ofcom licensing, spacing and intermodulation, fresh batteries, a spare pack and a planned swap with the stage manager.",
        },
        {
          kind: 'question',
          prompt: 'Walk me through getting an input from a stage box to the console over Dante.',
          lookFor:
            'Device discovery, subscriptions in Dante Controller, matching sample rates, the clock leader, latency settings and how they would confirm the signal arrives.',
        },
      ],
      training: [
        {
          id: 'console-operator',
          name: 'Console operator training',
          provider: 'Console manufacturers (for example DiGiCo, Allen & Heath, Yamaha)',
          form: 'Short courses, online or in person',
          builds:
            'Confident operation of a specific desk: patching, gain, scenes, effects and monitor mixes.',
          url: null,
          forLevels: [1, 2],
        },
        danteLevel1,
        {
          id: 'shure-wireless',
          name: 'Wireless microphone and RF courses',
          provider: 'Shure (and other radio microphone manufacturers)',
          form: 'Online and classroom courses',
          builds: 'Frequency planning, scanning, intermodulation and running radio microphones reliably.',
          url: links.shure,
          forLevels: [2, 3],
        },
        danteLevel2,
        {
          id: 'abtt-silver-sound',
          name: 'ABTT Silver Award (sound)',
          provider: 'Association of British Theatre Technicians (ABTT)',
          form: 'Follows the Bronze Award',
          builds: 'Theatre sound in depth: system set-up, show operation and sound for performance.',
          url: links.abtt,
          forLevels: [2, 3],
        },
        {
          id: 'db-system-design',
          name: 'System design and tuning courses',
          provider: 'd&b audiotechnik',
          form: 'Manufacturer education, 1–3 days',
          builds: 'Designing, rigging and tuning line-array PA for even coverage across an audience.',
          url: links.dbAudio,
          forLevels: [3],
        },
      ],
      standards: [
        'ST1297: prepare, set up and operate sound systems',
        'O*NET 27-4011.00: mix sound; install and operate equipment',
        'AVIXA CTS exam outline: implementing — operate',
      ],
    },
    {
      key: 'video',
      name: 'Video and projection',
      definition:
        'Sets up and runs video for events: sources, switchers and scalers, displays, LED and projection, cameras and streaming, and the handshakes (EDID, HDCP) and formats that make a picture appear reliably.',
      descriptors: {
        notYetShown:
          'Could not get a laptop on to a projector or screen without help, and did not know where to look when the picture was missing.',
        developing:
          'Connected sources to a switcher and display and got a picture, and roughly aligned a projector, but needed help with a resolution or aspect-ratio mismatch, a black screen from an EDID or HDCP handshake, or a stream that would not start.',
        competent:
          'Built and checked a complete path (several sources, a switcher, a confidence monitor and a projector or LED wall), set one native resolution end to end, focused and aligned the projection, cut cleanly between sources and started a stream with sound in sync. Explained why a black screen happens and fixed it.',
        strong:
          'Planned formats and EDID management for the whole event before arriving, recovered a failed source during a live session without the audience noticing, set up camera shots and a stream to more than one destination, and checked the picture at the far end.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            "A laptop, a switcher and a projector or display. The laptop shows on the switcher's preview but not on the display (an EDID or HDCP problem is planted). Ask the candidate to get it working and explain what was wrong.",
          lookFor:
            "Checks each leg, reads the switcher's input and output status, recognises a handshake problem and fixes it through EDID settings or an emulator rather than replugging repeatedly, confirms the native resolution.",
        },
        {
          kind: 'question',
          prompt:
            'A client wants a 16:9 presentation on a 16:10 projector and a camera feed for a remote audience. How would you set it up?',
          lookFor:
            'Aspect-ratio and scaling choices and where the scaler sits, the camera-to-encoder path, audio embedding and sync, a test stream before doors open.',
        },
        {
          kind: 'question',
          prompt: 'A block of LED panels flickers during rehearsal. What do you check?',
          lookFor:
            'The data and power chain into that block, the first affected panel and its cables, the processor mapping, spares; isolates the cause before swapping parts.',
        },
      ],
      training: [
        {
          id: 'camera-streaming-practice',
          name: 'Camera and streaming practice on in-house events',
          provider: onTheJob,
          form: 'Shadowing, then operating with a mentor',
          builds: 'Setting shots, encoding and running a stream, with a check of the picture at the far end.',
          url: null,
          forLevels: [1, 2],
        },
        {
          id: 'extron-courses',
          name: 'Video switching and signal distribution courses',
          provider: 'Extron',
          form: 'Online and classroom training',
          builds: 'Switchers, scalers, EDID management and building video paths that work first time.',
          url: links.extron,
          forLevels: [1, 2, 3],
        },
        avixaCts(
          'Display and projection fundamentals: image size, brightness, viewing angles and signal formats.',
        ),
        {
          id: 'crestron-dmc',
          name: 'DigitalMedia certifications (DMC-D, DMC-E)',
          provider: 'Crestron',
          form: 'Design and engineering certifications',
          builds:
            'Video distribution over HDBaseT and AV-over-IP, EDID and HDCP management, and fault-finding on real systems.',
          url: links.crestron,
          forLevels: [2, 3],
        },
      ],
      standards: [
        'ST1297: prepare, set up and operate video systems',
        'O*NET 27-4011.00: switch video sources',
        'AVIXA CTS exam outline: implementing — integrate and operate',
      ],
    },
    {
      key: 'lighting',
      name: 'Lighting',
      definition:
        'Rigs, focuses, patches and operates lighting: fixtures and their power and data, DMX, RDM, sACN and Art-Net, consoles and cues, following a plan and keeping the rig safe.',
      descriptors: {
        notYetShown:
          'Could not address or patch a fixture, or connect a DMX line, without step-by-step help, and did not know how to bring up a light on the console.',
        developing:
          "Hung and cabled fixtures to a plan, set DMX addresses, brought them up on the console and recorded simple cues with help; got stuck on a fixture that did not respond or on a moving light's modes.",
        competent:
          'Patched a mixed rig (generic and moving lights) from the paperwork, found a fixture that did not respond by checking its address, mode and data chain, focused to a brief, and recorded a cue stack that played back correctly.',
        strong:
          'Found a data fault across a lighting network (sACN or Art-Net, nodes, termination) quickly, programmed efficiently with groups and palettes, adapted the plan sensibly to a change in the room, and explained lighting choices to a designer or client.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            'Three fixtures (a generic on a dimmer and two moving lights) are cabled, but one moving light does not respond. Ask the candidate to patch the rig, find the fault and record three cues.',
          lookFor:
            'Checks address and mode against the console patch, follows the data chain and its termination, numbers cues clearly and tests playback.',
        },
        {
          kind: 'question',
          prompt: 'Talk me through focusing a front-of-house wash for a panel of four speakers on a stage.',
          lookFor:
            'Even coverage without spill on the screen, shutters or barn doors, checking from audience and camera positions, colour temperature suited to the cameras.',
        },
        {
          kind: 'question',
          prompt: 'What happens on a DMX line with no terminator, and how would you notice?',
          lookFor:
            'Reflections causing flicker or erratic fixtures, worst at the end of long runs; fitting a terminator or checking the line with a tester.',
        },
      ],
      training: [
        abttBronze('Stage electrics, hanging and focusing, cabling and the safe use of lighting equipment.'),
        {
          id: 'etc-eos',
          name: 'Eos family console training',
          provider: 'ETC',
          form: 'Online and classroom levels',
          builds: 'Patching, programming and running cues on Eos-family consoles.',
          url: links.etc,
          forLevels: [1, 2, 3],
        },
        {
          id: 'grandma3',
          name: 'grandMA3 training',
          provider: 'MA Lighting',
          form: 'Online and certified classroom courses',
          builds: 'Programming moving-light rigs with groups, presets and sequences.',
          url: links.maLighting,
          forLevels: [2, 3],
        },
        {
          id: 'abtt-silver-electrics',
          name: 'ABTT Silver Award (electrics)',
          provider: 'Association of British Theatre Technicians (ABTT)',
          form: 'Follows the Bronze Award',
          builds: 'Stage electrics in depth: power distribution, dimming and lighting data networks.',
          url: links.abtt,
          forLevels: [2, 3],
        },
      ],
      standards: [
        'ST1297: prepare, set up and operate lighting systems',
        'Technical theatre National Occupational Standards: lighting and control set-up',
      ],
    },
    {
      key: 'networking_control',
      name: 'AV networking and control',
      definition:
        'Connects and fault-finds AV over IP networks and the control systems built on them: IP addressing, VLANs and multicast, Dante, AES67 and NDI, and DSP and control platforms such as Q-SYS and Crestron.',
      descriptors: {
        notYetShown:
          "Could not find or set a device's IP address, or explain why two devices on different subnets cannot see each other.",
        developing:
          'Set static addresses, found devices in their software (for example Dante Controller) and made simple routes; needed help when traffic crossed switches, when multicast flooded the network or when a control panel lost its processor.',
        competent:
          'Planned addressing for a show network, kept AV traffic on its own VLAN with suitable quality of service, used multicast where it belongs, fixed a device that would not join by reading switch and controller information, and made a small change to a DSP or control design without breaking it.',
        strong:
          'Designed a network with primary and secondary paths, explained clocking (PTP) and multicast (IGMP snooping) choices to an IT team, wrote or edited control logic (Q-SYS, Crestron), and fixed an intermittent fault from logs or packet captures.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            'A small switch with two Dante devices and a laptop: one device does not appear in Dante Controller (a wrong subnet is planted). Ask the candidate to find and fix it, then route a channel.',
          lookFor:
            'Checks IP settings and link lights, understands subnets, fixes the addressing rather than factory-resetting at random, confirms audio and clock status.',
        },
        {
          kind: 'question',
          prompt:
            "The venue's IT team wants your AV equipment on their network. What do you ask them for, and why?",
          lookFor:
            'A dedicated VLAN, quality of service for clock and audio, IGMP snooping with a querier, energy-efficient Ethernet turned off, documented ports and a named contact.',
        },
        {
          kind: 'question',
          prompt:
            "A meeting room's touch panel shows 'offline' on the morning of an event. How do you approach it?",
          lookFor:
            'Power and link first, IP conflicts, processor status and recent changes, and a manual fallback so the event can run while it is fixed.',
        },
      ],
      training: [
        {
          id: 'comptia-network-plus',
          name: 'CompTIA Network+',
          provider: 'CompTIA',
          form: 'Vendor-neutral certification',
          builds: 'IP addressing, subnets, VLANs, switching and network fault-finding.',
          url: links.comptia,
          forLevels: [1, 2],
        },
        danteLevel1,
        danteLevel2,
        {
          id: 'dante-level-3',
          name: 'Dante Certification Level 3',
          provider: 'Audinate',
          form: 'Level 3, enterprise and IT',
          builds:
            'Dante across enterprise networks: quality of service, multicast and working with IT departments.',
          url: links.dante,
          forLevels: [3],
        },
        {
          id: 'qsys-level-1-2',
          name: 'Q-SYS Level 1, then Level 2',
          provider: 'Q-SYS',
          form: 'Online, then classroom',
          builds: 'DSP design, Q-LAN networking and building control into a Q-SYS design.',
          url: links.qsys,
          forLevels: [2, 3],
        },
        {
          id: 'qsys-control',
          name: 'Q-SYS Control 101 and 201',
          provider: 'Q-SYS',
          form: 'Online and classroom',
          builds: 'Writing and maintaining control scripts and user interfaces for rooms and venues.',
          url: links.qsys,
          forLevels: [3],
        },
        {
          id: 'crestron-programming',
          name: 'Crestron programmer tracks',
          provider: 'Crestron',
          form: 'Programmer certifications',
          builds: 'Programming and maintaining Crestron control systems.',
          url: links.crestron,
          forLevels: [3],
        },
      ],
      standards: [
        'AVIXA CTS exam outline: implementing — integrate',
        'O*NET 27-4011.00: store and manage A/V data',
      ],
    },
    {
      key: 'rigging_power_safety',
      name: 'Rigging, power and safety',
      definition:
        'Works safely at height, with suspended loads and with temporary power: follows risk assessments and method statements, checks lifting equipment (LOLER) and electrical equipment (in-service inspection and testing), uses access equipment correctly, and stops work when it is unsafe.',
      descriptors: {
        notYetShown:
          'Could not say what checks they would make before working at height or powering temporary distribution, or described unsafe practice (climbing truss with no plan, chaining extension leads) without recognising the risk.',
        developing:
          'Described the right checks when prompted (inspecting access equipment, safety bonds, cable protection, a visual check of leads) and knew to stop and ask; had not yet used access equipment under IPAF or PASMA rules or checked a load against its rating.',
        competent:
          "Explained and carried out pre-use checks on access equipment and lifting accessories, fitted safety bonds correctly, worked out a simple load on a truss span from the manufacturer's tables, laid out temporary power with the right protection (RCDs, cable ratings) and referred to the risk assessment.",
        strong:
          'Wrote or improved a risk assessment or method statement, spotted an unsafe condition others had missed and stopped work calmly, explained LOLER inspection records and the limits of their own competence, and briefed a crew on safe working for a load-in.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            'On the floor: a truss section, a clamp, a safety bond and a 16 A distribution box with leads, one of them with a planted defect (a damaged lead or a missing bond). Ask the candidate to check it all before it goes up.',
          lookFor:
            'A systematic visual inspection, finds the defect, checks ratings and markings, says what happens next (quarantine the item, report it) and who signs the rig off.',
        },
        {
          kind: 'question',
          prompt:
            'You arrive to find a tower built by another contractor, and you are asked to work from it. What do you do?',
          lookFor:
            'Looks for a tag or inspection record, outriggers, guardrails and a level base; will not use it without the competence (PASMA) and a check; escalates rather than goes along with it.',
        },
        {
          kind: 'question',
          prompt: 'A caterer asks to plug an urn into your sound distribution. How do you respond?',
          lookFor:
            'Keeps audio power separate, thinks about load and protection, offers a safe alternative politely and tells the production manager.',
        },
      ],
      training: [
        abttBronze(
          'Portable appliance testing basics, knots, manual handling and flying safety in a theatre.',
        ),
        {
          id: 'ipaf-pal',
          name: 'IPAF PAL Card (categories 3a, 3b, 1a, 1b)',
          provider: 'IPAF',
          form: 'Operator course, about a day per category group',
          builds: 'Safe operation of mobile elevating work platforms such as scissor and boom lifts.',
          url: links.ipaf,
          forLevels: [1, 2],
        },
        {
          id: 'pasma-towers',
          name: 'PASMA Towers for Users',
          provider: 'PASMA',
          form: '1-day operator course',
          builds: 'Building, inspecting and using mobile access towers safely.',
          url: links.pasma,
          forLevels: [1, 2],
        },
        {
          id: 'first-aid-at-work',
          name: 'Emergency First Aid at Work, or First Aid at Work',
          provider: 'HSE-approved training providers',
          form: '1 day, or 3 days',
          builds: 'Responding to injuries at work; many venues want a trained first aider on every call.',
          url: links.hseFirstAid,
          forLevels: [1, 2, 3],
        },
        {
          id: 'city-and-guilds-2377-77',
          name: 'City & Guilds 2377-77 (in-service inspection and testing of electrical equipment)',
          provider: 'City & Guilds',
          form: 'Level 3 award',
          builds: 'Inspecting and testing portable electrical equipment and keeping the records.',
          url: links.cityAndGuilds,
          forLevels: [2, 3],
        },
        {
          id: 'plasa-nelc',
          name: 'NELC (lifting operations for non-riggers)',
          provider: 'PLASA',
          form: 'Assessment',
          builds:
            'Understanding LOLER and working safely around lifting equipment when you are not the rigger.',
          url: links.plasa,
          forLevels: [2, 3],
        },
        {
          id: 'plasa-nrc',
          name: 'National Rigging Certificate (NRC) Level 2 or 3',
          provider: 'PLASA',
          form: 'Assessment',
          builds: 'Entertainment rigging assessed to an industry-recognised standard.',
          url: links.plasa,
          forLevels: [3],
        },
      ],
      standards: [
        'Technical theatre National Occupational Standards: rigging and de-rigging',
        'ST1297: prepare and set up power systems, working safely',
        'ST0256 Live Event Rigger (for the rigging itself)',
      ],
    },
    {
      key: 'communication',
      name: 'Client and stakeholder communication',
      definition:
        'Finds out what a client, presenter, performer or colleague needs, explains technical choices and problems in plain language, sets expectations and keeps people informed, including when something goes wrong.',
      descriptors: {
        notYetShown:
          'Answered a client scenario with jargon or by agreeing to everything, did not ask what the client needed, or described blaming the client or another team for a problem.',
        developing:
          'Asked some useful questions about the event and was polite and clear, but missed key needs (accessibility, recording permissions, timings) or did not say what could not be done and why.',
        competent:
          'Asked structured questions (audience, content, timings, accessibility, budget), summarised the brief back, explained a limitation in plain words with an alternative, and described keeping the client informed during a problem.',
        strong:
          'Handled a role-played difficult conversation (a late change, an upset presenter) calmly, agreed a workable plan and confirmed it in writing, and pitched the same explanation to a non-technical and a technical listener in one conversation.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            'Role play: the interviewer is a conference organiser who arrives at 8:30 wanting a video added to the 9:00 keynote and a remote presenter on screen. The candidate has ten minutes to find out what is needed and agree a plan.',
          lookFor:
            'Questions before promises, clear options with their risks, the agreed plan summarised back, the stage manager kept informed, no jargon.',
        },
        {
          kind: 'question',
          prompt:
            'Tell me about a time you told a client or performer that something they wanted could not be done. What did you say?',
          lookFor: 'A specific example, honest and early, an alternative offered, the relationship kept.',
        },
        {
          kind: 'question',
          prompt:
            "A presenter's laptop dies on stage. What do you say to them, and to the room, in the next minute?",
          lookFor:
            'Calm, short instructions, a backup ready (a copy on the show machine), a word with the chair or host, no blame.',
        },
      ],
      training: [
        {
          id: 'lead-tech-checks',
          name: 'Leading client briefings and tech checks with a mentor',
          provider: onTheJob,
          form: 'Mentored practice',
          builds:
            'Running a client briefing and tech check yourself, with feedback from a senior technician afterwards.',
          url: null,
          forLevels: [1, 2, 3],
        },
        {
          id: 'customer-service',
          name: 'Customer service courses and awards',
          provider: 'Institute of Customer Service',
          form: 'Short courses and awards',
          builds: 'Handling difficult conversations and managing expectations with clients.',
          url: links.customerService,
          forLevels: [1, 2],
        },
        avixaCts('Needs analysis: turning what a client says into a workable AV brief.'),
      ],
      standards: [
        'AVIXA CTS exam outline: creating AV solutions — customer needs',
        'ST1297: working with clients, production teams and performers',
      ],
    },
    {
      key: 'show_operation',
      name: 'Show operation and teamwork',
      definition:
        'Operates reliably during a live show or event — on cue, calm under pressure, following the show caller and disciplined on comms — and works as part of a crew: sharing the work, handing over cleanly and backing up colleagues.',
      descriptors: {
        notYetShown:
          'Could not describe how cues are called and taken, or described working alone without telling the crew or stage manager what they were doing.',
        developing:
          'Followed a cue sheet and took standbys and gos on comms in the practical, but hesitated or missed a cue when something unexpected happened; described helping others when asked to.',
        competent:
          'Ran a short sequence of cues accurately from a show caller, kept comms brief, recovered from a missed or changed cue without stopping the show, and described a clean handover to the next shift.',
        strong:
          'Anticipated problems during the run (a presenter going off script, an overrun) and adjusted with the caller, took charge of comms when asked, and gave examples of coaching or backing up a colleague through a difficult show.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            "A scripted five-minute sequence called on headsets by the interviewer: walk-in music, lighting and video cues, a presenter's microphone, and one unplanned change (the running order swaps). The candidate operates.",
          lookFor:
            'Standbys acknowledged, cues taken on the go, short comms, the change handled without panic, asks when unsure.',
        },
        {
          kind: 'question',
          prompt:
            'Describe a show where something went wrong. What did you do in the moment, and what did the crew do afterwards?',
          lookFor:
            "Specific and calm, focused on the audience's experience, a crew debrief and something learned, no blame.",
        },
      ],
      training: [
        {
          id: 'st1297-apprenticeship',
          name: 'Creative Industries Production Technician apprenticeship (ST1297)',
          provider: 'Approved apprenticeship training providers',
          form: 'Level 3 apprenticeship',
          builds:
            'Preparing, building and operating sound, lighting, power and video systems for live events, assessed on the job.',
          url: null,
          forLevels: [1],
        },
        {
          id: 'show-calling-courses',
          name: 'Stage management and show-calling courses',
          provider: 'Stage Management Association',
          form: 'Short courses',
          builds: 'How shows are called, comms discipline and working to a stage manager.',
          url: links.stageManagement,
          forLevels: [1, 2],
        },
        {
          id: 'operating-with-mentor',
          name: 'Operating shows with a mentor',
          provider: onTheJob,
          form: 'Shadowing, then operating with a mentor on comms',
          builds: 'Confidence and timing on live cues, and recovering from changes with support to hand.',
          url: null,
          forLevels: [1, 2, 3],
        },
      ],
      standards: [
        'ST1297: operate systems during live events',
        'O*NET 27-4011.00: install and operate equipment',
      ],
    },
    {
      key: 'planning_documentation',
      name: 'Planning and documentation',
      definition:
        'Prepares the work before the event — reading a technical rider or brief and producing kit lists, patch sheets, plans and schedules — and keeps records others can rely on: labelling, as-built notes, fault and inspection logs.',
      descriptors: {
        notYetShown:
          'Could not read a simple technical rider or patch list, or said they work from memory and do not write anything down.',
        developing:
          'Turned a simple rider into a kit list with help and kept basic notes, but missed items (spares, power, cable lengths) or produced paperwork others could not follow.',
        competent:
          'Produced an accurate kit list, patch sheet and simple schedule from a brief, including spares and power; labelled consistently; updated the paperwork after changes and logged faults so the next crew knew.',
        strong:
          'Planned a multi-room or multi-day event end to end (crew, kit, transport, power, timings) and spotted clashes early; kept drawings and as-built records current and introduced a template or check that others adopted.',
      },
      kit: [
        {
          kind: 'practical',
          prompt:
            'Give the candidate a one-page technical rider for a small band or a two-room conference. In 20 minutes, ask them to list the kit and write the input patch.',
          lookFor:
            'A complete list with spares, cables and power; a patch in a logical order; assumptions stated; questions for the client written down.',
        },
        {
          kind: 'question',
          prompt: 'How do you make sure the next crew can pick up your system tomorrow morning?',
          lookFor:
            'Labels, a patch sheet and notes left with the kit, known issues logged, a handover conversation.',
        },
      ],
      training: [
        {
          id: 'paperwork-with-review',
          name: 'Preparing the paperwork for a real event, with review',
          provider: onTheJob,
          form: 'Mentored practice',
          builds:
            'Writing kit lists, patch sheets and schedules, checked by a senior technician before the event.',
          url: null,
          forLevels: [1, 2],
        },
        {
          id: 'apm-pfq',
          name: 'Project Fundamentals Qualification (PFQ)',
          provider: 'Association for Project Management',
          form: 'Entry-level qualification',
          builds: 'Planning, scheduling and managing risk on projects of any size.',
          url: links.apm,
          forLevels: [2, 3],
        },
        {
          id: 'vectorworks-spotlight',
          name: 'Vectorworks Spotlight training',
          provider: 'Vectorworks',
          form: 'Online and classroom',
          builds: 'Drawing plans, lighting plots and rigging drawings others can work from.',
          url: links.vectorworks,
          forLevels: [2, 3],
        },
        {
          id: 'avixa-cts-d',
          name: 'CTS-D (design)',
          provider: 'AVIXA',
          form: 'Design certification',
          builds: 'AV design documentation: drawings, schedules and specifications.',
          url: links.avixa,
          forLevels: [3],
        },
      ],
      standards: [
        'AVIXA CTS exam outline: creating AV solutions — site survey, scope and design',
        'O*NET 27-4011.00: design layouts',
      ],
    },
  ],
};
