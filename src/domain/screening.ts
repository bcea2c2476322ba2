// Screening messages: turning down a candidate before an interview has been scored, with a short,
// specific reason built from the role's requirements (a criterion of its framework and the level the
// role needs), a next step from the framework's training catalogue, and optional text. Pure: no I/O.
import { trainingTitle } from './feedback/training.ts';
import type { CriterionRequirement } from './frameworks/requirements.ts';
import { type Criterion, type Level, levelLabels, type TrainingEntry } from './frameworks/types.ts';

/** A criterion the role assesses, with the level it needs, as screening reads it. */
export type ScreeningCriterion = Pick<Criterion, 'key' | 'name' | 'definition' | 'training'> &
  Pick<CriterionRequirement, 'weight' | 'requiredLevel'>;

/** A ready-made candidate-facing reason for one criterion. */
export interface ReadyReason {
  criterionKey: string;
  criterionName: string;
  requiredLevel: Level;
  requiredLevelLabel: string;
  /** "The role needs …": what the role asks for, in the framework's words. */
  text: string;
  /** "We chose candidates with more experience in …": for bulk closure, naming no shortfall. */
  comparative: string;
  /** What would make a future application strong, from the training catalogue. */
  nextStep: string;
}

/** The template's `screening` variables (src/mail/catalogue.ts, not_progressing_screening). */
export interface ScreeningVariables {
  /** True when the candidate was interviewed (but not scored): the greeting thanks them for it. */
  interviewed: boolean;
  reasons: { criterion: string; text: string }[];
  /** Optional free text from the manager; empty when none. */
  note: string;
  nextSteps: { criterion: string; step: string }[];
}

export interface ScreeningChoice {
  criterionKey: string;
  /** The manager's own sentence for this criterion; the ready-made one otherwise. */
  text?: string | undefined;
}

export const maxScreeningReasons = 3;

const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The first clause of a definition ("Works safely at height, … : follows …" → "works safely at height, …"). */
function firstClause(definition: string): string {
  const clause = definition
    .split(/:|;| — |\. /)[0]!
    .trim()
    .replace(/\.$/, '');
  return lowerFirst(clause.length > 160 ? `${clause.slice(0, 157).replace(/\s+\S*$/, '')}…` : clause);
}

/** The name as it reads mid-sentence ("Rigging, power and safety" → "rigging, power and safety"). */
function inSentence(name: string): string {
  const words = name.split(/\s+/);
  // Acronyms and product names keep their capitals ("AV networking", "Dante").
  return /^\p{Lu}\p{Ll}+\p{P}?$/u.test(words[0] ?? '') ? lowerFirst(name) : name;
}

// Training a candidate can do without a job with us comes first: not "on the job at your venue".
const onTheJob = /^your venue\b/i;

function nextStepFor(criterion: ScreeningCriterion): string {
  const below = Math.max(1, criterion.requiredLevel - 1) as Level;
  const open = (list: readonly TrainingEntry[]) => list.filter((t) => !onTheJob.test(t.provider));
  const suited = criterion.training.filter((t) => t.forLevels.includes(below));
  const training = open(suited)[0] ?? open(criterion.training)[0];
  const area = inSentence(criterion.name);
  if (!training) {
    return `Experience of ${area} on live events, for example as a casual or freelance technician, is what a strong application would show.`;
  }
  const builds = training.builds.trim().replace(/([^.!?])$/, '$1.');
  return `A good next step: ${trainingTitle(training)}. ${builds}`;
}

/** Ready-made reasons for every criterion the role assesses, the most important first. */
export function readyReasons(criteria: readonly ScreeningCriterion[]): ReadyReason[] {
  return criteria
    .map((c, order) => ({ c, order }))
    .filter(({ c }) => c.weight > 0)
    .sort((a, b) => b.c.weight - a.c.weight || b.c.requiredLevel - a.c.requiredLevel || a.order - b.order)
    .map(({ c }) => {
      const label = levelLabels[c.requiredLevel];
      const area = inSentence(c.name);
      return {
        criterionKey: c.key,
        criterionName: c.name,
        requiredLevel: c.requiredLevel,
        requiredLevelLabel: label,
        text: `The role needs ${area} at the "${label}" level from the start: someone who already ${firstClause(c.definition)}. Your application did not yet show us that experience.`,
        comparative: `We chose candidates whose applications showed more experience in ${area}, which the role needs at the "${label}" level from the start.`,
        nextStep: nextStepFor(c),
      };
    });
}

/** The default reason for closing without a choice (bulk): the role's most important requirement. */
export function defaultScreeningChoice(criteria: readonly ScreeningCriterion[]): ScreeningChoice[] {
  const first = readyReasons(criteria)[0];
  return first ? [{ criterionKey: first.criterionKey, text: first.comparative }] : [];
}

export class ScreeningChoiceError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ScreeningChoiceError';
    this.field = field;
  }
}

/** The email's variables from the manager's choice; refuses a criterion the role does not assess. */
export function screeningVariables(
  criteria: readonly ScreeningCriterion[],
  choice: { reasons: readonly ScreeningChoice[]; note?: string | undefined },
  interviewed: boolean,
): ScreeningVariables {
  const ready = new Map(readyReasons(criteria).map((r) => [r.criterionKey, r]));
  const reasons: ScreeningVariables['reasons'] = [];
  const nextSteps: ScreeningVariables['nextSteps'] = [];
  choice.reasons.forEach((r, i) => {
    const found = ready.get(r.criterionKey);
    if (!found) {
      throw new ScreeningChoiceError(
        `screening.reasons.${i}.criterionKey`,
        `"${r.criterionKey}" is not a criterion this role assesses; choose one of ${[...ready.keys()].join(', ')}`,
      );
    }
    const text = r.text?.trim() || found.text;
    reasons.push({ criterion: found.criterionName, text });
    nextSteps.push({ criterion: found.criterionName, step: found.nextStep });
  });
  return { interviewed, reasons, note: choice.note?.trim() ?? '', nextSteps };
}

/** The part of the email the check reads: the reasons, the note and the next steps. */
export function screeningText(variables: ScreeningVariables): string {
  const lines = [
    ...variables.reasons.map((r) => `- ${r.text}`),
    ...(variables.note ? ['', variables.note] : []),
    '',
    ...variables.nextSteps.map((s) => `- ${s.criterion}: ${s.step}`),
  ];
  return lines.join('\n');
}
