// Structured feedback and its Markdown text (pure). The Markdown has exactly the shape of the
// "not progressing, with feedback" email (src/mail/defaults/not-progressing.ts), so the text the
// hiring team edits and checks is the text the candidate reads:
//
//   ## What went well
//   - **<criterion>:** <evidence>
//
//   ## Where to develop next
//   - **<criterion>:** <evidence> A good next step: <training>
//
//   <encouragement>
//
// `renderFeedbackMarkdown` and `parseFeedbackMarkdown` are inverses on that shape, so an edited text is
// parsed back into the template's variables and rendered again (normalised) before it is stored.

import type { Level } from '../frameworks/types.ts';

export const strengthsHeading = 'What went well';
export const developmentHeading = 'Where to develop next';
export const nextStepLead = 'A good next step:';

export const maxStrengths = 3;
/** Every criterion below the required level is written up (or left out with a reason), so up to 8. */
export const maxDevelopmentAreas = 8;
/** Between the criteria of one merged point in a long draft: "**Lighting; Audio:** …". */
export const mergedCriteriaSeparator = '; ';
/** The longest feedback text the check and the API take (here, so the CLI reads it without zod). */
export const feedbackTextMaxLength = 20_000;
/** A reason for leaving a criterion below the required level out of the feedback. */
export const leftOutReasonMinLength = 10;

export interface FeedbackStrength {
  /** The criterion's key; null when it was typed in by hand and matches no criterion. */
  criterionKey: string | null;
  criterion: string;
  evidence: string;
  /** The panel disagreed (spread ≥ 2), so the wording is cautious. */
  cautious: boolean;
}

export interface TrainingSuggestion {
  /** The catalogue entry's id (stable within its criterion). */
  id: string;
  name: string;
  provider: string;
  form: string;
  url: string | null;
}

export const developmentReasons = ['below_required', 'lowest_rated', 'go_further'] as const;
export type DevelopmentReason = (typeof developmentReasons)[number];

export interface FeedbackDevelopmentArea {
  criterionKey: string | null;
  criterion: string;
  /** Below the role's required level; the lowest-rated; or, for a strong candidate, where to go further. */
  reason: DevelopmentReason;
  /** The level the training was chosen for (the candidate's current rating, rounded down). */
  level: Level | null;
  evidence: string;
  /** The next step as the candidate reads it (after "A good next step:"). */
  training: string;
  /** The catalogue entries the next step names. */
  suggestions: TrainingSuggestion[];
  cautious: boolean;
}

/** A criterion the candidate scored below the role's required level on. */
export interface FeedbackGap {
  criterionKey: string;
  criterion: string;
}

/** A criterion below the required level that the manager chose to leave out, and why (never sent). */
export interface FeedbackLeftOut extends FeedbackGap {
  reason: string;
}

export const encouragementKinds = ['future_role', 'reapply_after_training', 'talent_network'] as const;
export type EncouragementKind = (typeof encouragementKinds)[number];

export interface FeedbackEncouragement {
  kind: EncouragementKind;
  /** For `future_role`: the role named, e.g. "senior technician". */
  futureRole: string | null;
  /** For `reapply_after_training`: the training named. */
  trainingName: string | null;
  text: string;
}

export interface StructuredFeedback {
  strengths: FeedbackStrength[];
  developmentAreas: FeedbackDevelopmentArea[];
  encouragement: FeedbackEncouragement;
  /** The application's overall score (0–100) the feedback was composed from; null when unscored. */
  score: number | null;
  /** True once a person has edited the text. */
  edited: boolean;
  /** The criteria below the role's required level when composed (absent on feedback stored before). */
  gaps?: FeedbackGap[];
  /** Gaps the manager left out of the text, each with a reason. */
  leftOut?: FeedbackLeftOut[];
  /**
   * Points composed from the scorecards that are not in the text — cut for length, merged into the
   * last point, or removed by the manager — kept so the editor can put them back (never sent).
   */
  spare?: FeedbackSpare;
}

export interface FeedbackSpare {
  strengths: FeedbackStrength[];
  developmentAreas: FeedbackDevelopmentArea[];
}

