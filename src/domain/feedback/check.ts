// The feedback check (DESIGN.md, "Feedback"): runs on the final candidate-facing text and reports
// what would make it vague, unhelpful, discriminatory, leaky or harsh, with character offsets so the
// editor can highlight each finding. Pure: no I/O, deterministic.

import { secondPersonProblems } from './grammar.ts';
import {
  interviewerMentions,
  mergeSpans,
  noteStyleSpans,
  privateNoteOverlaps,
  unnamedColleagueViews,
} from './leaks.ts';
import {
  achievementPattern,
  actionPattern,
  competencyPattern,
  developmentPattern,
  negationTerms,
  praisePattern,
  trainingPattern,
} from './lexicon.ts';
import { privateNoteEchoes } from './note-echoes.ts';
import { matchRule } from './patterns.ts';
import { protectedMessage, protectedRules, protectedSuggestion } from './protected.ts';
import { aboutTheWork, developmentFamilies, strengthFamilies } from './shape.ts';
import {
  blankOut,
  clausesOf,
  phrasePattern,
  phraseSpans,
  plain,
  type Sentence,
  type Span,
  splitSentences,
  wordTokens,
} from './text.ts';
import { brushOffPattern, toneRules, vagueRules, vagueSuggestion } from './vague-and-tone.ts';

export const feedbackFindingKinds = [
  'vague',
  'missing-strength',
  'missing-development-area',
  'missing-action',
  'protected-characteristic',
  'private-note-leak',
  'interviewer-name',
  'tone',
  'grammar',
  'length',
] as const;
export type FeedbackFindingKind = (typeof feedbackFindingKinds)[number];

export const feedbackSeverities = ['error', 'warning'] as const;
export type FeedbackSeverity = (typeof feedbackSeverities)[number];

export interface FeedbackFinding {
  kind: FeedbackFindingKind;
  severity: FeedbackSeverity;
  message: string;
  /** Offset of the first character in the text (UTF-16 code units, as JavaScript indexes strings). */
  start: number;
  /** Offset just after the last character; start < end for any non-empty text. */
  end: number;
  suggestion?: string;
}

export interface FeedbackCheck {
  /** True when there is no finding of severity error. */
  pass: boolean;
  /** 0–100. */
  score: number;
  /** In order of position in the text. */
  findings: FeedbackFinding[];
}

export interface FeedbackCheckContext {
  /** The interviewers' private notes: the text must not repeat them. */
  privateNotes?: readonly string[];
  /** Names of the interviewers: the text must not attribute views to one of them. */
  interviewerNames?: readonly string[];
  /** The candidate's name, so that it is not mistaken for anything else ("Grace Young"). */
  candidateName?: string;
}

/**
 * Word counts: below `tooShort` is an error, below `short` a warning, above `long` a warning. A text
 * naming a strength and a development area is an error only below `completeTooShort`.
 */
export const feedbackLength = { tooShort: 30, completeTooShort: 12, short: 60, long: 600 } as const;
/** A screening message (no interview to draw on) is a reason and a next step: shorter is right. */
export const screeningLength = { tooShort: 12, short: 20, long: 300 } as const;

/**
 * Which rules apply: `feedback` after an interview (strength, development area, next step, 30+
 * words); `screening` for a candidate turned down before an interview, where there is no strength
 * to name — tone, leaks, protected characteristics and vagueness still apply, with a shorter length.
 */
export type FeedbackCheckRules = 'feedback' | 'screening';

/** Points taken off the score per finding of each severity. */
export const scorePenalty: Record<FeedbackSeverity, number> = { error: 20, warning: 5 };

const kindOrder = new Map(feedbackFindingKinds.map((k, i) => [k, i]));

