// The lifecycle of an application (DESIGN.md): pure rules, no I/O.

export const stages = [
  'applied',
  'interviewing',
  'awaiting_decision',
  'offer',
  'hired',
  'offer_declined',
  'not_progressing',
  'withdrawn',
  'closed',
] as const;
export type Stage = (typeof stages)[number];

export const stageLabels: Record<Stage, string> = {
  applied: 'Applied',
  interviewing: 'Interviewing',
  awaiting_decision: 'Awaiting decision',
  offer: 'Offer',
  hired: 'Hired',
  offer_declined: 'Offer declined',
  not_progressing: 'Not progressing',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};

/** Stages in which the candidate is still waiting for an outcome. */
export const activeStages: readonly Stage[] = ['applied', 'interviewing', 'awaiting_decision', 'offer'];
/** Outcomes reached; the application closes once the candidate has been told. */
export const outcomeStages: readonly Stage[] = ['hired', 'offer_declined', 'not_progressing', 'withdrawn'];

const transitions: Record<Stage, readonly Stage[]> = {
  applied: ['interviewing', 'withdrawn', 'not_progressing'],
  interviewing: ['awaiting_decision', 'withdrawn', 'not_progressing', 'offer'],
  awaiting_decision: ['interviewing', 'offer', 'not_progressing', 'withdrawn'],
  offer: ['hired', 'offer_declined', 'withdrawn'],
  hired: ['closed'],
  offer_declined: ['closed'],
  not_progressing: ['closed'],
  withdrawn: ['closed'],
  closed: [],
};

export function isStage(value: string): value is Stage {
  return (stages as readonly string[]).includes(value);
}

export function isActiveStage(stage: Stage): boolean {
  return activeStages.includes(stage);
}

/** Application stages the candidate can move to next from `from`. */
export function nextStages(from: Stage): readonly Stage[] {
  return transitions[from];
}

export function canTransition(from: Stage, to: Stage): boolean {
  return transitions[from].includes(to);
}

/** Why a move is refused, in words a hiring manager can act on; undefined when allowed. */
export function transitionProblem(from: Stage, to: Stage): string | undefined {
  if (from === to) return undefined;
  if (canTransition(from, to)) return undefined;
  if (to === 'closed') {
    return `An application closes from an outcome (hired, offer declined, not progressing or withdrawn), not from ${stageLabels[from].toLowerCase()}`;
  }
  const allowed = transitions[from].map((s) => stageLabels[s].toLowerCase());
  return allowed.length === 0
    ? `A ${stageLabels[from].toLowerCase()} application cannot change stage`
    : `From ${stageLabels[from].toLowerCase()} an application can move to: ${allowed.join(', ')}`;
}
