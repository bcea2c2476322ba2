// Choosing and wording the next step for a development area (pure). One catalogue entry per area by
// default (two on request), chosen by what the gap's evidence is about and by the candidate's level:
// a radio-mic frequency gap gets the wireless/RF course, not console training. Entries run "on the
// job" at our venue are for our own staff only: an external candidate is never told to practise on
// "in-house events". Written as "name — provider — one line on why".

import type { Level, TrainingEntry } from '../frameworks/types.ts';

/** Topics a gap and a catalogue entry can share; an entry scores for each topic both mention. */
const topics: readonly RegExp[] = [
  /\b(?:rf|radio|wireless|frequenc\w*|intermod\w*|scan\w*|in-ears?|iems?)\b/i,
  /\b(?:dante|clock\w*|subscri\w*|multicast|unicast|latency|aes67|redundan\w*)\b/i,
  /\b(?:ip|subnets?|vlans?|switch(?:es|ing)?|network\w*|addressing)\b/i,
  /\b(?:consoles?|desks?|gains?|faders?|mix(?:es|ing)?|eq|scenes?|monitor\s+mix\w*|effects)\b/i,
  /\b(?:edid|hdcp|switchers?|scal\w+|hdbaset|av-over-ip|distribution)\b/i,
  /\b(?:stream\w*|cameras?|encod\w*|shots?)\b/i,
  /\b(?:projector|projection|display|image|brightness|screen)\b/i,
  /\b(?:pat|electrical|inspect\w*|testing)\b/i,
  /\b(?:loler|lift\w*|flown|flying|rigg?\w*|safety\s+bonds?|hoists?)\b/i,
  /\b(?:heights?|mewps?|scissor|boom|ipaf|platforms?)\b/i,
  /\b(?:towers?|pasma)\b/i,
  /\b(?:first\s+aid\w*|injur\w*)\b/i,
  /\b(?:clients?|presenters?|brief\w*|expectations?|conversations?|needs\s+analysis)\b/i,
  /\b(?:cues?|cans|comms|stage\s+manager|show-?calling|called|calling)\b/i,
  /\b(?:patch\s+(?:list|sheet)s?|kit\s+lists?|schedules?|paperwork|timelines?|documentation)\b/i,
  /\b(?:plots?|drawings?|vectorworks|plans?)\b/i,
  /\b(?:moving\s+(?:heads?|lights?)|presets?|sequences?|grandma\w*|eos|fades?|programm\w*)\b/i,
  /\b(?:dmx|fixtures?|address\w*|dimm\w*|lanterns?|focus\w*)\b/i,
  /\b(?:faults?|fault-finding|chain|isolat\w*|trac\w*|troubleshoot\w*)\b/i,
  /\b(?:line-?arrays?|coverage|tuning|pa)\b/i,
  /\b(?:q-sys|crestron|control\s+(?:script|system|panel)s?|dsp)\b/i,
];

/** Clauses that say what to develop; the next step is chosen by these when there are any. */
const developmentClause =
  /\b(?:not|n't|struggl\w*|unsure|hesitant|slow(?:er)?|needed|missed|forgot|prompt\w*|guess\w*|lack\w*|unfamiliar|vague|confus\w*|without|left\s+out|incomplete|froze)\b/i;

const onTheJob = /^your venue\b/i;

/** True when the entry is practice at our own venue: for our staff, never for an external candidate. */
export function isOnTheJob(entry: Pick<TrainingEntry, 'provider'>): boolean {
  return onTheJob.test(entry.provider.trim());
}

/** What the gap is about: the evidence's clauses that say what to develop (all of it when none do). */
function gapText(evidence: readonly string[]): string {
  const clauses = evidence.flatMap((e) => e.split(/[;,.]\s+|\s+(?:but|however|although|though)\s+/i));
  const gaps = clauses.filter((c) => developmentClause.test(c));
  return (gaps.length > 0 ? gaps : clauses).join(' ');
}

export interface TrainingChoice {
  /** The gap's evidence, as the interviewers wrote it. */
  evidence: readonly string[];
  /** The candidate's current level on the criterion. */
  level: Level;
  /** Our own staff may be offered on-the-job practice; anyone else only what they can do elsewhere. */
  internalCandidate: boolean;
  /** How many entries (1 by default; 2 on request). */
  count: 1 | 2;
  /** Aim at the most advanced entries ("to go further"). */
  goFurther?: boolean;
}

/** The catalogue entries that fit a development area best, best first. */
export function chooseTraining(catalogue: readonly TrainingEntry[], choice: TrainingChoice): TrainingEntry[] {
  const gap = gapText(choice.evidence);
  const gapTopics = topics.filter((t) => t.test(gap));
  const usable = catalogue.filter((t) => choice.internalCandidate || !isOnTheJob(t));
  const scored = usable.map((entry, index) => {
    const about = `${entry.name} ${entry.builds}`;
    const shared = gapTopics.filter((t) => t.test(about)).length;
    const levels = entry.forLevels;
    const fit = choice.goFurther
      ? Math.max(...levels)
      : levels.includes(choice.level)
        ? 2
        : levels.some((l) => Math.abs(l - choice.level) === 1)
          ? 1
          : 0;
    return { entry, score: shared * 3 + fit, index };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, choice.count)
    .map((s) => s.entry);
}

/** The provider as the candidate reads it: "ABTT" for "Association of … (ABTT)", "Shure" for "Shure (and other …)". */
export function providerName(provider: string): string {
  const acronym = /\(([A-Z][A-Za-z&-]{1,12})\)\s*$/.exec(provider)?.[1];
  if (acronym) return acronym;
  const example = /^(.*?)\s*\(for example ([^)]+)\)\s*$/i.exec(provider);
  if (example) return `${example[1]!.trim()} such as ${example[2]!.trim()}`;
  return provider.replace(/\s*\([^)]*\)\s*$/, '').trim();
}