// Score = max(0, 100 − 20 × errors − 5 × warnings): one error costs four warnings.
function scoreOf(findings: readonly FeedbackFinding[]): number {
  const penalty = findings.reduce((sum, f) => sum + scorePenalty[f.severity], 0);
  return Math.max(0, 100 - penalty);
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Keeps the first of any findings that overlap, after sorting errors and longer spans first. */
function withoutOverlaps(findings: FeedbackFinding[]): FeedbackFinding[] {
  const ranked = [...findings].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: FeedbackFinding[] = [];
  for (const f of ranked) if (!kept.some((k) => overlaps(k, f))) kept.push(f);
  return kept;
}

/** Joins overlapping findings into one spanning both ("not the right fit" + "right fit for the team"), keeping the first's wording and the worse severity. */
function mergeOverlaps(findings: FeedbackFinding[]): FeedbackFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: FeedbackFinding[] = [];
  for (const f of sorted) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (f.severity === 'error') last.severity = 'error';
    } else merged.push({ ...f });
  }
  return merged;
}

interface Evidence {
  strength: boolean;
  development: boolean;
  action: boolean;
}

function hasPraise(clause: string): boolean {
  const achievement = achievementPattern.exec(clause);
  if (
    achievement &&
    !/found\s+it\s+(?:hard|difficult|tricky|challenging)/i.test(clause.slice(achievement.index))
  )
    return true;
  for (const m of clause.matchAll(praisePattern)) {
    const before = clause.slice(0, m.index);
    const after = clause.slice(m.index + m[0].length);
    const word = m[0].toLowerCase();
    if (negationTerms.test(before)) continue;
    if (word === 'well' && /\bas\s+$/i.test(before)) continue;
    if (word === 'good' && /^\s+(?:luck|news|morning|afternoon)\b/i.test(after)) continue;
    if (/^\s+(?:lack|lacked|lacking|not|didn't|did not|struggled|unable|couldn't|could not)\b/i.test(after))
      continue;
    return true;
  }
  return false;
}

function hasNegatedPraise(clause: string): boolean {
  for (const m of clause.matchAll(praisePattern)) {
    if (negationTerms.test(clause.slice(0, m.index))) return true;
  }
  return false;
}

