// A believable UK venue group for demos: three venues in three nations, six roles, sixty candidates.

export const demoPassword = 'followspot-demo';
export const demoSlug = 'northern-stages';

export const demoOrganisation = { name: 'Northern Stages Group', slug: demoSlug };

export const demoVenues = [
  {
    key: 'albion',
    name: 'Albion Theatre',
    region: 'england-and-wales',
    timezone: 'Europe/London',
    city: 'Manchester',
    postcode: 'M1 4BT',
  },
  {
    key: 'clydeview',
    name: 'Clydeview Concert Hall',
    region: 'scotland',
    timezone: 'Europe/London',
    city: 'Glasgow',
    postcode: 'G2 3NY',
  },
  {
    key: 'laganside',
    name: 'Laganside Conference Centre',
    region: 'northern-ireland',
    timezone: 'Europe/London',
    city: 'Belfast',
    postcode: 'BT1 3WH',
  },
] as const;

export const demoMembers = [
  { key: 'admin', name: 'Alex Morgan', email: 'alex.morgan@northern-stages.example', role: 'admin' },
  { key: 'priya', name: 'Priya Nair', email: 'priya.nair@northern-stages.example', role: 'manager' },
  { key: 'callum', name: 'Callum Fraser', email: 'callum.fraser@northern-stages.example', role: 'manager' },
  {
    key: 'siobhan',
    name: "Siobhán O'Neill",
    email: 'siobhan.oneill@northern-stages.example',
    role: 'manager',
  },
  { key: 'dev', name: 'Dev Patel', email: 'dev.patel@northern-stages.example', role: 'interviewer' },
  { key: 'ellie', name: 'Ellie Shaw', email: 'ellie.shaw@northern-stages.example', role: 'interviewer' },
  {
    key: 'ruairi',
    name: 'Ruairí Campbell',
    email: 'ruairi.campbell@northern-stages.example',
    role: 'interviewer',
  },
] as const;
export type DemoMemberKey = (typeof demoMembers)[number]['key'];

export const demoRoles = [
  {
    key: 'trainee',
    title: 'Trainee AV Technician',
    venue: 'albion',
    level: 'trainee',
    manager: 'priya',
    interviewers: ['dev', 'ellie'],
    description:
      'A paid traineeship on the ST1297 production technician standard: sound, lighting and video for the main house and studio.',
  },
  {
    key: 'albion-tech',
    title: 'AV Technician — Main House',
    venue: 'albion',
    level: 'technician',
    manager: 'priya',
    interviewers: ['dev', 'ellie'],
    description: 'Rig, operate and maintain sound, lighting and projection for a 1,200-seat receiving house.',
  },
  {
    key: 'clyde-senior',
    title: 'Senior AV Technician',
    venue: 'clydeview',
    level: 'senior_technician',
    manager: 'callum',
    interviewers: ['ruairi', 'ellie'],
    description: 'Lead the concert hall’s Dante audio network and video systems; mentor the technical team.',
  },
  {
    key: 'clyde-lead',
    title: 'Lead AV Technician',
    venue: 'clydeview',
    level: 'lead_technician',
    manager: 'callum',
    interviewers: ['ruairi', 'dev'],
    description: 'Run technical operations across two halls: planning, safety, crew and suppliers.',
  },
  {
    key: 'lagan-conf',
    title: 'AV Technician — Conferences',
    venue: 'laganside',
    level: 'technician',
    manager: 'siobhan',
    interviewers: ['ruairi', 'dev'],
    description: 'Set up and run hybrid conferences: vision mixing, streaming, radio mics and room control.',
  },
  {
    key: 'lagan-video',
    title: 'Video and Streaming Technician',
    venue: 'laganside',
    level: 'technician',
    manager: 'siobhan',
    interviewers: ['ruairi', 'ellie'],
    description: 'Cameras, LED walls, switching and streaming for events of 50 to 2,000 delegates.',
  },
] as const;
export type DemoRoleKey = (typeof demoRoles)[number]['key'];

const firstNames = [
  'Amara',
  'Ben',
  'Chloe',
  'Declan',
  'Eilidh',
  'Fatima',
  'George',
  'Hannah',
  'Isaac',
  'Jasmine',
  'Kieran',
  'Leah',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Poppy',
  'Rhys',
  'Sofia',
  'Tariq',
  'Una',
  'Victor',
  'Wiktoria',
  'Xander',
  'Yasmin',
  'Zak',
  'Aoife',
  'Bilal',
  'Caitlin',
  'Dylan',
  'Erin',
];
const lastNames = [
  'Adeyemi',
  'Brennan',
  'Chowdhury',
  'Doherty',
  'Evans',
  'Fitzgerald',
  'Gallagher',
  'Hughes',
  'Iqbal',
  'Jones',
  'Kowalski',
  'Lindsay',
  'MacLeod',
  'Nowak',
  'Okoro',
  'Patterson',
  'Quinn',
  'Robertson',
  'Singh',
  'Thompson',
  'Walsh',
  'Young',
];
const locations = [
  'Manchester',
  'Salford',
  'Stockport',
  'Leeds',
  'Glasgow',
  'Paisley',
  'Edinburgh',
  'Belfast',
  'Lisburn',
  'Newry',
  'Liverpool',
  'Bolton',
];
const sources = ['Referral', 'Job board', 'Venue website', 'Talent network', 'Social media', 'Agency'];

/** A small deterministic generator, so every demo has the same people. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoStage =
  | 'applied'
  | 'interviewing'
  | 'awaiting_decision'
  | 'offer'
  | 'hired'
  | 'not_progressing'
  | 'withdrawn';

export interface DemoCandidate {
  name: string;
  email: string;
  phone: string;
  location: string;
  source: string;
  role: DemoRoleKey;
  stage: DemoStage;
}

// How the sixty are spread: most roles mid-process, one nearly decided, one just opened.
const stagePlan: DemoStage[] = [
  ...Array<DemoStage>(14).fill('applied'),
  ...Array<DemoStage>(14).fill('interviewing'),
  ...Array<DemoStage>(13).fill('awaiting_decision'),
  ...Array<DemoStage>(4).fill('offer'),
  ...Array<DemoStage>(2).fill('hired'),
  ...Array<DemoStage>(9).fill('not_progressing'),
  ...Array<DemoStage>(4).fill('withdrawn'),
];

export function demoCandidates(count = 60): DemoCandidate[] {
  const random = seededRandom(26_11_2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const used = new Set<string>();
  const people: DemoCandidate[] = [];
  for (let i = 0; i < count; i++) {
    let name: string;
    do name = `${pick(firstNames)} ${pick(lastNames)}`;
    while (used.has(name));
    used.add(name);
    const stage = stagePlan[i % stagePlan.length]!;
    // Hired and offered people go to the two roles closest to a decision.
    const role: DemoRoleKey =
      stage === 'hired'
        ? 'lagan-conf'
        : stage === 'offer'
          ? i % 2 === 0
            ? 'albion-tech'
            : 'clyde-senior'
          : demoRoles[i % demoRoles.length]!.key;
    people.push({
      name,
      email: `${name
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z ]/g, '')
        .replace(' ', '.')}@example.com`,
      phone: `07${String(700_000_000 + Math.floor(random() * 99_999_999)).slice(0, 3)} ${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`,
      location: pick(locations),
      source: pick(sources),
      role,
      stage,
    });
  }
  return people;
}
