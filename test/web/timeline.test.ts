import { describe, expect, it } from 'vitest';
import { setDisplayTimeZone } from '../../web/src/lib/dates.ts';
import { timelineSummary } from '../../web/src/lib/timeline.ts';

describe('timeline summaries for people', () => {
  setDisplayTimeZone('Europe/London');

  it('does not repeat the label ("Stage: Stage: …")', () => {
    expect(timelineSummary('Stage', 'Stage: Applied → Interview')).toBe('Applied → Interview');
    expect(timelineSummary('Holding update', 'Holding update: decision by 2026-12-03')).toBe(
      'Decision by 3 December 2026',
    );
    expect(timelineSummary('Email', 'Email: Your interview')).toBe('Your interview');
  });

  it('shows machine times as dates and times in the venue zone', () => {
    expect(timelineSummary('Interview arranged', 'Interview arranged for 2026-11-30T11:00:00.000Z')).toBe(
      'Interview arranged for 30 November 2026, 11:00',
    );
    expect(timelineSummary('Interview arranged', 'Interview arranged for 2026-06-30T11:00:00.000Z')).toBe(
      'Interview arranged for 30 June 2026, 12:00',
    );
  });

  it('leaves other text alone', () => {
    expect(timelineSummary('Scorecard', 'Scorecard submitted by Ana')).toBe('Scorecard submitted by Ana');
  });
});

describe('the kind label before a summary', () => {
  it('is left out when the summary already says it', async () => {
    const { timelineLabel } = await import('../../web/src/lib/timeline.ts');
    expect(timelineLabel('Interview arranged', 'Interview arranged for 30 November 2026, 11:00')).toBeNull();
    expect(timelineLabel('Interview', 'Interview held')).toBeNull();
    expect(timelineLabel('Stage', 'Applied → Interview')).toBe('Stage');
  });
});