/** Points of `pool` whose criterion is not written in `written`, once each (the first kept). */
function notWritten<T extends { criterion: string }>(pool: readonly T[], written: readonly T[]): T[] {
  const kept: T[] = [];
  for (const p of pool)
    if (
      !written.some((w) => sameName(w.criterion, p.criterion)) &&
      !kept.some((k) => sameName(k.criterion, p.criterion))
    )
      kept.push(p);
  return kept;
}

/**
 * The spare points after an edit from `previous` to `next`: what was spare or written before and is
 * not written now. A point typed in by hand and then removed is kept too, so nothing is lost.
 */
export function spareAfterEdit(
  next: StructuredFeedback,
  previous: StructuredFeedback | undefined,
): FeedbackSpare {
  const known = knownPoints(previous);
  return {
    strengths: notWritten(
      known.strengths.filter((s) => s.evidence.trim() !== ''),
      next.strengths,
    ),
    developmentAreas: notWritten(
      known.developmentAreas.filter((d) => d.evidence.trim() !== '' || d.training.trim() !== ''),
      next.developmentAreas,
    ),
  };
}

/** Every point a structure knows of: written first, then spare. */
function knownPoints(feedback: StructuredFeedback | undefined): FeedbackSpare {
  return {
    strengths: [...(feedback?.strengths ?? []), ...(feedback?.spare?.strengths ?? [])],
    developmentAreas: [...(feedback?.developmentAreas ?? []), ...(feedback?.spare?.developmentAreas ?? [])],
  };
}

/** `next` with its spare points worked out from `previous` (the field left off when there are none). */
function withSpare(next: StructuredFeedback, previous: StructuredFeedback | undefined): StructuredFeedback {
  const { spare: _old, ...rest } = next;
  const spare = spareAfterEdit(next, previous);
  return spare.strengths.length || spare.developmentAreas.length ? { ...rest, spare } : rest;
}

/** Spare points that could go back without repeating a criterion already written (alone or merged). */
export function offeredSpare(feedback: StructuredFeedback): FeedbackSpare {
  const written = [...feedback.strengths, ...feedback.developmentAreas].flatMap((p) => namesOf(p.criterion));
  const free = (p: { criterion: string }) =>
    !namesOf(p.criterion).some((n) => written.some((w) => sameName(w, n)));
  return {
    strengths: (feedback.spare?.strengths ?? []).filter(free),
    developmentAreas: (feedback.spare?.developmentAreas ?? []).filter(free),
  };
}

/** The spare points a merged development area can be written out as, or null when one is missing. */
function mergedParts(feedback: StructuredFeedback, index: number): FeedbackDevelopmentArea[] | null {
  const point = feedback.developmentAreas[index];
  const names = point ? namesOf(point.criterion) : [];
  if (names.length < 2) return null;
  const parts = names.map((n) => feedback.spare?.developmentAreas.find((d) => sameName(d.criterion, n)));
  return parts.every((p) => p !== undefined) ? parts : null;
}

/** Whether the merged point at `index` can be written out one point per criterion (within the limit). */
export function canWriteOut(feedback: StructuredFeedback, index: number): boolean {
  const parts = mergedParts(feedback, index);
  return parts !== null && feedback.developmentAreas.length - 1 + parts.length <= maxDevelopmentAreas;
}

/** The merged point at `index` replaced by one point per criterion, in place; the merged one kept spare. */
export function writeOut(feedback: StructuredFeedback, index: number): StructuredFeedback {
  const parts = mergedParts(feedback, index);
  if (!parts || !canWriteOut(feedback, index)) return feedback;
  const areas = [...feedback.developmentAreas];
  areas.splice(index, 1, ...parts);
  return withSpare({ ...feedback, developmentAreas: areas }, feedback);
}

/** The structure with one point taken out of the text and kept as spare. */
export function removePoint(
  feedback: StructuredFeedback,
  part: 'strength' | 'development',
  index: number,
): StructuredFeedback {
  const next: StructuredFeedback =
    part === 'strength'
      ? { ...feedback, strengths: feedback.strengths.filter((_, i) => i !== index) }
      : { ...feedback, developmentAreas: feedback.developmentAreas.filter((_, i) => i !== index) };
  return withSpare(next, feedback);
}