/** A sentence that names the candidate's strength as such ("your strongest area was…", "showed real promise in…"). */
const strengthSignpost =
  /\b(?:your|the)\s+(?:strongest|best|stand-?out|main|greatest|biggest|real)\s+(?:area|part|point|skill|moment|quality|asset)s?\b(?!\s+(?:(?:that\s+)?(?:we|I)(?:'d|\s+would)?\s+(?:like|want)\s+you\s+)?(?:to|for)\s+(?:develop|improve|work|build))|\byour\s+(?:main\s+|real\s+|biggest\s+|key\s+|greatest\s+)?strengths?\s+(?:was|were|is|are|lay|lies)\b|\b(?:showed|show|shows|showing)\s+(?:a\s+lot\s+of\s+|real\s+|great\s+|genuine\s+)promise\b/i;

/** A sentence that names the area to develop as such ("the area to work on is…", "your weaker area was…"). */
const developmentSignpost =
  /\b(?:the|your|one)\s+(?:main\s+|key\s+|biggest\s+|real\s+|other\s+)?(?:area|part|thing|skill)s?\s+(?:(?:that\s+)?(?:you|we'd|we\s+would|we|to|for)\s+)?(?:need\s+to\s+|would\s+|'d\s+)?(?:work\s+on|build|develop|improve|grow|strengthen|focus\s+on|ask\s+you\s+to\s+(?:develop|build|work\s+on)|held\s+you\s+back|let\s+you\s+down|like\s+you\s+to\s+(?:develop|build|work\s+on))\b|\byour\s+(?:weaker|weakest|development|growth)\s+areas?\s+(?:was|is|were|are)\b/i;

const praiseOnce = new RegExp(praisePattern.source, 'iu');

/** Whether a sentence could add the strength or the gap still missing: only then does its topic matter. */
function judges(sentence: string, evidence: Evidence): boolean {
  return (
    (!evidence.strength &&
      (praiseOnce.test(sentence) ||
        achievementPattern.test(sentence) ||
        strengthFamilies.some((family) => family.test(sentence)))) ||
    (!evidence.development &&
      (developmentPattern.test(sentence) || developmentFamilies.some((family) => family.test(sentence))))
  );
}

/** How many sentences of one text are tagged for their topic at most. */
const maxTaggedSentences = 40;

/** What the text as a whole offers: a strength, a development area and a next step, each tied to a competency. */
function evidenceOf(sentences: readonly Sentence[]): Evidence {
  const evidence: Evidence = { strength: false, development: false, action: false };
  // Real feedback has a few dozen sentences: tagging more only costs time on hostile text.
  let tagBudget = maxTaggedSentences;
  const about = (text: string) => tagBudget-- > 0 && aboutTheWork(text.slice(0, 600));
  for (const sentence of sentences) {
    if (
      (actionPattern.test(sentence.text) || trainingPattern.test(sentence.text)) &&
      !brushOffPattern.test(sentence.text)
    )
      evidence.action = true;
    // The manager labels the area in so many words: "Your strongest area was preparation", "The
    // part you need to build is confidence on your own".
    if (strengthSignpost.test(sentence.text)) evidence.strength = true;
    if (developmentSignpost.test(sentence.text)) evidence.development = true;
    if (evidence.strength && evidence.development) continue;
    // About the work: a framework word, or a concrete thing the candidate did (found by part of
    // speech, and only asked of a sentence that praises or names a gap: tagging is the slow part).
    if (!competencyPattern.test(sentence.text) && !(judges(sentence.text, evidence) && about(sentence.text)))
      continue;
    if (strengthFamilies.some((family) => family.test(sentence.text))) evidence.strength = true;
    if (developmentFamilies.some((family) => family.test(sentence.text))) evidence.development = true;
    if (sentence.section === 'strength') evidence.strength = true;
    if (sentence.section === 'development') evidence.development = true;
    for (const clause of clausesOf(sentence.text)) {
      if (hasPraise(clause)) evidence.strength = true;
      if (
        developmentPattern.test(clause) ||
        hasNegatedPraise(clause) ||
        /found\s+it\s+(?:hard|difficult|tricky|challenging)/i.test(clause)
      )
        evidence.development = true;
    }
  }
  return evidence;
}

function quote(text: string, span: Span): string {
  return text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
}

/** The spans of the candidate's name: the full name anywhere, a part of it where it is capitalised. */
function candidateNameSpans(text: string, name: string | undefined): Span[] {
  if (!name?.trim()) return [];
  // phraseSpans, not phrasePattern: every application of a bulk check brings a new name to compile.
  const spans: Span[] = phraseSpans(text, name).map(({ start, end }) => ({ start, end }));
  for (const part of name.trim().split(/\s+/)) {
    if (part.length < 2) continue;
    for (const m of phraseSpans(text, part)) {
      if (/^\p{Lu}/u.test(m.text)) spans.push({ start: m.start, end: m.end });
    }
  }
  return mergeSpans(spans);
}

/** Checks candidate-facing feedback; `pass` is true when no finding is an error. */
export function checkFeedback(
  text: string,
  context: FeedbackCheckContext = {},
  rules: FeedbackCheckRules = 'feedback',
): FeedbackCheck {
  const screening = rules === 'screening';
  const length = screening ? screeningLength : feedbackLength;
  const findings: FeedbackFinding[] = [];
  const source = plain(text);

  // Names are reported as leaks where they are interviewers, then blanked so that "Grace Young" or
  // "Christian" is never read as anything else. They are made plain like the text ("O’Neill").
  const interviewerNames = (context.interviewerNames ?? []).map(plain);
  const candidateName = context.candidateName === undefined ? undefined : plain(context.candidateName);
  const mentions = interviewerMentions(source, interviewerNames, candidateName);
  for (const { span, name } of mentions) {
    findings.push({
      kind: 'interviewer-name',
      severity: 'error',
      message: `"${quote(text, span)}" names an interviewer (${name}). Give the panel's view, not one person's, so the candidate's questions come to you.`,
      start: span.start,
      end: span.end,
      suggestion: "Write 'the panel' or 'we', e.g. 'We were impressed by how you isolated the faulty DI.'",
    });
  }
  // Without the panel's names (or for a colleague not on it), a capitalised name holding a view.
  const colleagueSpans = unnamedColleagueViews(source, candidateName).filter(
    (span) => !mentions.some((m) => span.start < m.span.end && m.span.start < span.end),
  );
  for (const span of colleagueSpans) {
    findings.push({
      kind: 'interviewer-name',
      severity: 'error',
      message: `"${quote(text, span)}" reads as a colleague named as the source of a view. Give the panel's view, not one person's, so the candidate's questions come to you.`,
      start: span.start,
      end: span.end,
      suggestion: "Write 'the panel' or 'we', e.g. 'We felt the wireless plan needed more work.'",
    });
  }
  const interviewerNameSpans = interviewerNames.flatMap((name) => {
    const pattern = phrasePattern(name);
    return pattern
      ? [...source.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
      : [];
  });
  const analysed = blankOut(source, [
    ...candidateNameSpans(source, candidateName),
    ...interviewerNameSpans,
    ...mentions.map((m) => m.span),
    ...colleagueSpans,
  ]);

  // Protected characteristics: every match is an error.
  const protectedFindings: FeedbackFinding[] = [];
  for (const rule of protectedRules) {
    for (const span of matchRule(analysed, rule)) {
      protectedFindings.push({
        kind: 'protected-characteristic',
        severity: 'error',
        message: protectedMessage(rule, quote(text, span)),
        start: span.start,
        end: span.end,
        suggestion: protectedSuggestion(rule),
      });
    }
  }
  const keptProtected = withoutOverlaps(protectedFindings);
  findings.push(...keptProtected);

  // Vague phrases, judged in their sentence and against the text as a whole.
  const sentences = splitSentences(analysed);
  const evidence = evidenceOf(sentences);
  const specificContent = evidence.strength || evidence.development;
  const sentenceAt = (offset: number) => sentences.find((s) => s.start <= offset && offset < s.end);
  const vagueFindings: FeedbackFinding[] = [];
  for (const rule of vagueRules) {
    if (rule.when === 'only-content' && specificContent) continue;
    for (const span of matchRule(analysed, rule)) {
      if (rule.when === 'unless-specific') {
        const sentence = sentenceAt(span.start);
        if (sentence && competencyPattern.test(sentence.text)) continue;
      }
      if (keptProtected.some((p) => overlaps(p, span))) continue;
      vagueFindings.push({
        kind: 'vague',
        severity: rule.when === 'only-content' ? 'warning' : 'error',
        message: rule.message,
        start: span.start,
        end: span.end,
        suggestion: vagueSuggestion,
      });
    }
  }
  findings.push(...mergeOverlaps(vagueFindings));

  // Tone: judgements of the person are errors, harsh words and absolutes warnings.
  const toneFindings: FeedbackFinding[] = [];
  for (const rule of toneRules) {
    for (const span of matchRule(analysed, rule)) {
      if (keptProtected.some((p) => overlaps(p, span))) continue;
      toneFindings.push({
        kind: 'tone',
        severity: rule.severity,
        message: `"${quote(text, span)}" ${rule.message}`,
        start: span.start,
        end: span.end,
        suggestion: rule.suggestion,
      });
    }
  }
  findings.push(...withoutOverlaps(toneFindings));

  // Second person that does not agree ("you was", "…but was unsure") or a sentence with no subject:
  // a candidate reads these as carelessness in a message meant to show care.
  for (const problem of secondPersonProblems(analysed, sentences)) {
    findings.push({
      kind: 'grammar',
      severity: 'warning',
      message: problem.message,
      start: problem.start,
      end: problem.end,
      suggestion: problem.suggestion,
    });
  }

  // Private notes repeated in the text.
  for (const span of privateNoteOverlaps(source, context.privateNotes ?? [])) {
    findings.push({
      kind: 'private-note-leak',
      severity: 'error',
      message:
        "This repeats an interviewer's private notes, which are never candidate-facing. Rewrite it from the scorecards' evidence.",
      start: span.start,
      end: span.end,
      suggestion: 'Keep to what the candidate did against the criteria, in your own words.',
    });
  }

  // A private note's remark about the person said again in other words ("you kept checking your phone").
  const copied = findings.filter((f) => f.kind === 'private-note-leak');
  for (const span of privateNoteEchoes(source, context.privateNotes ?? [])) {
    if (copied.some((f) => f.start < span.end && span.start < f.end)) continue;
    findings.push({
      kind: 'private-note-leak',
      severity: 'error',
      message:
        "This says again, in other words, what an interviewer's private note says about the candidate; private notes are never candidate-facing.",
      start: span.start,
      end: span.end,
      suggestion: 'Leave the remark out, or keep to what the candidate did against the criteria.',
    });
  }

  // Note-taking pasted into the letter ("candidate seemed nervous", "as noted"): a private note's voice.
  for (const span of noteStyleSpans(source)) {
    findings.push({
      kind: 'private-note-leak',
      severity: 'error',
      message: `"${quote(text, span)}" reads as an interviewer's note about the candidate, not a letter to them. Private notes are never candidate-facing.`,
      start: span.start,
      end: span.end,
      suggestion:
        "Write to the candidate from the scorecards' evidence, e.g. 'You checked the RF scan before choosing frequencies.'",
    });
  }

  // The text as a whole: strength, development area, next step, length.
  const whole = wholeSpan(text);
  if (!evidence.strength && !screening) {
    findings.push({
      kind: 'missing-strength',
      severity: 'error',
      message: 'No strength is named: say which criterion the candidate did well on and what you saw.',
      ...whole,
      suggestion:
        "e.g. 'Your RF plan was methodical: you scanned the room first and left guard bands between the IEMs and the radio mics.'",
    });
  }
  if (!evidence.development && !screening) {
    findings.push({
      kind: 'missing-development-area',
      severity: 'error',
      message: 'No development area is named: say which criterion held the candidate back and what you saw.',
      ...whole,
      suggestion:
        "e.g. 'Dante clocking is the area to develop: you could not yet say which device was leader or why the sample rates did not match.'",
    });
  }
  if (!evidence.action) {
    findings.push({
      kind: 'missing-action',
      // After an interview a next step is part of the promise, as a strength and a gap are; a
      // screening message may close without one.
      severity: screening ? 'warning' : 'error',
      message:
        'No concrete next step: point to a course, a certification, a practice task, or when to reapply.',
      ...whole,
      suggestion:
        "e.g. 'Dante Certification Level 2 (Audinate, online with a hands-on test) covers exactly this; we would welcome an application once you have it.'",
    });
  }
  const wordCount = wordTokens(text).length;
  if (wordCount < length.short) {
    // A short text that still names a real strength and a real development area (the model
    // sentence "Your troubleshooting methodology was strong, but developing client communication
    // skills would enhance your candidacy") is brief, not broken: a warning.
    const complete = !screening && evidence.strength && evidence.development;
    const tooShort = wordCount < (complete ? feedbackLength.completeTooShort : length.tooShort);
    findings.push({
      kind: 'length',
      severity: tooShort ? 'error' : 'warning',
      message: screening
        ? tooShort
          ? `At ${wordCount} words this is too short to give the candidate a reason and a next step.`
          : `At ${wordCount} words this is brief: check that the reason says what the role needs.`
        : tooShort
          ? `At ${wordCount} words this is too short to name a strength, a development area and a next step.`
          : `At ${wordCount} words this is brief: check that the strength and the development area each have the evidence behind them.`,
      ...whole,
      suggestion: screening
        ? 'Say what the role needs that the application did not show, and what would make a future application strong.'
        : 'Aim for 120–250 words: 1–3 strengths, 1–2 development areas, each with what you saw, and a next step.',
    });
  } else if (wordCount > length.long) {
    findings.push({
      kind: 'length',
      severity: 'warning',
      message: `At ${wordCount} words this is long: the candidate may not reach the part that matters.`,
      ...whole,
      suggestion: screening
        ? 'Keep to one or two reasons and a next step.'
        : 'Keep to 1–3 strengths and 1–2 development areas, each in a sentence or two.',
    });
  }

  findings.sort(
    (a, b) => a.start - b.start || a.end - b.end || kindOrder.get(a.kind)! - kindOrder.get(b.kind)!,
  );
  return { pass: !findings.some((f) => f.severity === 'error'), score: scoreOf(findings), findings };
}

/** The text without its surrounding whitespace (all of it when it is blank). */
function wholeSpan(text: string): Span {
  const start = text.search(/\S/);
  if (start === -1) return { start: 0, end: text.length };
  return { start, end: text.trimEnd().length };
}
