// The demo complaints about tone and brevity, each reproduced: blunt evidence softened when composed,
// insults and brush-offs flagged by the check, and the short model sentence held to be brief, not broken.

import { describe, expect, it } from 'vitest';
import { checkFeedback } from './check.ts';
import { rephraseEvidence, soften } from './rephrase.ts';

const opening =
  'Thank you for interviewing for the AV Technician role. You traced the hum to a ground loop quickly and calmly, which was excellent.';

const toneSpans = (text: string) =>
  checkFeedback(text)
    .findings.filter((f) => f.kind === 'tone')
    .map((f) => ({ quote: text.slice(f.start, f.end), severity: f.severity }));

describe('softening blunt evidence', () => {
  it('keeps the fact of "swapped cables at random" and drops the judgement', () => {
    const [sentence] = rephraseEvidence('Swapped cables at random when the channel dropped.');
    expect(sentence).toBe(
      'You swapped cables without first isolating where the fault was when the channel dropped.',
    );
    expect(sentence).not.toMatch(/random/i);
  });

  it('turns "had no idea" and "panicked" into what happened', () => {
    expect(rephraseEvidence('Candidate had no idea what a subnet was.')).toEqual([
      'You were unsure what a subnet was.',
    ]);
    expect(rephraseEvidence('He panicked when the desk crashed.')).toEqual([
      'You lost some composure when the desk crashed.',
    ]);
  });

  it('drops a judgement of the person rather than softening it', () => {
    expect(rephraseEvidence('She was arrogant with the client.')).toEqual([]);
  });

  it('leaves plain evidence as it is', () => {
    const plainEvidence = 'You split the chain at the stage box and found the crossed tie line.';
    expect(soften(plainEvidence)).toBe(plainEvidence);
  });

  it('softened sentences pass the check the composer runs on them', () => {
    for (const evidence of [
      'Swapped cables at random.',
      'Fumbled the XLR locks.',
      'Rambled through the answer on DHCP.',
    ]) {
      for (const sentence of rephraseEvidence(evidence)) expect(toneSpans(sentence)).toEqual([]);
    }
  });
});

describe('insults and brush-offs', () => {
  it('flags "arrogant" and "poor" as verdicts on the candidate', () => {
    const text = `${opening} You came across as arrogant with the client and your cable management was poor. Try the Shure wireless course.`;
    const spans = toneSpans(text);
    expect(spans).toContainEqual({ quote: 'You came across as arrogant', severity: 'error' });
    expect(spans).toContainEqual({ quote: 'your cable management was poor', severity: 'error' });
    expect(checkFeedback(text).pass).toBe(false);
  });

  it('does not take "poor reception" (the kit) for a verdict', () => {
    const text = `${opening} Your RF co-ordination is the area to develop: you did not scan before choosing frequencies, so the poor reception upstage came as a surprise. A good next step is the Shure Wireless Workbench course.`;
    expect(toneSpans(text)).toEqual([]);
  });

  it('"Go and do a course" is a brush-off, not a next step', () => {
    const text = `${opening} Your RF co-ordination needs work: you did not scan the room before choosing frequencies. Go and do a course.`;
    const result = checkFeedback(text);
    expect(toneSpans(text)).toContainEqual({ quote: 'Go and do a course', severity: 'error' });
    expect(result.findings.map((f) => f.kind)).toContain('missing-action');
    expect(result.pass).toBe(false);
  });

  it('flags blunt evidence in hand-written text with the softer wording as the suggestion', () => {
    const text = `${opening} Your RF co-ordination needs work: you swapped cables at random when the channel dropped. The Shure Wireless Workbench course would give you a method.`;
    const finding = checkFeedback(text).findings.find((f) => f.kind === 'tone');
    expect(text.slice(finding!.start, finding!.end)).toBe('at random');
    expect(finding!.suggestion).toMatch(/without first isolating/);
  });
});

describe('brief but complete feedback', () => {
  const model =
    'Your troubleshooting methodology was strong, but developing client communication skills would enhance your candidacy.';

  it('reads the model sentence as brief, not "too short": only its missing next step fails it', () => {
    const result = checkFeedback(model);
    expect(result.pass).toBe(false);
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.kind)).toEqual([
      'missing-action',
    ]);
    expect(result.findings.find((f) => f.kind === 'length')?.severity).toBe('warning');
  });

  it('passes the model sentence with a next step', () => {
    const result = checkFeedback(
      `${model} A good next step would be to shadow a client-facing technician at your venue for a few events.`,
    );
    expect(result.pass).toBe(true);
    expect(result.findings.map((f) => f.kind)).not.toContain('missing-action');
  });

  it('passes other short texts that name a real strength, a real gap and a next step, in other words', () => {
    for (const text of [
      "You aligned the two projectors quickly; edge blending was new to you. Barco's free e-learning would be a good next step.",
      'Your rigging paperwork was thorough, but you were unsure how to derate a sling. An NRC rigging course would help.',
    ]) {
      const result = checkFeedback(text);
      expect(result.pass, text).toBe(true);
      expect(result.findings.map((f) => [f.kind, f.severity])).toEqual([['length', 'warning']]);
    }
  });

  it('fails a short text that praises the person, not the work', () => {
    const kinds = checkFeedback(
      'Great attitude and lovely to meet you. Keep at it and apply again.',
    ).findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['missing-strength', 'missing-development-area']));
  });

  it('still fails a short text with no development area', () => {
    const result = checkFeedback('Your troubleshooting methodology was strong. Thanks for coming in.');
    expect(result.pass).toBe(false);
    expect(result.findings.find((f) => f.kind === 'length')?.severity).toBe('error');
  });
});