/**
 * The structure with a spare point (by criterion) put back at the end of its list; for a gap with no
 * spare point, an empty development area for the manager to write. Unchanged when the list is full.
 */
export function addPoint(
  feedback: StructuredFeedback,
  part: 'strength' | 'development',
  criterion: string,
  gap?: FeedbackGap,
): StructuredFeedback {
  const spare = feedback.spare ?? { strengths: [], developmentAreas: [] };
  if (part === 'strength') {
    const point = spare.strengths.find((s) => sameName(s.criterion, criterion));
    if (!point || feedback.strengths.length >= maxStrengths) return feedback;
    return withSpare({ ...feedback, strengths: [...feedback.strengths, point] }, feedback);
  }
  if (feedback.developmentAreas.length >= maxDevelopmentAreas) return feedback;
  const point: FeedbackDevelopmentArea | undefined =
    spare.developmentAreas.find((d) => sameName(d.criterion, criterion)) ??
    (gap
      ? {
          criterionKey: gap.criterionKey,
          criterion: gap.criterion,
          reason: 'below_required',
          level: null,
          evidence: '',
          training: '',
          suggestions: [],
          cautious: false,
        }
      : undefined);
  if (!point) return feedback;
  return withSpare({ ...feedback, developmentAreas: [...feedback.developmentAreas, point] }, feedback);
}

/**
 * The criteria below the required level that the text does not cover: neither a strength nor a
 * development area (by key or by name), nor left out with a reason. Empty means the text is complete.
 */
export function uncoveredGaps(feedback: StructuredFeedback): FeedbackGap[] {
  const written = [...feedback.strengths, ...feedback.developmentAreas];
  return (feedback.gaps ?? []).filter(
    (gap) =>
      !written.some(
        (w) =>
          w.criterionKey === gap.criterionKey ||
          // A merged point names each of its criteria.
          namesOf(w.criterion).some((name) => sameName(name, gap.criterion)),
      ) &&
      !(feedback.leftOut ?? []).some(
        (l) => l.criterionKey === gap.criterionKey && l.reason.trim().length >= leftOutReasonMinLength,
      ),
  );
}

/** The variables of the not_progressing template (src/mail/catalogue.ts), from structured feedback. */
export interface FeedbackTemplateVariables {
  strengths: { criterion: string; evidence: string }[];
  developmentAreas: { criterion: string; evidence: string; training: string }[];
  encouragement: string;
}

export function templateVariablesOf(feedback: StructuredFeedback): FeedbackTemplateVariables {
  return {
    strengths: feedback.strengths.map((s) => ({ criterion: s.criterion, evidence: s.evidence })),
    developmentAreas: feedback.developmentAreas.map((d) => ({
      criterion: d.criterion,
      evidence: d.evidence,
      training: d.training,
    })),
    encouragement: feedback.encouragement.text,
  };
}

/** Which part of the structure a span of the rendered text came from. */
export interface FeedbackSegment {
  part: 'strength' | 'development' | 'training' | 'encouragement';
  /** Index into strengths or developmentAreas; 0 for the encouragement. */
  index: number;
  start: number;
  end: number;
}

/** One line of text: no line breaks, runs of spaces collapsed. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The Markdown text, and where each strength, development area, training and encouragement sits in it. */
export function renderFeedbackMarkdownWithSegments(feedback: StructuredFeedback): {
  text: string;
  segments: FeedbackSegment[];
} {
  let text = '';
  const segments: FeedbackSegment[] = [];
  const put = (value: string, part?: FeedbackSegment['part'], index = 0) => {
    if (part) segments.push({ part, index, start: text.length, end: text.length + value.length });
    text += value;
  };
  put(`## ${strengthsHeading}\n`);
  feedback.strengths.forEach((s, i) => {
    put(`- **${oneLine(s.criterion)}:** `);
    put(oneLine(s.evidence), 'strength', i);
    put('\n');
  });
  put(`\n## ${developmentHeading}\n`);
  feedback.developmentAreas.forEach((d, i) => {
    put(`- **${oneLine(d.criterion)}:** `);
    put(oneLine(d.evidence), 'development', i);
    put(` ${nextStepLead} `);
    put(oneLine(d.training), 'training', i);
    put('\n');
  });
  const encouragement = feedback.encouragement.text
    .split(/\n\s*\n/)
    .map(oneLine)
    .filter((p) => p !== '')
    .join('\n\n');
  if (encouragement !== '') {
    put('\n');
    put(encouragement, 'encouragement');
    put('\n');
  }
  return { text, segments };
}