const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** "Wireless microphone and RF courses — Shure — covers frequency planning, scanning, …" */
export function trainingLine(entry: Pick<TrainingEntry, 'name' | 'provider' | 'builds'>): string {
  const why = entry.builds
    .trim()
    .replace(/[.!]+$/, '')
    .split(/:\s+|;\s+/)[0]!;
  const provider = isOnTheJob(entry) ? 'on the job with us' : providerName(entry.provider);
  return `${entry.name} — ${provider} — for ${lowerFirst(why)}.`;
}

/** The next step for one development area, as the candidate reads it after "A good next step:". */
export function trainingText(entries: readonly TrainingEntry[], criterionName: string): string {
  const [first, second] = entries;
  if (!first) {
    return `practise ${criterionName.toLowerCase()} wherever you work now with an experienced technician, and keep a log of what you try and what fixed it.`;
  }
  return second ? `${trainingLine(first)} Alongside it: ${trainingLine(second)}` : trainingLine(first);
}

export function lowerFirstIfWord(value: string): string {
  return /^\p{Lu}\p{Ll}/u.test(value) ? value[0]!.toLowerCase() + value.slice(1) : value;
}

/**
 * A catalogue entry and who runs it, as a sentence names it: "Dante Certification Level 2 from
 * Audinate"; "ABTT Bronze Award" when the name already says who runs it; "Planted-fault drills with a
 * senior technician, on the job".
 */
export function trainingWithProvider(t: Pick<TrainingEntry, 'name' | 'provider'>): string {
  if (onTheJob.test(t.provider)) return `${t.name}, on the job`;
  const acronym = /\(([A-Z][A-Za-z&-]{1,12})\)\s*$/.exec(t.provider)?.[1];
  // "Shure (and other radio microphone manufacturers)": the aside is for the catalogue, not a sentence.
  let provider = t.provider
    .replace(/\s*\((?:and|or)\s[^)]*\)\s*$/i, '')
    .replace(/\s*\(([^)]*)\)\s*$/, acronym ? '' : ', $1')
    .replace(/[()]/g, '')
    .trim();
  // "Approved apprenticeship training providers" is not a name: lower-case it mid-sentence.
  const head = provider.split(',')[0]!.trim().split(/\s+/);
  if (head.length > 1 && head.slice(1).every((w) => !/\p{Lu}/u.test(w)))
    provider = lowerFirstIfWord(provider);
  if (/^(?:Institute|Association|Society|Royal)\b|\bAssociation$/.test(provider))
    provider = `the ${provider}`;
  const name = t.name.toLowerCase();
  const named =
    (acronym !== undefined && name.includes(acronym.toLowerCase())) ||
    name.includes(provider.toLowerCase()) ||
    (!/\s/.test(provider) && name.includes(provider.toLowerCase()));
  return named ? t.name : `${t.name} from ${acronym ?? provider}`;
}

/**
 * How a catalogue entry is named to the candidate: "Dante Certification Level 2 from Audinate (level
 * 2, online with a hands-on test)"; "ABTT Bronze Award (5-day foundation course)" when the name
 * already says who runs it; "Planted-fault drills with a senior technician, on the job (short weekly
 * sessions)".
 */
export function trainingTitle(t: Pick<TrainingEntry, 'name' | 'provider' | 'form'>): string {
  return `${trainingWithProvider(t)} (${lowerFirstIfWord(t.form.trim())})`;
}
