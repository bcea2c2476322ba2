// Words, colours and small rules for scorecards and the assessment summary, shared by the pages.
import {
  type Recommendation,
  recommendationLabels,
  recommendations,
} from '../../../src/domain/aggregation.ts';
import {
  descriptorKeys,
  type Level,
  levelLabels,
  ratingLevels,
} from '../../../src/domain/frameworks/types.ts';
import { evidenceRequiredFor } from '../../../src/domain/scorecards.ts';
import { isApiError } from '../api/client';
import { sentence } from './zodResolver';

export { type Standing, standingColours, standingLabels, standingOf } from './standing';

export {
  descriptorKeys,
  evidenceRequiredFor,
  type Level,
  levelLabels,
  type Recommendation,
  ratingLevels,
  recommendationLabels,
  recommendations,
};

export type Descriptors = Record<(typeof descriptorKeys)[Level], string>;

export function descriptorOf(descriptors: Descriptors, level: Level): string {
  return descriptors[descriptorKeys[level]];
}

/** "3 Competent" */
export function levelName(level: Level): string {
  return `${level} ${levelLabels[level]}`;
}

export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/**
 * Rating colours from ColorBrewer's PuOr scheme (safe for the common forms of colour blindness, and
 * in greyscale it still runs dark–light–light–dark, so every cell also carries its number).
 */
export const levelColours: Record<Level, { background: string; text: string }> = {
  1: { background: '#b35806', text: '#ffffff' },
  2: { background: '#fdb863', text: '#1f1300' },
  3: { background: '#b2abd2', text: '#120a24' },
  4: { background: '#542788', text: '#ffffff' },
};

export const recommendationColours: Record<Recommendation, string> = {
  strong_no: 'orange.9',
  no: 'orange',
  yes: 'violet',
  strong_yes: 'violet.9',
};

/** A scorecard is overdue a day after its interview ended: notes are best written the same day. */
export const overdueAfterMs = 24 * 60 * 60 * 1000;

export function isOverdue(dueSince: string | null, now = Date.now()): boolean {
  return dueSince !== null && now - Date.parse(dueSince) > overdueAfterMs;
}

export interface CriterionProblem {
  rating?: string;
  evidence?: string;
}

export interface ScorecardProblems {
  byCriterion: Record<string, CriterionProblem>;
  recommendation?: string;
  /** Anything that names no criterion. */
  other: string[];
}

/**
 * Spreads a submit or amend error over the form: the server names each criterion as "Name (key): …"
 * and joins problems with "; ", and sets `field` to `ratings.<key>.rating|evidence` for the first.
 */
export function problemsFromError(error: unknown, keys: readonly string[]): ScorecardProblems {
  const result: ScorecardProblems = { byCriterion: {}, other: [] };
  if (!isApiError(error)) {
    result.other.push(error instanceof Error ? error.message : 'Something went wrong: try again');
    return result;
  }
  if (error.status !== 400) {
    result.other.push(error.message);
    return result;
  }
  const parts = error.issues.length > 0 ? error.issues.map((i) => i.message) : error.message.split('; ');
  for (const part of parts) {
    const key = keys.find((k) => part.includes(`(${k})`) || part.startsWith(`ratings.${k}.`));
    if (key) {
      const text = sentence(part.replace(/^[^:]*\([a-z0-9_]+\):\s*/, '').replace(/^ratings\.[^:]+:\s*/, ''));
      const slot = /evidence/i.test(part) ? 'evidence' : 'rating';
      const entry = result.byCriterion[key] ?? {};
      entry[slot] ??= text;
      result.byCriterion[key] = entry;
    } else if (part.startsWith('recommendation')) {
      result.recommendation = sentence(part.replace(/^recommendation:\s*/, ''));
    } else {
      result.other.push(sentence(part));
    }
  }
  // A field named on the error but not matched above (an unusual message shape).
  const field = error.field?.replace(/^body\./, '');
  const match = field ? /^ratings\.([a-z0-9_]+)\.(rating|evidence)$/.exec(field) : null;
  if (match?.[1] && keys.includes(match[1]) && !result.byCriterion[match[1]]) {
    result.byCriterion[match[1]] = { [match[2] === 'evidence' ? 'evidence' : 'rating']: error.message };
  }
  return result;
}

export function hasProblems(problems: ScorecardProblems): boolean {
  return (
    Object.keys(problems.byCriterion).length > 0 ||
    problems.recommendation !== undefined ||
    problems.other.length > 0
  );
}

/** "1 of 4", as a percentage for a progress bar; null when nothing is expected. */
export function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 100);
}

/** The same shape from the client-side check (`submissionProblems`), before anything is sent. */
export function problemsFromChecks(
  checks: readonly { field: string; message: string }[],
  keys: readonly string[],
): ScorecardProblems {
  const result: ScorecardProblems = { byCriterion: {}, other: [] };
  for (const check of checks) {
    const match = /^ratings\.([a-z0-9_]+)\.(rating|evidence)$/.exec(check.field);
    const text = sentence(check.message.replace(/^[^:]*\([a-z0-9_]+\):\s*/, ''));
    if (match?.[1] && keys.includes(match[1])) {
      const entry = result.byCriterion[match[1]] ?? {};
      entry[match[2] === 'evidence' ? 'evidence' : 'rating'] ??= text;
      result.byCriterion[match[1]] = entry;
    } else if (check.field === 'recommendation') {
      result.recommendation = sentence(check.message.replace(/^recommendation:\s*/, ''));
    } else {
      result.other.push(text);
    }
  }
  return result;
}