export function renderFeedbackMarkdown(feedback: StructuredFeedback): string {
  return renderFeedbackMarkdownWithSegments(feedback).text;
}

/** Why an edited text cannot be read back into the email's parts. */
export class FeedbackFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedbackFormatError';
  }
}

const headingLine = /^\s*#{1,6}\s*(.+?)\s*#*\s*$/;
const bulletLine = /^\s*[-*+]\s+(.*)$/;
const labelled = /^\*\*(.+?):\*\*\s*(.*)$|^\*\*(.+?)\*\*:\s*(.*)$|^([^:*]{1,120}):\s+(.*)$/s;

function headingOf(line: string): 'strengths' | 'development' | 'other' | undefined {
  const m = headingLine.exec(line);
  if (!m) return undefined;
  const title = m[1]!
    .replace(/[:.]+$/, '')
    .trim()
    .toLowerCase();
  if (title === strengthsHeading.toLowerCase()) return 'strengths';
  if (title === developmentHeading.toLowerCase()) return 'development';
  return 'other';
}

/** Removes Markdown emphasis markers that the email would show as characters. */
function plainText(value: string): string {
  return oneLine(value.replace(/\*\*|__|`/g, ''));
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The criterion names a point covers: one, or each of a merged point's. */
const namesOf = (criterion: string) =>
  criterion
    .split(mergedCriteriaSeparator.trim())
    .map((n) => n.trim())
    .filter((n) => n !== '');

/**
 * Reads an edited text back into structured feedback, keeping what is known about each criterion
 * (key, reason, level, named training) from `previous` where the criterion is the same. Throws
 * FeedbackFormatError naming what to fix when the text is not in the email's shape.
 */
export function parseFeedbackMarkdown(text: string, previous?: StructuredFeedback): StructuredFeedback {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let section: 'before' | 'strengths' | 'development' | 'after' = 'before';
  const strengths: { criterion: string; body: string[] }[] = [];
  const areas: { criterion: string; body: string[] }[] = [];
  const closing: string[] = [];
  let current: { criterion: string; body: string[] } | undefined;
  let seenStrengths = false;
  let seenDevelopment = false;

  for (const [i, line] of lines.entries()) {
    const heading = headingOf(line);
    if (heading === 'other') {
      throw new FeedbackFormatError(
        `Line ${i + 1}: the email has two headings, "${strengthsHeading}" and "${developmentHeading}"; write other text in the closing paragraph.`,
      );
    }
    if (heading === 'strengths') {
      if (seenStrengths || seenDevelopment)
        throw new FeedbackFormatError(
          `Line ${i + 1}: "${strengthsHeading}" comes once, before "${developmentHeading}".`,
        );
      seenStrengths = true;
      section = 'strengths';
      current = undefined;
      continue;
    }
    if (heading === 'development') {
      if (seenDevelopment || !seenStrengths)
        throw new FeedbackFormatError(
          `Line ${i + 1}: "${developmentHeading}" comes once, after "${strengthsHeading}".`,
        );
      seenDevelopment = true;
      section = 'development';
      current = undefined;
      continue;
    }
    if (line.trim() === '') {
      current = undefined;
      if (section === 'development' && areas.length > 0) section = 'after';
      if (section === 'after') closing.push('');
      continue;
    }
    if (section === 'before') {
      throw new FeedbackFormatError(
        `Line ${i + 1}: start with the "## ${strengthsHeading}" heading; the greeting and the opening paragraph come from the email template.`,
      );
    }
    if (section === 'after') {
      closing.push(line);
      continue;
    }
    const bullet = bulletLine.exec(line);
    if (bullet) {
      const m = labelled.exec(bullet[1]!.trim());
      if (!m) {
        throw new FeedbackFormatError(
          `Line ${i + 1}: start each point with its criterion, e.g. "- **Audio:** You rang out the wedges…".`,
        );
      }
      const criterion = plainText(m[1] ?? m[3] ?? m[5] ?? '');
      current = { criterion, body: [m[2] ?? m[4] ?? m[6] ?? ''] };
      (section === 'strengths' ? strengths : areas).push(current);
      continue;
    }
    if (current) {
      current.body.push(line);
      continue;
    }
    if (section === 'development') {
      // A paragraph straight after the list, without a blank line: the closing paragraph.
      section = 'after';
      closing.push(line);
      continue;
    }
    throw new FeedbackFormatError(
      `Line ${i + 1}: under "${strengthsHeading}", write each strength as a point: "- **Criterion:** what you saw".`,
    );
  }

  if (!seenStrengths || !seenDevelopment) {
    throw new FeedbackFormatError(
      `Keep both headings, "## ${strengthsHeading}" and "## ${developmentHeading}": the email is built from them.`,
    );
  }
  if (strengths.length > maxStrengths) {
    throw new FeedbackFormatError(`Keep to 1–${maxStrengths} strengths (there are ${strengths.length}).`);
  }
  if (areas.length > maxDevelopmentAreas) {
    throw new FeedbackFormatError(
      `Keep to 1–${maxDevelopmentAreas} development areas (there are ${areas.length}).`,
    );
  }

  // What is known about each criterion, from the points written or kept spare before.
  const known = knownPoints(previous);
  const parsedStrengths: FeedbackStrength[] = strengths.map((s) => {
    const before = known.strengths.find((p) => sameName(p.criterion, s.criterion));
    return {
      criterionKey: before?.criterionKey ?? null,
      criterion: s.criterion,
      evidence: plainText(s.body.join(' ')),
      cautious: before?.cautious ?? false,
    };
  });
  const parsedAreas: FeedbackDevelopmentArea[] = areas.map((a) => {
    const body = plainText(a.body.join(' '));
    const at = body.toLowerCase().lastIndexOf(nextStepLead.toLowerCase());
    if (at === -1) {
      throw new FeedbackFormatError(
        `"${a.criterion}": end the point with "${nextStepLead} …" naming the training or practice; the email shows it that way.`,
      );
    }
    const training = oneLine(body.slice(at + nextStepLead.length));
    if (training === '') {
      throw new FeedbackFormatError(`"${a.criterion}": say what the next step is after "${nextStepLead}".`);
    }
    const before = known.developmentAreas.find((p) => sameName(p.criterion, a.criterion));
    return {
      criterionKey: before?.criterionKey ?? null,
      criterion: a.criterion,
      reason: before?.reason ?? 'lowest_rated',
      level: before?.level ?? null,
      evidence: oneLine(body.slice(0, at)),
      training,
      suggestions: (before?.suggestions ?? []).filter((t) =>
        training.toLowerCase().includes(t.name.toLowerCase()),
      ),
      cautious: before?.cautious ?? false,
    };
  });
  const encouragementText = closing
    .join('\n')
    .split(/\n\s*\n/)
    .map(plainText)
    .filter((p) => p !== '')
    .join('\n\n');
  const previousEncouragement = previous?.encouragement;
  const parsed: StructuredFeedback = {
    strengths: parsedStrengths,
    developmentAreas: parsedAreas,
    encouragement: {
      kind: previousEncouragement?.kind ?? 'talent_network',
      futureRole: previousEncouragement?.futureRole ?? null,
      trainingName:
        previousEncouragement?.trainingName &&
        encouragementText.toLowerCase().includes(previousEncouragement.trainingName.toLowerCase())
          ? previousEncouragement.trainingName
          : null,
      text: encouragementText,
    },
    score: previous?.score ?? null,
    edited: true,
    ...(previous?.gaps ? { gaps: previous.gaps } : {}),
    ...(previous?.leftOut ? { leftOut: previous.leftOut } : {}),
  };
  return withSpare(parsed, previous);
}
