// Whether a sentence is about the candidate's work, and the families of phrasing that name a strength
// or a development area as such. A strength or a gap need not use the framework's words ("interactive
// exhibits", "edge blending"): what counts is a second-person sentence about a concrete thing, which
// compromise finds by part of speech. Words are tagged once each (memoised): linear on hostile text.

// compromise through grammar.ts, which loads it at the first sentence rather than at start-up.
import { nlp } from './grammar.ts';

/**
 * Nouns that say nothing about the work: the process ("interview", "application"), the person in
 * general ("attitude", "energy") and fillers ("things", "bit"). Praise of these alone is vague.
 */
const generic = new Set(
  [
    // the process
    'interview interviews application applications applicant candidate candidates candidacy panel process',
    'role roles job jobs post position vacancy opportunity decision feedback outcome shortlist',
    'day days time today week weeks year years morning afternoon evening session visit',
    'team company organisation venue us everyone someone anyone people person others',
    // the person in general: praise of these is the vague kind
    'attitude personality manner energy enthusiasm passion presence character vibe fit style',
    'effort interest commitment motivation approach way ways confidence growth progress career',
    'ability abilities knowledge potential talent capability capabilities',
    // fillers and generic abilities
    'thing things everything anything something nothing lot lots bit bits kind sort type part parts',
    'area areas skill skills experience experiences level levels standard standards range side',
    'luck future best note answers answer questions question example examples point points',
    'occasion occasions search consideration moment profile applicants wishes regards deal',
  ]
    .join(' ')
    .split(/\s+/),
);

const secondPerson = /\byou(?:r|rs|'ve|'d|'re)?\b/i;

/**
 * A second-person sentence that names something concrete the candidate did or knows: "you aligned
 * the two projectors", "you were excellent with interactive exhibits". Not "you interviewed well"
 * or "your attitude was great". Compromise tags the sentence once, in context.
 */
export function aboutTheWork(sentence: string): boolean {
  if (!secondPerson.test(sentence)) return false;
  // The composer checks many drafts that share their sentences: each is tagged once.
  const known = tagged.get(sentence);
  if (known !== undefined) return known;
  const about = namesConcreteThing(sentence);
  if (tagged.size >= cacheLimit) tagged.clear();
  tagged.set(sentence, about);
  return about;
}

const tagged = new Map<string, boolean>();
const cacheLimit = 5_000;

function namesConcreteThing(sentence: string): boolean {
  const terms = (
    nlp(sentence).terms().json() as { text: string; terms: { normal: string; tags: string[] }[] }[]
  )
    .map((t) => t.terms[0])
    .filter((t) => t !== undefined);
  return terms.some(
    (t) =>
      t.tags.includes('Noun') &&
      // Names (of people or products) are not evidence on their own.
      !t.tags.some((tag) => tag === 'Pronoun' || tag === 'Possessive' || tag === 'ProperNoun') &&
      t.normal.length >= 3 &&
      !generic.has(t.normal.replace(/[^a-z-]/g, '')),
  );
}

/**
 * Phrasings that name a strength as such, whatever the topic: something shown or proved ("showed you
 * can adapt", "demonstrated real skill"), or the panel's regard for what the candidate did ("we valued
 * your…", "what impressed us was…").
 */
export const strengthFamilies: readonly RegExp[] = [
  /\b(?:showed|shown|shows|demonstrated|proved|proven|displayed)\s+(?:us\s+)?(?:that\s+)?you\s+(?:can|could|know|knew|understand|understood|are\s+able|were\s+able|have|had)\b/i,
  /\b(?:showed|shown|shows|demonstrated|displayed|brought)\s+(?:(?:real|genuine|good|great|clear|strong|a\s+lot\s+of|plenty\s+of|excellent)\s+)?(?:skill|ability|understanding|knowledge|judgement|judgment|awareness|flair|aptitude|care|command|control|expertise|insight)\b/i,
  /\b(?:we|the\s+panel|I)\s+(?:really\s+|particularly\s+|especially\s+)?(?:valued|appreciated|admired|liked|were\s+(?:impressed|struck|pleased))\s+(?:by\s+|with\s+)?(?:how\s+you|your|the\s+way\s+you)\b/i,
  /\bwhat\s+(?:impressed|struck|pleased)\s+(?:us|the\s+panel|me)\b/i,
];

/**
 * Phrasings that name a development area as such: where the candidate needs to grow ("where you need
 * depth is…", "to develop further, learn…"), a shortfall ("where you fell short was…"), a gap ("the
 * gap was…").
 */
export const developmentFamilies: readonly RegExp[] = [
  /\bwhere\s+(?:(?:we|I)\s+(?:felt|feel|think|thought|believe)\s+)?you\s+(?:need|could|can|should|might|would)\s+(?:to\s+)?(?:build|grow|develop|improve|work|strengthen|focus|depth|more)\b/i,
  // "where you lost a bit of ground was the desk", "we'd have liked more depth on…"
  /\b(?:lost|losing|lose)\s+(?:a\s+(?:bit|little)\s+of\s+|some\s+|most\s+)?ground\b/i,
  /\b(?:want|wanted|like|liked|have\s+liked|love|loved|have\s+loved)\s+(?:to\s+(?:see|hear)\s+)?more\s+(?:of|depth|on|from|about)\b/i,
  /\b(?:to|you\s+could|you\s+can)\s+(?:develop|grow|improve|progress|strengthen)\s+(?:further|from\s+here|next|more)\b/i,
  /\bwhere\s+you\s+(?:fell|came\s+up|were)\s+(?:short|weaker|less\s+\w+)\b/i,
  /\b(?:the|one|your|a)\s+(?:main\s+|key\s+|biggest\s+|real\s+)?(?:gap|weakness|shortfall)\s+(?:was|is|lay|lies|we\s+saw)\b/i,
  /\bthe\s+(?:bit|thing|side)\s+(?:to|you\s+(?:need|could|should)\s+(?:to\s+)?)(?:work\s+on|build|develop|improve)\b/i,
];
