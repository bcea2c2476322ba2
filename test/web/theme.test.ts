import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../web/src/lib/contrast.ts';
import { accessibleColors, primaryShade } from '../../web/src/lib/palette.ts';

const white = '#ffffff';
const names = Object.keys(accessibleColors);

describe('the theme meets WCAG 2.2 AA contrast (4.5:1) for text', () => {
  it('covers every colour the app uses for text or badges', () => {
    expect(names).toEqual(
      expect.arrayContaining(['gray', 'red', 'indigo', 'blue', 'cyan', 'teal', 'green', 'yellow', 'orange']),
    );
  });

  it('the filled shade (buttons, badges, links, coloured text) on white, and white on it', () => {
    for (const name of names) {
      expect(contrastRatio(accessibleColors[name]![primaryShade]!, white), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('light badges: shade 9 text on the shade 1 background', () => {
    for (const name of names) {
      const c = accessibleColors[name]!;
      expect(contrastRatio(c[9], c[1]), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('dimmed grey on white and on the grey panels', () => {
    const gray = accessibleColors.gray!;
    for (const bg of [white, gray[0], gray[1]])
      expect(contrastRatio(gray[6], bg)).toBeGreaterThanOrEqual(4.5);
  });

  it("Mantine's own grey, link blue and orange would fail: the check can fail", () => {
    expect(contrastRatio('#868e96', white)).toBeLessThan(4.5);
    expect(contrastRatio('#4c6ef5', white)).toBeLessThan(4.5);
    expect(contrastRatio('#d9480f', '#ffe8cc')).toBeLessThan(4.5);
  });
});
